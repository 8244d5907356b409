from odoo import fields, models


class DirectoEventSettingsMixin(models.AbstractModel):
    """The events settings of a company, as Odoo's Settings page and the
    Events Managers' settings form show them."""

    _name = "directo.event.settings.mixin"
    _description = "Events Settings Fields"

    company_id = fields.Many2one(
        "res.company",
        required=True,
        default=lambda self: self.env.company,
    )
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


class DirectoEventSettings(models.TransientModel):
    """Events > Configuration > Settings for Events Managers without the
    Settings rights: the events settings of their current company (res.company
    lets them write those fields, see its write)."""

    _name = "directo.event.settings"
    _inherit = "directo.event.settings.mixin"
    _description = "Events Settings"

    company_id = fields.Many2one(readonly=True)

    def _compute_display_name(self):
        for settings in self:
            settings.display_name = self.env._("Events Settings")

    def action_save(self):
        """The form saved the settings before calling this: say so."""
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success",
                "message": self.env._(
                    "The events settings of %s are saved.", self.company_id.name
                ),
            },
        }
