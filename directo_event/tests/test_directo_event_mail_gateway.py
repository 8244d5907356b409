import ast
from datetime import timedelta

from odoo import fields
from odoo.tests import Form, tagged
from odoo.tools import mute_logger

from .common_mail import CALLS_ONE, EVENTS_ONE, EVENTS_TWO, DirectoEventMailCommon

MUTED = (
    "odoo.addons.mail.models.mail_thread",
    "odoo.addons.mail.models.mail_alias",
    "odoo.addons.directo_event.models.mail_thread",
)


@tagged("post_install", "-at_install", "directo_event", "directo_event_mail")
class TestDirectoEventMailGateway(DirectoEventMailCommon):
    """From message to event: fields, contact, user, followers, addresses of
    two companies and of a type."""

    def test_message_to_event(self):
        intake = self._send(
            subject="Boiler is leaking",
            email_from="John Acme <john@acme-directo.example.com>",
            body="The boiler in the basement is leaking.",
            date="Tue, 01 Dec 2026 09:15:00 +0200",
        )
        event = intake.event_id
        self.assertEqual(intake.state, "new")
        self.assertEqual(event.name, "Boiler is leaking")
        self.assertIn("The boiler in the basement is leaking.", event.description)
        self.assertEqual(str(event.date_start), "2026-12-01 07:15:00")
        self.assertEqual(event.company_id, self.company)
        self.assertEqual(event.type_id, self.type_note)
        self.assertEqual(event.status_id, self.status_planned)
        # the sender is an existing contact: used, not duplicated
        self.assertEqual(event.partner_id, self.partner_person)
        self.assertEqual(event.email, "john@acme-directo.example.com")
        self.assertEqual(
            self.env["res.partner"].search_count(
                [("email_normalized", "=", "john@acme-directo.example.com")]
            ),
            1,
        )
        self.assertFalse(event.user_id, "a customer is not a user")
        message = event.message_ids.filtered(lambda m: m.message_type == "email")
        self.assertEqual(message.author_id, self.partner_person)
        self.assertIn("basement", message.body)

    def test_message_date_in_future_or_missing(self):
        before = fields.Datetime.now().replace(microsecond=0)
        event = self._send(
            subject="From the future", date="Fri, 1 Jan 2100 00:00 +0000"
        )
        self.assertGreaterEqual(event.event_id.date_start, before)
        self.assertLess(event.event_id.date_start.year, 2100)

    def test_sender_contact_within_company(self):
        # a contact of the other company with the sender's address is not used
        stranger = self.env["res.partner"].create(
            {
                "name": "Other Company's Jane",
                "email": "jane.customer@customer.example.com",
                "company_id": self.company_other.id,
            }
        )
        event = self._send().event_id
        self.assertTrue(event.partner_id)
        self.assertNotEqual(event.partner_id, stranger)
        self.assertEqual(event.partner_id.name, "Jane Customer")
        self.assertEqual(event.partner_id.email_normalized, stranger.email_normalized)

        # setting off: no contact is created, the address is kept on the event
        self.company.directo_event_create_partner = False
        event = self._send(
            subject="Unknown sender",
            email_from="Nobody Known <nobody.known@customer.example.com>",
        ).event_id
        self.assertFalse(event.partner_id)
        self.assertEqual(event.email, "nobody.known@customer.example.com")
        self.assertFalse(
            self.env["res.partner"].search(
                [("email_normalized", "=", "nobody.known@customer.example.com")]
            )
        )

    def test_sender_internal_user(self):
        event = self._send(
            subject="Internal request",
            email_from=self.user_events.email_formatted,
        ).event_id
        self.assertEqual(event.user_id, self.user_events)
        self.assertEqual(event.partner_id, self.user_events.partner_id)

        event = self._send(
            subject="Portal request",
            email_from=self.user_portal.email_formatted,
        ).event_id
        self.assertFalse(event.user_id, "a portal user is not an internal user")
        self.assertEqual(event.partner_id, self.user_portal.partner_id)

    def test_cc_known_contacts_follow(self):
        event = self._send(
            cc=f"{self.partner_other.email_formatted}, "
            "Unknown Cc <unknown.cc@elsewhere.example.com>, "
            f"{EVENTS_TWO}",
        ).event_id
        self.assertIn(self.partner_other, event.message_partner_ids)
        self.assertFalse(
            self.env["res.partner"].search(
                [("email_normalized", "=", "unknown.cc@elsewhere.example.com")]
            ),
            "unknown Cc addresses do not become contacts",
        )
        self.assertIn("unknown.cc@elsewhere.example.com", event.email_cc)
        self.assertNotIn(
            EVENTS_TWO,
            event.message_partner_ids.mapped("email_normalized"),
        )

    def test_two_companies_two_addresses(self):
        one = self._send(subject="For company one", to=EVENTS_ONE).event_id
        two = self._send(subject="For company two", to=EVENTS_TWO).event_id
        self.assertEqual(one.company_id, self.company)
        self.assertEqual(one.type_id, self.type_note)
        self.assertEqual(one.status_id, self.status_planned)
        self.assertEqual(two.company_id, self.company_other)
        self.assertEqual(two.type_id, self.type_other_company)
        self.assertEqual(two.status_id, self.status_waiting)
        self.assertTrue(two.ref, "numbered in its own company")
        intake_two = self.env["directo.event.intake"].search(
            [("event_id", "=", two.id)]
        )
        self.assertEqual(intake_two.company_id, self.company_other)
        self.assertEqual(intake_two.alias_id, self.alias_two)

    def test_type_address(self):
        self.assertEqual(
            ast.literal_eval(self.type_call.alias_id.alias_defaults),
            {"type_id": self.type_call.id, "company_id": self.company.id},
        )
        event = self._send(subject="Please call me back", to=CALLS_ONE).event_id
        self.assertEqual(event.type_id, self.type_call)
        self.assertEqual(event.status_id, self.status_in_progress)
        self.assertEqual(event.company_id, self.company)
        self.assertEqual(event.duration, 0.5, "the type's other defaults too")

    def test_type_address_without_default_status(self):
        self.type_call.default_status_id = False
        event = self._send(subject="Call without status", to=CALLS_ONE).event_id
        self.assertEqual(event.type_id, self.type_call)
        self.assertIn(event.status_id, self.type_call.status_ids)
        self.assertFalse(event.status_id.is_closed)

    def test_alias_defaults_limited(self):
        """An address whose defaults try to set other fields cannot."""
        self.alias_one.alias_defaults = repr(
            {
                "company_id": self.company.id,
                "user_id": self.user_manager.id,
                "description": "<p>Injected</p>",
                "name": "Forced title",
                "priority": "3",
                "partner_id": self.partner_other.id,
            }
        )
        event = self._send(subject="Normal title", body="Normal body").event_id
        self.assertEqual(event.name, "Normal title")
        self.assertNotIn("Injected", event.description)
        self.assertIn("Normal body", event.description)
        self.assertFalse(event.user_id)
        self.assertNotEqual(event.priority, "3")
        self.assertNotEqual(event.partner_id, self.partner_other)
        self.assertEqual(event.partner_id.name, "Jane Customer")


