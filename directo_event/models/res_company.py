from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    directo_event_default_type_id = fields.Many2one(
        "directo.event.type",
        string="Default Event Type",
        domain="[('company_id', 'in', [id, False])]",
        help="Type of events created without one, e.g. from incoming e-mail.",
    )
    directo_event_default_status_id = fields.Many2one(
        "directo.event.status",
        string="Default Event Status",
        help="Status of events created without one, e.g. from incoming e-mail.",
    )
