from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    directo_event_default_type_id = fields.Many2one(
        related="company_id.directo_event_default_type_id", readonly=False
    )
    directo_event_default_status_id = fields.Many2one(
        related="company_id.directo_event_default_status_id", readonly=False
    )