@tagged("post_install", "-at_install", "directo_event", "directo_event_mail")
class TestDirectoEventMailThreading(DirectoEventMailCommon):
    """Replies, subject threading, duplicates and reopening."""

    def _first(self, **values):
        raw = self._raw(**values)
        intake = self._process(raw)
        self.assertEqual(intake.state, "new")
        return intake.event_id, intake.message_id

    def test_reply_with_headers(self):
        event, msg_id = self._first(subject="Door is stuck")
        for headers in (
            {"in_reply_to": msg_id},
            {"references": f"<unrelated@example.com> {msg_id}"},
        ):
            with self.subTest(headers=headers):
                intake = self._send(
                    subject="Something else entirely",
                    body="Still stuck, please hurry.",
                    **headers,
                )
                self.assertEqual(intake.state, "thread")
                self.assertEqual(intake.event_id, event)
        self.assertEqual(
            self.env["directo.event"].search_count(
                [("email", "=", "jane.customer@customer.example.com")]
            ),
            1,
        )
        bodies = event.message_ids.filtered(lambda m: m.message_type == "email")
        self.assertEqual(len(bodies), 3)
        self.assertIn("Still stuck", bodies[0].body)

    def test_reply_cc_known_contacts_follow(self):
        event, msg_id = self._first(subject="Fence is down")
        self.assertNotIn(self.partner_other, event.message_partner_ids)
        self._send(
            subject="Re: Fence is down",
            in_reply_to=msg_id,
            cc=self.partner_other.email_formatted,
        )
        self.assertIn(self.partner_other, event.message_partner_ids)

    def test_reply_to_event_notification(self):
        """A reply to a message sent from the event threads too."""
        event, _msg_id = self._first(subject="Window is broken")
        sent = event.message_post(body="We come tomorrow.", message_type="comment")
        intake = self._send(subject="Re: Window is broken", in_reply_to=sent.message_id)
        self.assertEqual(intake.state, "thread")
        self.assertEqual(intake.event_id, event)

    def test_reply_reopens_closed_event(self):
        event, msg_id = self._first(subject="Heating off")
        event.status_id = self.status_done
        self.assertTrue(event.is_closed)
        self._send(subject="Re: Heating off", body="It broke again", in_reply_to=msg_id)
        self.assertFalse(event.is_closed)
        self.assertEqual(event.status_id, event._first_status(event.type_id))

        # an internal user's reply does not reopen
        event.status_id = self.status_done
        self._send(
            subject="Re: Heating off",
            email_from=self.user_events.email_formatted,
            in_reply_to=msg_id,
        )
        self.assertTrue(event.is_closed)

        # setting off: a customer's reply leaves it closed
        self.company.directo_event_reopen_on_reply = False
        intake = self._send(subject="Re: Heating off", in_reply_to=msg_id)
        self.assertEqual(intake.state, "thread")
        self.assertTrue(event.is_closed)

    def test_subject_threading_without_headers(self):
        event, _msg_id = self._first(subject="Lift makes noise")
        for prefix in (
            "Re: ",
            "RE: ",
            "Fwd: ",
            "AW: ",
            "SV: ",
            "Atb: ",
            "Vs: ",
            "Re: Re: ",
        ):
            with self.subTest(prefix=prefix):
                intake = self._send(subject=f"{prefix}Lift makes noise")
                self.assertEqual(intake.state, "thread")
                self.assertEqual(intake.event_id, event)
        self.assertEqual(
            self.env["directo.event"].search_count([("name", "ilike", "Lift makes")]),
            1,
        )

    def test_subject_threading_limits(self):
        event, _msg_id = self._first(subject="Roof leaks")
        # another sender: a new event
        other = self._send(
            subject="Re: Roof leaks", email_from="someone.else@customer.example.com"
        )
        self.assertEqual(other.state, "new")
        # the same subject without a reply prefix: a new event
        same = self._send(subject="Roof leaks")
        self.assertEqual(same.state, "new")
        # a closed event does not collect replies without headers
        (event | same.event_id).status_id = self.status_done
        closed = self._send(subject="Re: Roof leaks")
        self.assertEqual(closed.state, "new")
        self.assertNotIn(closed.event_id, event | same.event_id)
        # an event older than the window neither
        recent = closed.event_id
        self.env.cr.execute(
            "UPDATE directo_event SET create_date = %s WHERE id = %s",
            (fields.Datetime.now() - timedelta(days=8), recent.id),
        )
        recent.invalidate_recordset(["create_date"])
        old = self._send(subject="AW: Roof leaks")
        self.assertEqual(old.state, "new")
        # and the setting can turn it off
        self.company.directo_event_thread_days = 0
        off = self._send(subject="Re: Roof leaks")
        self.assertEqual(off.state, "new")
        self.assertNotEqual(off.event_id, old.event_id)

    def test_subject_threading_per_company(self):
        event, _msg_id = self._first(subject="Gate broken", to=EVENTS_ONE)
        intake = self._send(subject="Re: Gate broken", to=EVENTS_TWO)
        self.assertEqual(intake.state, "new")
        self.assertEqual(intake.event_id.company_id, self.company_other)
        self.assertNotEqual(intake.event_id, event)

    def test_event_number_in_subject(self):
        """The acknowledgement asks to keep "[EV00012]" in the subject: a
        message that does so threads onto that event, open or closed, without
        threading headers, from whoever may write to it."""
        event, _msg_id = self._first(
            subject="Boiler pressure low",
            email_from="John Acme <john@acme-directo.example.com>",
        )
        event.status_id = self.status_done
        subject = f"Question about [{event.ref}] and the invoice"

        # the sender, from a new mail: threads and reopens the closed event
        intake = self._send(subject=subject, email_from="john@acme-directo.example.com")
        self.assertEqual(intake.state, "thread")
        self.assertEqual(intake.event_id, event)
        self.assertFalse(event.is_closed)

        # a colleague at the same customer, and an internal user
        for email_from in (
            "Acme Office <office@acme-directo.example.com>",
            self.user_events.email_formatted,
        ):
            with self.subTest(email_from=email_from):
                intake = self._send(subject=subject, email_from=email_from)
                self.assertEqual(intake.state, "thread")
                self.assertEqual(intake.event_id, event)

        # a stranger who knows the number makes an event of their own
        stranger = self._send(
            subject=subject, email_from="someone.else@customer.example.com"
        )
        self.assertEqual(stranger.state, "new")
        self.assertNotEqual(stranger.event_id, event)
        # so does the number sent to the other company's address
        other = self._send(
            subject=subject,
            email_from="john@acme-directo.example.com",
            to=EVENTS_TWO,
        )
        self.assertEqual(other.state, "new")
        self.assertEqual(other.event_id.company_id, self.company_other)
        # and a number no event has
        unknown = self._send(
            subject="About [EV99999999]", email_from="john@acme-directo.example.com"
        )
        self.assertEqual(unknown.state, "new")
        self.assertEqual(
            len(event.message_ids.filtered(lambda m: m.message_type == "email")), 4
        )

    @mute_logger(*MUTED)
    def test_same_message_twice(self):
        raw = self._raw(subject="Delivered twice")
        first = self._process(raw)
        second = self._process(raw)
        self.assertEqual(first.state, "new")
        self.assertEqual(second.state, "kept_out")
        self.assertIn("Message-Id", second.reason)
        self.assertFalse(second.event_id)
        self.assertEqual(
            self.env["directo.event"].search_count([("name", "=", "Delivered twice")]),
            1,
        )


