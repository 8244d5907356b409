import base64
from datetime import timedelta

from odoo import fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common_mail import DOMAIN_ONE, EVENTS_ONE, DirectoEventMailCommon

MUTED = (
    "odoo.addons.mail.models.mail_thread",
    "odoo.addons.mail.models.mail_alias",
    "odoo.addons.directo_event.models.mail_thread",
    "odoo.sql_db",
)


@tagged("post_install", "-at_install", "directo_event", "directo_event_mail")
class TestDirectoEventMailIntake(DirectoEventMailCommon):
    """The intake log: every message to an events address, what became of it,
    processing again after a fix, and the purge of raw messages."""

    def test_intake_log_line(self):
        raw = self._raw(
            subject="Logged message",
            email_from="Jane Customer <jane.customer@customer.example.com>",
            msg_id="<logged-message@customer.example.com>",
        )
        before = fields.Datetime.now().replace(microsecond=0)
        intake = self._process(raw)
        self.assertRecordValues(
            intake,
            [
                {
                    "message_id": "<logged-message@customer.example.com>",
                    "email_from": "Jane Customer <jane.customer@customer.example.com>",
                    "email_to": EVENTS_ONE,
                    "subject": "Logged message",
                    "state": "new",
                    "company_id": self.company.id,
                    "alias_id": self.alias_one.id,
                    "raw_size": len(raw),
                    "raw_purged": False,
                    "attempt_count": 1,
                }
            ],
        )
        self.assertEqual(intake.event_id.name, "Logged message")
        self.assertGreaterEqual(intake.date_received, before)
        self.assertEqual(
            base64.b64decode(intake.with_context(bin_size=False).raw_message), raw
        )
        action = intake.action_open_event()
        self.assertEqual(action["res_id"], intake.event_id.id)

    def test_intake_only_events_addresses(self):
        """Mail to the events address in Delivered-To only (a Bcc) is logged;
        mail to other addresses is none of the log's business."""
        intake = self._send(
            subject="Blind copy to events",
            to="someone@customer.example.com",
            extra=f"Delivered-To: {EVENTS_ONE}\n",
        )
        self.assertEqual(intake.state, "new")
        Intake = self.env["directo.event.intake"]
        count = Intake.search_count([])
        with (
            mute_logger(*MUTED),
            self.assertRaises(ValueError),
        ):
            self._process(
                self._raw(subject="Not for events", to=f"nobody@{DOMAIN_ONE}")
            )
        self.assertEqual(Intake.search_count([]), count)

    def test_blind_copy_through_postfix(self):
        """A blind copy to the events address that Postfix delivers through
        a virtual alias to a local pipe (the README's set-up) names the events
        address only in X-Original-To: it still becomes an event."""
        for header in ("X-Original-To", "Envelope-To"):
            with self.subTest(header=header):
                subject = f"Blind copy, {header}"
                intake = self._send(
                    subject=subject,
                    to="someone@customer.example.com",
                    extra=f"Delivered-To: odoo-events@localhost\n"
                    f"{header}: {EVENTS_ONE}\n",
                )
                self.assertEqual(intake.state, "new")
                self.assertEqual(intake.event_id.name, subject)
                self.assertEqual(intake.event_id.company_id, self.company)
                self.assertEqual(intake.event_id.status_id, self.status_planned)

    def test_intake_managers_only(self):
        intake = self._send(subject="Private log")
        self.assertEqual(
            intake.with_user(self.user_manager).read(["subject"])[0]["subject"],
            "Private log",
        )
        with self.assertRaises(AccessError):
            intake.with_user(self.user_events).read(["subject"])

    @mute_logger(*MUTED)
    def test_failure_replayed_after_fix(self):
        """A settings mistake makes processing fail: the message is kept with
        the error and makes its event once the settings are fixed."""
        # a default type of another company cannot be used by this company
        self.company.directo_event_default_type_id = self.type_other_company
        with self.enter_registry_test_mode():
            intake = self._send(subject="Failing until fixed")
        self.assertEqual(intake.state, "failed")
        self.assertTrue(intake.error)
        self.assertFalse(intake.event_id)
        self.assertFalse(
            self.env["directo.event"].search([("name", "=", "Failing until fixed")])
        )
        # the fix, then processing again
        self.company.directo_event_default_type_id = self.type_note
        intake.with_user(self.user_manager).action_process_again()
        self.assertEqual(intake.state, "new")
        self.assertFalse(intake.error)
        self.assertEqual(intake.attempt_count, 2)
        self.assertEqual(intake.event_id.name, "Failing until fixed")
        self.assertEqual(intake.event_id.type_id, self.type_note)
        self.assertEqual(
            self.env["directo.event.intake"].search_count(
                [("message_id", "=", intake.message_id)]
            ),
            1,
            "processing again does not log the message twice",
        )

    def test_replay_refused(self):
        intake = self._send(subject="Already an event")
        with self.assertRaises(UserError):
            intake.with_user(self.user_manager).action_process_again()
        self.assertEqual(
            self.env["directo.event"].search_count([("name", "=", "Already an event")]),
            1,
        )
        robot = self._send(subject="Robot", extra="Auto-Submitted: auto-replied\n")
        robot.write({"raw_message": False, "raw_purged": True})
        with self.assertRaises(UserError):
            robot.with_user(self.user_manager).action_process_again()

    def test_purge_raw_messages(self):
        self.company.directo_event_intake_retention_days = 30
        self.company_other.directo_event_intake_retention_days = 0
        old = self._send(subject="Old message")
        recent = self._send(subject="Recent message")
        old_other = self._send(
            subject="Old message of the other company",
            to="events@directo-two.example.com",
        )
        (old | old_other).write(
            {"date_received": fields.Datetime.now() - timedelta(days=31)}
        )
        recent.date_received = fields.Datetime.now() - timedelta(days=29)

        self.env["directo.event.intake"]._cron_purge_raw_messages()

        self.assertTrue(old.raw_purged)
        self.assertFalse(old.raw_message)
        self.assertEqual(old.event_id.name, "Old message", "the log line stays")
        self.assertEqual(old.subject, "Old message")
        self.assertFalse(recent.raw_purged)
        self.assertTrue(recent.with_context(bin_size=False).raw_message)
        self.assertFalse(old_other.raw_purged, "0 days keeps raw messages forever")
        self.assertTrue(old_other.with_context(bin_size=False).raw_message)
