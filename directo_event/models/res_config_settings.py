from odoo import api, fields, models


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
        string="Events Address",
        compute="_compute_directo_event_alias",
        inverse="_inverse_directo_event_alias",
        help="Local part of the address whose messages become events.",
    )
    directo_event_alias_domain_id = fields.Many2one(
        "mail.alias.domain",
        string="Events Address Domain",
        compute="_compute_directo_event_alias",
        inverse="_inverse_directo_event_alias",
    )
    directo_event_alias_contact = fields.Selection(
        [
            ("everyone", "Everyone"),
            ("partners", "Known contacts"),
            ("employees", "Internal users"),
        ],
        string="Accepted Senders",
        compute="_compute_directo_event_alias",
        inverse="_inverse_directo_event_alias",
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

    @api.depends("company_id")
    def _compute_directo_event_alias(self):
        for settings in self:
            alias = settings.company_id.directo_event_alias_id
            settings.directo_event_alias_prefix = alias.alias_name
            settings.directo_event_alias_domain_id = (
                alias.alias_domain_id if alias else settings.company_id.alias_domain_id
            )
            settings.directo_event_alias_contact = (
                settings.company_id.directo_event_alias_contact or "everyone"
            )

    def _inverse_directo_event_alias(self):
        for settings in self:
            settings.company_id._directo_event_set_alias(
                settings.directo_event_alias_prefix,
                settings.directo_event_alias_domain_id,
                settings.directo_event_alias_contact,
            )