@tagged("post_install", "-at_install", "directo_event", "directo_event_mail")
class TestDirectoEventMailKeptOut(DirectoEventMailCommon):
    """Automatic mail, refused senders and loops never become events."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.write(
            {
                "directo_event_acknowledge": True,
                "directo_event_acknowledge_template_id": cls.ack_template.id,
            }
        )

    def test_auto_reply_subjects(self):
        """Out-of-office replies without RFC 3834 headers, by their subject;
        a human's subject that merely starts with the same words is not."""
        for subject in (
            "Automatic reply: Heating is off",
            "Out of Office: Heating is off",
            "Automātiskā atbilde: Apkure nedarbojas",
            "Automaatne vastus: Küte ei tööta",
            "AutoReply: Heating",
        ):
            with self.subTest(subject=subject):
                self._init_mail_mock()
                intake = self._send(subject=subject)
                self.assertEqual(intake.state, "kept_out")
                self.assertFalse(self._new_mails)
        intake = self._send(subject="Out of office printer is jammed")
        self.assertEqual(intake.state, "new")

    def test_automatic_mail(self):
        for index, (extra, return_path) in enumerate(
            (
                ("Auto-Submitted: auto-replied\n", None),
                ("Auto-Submitted: auto-generated\n", None),
                ("X-Autoreply: yes\n", None),
                ("X-Autorespond: on vacation\n", None),
                ("X-Autogenerated: Reply\n", None),
                ("Precedence: auto_reply\n", None),
                ("X-Failed-Recipients: gone@customer.example.com\n", None),
                ("", "<>"),
            )
        ):
            with self.subTest(extra=extra, return_path=return_path):
                self._init_mail_mock()
                values = {"extra": extra}
                if return_path:
                    values["return_path"] = return_path
                intake = self._send(subject=f"Robot {index}", **values)
                self.assertEqual(intake.state, "kept_out")
                self.assertTrue(intake.reason)
                self.assertFalse(intake.event_id)
                self.assertFalse(self._new_mails, "never answer a robot")
        self.assertFalse(self.env["directo.event"].search([("name", "like", "Robot")]))

    def test_auto_submitted_no_is_human(self):
        intake = self._send(subject="Human", extra="Auto-Submitted: no\n")
        self.assertEqual(intake.state, "new")

    def test_mailer_daemon(self):
        for sender in (
            "MAILER-DAEMON@mx.customer.example.com",
            "Mail Delivery Subsystem <mailer-daemon@googlemail.com>",
            "postmaster@customer.example.com",
        ):
            with self.subTest(sender=sender):
                self._init_mail_mock()
                intake = self._send(subject=f"Bounce {sender}", email_from=sender)
                self.assertEqual(intake.state, "kept_out")
                self.assertFalse(self._new_mails)

    @mute_logger(*MUTED)
    def test_refused_sender_bounced_then_replayed(self):
        self.company.directo_event_alias_contact = "partners"
        self.assertEqual(self.alias_one.alias_contact, "partners")
        intake = self._send(subject="From a stranger")
        self.assertEqual(intake.state, "kept_out")
        self.assertIn("not allowed", intake.reason)
        self.assertFalse(intake.event_id)
        bounce = self._bounces()
        self.assertEqual(len(bounce), 1)
        self.assertIn("bounces@customer.example.com", bounce.email_to)

        # a known contact may write
        intake_known = self._send(
            subject="From a known contact", email_from=self.partner_person.email
        )
        self.assertEqual(intake_known.state, "new")

        # the manager opens the address to everyone and processes it again
        settings = Form(self.env["res.config.settings"].with_user(self.user_admin))
        settings.directo_event_alias_contact = "everyone"
        settings.save().execute()
        self.assertEqual(self.alias_one.alias_contact, "everyone")
        intake.with_user(self.user_manager).action_process_again()
        self.assertEqual(intake.state, "new")
        self.assertEqual(intake.event_id.name, "From a stranger")
        self.assertEqual(intake.attempt_count, 2)

    @mute_logger(*MUTED)
    def test_loop_rate_limit(self):
        self.env["ir.config_parameter"].sudo().set_param(
            "mail.gateway.loop.threshold", 3
        )
        intakes = self.env["directo.event.intake"]
        for index in range(5):
            intakes |= self._send(subject=f"Looping robot {index}")
        self.assertEqual(intakes.mapped("state"), ["new"] * 3 + ["kept_out"] * 2)
        self.assertEqual(
            self.env["directo.event"].search_count([("name", "like", "Looping robot")]),
            3,
        )
        self.assertIn("too many", intakes[-1].reason)


