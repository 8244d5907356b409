from odoo import Command, api, fields, models
from odoo.tools import frozendict


# directo.event is split by feature (card, mail gateway, notifications,
# recurrence) to keep each file readable.
class DirectoEvent(models.Model):
    """Reminders of the events and the messages sent when an event enters a
    status."""

    _inherit = "directo.event"  # pylint: disable=consider-merging-classes-inherited

    reminder_ids = fields.One2many(
        "directo.event.reminder",
        "event_id",
        string="Reminders",
        compute="_compute_reminder_ids",
        store=True,
        readonly=False,
    )

    @api.depends("type_id")
    def _compute_reminder_ids(self):
        """Copy the reminders of the type when the event gets or changes its
        type, like an onchange. Sent reminders stay; unsent ones are replaced
        by the rules of the new type. Changing the rules of a type does not
        touch existing events."""
        for event in self:
            if not event.type_id:
                continue
            to_remove = event.reminder_ids.filtered(lambda r: r._origin.state != "sent")
            kept_values = {
                frozendict(r._prepare_rule_values())
                for r in event.reminder_ids - to_remove
            }
            commands = [Command.unlink(r.id) for r in to_remove]
            for rule in event.type_id.reminder_rule_ids:
                values = rule._prepare_reminder_values()
                if frozendict(values) not in kept_values:
                    commands.append(Command.create(values))
            if commands:
                event.reminder_ids = commands

    # ------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------

    def write(self, vals):
        was_closed = {}
        if "status_id" in vals:
            was_closed = {event.id: event.is_closed for event in self}
        res = super().write(vals)
        if "status_id" in vals:
            self._update_reminders_on_status(was_closed)
        return res

    # ------------------------------------------------------------
    # MAIL
    # ------------------------------------------------------------

    def _track_template(self, changes):
        """Send the template of the status the event enters to its contact
        (the standard way: in the language the template's ``lang`` gives, by
        default the contact's)."""
        res = super()._track_template(changes)
        event = self[0]
        template = event.status_id.mail_template_id
        contact = event._status_mail_recipients().get("contact")
        if "status_id" in changes and template and contact:
            res["status_id"] = (
                template,
                {
                    "composition_mode": "comment",
                    "partner_ids": contact.ids,
                    "subtype_id": self.env["ir.model.data"]._xmlid_to_res_id(
                        "mail.mt_note"
                    ),
                    "auto_delete_keep_log": False,
                    "email_layout_xmlid": "mail.mail_notification_light",
                },
            )
        return res

    def _message_track_post_template(self, changes):
        """Also send the status template to the event's user, in the user's
        language (``_track_template`` renders in a single language per
        record, the contact's)."""
        res = super()._message_track_post_template(changes)
        if len(self) != 1 or not changes or "status_id" not in changes:
            return res
        template = self.status_id.mail_template_id
        user_partner = self._status_mail_recipients().get("user")
        if template and user_partner:
            lang = user_partner.lang or self.env.lang or "en_US"
            subject = template._render_field("subject", self.ids, set_lang=lang)
            body = template._render_field("body_html", self.ids, set_lang=lang)
            self.message_post(
                subject=subject[self.id],
                body=body[self.id],
                partner_ids=user_partner.ids,
                message_type="auto_comment",
                subtype_xmlid="mail.mt_note",
                email_layout_xmlid="mail.mail_notification_light",
            )
        return res

    # ------------------------------------------------------------
    # BUSINESS
    # ------------------------------------------------------------

    def _update_reminders_on_status(self, was_closed):
        """Cancel the pending reminders of the events that closed; re-arm the
        future ones of the events that reopened."""
        now = fields.Datetime.now()
        closed = self.filtered("is_closed")
        closed.reminder_ids.filtered(lambda r: r.state == "pending").write(
            {"state": "cancelled"}
        )
        reopened = (self - closed).filtered(lambda e: was_closed.get(e.id))
        reopened.reminder_ids.filtered(
            lambda r: r.state == "cancelled" and r.date_due and r.date_due > now
        ).write({"state": "pending"})

    def _status_mail_recipients(self):
        """The partners that the status template goes to, by kind: the
        event's user and/or its contact (the contact person if set)."""
        self.ensure_one()
        recipient = self.status_id.mail_recipient or "contact"
        recipients = {}
        if recipient in ("user", "both") and self.user_id:
            recipients["user"] = self.user_id.partner_id
        contact = self.contact_person_id or self.partner_id
        if recipient in ("contact", "both") and contact:
            recipients["contact"] = contact
        return recipients

    # ------------------------------------------------------------
    # TOOLS
    # ------------------------------------------------------------

    def _get_directo_tz(self):
        """Time zone the event's days are counted in: its user's, else its
        company's, else UTC."""
        self.ensure_one()
        return self.user_id.tz or self.company_id.partner_id.tz or "UTC"
