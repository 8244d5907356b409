"""The real ways mail reaches events: Odoo's own ``odoo-mailgate.py``, as
shipped, piping a message to the running server over XML-RPC, and
``fetchmail.server`` reading a real (private) Dovecot IMAP server."""

import subprocess
import sys
from email import message_from_bytes
from email.message import EmailMessage
from email.utils import make_msgid
from pathlib import Path
from unittest.mock import patch

import psycopg2

from odoo.tests import HttpCase, TransactionCase, new_test_user, tagged

import odoo.addons.mail

from .dovecot import Dovecot

DOMAIN = "directo-paths.example.com"
EVENTS = f"events@{DOMAIN}"
GATEWAY_PASSWORD = "Gateway-Pa55word"
IMAP_PASSWORD = "imap-secret"


def make_message(subject, email_from, to=EVENTS, body="Please come and have a look."):
    """A message as a mail client writes it: bytes, RFC 2047 headers,
    quoted-printable body (pure ASCII on the wire)."""
    message = EmailMessage()
    message["From"] = email_from
    message["To"] = to
    message["Subject"] = subject
    message["Date"] = "Tue, 01 Dec 2026 09:15:00 +0200"
    message["Message-ID"] = make_msgid(domain="customer.example.com")
    message.set_content(body, cte="quoted-printable")
    return bytes(message)


class MailPathsMixin:
    """The company's events address on its own alias domain and a known
    contact, for the tests of this file."""

    @classmethod
    def _setup_events_address(cls):
        domain = cls.env["mail.alias.domain"].create(
            {"name": DOMAIN, "bounce_alias": "bounce", "catchall_alias": "catchall"}
        )
        cls.company = cls.env.company
        cls.company.alias_domain_id = domain
        cls.company._directo_event_set_alias("events", domain, "everyone")
        cls.partner = cls.env["res.partner"].create(
            {"name": "Jānis Bērziņš", "email": "janis@customer.example.com"}
        )

    def _intake(self, message):
        """The intake log line of a message (bytes)."""
        message_id = message_from_bytes(message)["Message-ID"]
        return self.env["directo.event.intake"].search(
            [("message_id", "=", message_id)]
        )


