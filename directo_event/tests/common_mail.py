import time
from pathlib import Path
from random import randint

from odoo.addons.mail.tests.common import MailCommon

from .common import DirectoEventCommon

CORPUS = Path(__file__).parent / "data" / "mail"

DOMAIN_ONE = "directo-one.example.com"
DOMAIN_TWO = "directo-two.example.com"
EVENTS_ONE = f"events@{DOMAIN_ONE}"
EVENTS_TWO = f"events@{DOMAIN_TWO}"
CALLS_ONE = f"calls@{DOMAIN_ONE}"

MESSAGE = """Return-Path: {return_path}
From: {email_from}
To: {to}
Cc: {cc}
Subject: {subject}
Date: {date}
Message-ID: {msg_id}
In-Reply-To: {in_reply_to}
References: {references}
MIME-Version: 1.0
{extra}Content-Type: multipart/alternative; boundary="----=_Part_4200734_2477"

------=_Part_4200734_2477
Content-Type: text/plain; charset=utf-8
Content-Transfer-Encoding: 8bit

{body}

------=_Part_4200734_2477
Content-Type: text/html; charset=utf-8
Content-Transfer-Encoding: 8bit

<html><body><p>{body}</p></body></html>

------=_Part_4200734_2477--
"""


class DirectoEventMailCommon(DirectoEventCommon, MailCommon):
    """Two companies, each with its own alias domain and events address, a
    type with its own address, and helpers to feed messages to the gateway
    (through ``mail.thread.message_process``, hence the module's intake log)
    while outgoing mail (bounces, acknowledgements) is captured."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # the tests send many messages from a few senders
        cls.env["ir.config_parameter"].sudo().set_param(
            "mail.gateway.loop.threshold", 50
        )

        # one alias domain per company
        AliasDomain = cls.env["mail.alias.domain"]
        cls.alias_domain_one = AliasDomain.create(
            {
                "name": DOMAIN_ONE,
                "bounce_alias": "bounce",
                "catchall_alias": "catchall",
                "default_from": "notifications",
            }
        )
        cls.alias_domain_two = AliasDomain.create(
            {
                "name": DOMAIN_TWO,
                "bounce_alias": "bounce",
                "catchall_alias": "catchall",
                "default_from": "notifications",
            }
        )
        cls.company.write(
            {
                "alias_domain_id": cls.alias_domain_one.id,
                "email": f"office@{DOMAIN_ONE}",
            }
        )
        cls.company_other.write(
            {
                "alias_domain_id": cls.alias_domain_two.id,
                "email": f"office@{DOMAIN_TWO}",
            }
        )

        # each company: its own events address (same prefix) and defaults
        cls.company.write(
            {
                "directo_event_default_type_id": cls.type_note.id,
                "directo_event_default_status_id": cls.status_planned.id,
            }
        )
        cls.company._directo_event_set_alias("events", cls.alias_domain_one, "everyone")
        cls.company_other.write(
            {
                "directo_event_default_type_id": cls.type_other_company.id,
                "directo_event_default_status_id": cls.status_waiting.id,
            }
        )
        cls.company_other._directo_event_set_alias(
            "events", cls.alias_domain_two, "everyone"
        )
        cls.alias_one = cls.company.directo_event_alias_id
        cls.alias_two = cls.company_other.directo_event_alias_id

        # a type with its own address and default status
        cls.type_call.write(
            {
                "alias_name": "calls",
                "alias_domain_id": cls.alias_domain_one.id,
                "default_status_id": cls.status_in_progress.id,
            }
        )

        # senders: internal users with distinct addresses
        cls.user_events.write({"email": f"ellen.events@{DOMAIN_ONE}"})
        cls.user_manager.write({"email": f"mark.manager@{DOMAIN_ONE}"})
        cls.user_portal.write({"email": "paula.portal@customer.example.com"})

        # acknowledgement template used when a company turns acknowledgements on
        cls.ack_template = cls.env["mail.template"].create(
            {
                "name": "Test Events Acknowledgement",
                "model_id": cls.env["ir.model"]._get_id("directo.event"),
                "subject": "Received: {{ object.name }}",
                "body_html": "<p>We registered your request "
                '<t t-out="object.ref"/>.</p>',
                "email_from": "{{ object.company_id.email_formatted }}",
                "email_to": "{{ object.email }}",
                "use_default_to": False,
                "auto_delete": False,
            }
        )

    def setUp(self):
        super().setUp()
        # capture every outgoing mail (bounces, acknowledgements) of the test
        gateway = self.mock_mail_gateway()
        gateway.__enter__()  # noqa: PLC2801
        self.addCleanup(gateway.__exit__, None, None, None)

    # ------------------------------------------------------------
    # TOOLS
    # ------------------------------------------------------------

    @staticmethod
    def _eml(name):
        """The raw bytes of a message of the corpus."""
        return (CORPUS / name).read_bytes()

    @staticmethod
    def _msg_id():
        return f"<{time.time():.7f}-{randint(0, 99998):05d}-test@directo.example.com>"

    def _raw(
        self,
        subject="Boiler is leaking",
        email_from="Jane Customer <jane.customer@customer.example.com>",
        to=EVENTS_ONE,
        body="The boiler in the basement is leaking.",
        **values,
    ):
        """A plain Thunderbird-like message, as bytes."""
        values.setdefault("msg_id", self._msg_id())
        values.setdefault("return_path", "<bounces@customer.example.com>")
        values.setdefault("date", "Tue, 01 Dec 2026 09:15:00 +0200")
        values.setdefault("cc", "")
        values.setdefault("in_reply_to", "")
        values.setdefault("references", "")
        values.setdefault("extra", "")
        raw = MESSAGE.format(
            subject=subject, email_from=email_from, to=to, body=body, **values
        )
        # drop the headers left empty
        lines = [
            line
            for line in raw.replace("\r\n", "\n").split("\n")
            if not line.endswith(": ") or line.startswith("Content")
        ]
        return "\r\n".join(lines).encode()

    def _process(self, raw):
        """Feed a raw message to the mail gateway as the mail fetcher does
        (as the superuser) and return the intake log lines it wrote."""
        Intake = self.env["directo.event.intake"]
        last = Intake.search([], order="id desc", limit=1).id or 0
        self.env["mail.thread"].sudo().message_process(False, raw)
        return Intake.search([("id", ">", last)])

    def _send(self, **values):
        """Build and process a message; return its intake log line."""
        intake = self._process(self._raw(**values))
        self.assertEqual(len(intake), 1, "every message is logged once")
        return intake

    def _bounces(self):
        """The bounces sent since the mail mock was last reset."""
        return self._new_mails.filtered(
            lambda mail: "MAILER-DAEMON" in (mail.email_from or "")
        )
