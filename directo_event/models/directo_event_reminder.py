import logging
from collections import defaultdict
from datetime import datetime, time

import pytz
from dateutil.relativedelta import relativedelta

from odoo import Command, api, fields, models, modules
from odoo.tools import SQL, groupby

from .directo_event_reminder_rule import (
    REMINDER_ANCHORS,
    REMINDER_CHANNELS,
    REMINDER_DIRECTIONS,
    REMINDER_UNITS,
)

_logger = logging.getLogger(__name__)

REMINDER_STATES = [
    ("pending", "Pending"),
    ("sent", "Sent"),
    ("cancelled", "Cancelled"),
]


class DirectoEventReminder(models.Model):
    """A reminder of one event, copied from its type's rules and editable on
    the event. A cron sends it once, when it is due (``date_due``)."""

    _name = "directo.event.reminder"
    _description = "Event Reminder"
    _order = "event_id, sequence, id"
    _rec_name = "event_id"

    event_id = fields.Many2one(
        "directo.event", required=True, index=True, ondelete="cascade"
    )
    company_id = fields.Many2one(related="event_id.company_id", store=True)
    sequence = fields.Integer(default=10)
    # when
    anchor = fields.Selection(REMINDER_ANCHORS, default="start", required=True)
    interval_nbr = fields.Integer(string="Offset", default=1, required=True)
    interval_unit = fields.Selection(
        REMINDER_UNITS, string="Unit", default="hours", required=True
    )
    direction = fields.Selection(REMINDER_DIRECTIONS, default="before", required=True)
    date_due = fields.Datetime(
        string="Due",
        compute="_compute_date_due",
        store=True,
        index=True,
        help="When the reminder is sent.",
    )
    # how and to whom
    channel = fields.Selection(REMINDER_CHANNELS, default="email", required=True)
    notify_user = fields.Boolean(string="Event User", default=True)
    notify_followers = fields.Boolean(string="Followers")
    notify_partner = fields.Boolean(string="Contact")
    template_id = fields.Many2one(
        "mail.template",
        domain="[('model', '=', 'directo.event')]",
        ondelete="restrict",
    )
    partner_template_id = fields.Many2one(
        "mail.template",
        string="Contact Template",
        domain="[('model', '=', 'directo.event')]",
        ondelete="restrict",
    )
    # progress
    state = fields.Selection(
        REMINDER_STATES, default="pending", required=True, copy=False, index=True
    )
    date_sent = fields.Datetime(string="Sent On", readonly=True, copy=False)

    _interval_nbr_positive = models.Constraint(
        "CHECK (interval_nbr >= 0)", "The offset of a reminder cannot be negative."
    )

    @api.depends(
        "event_id.date_start",
        "event_id.date_until",
        "event_id.user_id.tz",
        "anchor",
        "interval_nbr",
        "interval_unit",
        "direction",
    )
    def _compute_date_due(self):
        for reminder in self:
            anchor = reminder._get_anchor_datetime()
            if not anchor:
                reminder.date_due = False
                continue
            delta = relativedelta(**{reminder.interval_unit: reminder.interval_nbr})
            reminder.date_due = (
                anchor - delta if reminder.direction == "before" else anchor + delta
            )
        # saved reminders only: an onchange must not wake the cron up
        self.filtered("id")._schedule_sending()

    # ------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------

    def write(self, vals):
        res = super().write(vals)
        if vals.get("state") == "pending":
            self._schedule_sending()
        return res

    # ------------------------------------------------------------
    # BUSINESS
    # ------------------------------------------------------------

    def _schedule_sending(self):
        """Wake the reminder cron exactly when the pending reminders of
        ``self`` are due (now for the overdue ones): no polling."""
        now = fields.Datetime.now().replace(microsecond=0)
        dates = {
            max(reminder.date_due, now)
            for reminder in self
            if reminder.state == "pending" and reminder.date_due
        }
        cron = self.env.ref(
            "directo_event.ir_cron_directo_event_reminder", raise_if_not_found=False
        )
        if dates and cron:
            cron._trigger(at=sorted(dates))

    def _prepare_rule_values(self):
        """The values of the reminder that a type's rule sets, to compare the
        reminder with the rules."""
        self.ensure_one()
        values = {}
        for fname in self.env["directo.event.reminder.rule"]._get_reminder_fields():
            value = self[fname]
            is_record = isinstance(value, models.BaseModel)
            values[fname] = value._origin.id if is_record else value
        return values

    def _send(self):
        """Send the reminders of ``self`` now and mark them sent, in the same
        transaction. A reminder before a moment that has already passed (the
        cron was stopped, the event was moved) is cancelled instead.

        Batched: each template is rendered once per language for all the
        events that use it, and the e-mails are created together, so that a
        batch costs the same number of queries whatever its size."""
        now = fields.Datetime.now()
        late = self.filtered(
            lambda r: r.direction == "before"
            and (not r._get_anchor_datetime() or r._get_anchor_datetime() <= now)
        )
        late.write({"state": "cancelled"})
        reminders = self - late
        # (channel, template, lang) -> [(reminder, partners)]
        jobs = defaultdict(list)
        for reminder in reminders:
            partners = reminder._reminder_recipient_partners()
            if reminder.channel == "email":
                partners = partners.filtered("email")
            for lang, lang_partners in groupby(partners, key=lambda p: p.lang):
                jobs[reminder.channel, reminder.template_id, lang].append(
                    (reminder, lang_partners)
                )
            contact = reminder._reminder_contact()
            if contact:
                jobs["email", reminder.partner_template_id, contact.lang].append(
                    (reminder, [contact])
                )
        mail_values = []
        for (channel, template, lang), todo in jobs.items():
            if not template:
                continue
            events = self.env["directo.event"].union(*(r.event_id for r, _p in todo))
            rendered = self._render_template(template, lang, events)
            # for all the events at once (mail.message would ask one by one)
            reply_to = events.sudo()._notify_get_reply_to()
            for reminder, partners in todo:
                event = reminder.event_id
                subject, body, email_from = rendered[event.id]
                if channel == "inbox":
                    event.message_notify(
                        partner_ids=[p.id for p in partners],
                        subject=subject,
                        body=body,
                        email_layout_xmlid="mail.mail_notification_light",
                    )
                    continue
                email_from = (
                    email_from
                    or event.company_id.email_formatted
                    or self.env.user.email_formatted
                )
                mail_values.append(
                    {
                        "subject": subject,
                        "body_html": body,
                        "email_from": email_from,
                        "reply_to": reply_to.get(event.id) or email_from,
                        "recipient_ids": [Command.link(p.id) for p in partners],
                        "model": event._name,
                        "res_id": event.id,
                        "auto_delete": template.auto_delete,
                    }
                )
        self.env["mail.mail"].sudo().create(mail_values)
        reminders.write({"state": "sent", "date_sent": now})
        if reminders:
            _logger.info(
                "Sent reminders %s of events %s", reminders.ids, reminders.event_id.ids
            )

    def _reminder_recipient_partners(self):
        """Internal partners to remind with the reminder's template. Bridge
        modules add theirs (e.g. the employee's user in directo_event_hr)."""
        self.ensure_one()
        event = self.event_id
        partners = self.env["res.partner"]
        if self.notify_user:
            partners |= event.user_id.partner_id
        if self.notify_followers:
            partners |= event.message_partner_ids.filtered(
                lambda p: any(not user.share for user in p.user_ids)
            )
        return partners

    def _reminder_contact(self):
        """The contact reminded with the customer-facing template, if opted
        in: the contact person, or else the contact."""
        self.ensure_one()
        if not self.notify_partner:
            return self.env["res.partner"]
        event = self.event_id
        contact = event.contact_person_id or event.partner_id
        return contact if contact.email else self.env["res.partner"]

    @api.model
    def _render_template(self, template, lang, events):
        """{event id: (subject, body, sender)} of ``template`` rendered for
        ``events`` in ``lang``, in one rendering per field."""
        lang = lang or self.env.lang or "en_US"
        subjects = template._render_field("subject", events.ids, set_lang=lang)
        bodies = template._render_field("body_html", events.ids, set_lang=lang)
        senders = (
            template._render_field("email_from", events.ids)
            if template.email_from
            else {}
        )
        return {
            event_id: (subjects[event_id], bodies[event_id], senders.get(event_id))
            for event_id in events.ids
        }

    # ------------------------------------------------------------
    # CRON
    # ------------------------------------------------------------

    @api.model
    def _cron_send_reminders(self, batch_size=100):
        """Send the due reminders, ``batch_size`` at a time, committing after
        each batch. Rows are locked with ``FOR UPDATE SKIP LOCKED`` and marked
        sent in the transaction that creates their mail, so two workers never
        send the same reminder twice."""
        auto_commit = not modules.module.current_test
        failed_ids = set()
        while True:
            reminders = self._lock_due_reminders(batch_size, exclude_ids=failed_ids)
            if not reminders:
                break
            try:
                with self.env.cr.savepoint():
                    reminders._send()
            except Exception:  # noqa: BLE001
                # one broken reminder (e.g. its template) must not hold back
                # the others: send the batch one by one to find it
                for reminder in reminders:
                    try:
                        with self.env.cr.savepoint():
                            reminder._send()
                    except Exception:
                        _logger.exception(
                            "Could not send the event reminder %s", reminder.id
                        )
                        failed_ids.add(reminder.id)
            if auto_commit:
                remaining = self.search_count(self._get_due_domain())
                time_left = self.env["ir.cron"]._commit_progress(
                    len(reminders), remaining=remaining
                )
                if not time_left:
                    break

    # ------------------------------------------------------------
    # TOOLS
    # ------------------------------------------------------------

    def _get_anchor_datetime(self):
        """The moment (naive UTC) the offset counts from."""
        self.ensure_one()
        event = self.event_id
        if self.anchor == "start":
            return event.date_start
        if not event.date_until:
            return False
        tz = pytz.timezone(event._get_directo_tz())
        local = tz.localize(datetime.combine(event.date_until, time.min))
        return local.astimezone(pytz.utc).replace(tzinfo=None)

    @api.model
    def _get_due_domain(self):
        return [
            ("state", "=", "pending"),
            ("date_due", "<=", fields.Datetime.now()),
            ("event_id.active", "=", True),
            ("event_id.is_closed", "=", False),
        ]

    @api.model
    def _lock_due_reminders(self, limit, exclude_ids=()):
        """Lock and return up to ``limit`` due reminders that no other
        transaction holds (``FOR UPDATE SKIP LOCKED``), oldest first. Never
        those of archived or closed events."""
        self.env["directo.event.reminder"].flush_model(["state", "date_due"])
        self.env["directo.event"].flush_model(["active", "is_closed"])
        exclude = (
            SQL("AND r.id NOT IN %s", tuple(exclude_ids)) if exclude_ids else SQL()
        )
        rows = self.env.execute_query(
            SQL(
                """
                SELECT r.id
                  FROM directo_event_reminder r
                  JOIN directo_event e ON e.id = r.event_id
                 WHERE r.state = 'pending'
                   AND r.date_due <= %(now)s
                   AND e.active
                   AND e.is_closed IS NOT TRUE
                   %(exclude)s
                 ORDER BY r.date_due, r.id
                 LIMIT %(limit)s
                   FOR UPDATE OF r SKIP LOCKED
                """,
                now=fields.Datetime.now(),
                exclude=exclude,
                limit=limit,
            )
        )
        reminders = self.browse([row[0] for row in rows])
        # another worker may have changed them since this transaction read them
        reminders.invalidate_recordset(["state"])
        return reminders