@tagged("post_install", "-at_install", "directo_event", "directo_event_mail")
class TestDirectoEventMailAcknowledge(DirectoEventMailCommon):
    def _acks(self, email):
        return self._new_mails.filtered(lambda mail: email in (mail.email_to or ""))

    def test_acknowledge_human_sender(self):
        self.company.write(
            {
                "directo_event_acknowledge": True,
                "directo_event_acknowledge_template_id": self.ack_template.id,
            }
        )
        event = self._send(subject="Please acknowledge").event_id
        ack = self._acks("jane.customer@customer.example.com")
        self.assertEqual(len(ack), 1)
        self.assertEqual(ack.subject, "Received: Please acknowledge")
        self.assertIn(event.ref, ack.body_html)
        headers = ast.literal_eval(ack.headers)
        self.assertEqual(headers.get("Auto-Submitted"), "auto-replied")
        self.assertTrue(ack.model == "directo.event" and ack.res_id == event.id)

        # a reply threads: no second acknowledgement
        self._init_mail_mock()
        self._send(subject="Re: Please acknowledge")
        self.assertFalse(self._acks("jane.customer@customer.example.com"))

    def test_acknowledge_never_to_robots(self):
        self.company.write(
            {
                "directo_event_acknowledge": True,
                "directo_event_acknowledge_template_id": self.ack_template.id,
            }
        )
        self._send(subject="Out of office", extra="Auto-Submitted: auto-replied\n")
        self.assertFalse(self._new_mails)

    def test_acknowledge_never_to_own_addresses(self):
        """Our own addresses never get an acknowledgement (no mail loops)."""
        self.company.write(
            {
                "directo_event_acknowledge": True,
                "directo_event_acknowledge_template_id": self.ack_template.id,
            }
        )
        for sender in (EVENTS_TWO, self.company.email):
            with self.subTest(sender=sender):
                self._init_mail_mock()
                intake = self._send(subject=f"From {sender}", email_from=sender)
                self.assertEqual(intake.state, "new")
                self.assertFalse(self._acks(sender))

    def test_acknowledge_off(self):
        self.company.write(
            {
                "directo_event_acknowledge": False,
                "directo_event_acknowledge_template_id": self.ack_template.id,
            }
        )
        self.assertEqual(self._send(subject="No ack please").state, "new")
        self.assertFalse(self._acks("jane.customer@customer.example.com"))

    def test_acknowledge_per_company(self):
        self.company_other.write(
            {
                "directo_event_acknowledge": True,
                "directo_event_acknowledge_template_id": self.ack_template.id,
            }
        )
        self._send(subject="To company one")
        self.assertFalse(self._new_mails)
        self._send(subject="To company two", to=EVENTS_TWO)
        self.assertEqual(len(self._acks("jane.customer@customer.example.com")), 1)


