from datetime import datetime, timedelta
from unittest.mock import patch

from freezegun import freeze_time

from odoo import SUPERUSER_ID, Command, api
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import DirectoEventCommon


class DirectoEventReminderCommon(DirectoEventCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.cron = cls.env.ref("directo_event.ir_cron_directo_event_reminder")
        cls.template = cls.env.ref("directo_event.mail_template_directo_event_reminder")
        cls.user_events.tz = "Europe/Riga"
        cls.type_service = cls.env["directo.event.type"].create(
            {
                "name": "Test Service",
                "code": "T-SERVICE",
                "company_id": cls.company.id,
                "reminder_rule_ids": [
                    Command.create(
                        {
                            "interval_nbr": 1,
                            "interval_unit": "hours",
                            "direction": "before",
                            "anchor": "start",
                            "channel": "email",
                            "notify_user": True,
                        }
                    ),
                    Command.create(
                        {
                            "interval_nbr": 1,
                            "interval_unit": "days",
                            "direction": "after",
                            "anchor": "until",
                            "channel": "inbox",
                            "notify_user": True,
                        }
                    ),
                ],
            }
        )
        cls.rule_start, cls.rule_until = cls.type_service.reminder_rule_ids

    def _create_service(self, **values):
        values.setdefault("type_id", self.type_service.id)
        values.setdefault("user_id", self.user_events.id)
        values.setdefault("date_start", datetime(2026, 3, 10, 9, 0))
        values.setdefault("partner_id", self.partner_person.id)
        event = self._create_event(**values)
        self.env.flush_all()
        return event

    def _reminder(self, event, anchor):
        return event.reminder_ids.filtered(lambda r: r.anchor == anchor)

    def _reminder_mails(self, event):
        return self.env["mail.mail"].search(
            [
                ("model", "=", "directo.event"),
                ("res_id", "in", event.ids),
                ("subject", "ilike", "reminder"),
            ]
        )

    def _cron_triggers(self):
        return self.env["ir.cron.trigger"].search([("cron_id", "=", self.cron.id)])

    def _due_batch(self, count):
        """``count`` events, each with its start reminder due at 08:30 on
        2026-03-10 (the until reminders left out)."""
        with freeze_time("2026-03-01 08:00:00"):
            events = self.env["directo.event"].browse()
            for i in range(count):
                events |= self._create_service(
                    name=f"Batch event {i}",
                    date_start=datetime(2026, 3, 10, 9, 0) + timedelta(minutes=i),
                )
            events.reminder_ids.filtered(lambda r: r.anchor == "until").unlink()
        # what a commit would do (the creation's tracking), not to count it
        # in the cron's queries
        self.env.cr.flush()
        return events

    def _cron_queries(self):
        """Queries of one reminder cron run at 08:30 on 2026-03-10."""
        self.env.invalidate_all()
        with freeze_time("2026-03-10 08:30:00"):
            before = self.env.cr.sql_log_count
            self.env["directo.event.reminder"]._cron_send_reminders()
            self.env.flush_all()
            return self.env.cr.sql_log_count - before


@tagged("post_install", "-at_install", "directo_event", "directo_event_reminder")
class TestDirectoEventReminder(DirectoEventReminderCommon):
    @freeze_time("2026-03-01 08:00:00")
    def test_reminders_copied_from_type(self):
        event = self._create_service(date_until=datetime(2026, 3, 12).date())
        self.assertEqual(len(event.reminder_ids), 2)
        self.assertEqual(set(event.reminder_ids.mapped("state")), {"pending"})
        self.assertEqual(
            event.reminder_ids.template_id,
            self.template,
            "The rules use the shipped reminder template by default.",
        )
        # another type without rules: the unsent reminders go
        event.type_id = self.type_visit
        self.assertFalse(event.reminder_ids)
        event.type_id = self.type_service
        self.assertEqual(len(event.reminder_ids), 2)

    @freeze_time("2026-03-01 08:00:00")
    def test_due_dates(self):
        """Before/after the start and the until date (counted from the start
        of that day in the user's time zone, Riga is UTC+2 in winter)."""
        event = self._create_service(date_until=datetime(2026, 3, 12).date())
        event.reminder_ids = [
            Command.create(
                {
                    "interval_nbr": 30,
                    "interval_unit": "minutes",
                    "direction": "after",
                    "anchor": "start",
                }
            ),
            Command.create(
                {
                    "interval_nbr": 2,
                    "interval_unit": "days",
                    "direction": "before",
                    "anchor": "until",
                }
            ),
        ]
        self.assertEqual(
            sorted(event.reminder_ids.mapped("date_due")),
            [
                datetime(2026, 3, 9, 22, 0),  # 2 days before 12 March 00:00 Riga
                datetime(2026, 3, 10, 8, 0),  # 1 hour before the start
                datetime(2026, 3, 10, 9, 30),  # 30 minutes after the start
                datetime(2026, 3, 12, 22, 0),  # 1 day after 12 March 00:00 Riga
            ],
        )
        # no until date, no due date
        event.date_until = False
        self.assertEqual(self._reminder(event, "until").mapped("date_due"), [False] * 2)

    @freeze_time("2026-03-01 08:00:00")
    def test_cron_triggered_at_due_moment(self):
        self._cron_triggers().unlink()
        event = self._create_service(date_until=datetime(2026, 3, 12).date())
        self.assertEqual(
            set(self._cron_triggers().mapped("call_at")),
            {datetime(2026, 3, 10, 8, 0), datetime(2026, 3, 12, 22, 0)},
        )
        # moving the start reschedules the reminder and the cron
        event.date_start = datetime(2026, 3, 11, 9, 0)
        self.env.flush_all()
        self.assertEqual(
            self._reminder(event, "start").date_due, datetime(2026, 3, 11, 8, 0)
        )
        self.assertIn(
            datetime(2026, 3, 11, 8, 0), self._cron_triggers().mapped("call_at")
        )
        self.assertEqual(self.cron.interval_type, "days", "No minute polling.")

    def test_send_exactly_once(self):
        with freeze_time("2026-03-01 08:00:00"):
            event = self._create_service()
        reminder = self._reminder(event, "start")
        with freeze_time("2026-03-10 07:59:00"):
            self.env["directo.event.reminder"]._cron_send_reminders()
            self.assertEqual(reminder.state, "pending", "Not due yet.")
            self.assertFalse(self._reminder_mails(event))
        with freeze_time("2026-03-10 08:00:30"):
            self.env["directo.event.reminder"]._cron_send_reminders()
            self.env["directo.event.reminder"]._cron_send_reminders()
        self.assertEqual(reminder.state, "sent")
        self.assertEqual(reminder.date_sent, datetime(2026, 3, 10, 8, 0, 30))
        mail = self._reminder_mails(event)
        self.assertEqual(len(mail), 1, "Two cron runs send the reminder once.")
        self.assertEqual(mail.recipient_ids, self.user_events.partner_id)
        self.assertIn(event.ref, mail.subject)
        self.assertIn("Test event", mail.body_html)

    def test_send_rescheduled(self):
        with freeze_time("2026-03-01 08:00:00"):
            event = self._create_service()
            event.date_start = datetime(2026, 3, 11, 9, 0)
        reminder = self._reminder(event, "start")
        with freeze_time("2026-03-10 08:30:00"):
            self.env["directo.event.reminder"]._cron_send_reminders()
        self.assertEqual(reminder.state, "pending", "It was moved a day later.")
        with freeze_time("2026-03-11 08:30:00"):
            self.env["directo.event.reminder"]._cron_send_reminders()
        self.assertEqual(reminder.state, "sent")

    def test_missed_reminder_before_start_cancelled(self):
        """A reminder before a start that has passed is not sent late."""
        with freeze_time("2026-03-01 08:00:00"):
            event = self._create_service()
        with freeze_time("2026-03-10 10:00:00"):
            self.env["directo.event.reminder"]._cron_send_reminders()
        self.assertEqual(self._reminder(event, "start").state, "cancelled")
        self.assertFalse(self._reminder_mails(event))

    def test_closing_cancels_reopening_rearms(self):
        with freeze_time("2026-03-01 08:00:00"):
            event = self._create_service()
            reminder = self._reminder(event, "start")
            event.status_id = self.status_done
            self.assertEqual(reminder.state, "cancelled")
            self._cron_triggers().unlink()
            event.status_id = self.status_planned
            self.assertEqual(reminder.state, "pending")
            self.assertEqual(
                self._cron_triggers().mapped("call_at"), [datetime(2026, 3, 10, 8, 0)]
            )
            event.status_id = self.status_cancelled
        with freeze_time("2026-03-10 08:30:00"):
            self.env["directo.event.reminder"]._cron_send_reminders()
        self.assertEqual(reminder.state, "cancelled")
        self.assertFalse(self._reminder_mails(event))

    def test_archived_event_not_reminded(self):
        with freeze_time("2026-03-01 08:00:00"):
            event = self._create_service()
            event.action_archive()
        with freeze_time("2026-03-10 08:30:00"):
            self.env["directo.event.reminder"]._cron_send_reminders()
        self.assertEqual(self._reminder(event, "start").state, "pending")
        self.assertFalse(self._reminder_mails(event))

    def test_inbox_channel(self):
        with freeze_time("2026-03-01 08:00:00"):
            event = self._create_service(date_until=datetime(2026, 3, 12).date())
        with freeze_time("2026-03-12 22:30:00"):
            self.env["directo.event.reminder"]._cron_send_reminders()
        self.assertEqual(self._reminder(event, "until").state, "sent")
        message = self.env["mail.message"].search(
            [
                ("model", "=", "directo.event"),
                ("res_id", "=", event.id),
                ("message_type", "=", "user_notification"),
                ("subject", "ilike", "reminder"),
            ]
        )
        self.assertEqual(len(message), 1)
        self.assertEqual(message.partner_ids, self.user_events.partner_id)
        self.assertIn(
            self.user_events.partner_id,
            message.notification_ids.res_partner_id,
            "The user is notified (inbox or e-mail, as they prefer).",
        )

    def test_followers_and_contact(self):
        with freeze_time("2026-03-01 08:00:00"):
            event = self._create_service()
            event.message_subscribe(
                partner_ids=(self.user_manager.partner_id | self.partner_other).ids
            )
            reminder = self._reminder(event, "start")
            reminder.write(
                {"notify_user": False, "notify_followers": True, "notify_partner": True}
            )
        with freeze_time("2026-03-10 08:30:00"):
            self.env["directo.event.reminder"]._cron_send_reminders()
        mails = self._reminder_mails(event)
        self.assertEqual(len(mails), 2)
        internal = mails.filtered(lambda m: "Reminder:" in m.subject)
        self.assertEqual(
            internal.recipient_ids,
            self.user_events.partner_id | self.user_manager.partner_id,
            "Only the internal followers get the internal reminder.",
        )
        customer = mails - internal
        self.assertEqual(customer.recipient_ids, self.partner_person)
        self.assertIn("John Acme", customer.body_html)

    def test_batch_queries_do_not_grow(self):
        """A batch of reminders costs the same queries whatever its size:
        templates rendered once per language, mails created together."""
        # once first, for what is read once per process (fields, templates)
        self._due_batch(1)
        self._cron_queries()
        small = self._due_batch(3)
        small_queries = self._cron_queries()
        self.assertEqual(set(small.reminder_ids.mapped("state")), {"sent"})
        self.assertEqual(len(self._reminder_mails(small)), 3)
        large = self._due_batch(12)
        large_queries = self._cron_queries()
        self.assertEqual(set(large.reminder_ids.mapped("state")), {"sent"})
        mails = self._reminder_mails(large)
        self.assertEqual(len(mails), 12, "one e-mail per reminder")
        self.assertEqual(
            {mail.res_id: mail.subject for mail in mails},
            {event.id: f"Reminder: {event.ref} {event.name}" for event in large},
            "each e-mail is rendered for its own event",
        )
        self.assertEqual(large_queries, small_queries)

    def test_batch_with_broken_template(self):
        """A reminder whose e-mail cannot be rendered is left pending and
        logged; the others of its batch are sent."""
        events = self._due_batch(3)
        Template = type(self.env["mail.template"])
        render_field = Template._render_field

        def failing_render_field(template, field, res_ids, *args, **kwargs):
            if events[1].id in res_ids:
                raise ValueError("cannot render")
            return render_field(template, field, res_ids, *args, **kwargs)

        with (
            patch.object(Template, "_render_field", failing_render_field),
            mute_logger("odoo.addons.directo_event.models.directo_event_reminder"),
        ):
            self._cron_queries()
        self.assertEqual(
            [self._reminder(event, "start").state for event in events],
            ["sent", "pending", "sent"],
        )
        self.assertEqual(len(self._reminder_mails(events[0] | events[2])), 2)

    def test_concurrent_cron_runs_send_once(self):
        """Two workers (two real cursors) share the due reminders: a reminder
        one of them holds is skipped by the other, and each is sent once.
        These cursors commit: the data is removed afterwards."""
        registry = self.registry
        with registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            last_trigger_id = (
                env["ir.cron.trigger"].search([], order="id desc", limit=1).id
            )
            partner = env["res.partner"].create(
                {"name": "Locking Customer", "email": "locking@example.com"}
            )
            event = env["directo.event"].create(
                {
                    "name": "Locking test event",
                    "partner_id": partner.id,
                    "date_start": datetime.now() - timedelta(days=1),
                    "reminder_ids": [
                        Command.create(
                            {
                                "interval_nbr": 10,
                                "direction": "after",
                                "anchor": "start",
                                "notify_user": False,
                                "notify_partner": True,
                                "partner_template_id": env.ref(
                                    "directo_event."
                                    "mail_template_directo_event_reminder_partner"
                                ).id,
                            }
                        )
                        for _i in range(2)
                    ],
                }
            )
            partner_id, event_id = partner.id, event.id
            first, second = event.reminder_ids.ids
            cr.commit()  # pylint: disable=invalid-commit
        try:
            with registry.cursor() as cr_a, registry.cursor() as cr_b:
                env_a = api.Environment(cr_a, SUPERUSER_ID, {})
                env_b = api.Environment(cr_b, SUPERUSER_ID, {})
                # worker A takes the oldest due reminder
                taken_a = env_a["directo.event.reminder"]._lock_due_reminders(1)
                self.assertEqual(taken_a.ids, [first])
                # worker B's batch skips it, and sends the other one only
                taken_b = env_b["directo.event.reminder"]._lock_due_reminders(100)
                self.assertEqual(taken_b.ids, [second])
                env_b["directo.event.reminder"]._cron_send_reminders()
                cr_b.commit()  # pylint: disable=invalid-commit
                taken_a._send()
                cr_a.commit()  # pylint: disable=invalid-commit
            with registry.cursor() as cr:
                env = api.Environment(cr, SUPERUSER_ID, {})
                env["directo.event.reminder"]._cron_send_reminders()
                reminders = env["directo.event.reminder"].browse([first, second])
                self.assertEqual(reminders.mapped("state"), ["sent", "sent"])
                mails = env["mail.mail"].search(
                    [("model", "=", "directo.event"), ("res_id", "=", event_id)]
                )
                self.assertEqual(len(mails), 2, "One e-mail per reminder.")
                cr.rollback()
        finally:
            with registry.cursor() as cr:
                env = api.Environment(cr, SUPERUSER_ID, {})
                env["directo.event"].browse(event_id).unlink()
                env["res.partner"].browse(partner_id).unlink()
                env["ir.cron.trigger"].search([("id", ">", last_trigger_id)]).unlink()
                cr.commit()  # pylint: disable=invalid-commit
