from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    directo_event_default_type_id = fields.Many2one(
        related="company_id.directo_event_default_type_id", readonly=False
    )
    directo_event_default_status_id = fields.Many2one(
        related="company_id.directo_event_default_status_id", readonly=False
    )
    directo_event_recurrence_horizon = fields.Integer(
        related="company_id.directo_event_recurrence_horizon", readonly=False
    )
    directo_event_resource_calendar_id = fields.Many2one(
        related="company_id.resource_calendar_id",
        readonly=False,
        string="Working Schedule",
    )
    # e-mail in: the company's events address
    directo_event_alias_prefix = fields.Char(
        related="company_id.directo_event_alias_prefix", readonly=False
    )
    directo_event_alias_domain_id = fields.Many2one(
        related="company_id.directo_event_alias_domain_id", readonly=False
    )
    directo_event_alias_contact = fields.Selection(
        related="company_id.directo_event_alias_contact", readonly=False
    )
    directo_event_create_partner = fields.Boolean(
        related="company_id.directo_event_create_partner", readonly=False
    )
    directo_event_acknowledge = fields.Boolean(
        related="company_id.directo_event_acknowledge", readonly=False
    )
    directo_event_acknowledge_template_id = fields.Many2one(
        related="company_id.directo_event_acknowledge_template_id", readonly=False
    )
    directo_event_reopen_on_reply = fields.Boolean(
        related="company_id.directo_event_reopen_on_reply", readonly=False
    )
    directo_event_thread_days = fields.Integer(
        related="company_id.directo_event_thread_days", readonly=False
    )
    directo_event_intake_retention_days = fields.Integer(
        related="company_id.directo_event_intake_retention_days", readonly=False
    )