@tagged("post_install", "-at_install", "directo_event", "directo_event_mail")
class TestDirectoEventMailLookups(DirectoEventMailCommon):
    """What the gateway caches (addresses, first status, sequence) follows
    the changes; replies go back to the events address."""

    def test_alias_domain_renamed(self):
        """The events addresses are cached: renaming their domain is seen."""
        self.assertEqual(self._send(subject="Before the rename").state, "new")
        self.alias_domain_one.name = "renamed-one.example.com"
        intake = self._send(
            subject="After the rename", to="events@renamed-one.example.com"
        )
        self.assertEqual(intake.state, "new")
        self.assertEqual(intake.alias_id, self.alias_one)
        self.assertEqual(intake.event_id.company_id, self.company)

    def test_first_status_follows_status_changes(self):
        """Without defaults, an e-mailed event starts in the first open status,
        even one created or reordered after the previous message."""
        self.company.directo_event_default_type_id = False
        self.company.directo_event_default_status_id = False
        Status = self.env["directo.event.status"]
        first_open = Status.search([]).filtered(lambda s: not s.is_closed)[:1]
        self.assertEqual(self._send(subject="First").event_id.status_id, first_open)

        triage = Status.create({"name": "Triage", "sequence": -10})
        self.assertEqual(self._send(subject="Second").event_id.status_id, triage)

        triage.is_closed = True
        self.assertEqual(self._send(subject="Third").event_id.status_id, first_open)

    def test_company_sequence_created_later(self):
        """A company's own event sequence, added after events were numbered,
        numbers its next events (the sequence lookup is cached)."""
        before = self._send(subject="Numbered by the shared sequence").event_id
        self.assertTrue(before.ref)
        self.env["ir.sequence"].create(
            {
                "name": "Events of company one",
                "code": "directo.event",
                "prefix": "ONE-",
                "padding": 4,
                "company_id": self.company.id,
            }
        )
        after = self._send(subject="Numbered by the company's sequence").event_id
        self.assertEqual(after.ref, "ONE-0001")
        other = self._send(subject="Other company", to=EVENTS_TWO).event_id
        self.assertFalse(other.ref.startswith("ONE-"))

    def test_notifications_reply_to_events_address(self):
        """Replies to an event's messages go to its type's address, else to
        its company's events address, not to the catchall."""
        cases = [
            (self._send(subject="Company address").event_id, EVENTS_ONE),
            (self._send(subject="Type address", to=CALLS_ONE).event_id, CALLS_ONE),
            (
                self._send(subject="Other company", to=EVENTS_TWO).event_id,
                EVENTS_TWO,
            ),
        ]
        for event, address in cases:
            with self.subTest(address=address):
                reply_to = event._notify_get_reply_to()[event.id]
                self.assertIn(address, reply_to)
                message = event.message_post(
                    body="We come tomorrow.", message_type="comment"
                )
                self.assertIn(address, message.reply_to)

        # without an events address: Odoo's catchall
        self.company._directo_event_set_alias(False, False, False)
        event = cases[0][0]
        self.assertIn(
            f"catchall@{self.alias_domain_one.name}",
            event._notify_get_reply_to()[event.id],
        )


