from odoo import api, fields, models
from odoo.exceptions import AccessError, ValidationError


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
    directo_event_recurrence_horizon = fields.Integer(
        string="Recurrence Horizon",
        default=60,
        help="How many days ahead the occurrences of recurring events are created.",
    )
    # e-mail in
    directo_event_alias_id = fields.Many2one(
        "mail.alias",
        string="Events Address",
        copy=False,
        ondelete="set null",
        help="Messages sent to this address become events of the company.",
    )
    directo_event_alias_prefix = fields.Char(
        string="Events Address Name",
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
        default="everyone",
        required=True,
    )
    directo_event_create_partner = fields.Boolean(
        string="Create Contacts for Unknown Senders",
        default=True,
    )
    directo_event_acknowledge = fields.Boolean(
        string="Acknowledge E-mailed Events",
        help="Send the sender of a new e-mailed event an acknowledgement. Never "
        "sent to automatic mail.",
    )
    directo_event_acknowledge_template_id = fields.Many2one(
        "mail.template",
        string="Acknowledgement Template",
        domain="[('model', '=', 'directo.event')]",
        help="Empty: the acknowledgement shipped with the app.",
    )
    directo_event_reopen_on_reply = fields.Boolean(
        string="Reopen Closed Events on Reply",
        default=True,
        help="A customer's reply to a closed event puts it back in its first open "
        "status.",
    )
    directo_event_thread_days = fields.Integer(
        string="Thread by Subject (days)",
        default=7,
        help="A message without threading headers, from the same sender and with "
        "the same subject (reply prefixes stripped) as an open event created in "
        "these last days, is added to that event. 0 turns it off.",
    )
    directo_event_intake_retention_days = fields.Integer(
        string="Keep Raw Messages (days)",
        default=90,
        help="The raw source of logged incoming messages is removed after these "
        "days; the log lines stay. 0 keeps them forever.",
    )

    @api.depends("directo_event_alias_id", "alias_domain_id")
    def _compute_directo_event_alias(self):
        for company in self:
            alias = company.directo_event_alias_id.sudo()
            company.directo_event_alias_prefix = alias.alias_name
            company.directo_event_alias_domain_id = (
                alias.alias_domain_id if alias else company.alias_domain_id
            )

    def _inverse_directo_event_alias(self):
        for company in self:
            company._directo_event_set_alias(
                company.directo_event_alias_prefix,
                company.directo_event_alias_domain_id,
                company.directo_event_alias_contact,
            )

    @api.model
    def _directo_event_settings_fields(self):
        """The company's fields an Events Manager may change without the
        Settings rights (from Events > Configuration > Settings)."""
        return {
            fname
            for fname in self._fields
            if fname.startswith("directo_event_") and fname != "directo_event_alias_id"
        }

    def write(self, vals):
        """Events Managers change their companies' events settings, and only
        them, without the rights on companies that Odoo's Settings need."""
        companies = self
        user = self.env.user
        if (
            vals
            and not self.env.su
            and set(vals) <= self._directo_event_settings_fields()
            and user.has_group("directo_event.directo_event_group_manager")
            and not user.has_group("base.group_erp_manager")
        ):
            if self - user.company_ids:
                raise AccessError(
                    self.env._(
                        "You can change the events settings of your own companies only."
                    )
                )
            companies = self.sudo()
        res = super(ResCompany, companies).write(vals)
        if "directo_event_alias_contact" in vals and not {
            "directo_event_alias_prefix",
            "directo_event_alias_domain_id",
        } & set(vals):
            # who may write to the address: Odoo's alias checks it too
            for company in companies.filtered("directo_event_alias_id"):
                company.directo_event_alias_id.sudo().alias_contact = (
                    company._directo_event_alias_contact()
                )
        return res

    def _directo_event_action_settings(self):
        """Events > Configuration > Settings: Odoo's Settings page for who may
        open it, else the events settings of the current company."""
        if self.env.user.has_group("base.group_system"):
            return self.env["ir.actions.act_window"]._for_xml_id(
                "directo_event.res_config_settings_action"
            )
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Events Settings"),
            "res_model": "directo.event.settings",
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "current",
        }

    @api.constrains(
        "directo_event_recurrence_horizon",
        "directo_event_thread_days",
        "directo_event_intake_retention_days",
    )
    def _check_directo_event_days(self):
        for company in self:
            if not 0 <= company.directo_event_recurrence_horizon <= 3660:
                raise ValidationError(
                    self.env._(
                        "Recurring events are created from 0 to 3660 days "
                        "(10 years) ahead."
                    )
                )
            if company.directo_event_thread_days < 0:
                raise ValidationError(
                    self.env._(
                        "The days for threading by subject cannot be negative "
                        "(0 turns it off)."
                    )
                )
            if company.directo_event_intake_retention_days < 0:
                raise ValidationError(
                    self.env._(
                        "The days raw messages are kept cannot be negative (0 "
                        "keeps them forever)."
                    )
                )

    # ------------------------------------------------------------
    # BUSINESS
    # ------------------------------------------------------------

    def _directo_event_set_alias(self, prefix, alias_domain, contact):
        """Create, update or remove the company's events address. The address
        carries only the company in its defaults; the other defaults are read
        from the company when a message arrives, so they stay current."""
        self.ensure_one()
        alias = self.directo_event_alias_id.sudo()
        self.directo_event_alias_contact = contact or "everyone"
        if not prefix:
            self.directo_event_alias_id = False
            alias.unlink()
            return
        values = {
            "alias_name": prefix,
            "alias_domain_id": alias_domain.id or self.alias_domain_id.id,
            "alias_contact": self._directo_event_alias_contact(),
            "alias_model_id": self.env["ir.model"]._get_id("directo.event"),
            "alias_defaults": repr({"company_id": self.id}),
        }
        if alias:
            alias.write(values)
        else:
            self.directo_event_alias_id = self.env["mail.alias"].sudo().create(values)

    def _directo_event_alias_contact(self):
        """The events address's ``alias_contact``: Odoo's aliases know
        "everyone" and "known contacts"; internal users only is checked by
        directo.event._alias_get_error."""
        self.ensure_one()
        if self.directo_event_alias_contact in (False, "everyone"):
            return "everyone"
        return "partners"
