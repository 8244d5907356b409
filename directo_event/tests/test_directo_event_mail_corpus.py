import base64
import csv
import email
import email.message
import email.policy
import email.utils
from collections import Counter
from datetime import UTC
from unittest.mock import patch

from odoo.tests import tagged
from odoo.tools import mute_logger

from .common_mail import CORPUS, EVENTS_ONE, DirectoEventMailCommon

MUTED = (
    "odoo.addons.mail.models.mail_thread",
    "odoo.addons.directo_event.models.mail_thread",
    "odoo.sql_db",
)


def _expected():
    with (CORPUS / "expected.csv").open(encoding="utf-8", newline="") as file:
        return {row["file"]: row for row in csv.DictReader(file)}


def _header(raw, name):
    """A header of a raw message, read as leniently as a mail client does."""
    return email.message_from_bytes(raw, policy=email.policy.compat32).get(name)


@tagged("post_install", "-at_install", "directo_event", "directo_event_mail")
class TestDirectoEventMailCorpus(DirectoEventMailCommon):
    """Every message of the corpus (real client shapes, Baltic charsets,
    automatic mail and hostile input) either becomes a correct event or is
    kept out, and is logged either way."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # acknowledgements on: they must reach people, never robots
        (cls.company | cls.company_other).write(
            {
                "directo_event_acknowledge": True,
                "directo_event_acknowledge_template_id": cls.ack_template.id,
            }
        )

    def test_corpus_is_complete(self):
        """Every message of the corpus folder has an expected outcome."""
        files = {path.name for path in CORPUS.glob("*.eml")}
        self.assertEqual(files, set(_expected()))
        self.assertGreaterEqual(len(files), 30)

    @mute_logger(*MUTED)
    def test_corpus(self):
        expected = _expected()
        companies = {"one": self.company, "two": self.company_other}
        counts = Counter()
        for name in sorted(expected):
            row = expected[name]
            raw = (CORPUS / name).read_bytes()
            with self.subTest(file=name):
                self._init_mail_mock()
                intake = self._process(raw)
                self.assertEqual(len(intake), 1, "each message is logged once")
                counts[intake.state] += 1
                self.assertEqual(intake.state, row["outcome"], intake.reason)
                # the log keeps the message as it came, whatever its outcome
                self.assertTrue(intake.date_received)
                self.assertEqual(intake.raw_size, len(raw))
                self.assertEqual(
                    base64.b64decode(intake.with_context(bin_size=False).raw_message),
                    raw,
                )
                sender = email.utils.parseaddr(_header(raw, "From") or "")[1]
                if sender:
                    self.assertIn(sender, intake.email_from)
                if row["outcome"] == "new":
                    self._check_new_event(intake, raw, row, companies[row["company"]])
                    acks = self._new_mails.filtered(
                        lambda mail, sender=sender: sender and sender in mail.email_to
                    )
                    self.assertEqual(len(acks), 1 if sender else 0)
                    continue
                self.assertFalse(intake.event_id)
                self.assertFalse(
                    self._new_mails, "no acknowledgement nor bounce to a robot"
                )
                if row["outcome"] == "kept_out":
                    self.assertTrue(intake.reason)
                else:
                    self.assertTrue(intake.error)
        # the numbers of the closing note
        self.assertEqual(
            dict(counts),
            dict(Counter(row["outcome"] for row in expected.values())),
        )
        self.assertEqual(counts, Counter(new=26, kept_out=9))

    def _check_new_event(self, intake, raw, row, company):
        event = intake.event_id
        self.assertEqual(len(event), 1)
        self.assertEqual(event.name, row["title"])
        self.assertEqual(intake.company_id, company)
        self.assertEqual(event.company_id, company)
        self.assertEqual(event.type_id, company.directo_event_default_type_id)
        self.assertEqual(event.status_id, company.directo_event_default_status_id)
        self.assertFalse(event.user_id, "sent by no internal user")
        date = email.utils.parsedate_to_datetime(_header(raw, "Date"))
        self.assertEqual(event.date_start, date.astimezone(UTC).replace(tzinfo=None))
        self.assertNotIn("<script", event.description or "")
        sender = email.utils.parseaddr(_header(raw, "From") or "")[1]
        if sender:
            self.assertEqual(event.partner_id.email_normalized, sender.lower())
            self.assertEqual(event.email, sender.lower())
        else:
            self.assertFalse(event.partner_id)
        # the message itself is in the event's chatter
        self.assertTrue(event.message_ids.filtered(lambda m: m.message_type == "email"))

    # ------------------------------------------------------------
    # what the user reads on the event
    # ------------------------------------------------------------

    def _event(self, name):
        intake = self._process(self._eml(name))
        self.assertEqual(intake.state, "new", intake.reason or intake.error)
        return intake.event_id

    def test_outlook_latvian(self):
        event = self._event("outlook_lv_utf8.eml")
        self.assertEqual(event.name, "Kondicionieris nedarbojas birojā")
        self.assertIn("Brīvības ielā 12. Tas čīkst un neatdzesē.", event.description)
        self.assertNotIn("MsoNormal", event.description, "Outlook's styles go")
        self.assertEqual(event.partner_id.name, "Jānis Bērziņš")
        self.assertEqual(event.email, "janis.berzins@klients.example.lv")
        self.assertEqual(str(event.date_start), "2026-12-01 07:15:00")

    def test_gmail_estonian(self):
        event = self._event("gmail_et_utf8.eml")
        self.assertEqual(event.name, "Õhksoojuspump ei tööta")
        self.assertIn("palun saatke tehnik Tartusse", event.description)
        self.assertEqual(event.partner_id.name, "Mari Tamm")
        # Date: Wed, 2 Dec 2026 10:30:00 +0200
        self.assertEqual(str(event.date_start), "2026-12-02 08:30:00")

    def test_legacy_charsets(self):
        latvian = "Lūdzu, nomainiet ūdens sildītāju. Paldies, Ģirts Šķēle, Liepāja"
        estonian = "Palun vahetage ukse lukk. Tänan, Jüri Õunapuu, Pärnu"
        for name, title, text, sender in (
            ("lv_iso8859_13.eml", "Ūdens sildītājs Liepājā", latvian, "Ģirts Šķēle"),
            ("lv_windows1257_html.eml", "Ūdens sildītājs Liepājā", latvian, None),
            ("et_iso8859_15.eml", "Ukse lukk Pärnus, šahti žalusii", estonian, None),
            ("et_iso8859_4.eml", "Ukse lukk Pärnus, šahti žalusii", estonian, None),
        ):
            with self.subTest(file=name):
                event = self._event(name)
                self.assertEqual(event.name, title)
                self.assertIn(text, event.description)
                if sender:
                    self.assertEqual(event.partner_id.name, sender)
        self.assertEqual(
            self.env["res.partner"]
            .search([("email", "=", "juri.ounapuu@vana.example.ee")])
            .name,
            "Jüri Õunapuu",
        )

    def test_html_scripts_sanitized(self):
        event = self._event("html_script.eml")
        description = event.description
        for bad in ("<script", "alert(", "onload", "onerror", "javascript:", "iframe"):
            self.assertNotIn(bad, description)
        self.assertIn("Regards, Harry", description)
        body = event.message_ids.filtered(lambda m: m.message_type == "email").body
        self.assertNotIn("<script", body)
        self.assertNotIn("javascript:", body)

    def test_attachments_in_linked_files(self):
        event = self._event("applemail_attachment.eml")
        self.assertEqual(event.attachment_ids.mapped("name"), ["akts.pdf"])
        self.assertEqual(event.attachment_count, 1)
        self.assertTrue(event.attachment_ids.raw.startswith(b"%PDF-1.1"))
        self.assertIn("pieņemšanas akts parakstīšanai", event.description)

    def test_inline_images_not_in_linked_files(self):
        event = self._event("applemail_inline_image.eml")
        self.assertEqual(event.attachment_ids.mapped("name"), ["leping.pdf"])
        self.assertEqual(event.attachment_count, 1)
        # the picture still shows in the message
        message = event.message_ids.filtered(lambda m: m.message_type == "email")
        self.assertIn("/web/image/", message.body)
        self.assertNotIn("cid:", message.body)

    def test_many_attachments(self):
        event = self._event("many_attachments.eml")
        self.assertEqual(event.attachment_count, 30)
        self.assertEqual(
            sorted(event.attachment_ids.mapped("name")),
            [f"line-{index:02d}.txt" for index in range(1, 31)],
        )

    def test_missing_subject_and_sender(self):
        event = self._event("no_subject.eml")
        self.assertEqual(event.name, "(no subject)")
        self.assertIn("printer on the second floor", event.description)
        event = self._event("no_from.eml")
        self.assertFalse(event.partner_id)
        self.assertFalse(event.email)

    @mute_logger(*MUTED)
    def test_hostile_input_repaired(self):
        event = self._event("nul_bytes.eml")
        self.assertEqual(event.name, "Nul byte subject")
        self.assertIn("NUL byte", event.description)
        event = self._event("unknown_charset.eml")
        self.assertEqual(event.name, "Unknown charset body")
        event = self._event("deeply_nested.eml")
        self.assertIn("The innermost part.", event.description)

    def test_size_limit(self):
        """A message over the size limit is kept out, with its size, and no
        attachment is made of it; once the limit is raised, it is processed
        again into its event."""
        self.env["ir.config_parameter"].sudo().set_param(
            "directo_event.max_message_size", "1"
        )
        photo = b"\x89PNG" + bytes(range(256)) * 6_000  # ~1.5 MB
        message = email.message.EmailMessage()
        message["From"] = "jane.customer@customer.example.com"
        message["To"] = EVENTS_ONE
        message["Subject"] = "Photos of the boiler"
        message["Message-Id"] = "<size-limit@customer.example.com>"
        message.set_content("Photos attached.")
        message.add_attachment(
            photo, maintype="image", subtype="png", filename="boiler.png"
        )
        raw = message.as_bytes()
        attachments = self.env["ir.attachment"].search_count([])
        intake = self._process(raw)
        self.assertEqual(intake.state, "kept_out")
        self.assertIn("Too large: 2.0 MB, the limit is 1 MB", intake.reason)
        self.assertFalse(intake.event_id)
        self.assertEqual(self.env["ir.attachment"].search_count([]), attachments)
        self.assertEqual(intake.raw_size, len(raw))

        self.env["ir.config_parameter"].sudo().set_param(
            "directo_event.max_message_size", "10"
        )
        intake.with_user(self.user_manager).action_process_again()
        self.assertEqual(intake.state, "new")
        self.assertEqual(intake.event_id.attachment_ids.mapped("name"), ["boiler.png"])

    def test_multi_megabyte_body(self):
        body = "Rinda ar garumzīmēm: āčēģīķļņšūž. " * 100_000  # ~3.6 MB
        raw = self._raw(subject="Huge log file pasted", body=body + "THE END")
        self.assertGreater(len(raw), 3_000_000)
        intake = self._process(raw)
        self.assertEqual(intake.state, "new")
        self.assertIn("THE END", intake.event_id.description)
        self.assertEqual(intake.raw_size, len(raw))

    @mute_logger(*MUTED)
    def test_broken_message_id_repaired(self):
        """Python's strict parser rejects this Message-Id (Odoo's parser gives
        up on it): it is dropped, and the message makes its event."""
        intake = self._process(self._eml("broken_message_id.eml"))
        self.assertEqual(intake.state, "new")
        self.assertEqual(intake.event_id.name, "Garbled Message-Id")
        self.assertIn("message-id header", intake.reason.lower())

    @mute_logger(*MUTED)
    def test_encoded_nul_repaired(self):
        """Encoded words that decode to NUL (refused by PostgreSQL) in the
        subject and in an attachment's name, and headers that split in two."""
        raw = self._raw(subject="=?utf-8?Q?Boiler=00_leaks?=")
        intake = self._process(raw)
        self.assertEqual(intake.state, "new")
        self.assertEqual(intake.event_id.name, "Boiler leaks")
        self.assertIn("NUL in Subject", intake.reason)

        # unterminated and broken by a line without folding white space: only
        # Python's strict parser still decodes it (to NUL)
        raw = self._raw(subject="=?iso-8859-15?q?=00_=F5un_=E4rkab=\n_tail")
        intake = self._process(raw)
        self.assertEqual(intake.state, "new")
        self.assertEqual(intake.event_id.name, "õun ärkab=")
        self.assertIn("NUL in Subject", intake.reason)

        # with control characters Python takes for line ends, the repaired
        # copy could not be written
        raw = self._raw(
            subject="Boiler\x1cleaks\x1d",
            cc="other@example.com, broken <",
        )
        intake = self._process(raw)
        self.assertEqual(intake.state, "new")
        self.assertEqual(intake.event_id.name, "Boiler leaks")
        self.assertIn("control characters in Subject", intake.reason)

        raw = (
            b"From: jane.customer@customer.example.com\r\n"
            + f"To: {EVENTS_ONE}\r\n".encode()
            + b"Subject: Photo attached\r\n"
            b"Message-Id: <nul-name@customer.example.com>\r\n"
            b"MIME-Version: 1.0\r\n"
            b'Content-Type: multipart/mixed; boundary="B"\r\n\r\n'
            b"--B\r\nContent-Type: text/plain\r\n\r\nSee the photo.\r\n"
            b'--B\r\nContent-Type: image/png; name="=?utf-8?Q?ph=00oto.png?="\r\n'
            b'Content-Disposition: attachment; filename="=?utf-8?Q?ph=00oto.png?="\r\n'
            b"Content-Transfer-Encoding: base64\r\n\r\niVBORw0KGgo=\r\n--B--\r\n"
        )
        intake = self._process(raw)
        self.assertEqual(intake.state, "new")
        self.assertEqual(intake.event_id.attachment_ids.mapped("name"), ["photo.png"])

    @mute_logger(*MUTED)
    def test_failure_kept_for_replay(self):
        """A message that fails (here: the event cannot be created) is logged
        as failed, with the error and its raw source, and nothing else stays
        of it; once the cause is gone, processing it again makes the event."""
        raw = self._raw(subject="Arrives during an outage")
        Event = type(self.env["directo.event"])
        with patch.object(
            Event, "_mail_sender_partner", side_effect=RuntimeError("outage")
        ):
            intake = self._process(raw)
            self.assertEqual(intake.state, "failed")
            self.assertIn("RuntimeError: outage", intake.error)
            self.assertFalse(self._new_mails, "kept, not bounced")
            self.assertNotEqual(self.alias_one.alias_status, "invalid")
            self.assertEqual(intake.subject, "Arrives during an outage")
            self.assertEqual(intake.company_id, self.company)
            self.assertFalse(
                self.env["directo.event"].search(
                    [("name", "=", "Arrives during an outage")]
                )
            )
            intake.with_user(self.user_manager).action_process_again()
            self.assertEqual(intake.state, "failed", "fails again while it lasts")
        self.assertEqual(
            base64.b64decode(intake.with_context(bin_size=False).raw_message), raw
        )
        intake.with_user(self.user_manager).action_process_again()
        self.assertEqual(intake.state, "new")
        self.assertEqual(intake.event_id.name, "Arrives during an outage")
        self.assertEqual(intake.attempt_count, 3)