@tagged("post_install", "-at_install", "directo_event", "directo_event_mail")
class TestDirectoEventMailLoops(DirectoEventMailCommon):
    """An acknowledgement meets an out-of-office robot: whatever the robot
    sends back, the first message is the only event, and the robot gets one
    acknowledgement, not a storm."""

    CUSTOMER = "jane.customer@customer.example.com"
    ROUNDS = 10

    def setUp(self):
        super().setUp()
        self.company.write(
            {
                "directo_event_acknowledge": True,
                "directo_event_acknowledge_template_id": self.ack_template.id,
            }
        )
        self.env["ir.config_parameter"].sudo().set_param(
            "mail.gateway.loop.threshold", 5
        )

    def _ping_pong(self, robot_reply):
        """The customer writes once; then the robot answers every mail it
        gets from us, ``ROUNDS`` times at most. Returns the events made and
        the mails sent to the customer."""
        Event = self.env["directo.event"]
        first = self._send(subject="Heating is off", email_from=self.CUSTOMER)
        self.assertEqual(first.state, "new")
        sent = self._new_mails.filtered(lambda m: self.CUSTOMER in (m.email_to or ""))
        inbox = sent
        for index in range(self.ROUNDS):
            if not inbox:
                break  # nothing to answer: the loop is over
            mail = inbox[-1]
            self._init_mail_mock()
            self._process(
                self._raw(email_from=self.CUSTOMER, **robot_reply(mail, index))
            )
            inbox = self._new_mails.filtered(
                lambda m: self.CUSTOMER in (m.email_to or "")
            )
            sent |= inbox
        events = Event.search([("email", "=", self.CUSTOMER)])
        return events, sent

    def _assert_first_only(self, robot_reply):
        """The robot's replies make no event and get no acknowledgement."""
        events, sent = self._ping_pong(robot_reply)
        self.assertEqual(len(events), 1, "the first message is the only event")
        self.assertEqual(len(sent), 1, "one acknowledgement, nothing more")
        return events

    @mute_logger(*MUTED)
    def test_rfc3834_robot(self):
        self._assert_first_only(
            lambda mail, i: {
                "subject": f"Re: {mail.subject}",
                "in_reply_to": mail.message_id,
                "extra": "Auto-Submitted: auto-replied\n",
            }
        )

    @mute_logger(*MUTED)
    def test_outlook_robot(self):
        """No RFC 3834 header, no references: an "Automatic reply:" subject."""
        self._assert_first_only(
            lambda mail, i: {"subject": f"Automatic reply: {mail.subject}"}
        )
        intake = self.env["directo.event.intake"].search(
            [("subject", "like", "Automatic reply:")]
        )
        self.assertEqual(intake.state, "kept_out")
        self.assertIn("Automatic reply", intake.reason)

    @mute_logger(*MUTED)
    def test_robot_answering_with_references(self):
        """No automatic header or subject, but a reply to the acknowledgement:
        it threads onto the event, which is not acknowledged again."""
        events = self._assert_first_only(
            lambda mail, i: {
                "subject": f"Re: {mail.subject}",
                "in_reply_to": mail.message_id,
                "body": "I am away until Monday.",
            }
        )
        self.assertIn("I am away until Monday.", events.message_ids.mapped("body")[0])

    @mute_logger(*MUTED)
    def test_robot_without_any_sign_stops_at_rate_limit(self):
        """A robot that looks human (new subject, no header, no reference) is
        stopped by Odoo's rate limit: at most the threshold of events and
        acknowledgements, then nothing."""
        events, sent = self._ping_pong(
            lambda mail, i: {"subject": f"Thank you for your message {i}"}
        )
        self.assertEqual(len(events), 5, "the rate limit: 5 per sender")
        self.assertEqual(len(sent), 5)
        last = self.env["directo.event.intake"].search([], order="id desc", limit=1)
        self.assertEqual(last.state, "kept_out")
        self.assertIn("too many", last.reason)
