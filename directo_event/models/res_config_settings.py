from odoo import models


class ResConfigSettings(models.TransientModel):
    """Settings > Events: the company's events settings (see the mixin)."""

    _name = "res.config.settings"
    _inherit = ["res.config.settings", "directo.event.settings.mixin"]
