from odoo import api, fields, models

REMINDER_ANCHORS = [
    ("start", "Start"),
    ("until", "Until Date"),
]
REMINDER_UNITS = [
    ("minutes", "Minutes"),
    ("hours", "Hours"),
    ("days", "Days"),
]
REMINDER_DIRECTIONS = [
    ("before", "Before"),
    ("after", "After"),
]
REMINDER_CHANNELS = [
    ("email", "E-mail"),
    ("inbox", "Odoo Inbox"),
]


class DirectoEventReminderRule(models.Model):
    """A reminder an event type gives to its events; the events copy the rules
    into their own, editable reminders (``directo.event.reminder``)."""

    _name = "directo.event.reminder.rule"
    _description = "Event Type Reminder"
    _order = "type_id, sequence, id"

    @api.model
    def _default_template_id(self):
        return self.env.ref(
            "directo_event.mail_template_directo_event_reminder",
            raise_if_not_found=False,
        )

    @api.model
    def _default_partner_template_id(self):
        return self.env.ref(
            "directo_event.mail_template_directo_event_reminder_partner",
            raise_if_not_found=False,
        )

    type_id = fields.Many2one(
        "directo.event.type", required=True, index=True, ondelete="cascade"
    )
    company_id = fields.Many2one(related="type_id.company_id", store=True)
    sequence = fields.Integer(default=10)
    # when
    anchor = fields.Selection(
        REMINDER_ANCHORS,
        default="start",
        required=True,
        help="Moment the reminder is counted from. The until date counts from "
        "the start of that day in the event user's time zone.",
    )
    interval_nbr = fields.Integer(string="Offset", default=1, required=True)
    interval_unit = fields.Selection(
        REMINDER_UNITS, string="Unit", default="hours", required=True
    )
    direction = fields.Selection(REMINDER_DIRECTIONS, default="before", required=True)
    # how and to whom
    channel = fields.Selection(
        REMINDER_CHANNELS,
        default="email",
        required=True,
        help="E-mail sends the reminder by e-mail; Odoo Inbox notifies the "
        "recipients in Odoo. The contact is always reminded by e-mail.",
    )
    notify_user = fields.Boolean(string="Event User", default=True)
    notify_followers = fields.Boolean(
        string="Followers", help="Internal followers of the event."
    )
    notify_partner = fields.Boolean(
        string="Contact",
        help="Also remind the event's contact by e-mail, with the customer-facing "
        "template.",
    )
    template_id = fields.Many2one(
        "mail.template",
        default=_default_template_id,
        domain="[('model', '=', 'directo.event')]",
        ondelete="restrict",
        help="Template of the reminder sent to the users.",
    )
    partner_template_id = fields.Many2one(
        "mail.template",
        string="Contact Template",
        default=_default_partner_template_id,
        domain="[('model', '=', 'directo.event')]",
        ondelete="restrict",
        help="Template of the reminder sent to the contact.",
    )

    _interval_nbr_positive = models.Constraint(
        "CHECK (interval_nbr >= 0)", "The offset of a reminder cannot be negative."
    )

    # ------------------------------------------------------------
    # TOOLS
    # ------------------------------------------------------------

    @api.model
    def _get_reminder_fields(self):
        """Fields a rule copies into the reminders of the events; bridges
        add their recipient flags here."""
        return [
            "sequence",
            "anchor",
            "interval_nbr",
            "interval_unit",
            "direction",
            "channel",
            "notify_user",
            "notify_followers",
            "notify_partner",
            "template_id",
            "partner_template_id",
        ]

    def _prepare_reminder_values(self):
        """Values of the event reminder copied from this rule."""
        self.ensure_one()
        values = {}
        for fname in self._get_reminder_fields():
            value = self[fname]
            is_record = isinstance(value, models.BaseModel)
            values[fname] = value.id if is_record else value
        return values