@tagged("post_install", "-at_install", "directo_event", "directo_event_mail_paths")
class TestDirectoEventMailgate(MailPathsMixin, HttpCase):
    """An MTA pipes a message into Odoo's own odoo-mailgate.py."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_events_address()
        cls.user_gateway = new_test_user(
            cls.env,
            "de_mailgate",
            # Odoo's gateway writes the alias's status on its first message
            # (mail.thread._message_route_process): an administrator
            groups="base.group_user,base.group_system",
            name="Mail Gateway",
            password=GATEWAY_PASSWORD,
        )
        cls.mailgate = (
            Path(odoo.addons.mail.__path__[0]) / "static/scripts/odoo-mailgate.py"
        )

    def _pipe(self, message):
        """Run odoo-mailgate.py as Postfix's pipe would, the message on its
        standard input; return the finished process."""
        self.assertTrue(self.mailgate.is_file(), f"{self.mailgate} is missing")
        self.env.flush_all()
        with (
            self.allow_requests(all_requests=True),
            # Odoo 19 warns on every XML-RPC call (deprecated, removed in 22)
            self.assertLogs("odoo.addons.rpc.controllers.xmlrpc", "WARNING"),
        ):
            process = subprocess.run(
                [
                    sys.executable,
                    str(self.mailgate),
                    "--host=127.0.0.1",
                    f"--port={self.http_port()}",
                    "-d",
                    self.env.cr.dbname,
                    "-u",
                    str(self.user_gateway.id),
                    "-p",
                    GATEWAY_PASSWORD,
                ],
                input=message,
                capture_output=True,
                timeout=120,
                check=False,
            )
        self.env.invalidate_all()
        return process

    def test_mailgate_new_event(self):
        message = make_message(
            "Katls tek: lūdzu, pārbaudiet", "Jānis Bērziņš <janis@customer.example.com>"
        )
        process = self._pipe(message)
        self.assertEqual(process.returncode, 0, process.stderr.decode())

        event = self.env["directo.event"].search(
            [("name", "=", "Katls tek: lūdzu, pārbaudiet")]
        )
        self.assertEqual(len(event), 1)
        self.assertEqual(event.partner_id, self.partner)
        self.assertEqual(event.email, "janis@customer.example.com")
        self.assertEqual(event.company_id, self.company)
        self.assertIn("Please come and have a look.", str(event.description))
        intake = self._intake(message)
        self.assertEqual(intake.state, "new")
        self.assertEqual(intake.event_id, event)
        self.assertEqual(intake.alias_id, self.company.directo_event_alias_id)

    def test_mailgate_unknown_address(self):
        """Mail to no Odoo address makes the script exit with EX_NOUSER (67):
        Postfix bounces it ("alias does not exist in odoo")."""
        message = make_message(
            "Not for us", "janis@customer.example.com", to=f"nobody@{DOMAIN}"
        )
        with self.assertLogs("odoo.http", "ERROR"):  # the refused RPC call
            process = self._pipe(message)
        self.assertEqual(process.returncode, 67, process.stderr.decode())
        self.assertIn(b"alias does not exist", process.stderr)
        self.assertFalse(self._intake(message))

    def test_mailgate_wrong_password(self):
        """A wrong password makes the script fail, so that the MTA bounces the
        message; Odoo records nothing. The script would exit with EX_NOPERM
        (77) on an "Access denied" fault, but Odoo 19 answers "Access Denied":
        it exits with EX_SOFTWARE (70)."""
        message = make_message("Wrong password", "janis@customer.example.com")
        self.user_gateway.password = "Another-Pa55word"
        process = self._pipe(message)
        self.assertEqual(process.returncode, 70, process.stderr.decode())
        self.assertIn(b"xmlrpclib.Fault", process.stderr)
        self.assertFalse(self._intake(message))
        self.assertFalse(
            self.env["directo.event"].search([("name", "=", "Wrong password")])
        )


@tagged("post_install", "-at_install", "directo_event", "directo_event_mail_paths")
class TestDirectoEventFetchmail(MailPathsMixin, TransactionCase):
    """fetchmail.server reads a real IMAP server (a private Dovecot)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # no Dovecot: DovecotError, the class fails (never skips)
        cls.dovecot = Dovecot().start()
        cls.addClassCleanup(cls.dovecot.stop)
        cls._setup_events_address()
        cls.server = cls.env["fetchmail.server"].create(
            {
                "name": "Events mailbox",
                "server_type": "imap",
                "server": "127.0.0.1",
                "port": cls.dovecot.port,
                "is_ssl": False,
                "password": IMAP_PASSWORD,
            }
        )

    def setUp(self):
        super().setUp()
        # a fresh mailbox for each test
        self.login = f"events-{self._testMethodName}"
        self.dovecot.add_user(self.login, IMAP_PASSWORD)
        self.server.user = self.login
        self.server.button_confirm_login()
        self.assertEqual(self.server.state, "done")

    def _fetch(self):
        """Fetch as the Fetch Now button does. Fetchmail commits after each
        message, in its own cursor: in test mode those are test cursors whose
        commits are savepoints of the test's transaction."""
        with self.enter_registry_test_mode(), self.registry.cursor() as cr:
            self.server.with_env(self.server.env(cr=cr)).fetch_mail()

    def _seen(self):
        return self.dovecot.seen_by_subject(self.login, IMAP_PASSWORD)

    def _event(self, name):
        return self.env["directo.event"].search([("name", "=", name)])

    def test_fetchmail_imap_new_events(self):
        known = make_message("Boiler is leaking", "janis@customer.example.com")
        unknown = make_message(
            "Door does not close", "Anna Ozola <anna.ozola@newcustomer.example.com>"
        )
        self.dovecot.deliver(self.login, known)
        self.dovecot.deliver(self.login, unknown)
        self.assertEqual(
            self._seen(), {"Boiler is leaking": False, "Door does not close": False}
        )

        self._fetch()

        self.assertEqual(
            self._seen(), {"Boiler is leaking": True, "Door does not close": True}
        )
        boiler = self._event("Boiler is leaking")
        door = self._event("Door does not close")
        self.assertEqual(len(boiler), 1)
        self.assertEqual(boiler.partner_id, self.partner)
        self.assertEqual(len(door), 1)
        self.assertEqual(door.partner_id.email, "anna.ozola@newcustomer.example.com")
        self.assertEqual(door.partner_id.name, "Anna Ozola")
        for message, event in ((known, boiler), (unknown, door)):
            intake = self._intake(message)
            self.assertEqual(intake.state, "new")
            self.assertEqual(intake.event_id, event)
        self.assertFalse(self.server.error_message)

        # a second run finds nothing new
        self._fetch()
        self.assertEqual(len(self._event("Boiler is leaking")), 1)

    def test_fetchmail_done_only_once_committed(self):
        """A message for events whose transaction is rolled back (here: the
        commit after its processing fails) stays unread on the server and is
        made into an event on the next run; the other messages are done."""
        self.dovecot.deliver(
            self.login, make_message("Boiler is leaking", "janis@customer.example.com")
        )
        broken = make_message("Broken commit", "janis@customer.example.com")
        self.dovecot.deliver(self.login, broken)
        self.dovecot.deliver(
            self.login, make_message("Window is broken", "janis@customer.example.com")
        )

        IrCron = type(self.env["ir.cron"])
        commit_progress = IrCron._commit_progress
        failed = []

        def _commit_progress(cron, processed=0, **kwargs):
            if (
                processed
                and not failed
                and cron.env["directo.event"].search_count(
                    [("name", "=", "Broken commit")]
                )
            ):
                failed.append(True)
                raise psycopg2.OperationalError("could not serialize (simulated)")
            return commit_progress(cron, processed, **kwargs)

        with (
            patch.object(IrCron, "_commit_progress", _commit_progress),
            self.assertLogs(
                "odoo.addons.directo_event.models.fetchmail_server", "WARNING"
            ) as logs,
        ):
            self._fetch()

        self.assertTrue(failed)
        self.assertIn("left unread", logs.output[0])
        self.assertEqual(
            self._seen(),
            {
                "Boiler is leaking": True,
                "Broken commit": False,
                "Window is broken": True,
            },
        )
        self.assertEqual(len(self._event("Boiler is leaking")), 1)
        self.assertEqual(len(self._event("Window is broken")), 1)
        self.assertFalse(self._event("Broken commit"), "its transaction rolled back")
        self.assertFalse(self._intake(broken))

        # the next run makes the event and only then marks the message done
        self._fetch()
        self.assertEqual(
            self._seen(),
            {
                "Boiler is leaking": True,
                "Broken commit": True,
                "Window is broken": True,
            },
        )
        self.assertEqual(len(self._event("Broken commit")), 1)
        self.assertEqual(self._intake(broken).state, "new")
        self.assertEqual(len(self._event("Boiler is leaking")), 1)

    def test_fetchmail_other_mail_keeps_odoo_behaviour(self):
        """A message that is not for events and that Odoo cannot route is
        marked done as Odoo does, so that it does not come back on every run;
        a failure inside the events gateway is kept in the intake log and the
        message is done too."""
        self.dovecot.deliver(
            self.login,
            make_message(
                "Not for us", "janis@customer.example.com", to="nobody@elsewhere.test"
            ),
        )
        failing = make_message("Gateway breaks", "janis@customer.example.com")
        self.dovecot.deliver(self.login, failing)
        Event = type(self.env["directo.event"])
        message_new = Event.message_new

        def _message_new(model, msg_dict, custom_values=None):
            if msg_dict.get("subject") == "Gateway breaks":
                raise ValueError("simulated failure in message_new")
            return message_new(model, msg_dict, custom_values=custom_values)

        with (
            patch.object(Event, "message_new", _message_new),
            self.assertLogs("odoo.addons.directo_event.models.mail_thread", "WARNING"),
        ):
            self._fetch()

        self.assertEqual(self._seen(), {"Not for us": True, "Gateway breaks": True})
        intake = self._intake(failing)
        self.assertEqual(intake.state, "failed")
        self.assertIn("simulated failure in message_new", intake.error)
        self.assertFalse(self._event("Gateway breaks"))
