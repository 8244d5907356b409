from odoo.tests import tagged

from .common_mail import DirectoEventMailCommon

GMAIL = """Please look at this one.<br><br>
<div class="gmail_quote">---------- Forwarded message ---------<br>
From: <strong class="gmail_sendername">J&#257;nis B&#275;rzi&#326;&#353;</strong>
<span>&lt;<a href="mailto:janis@customer.example.com"
>janis@customer.example.com</a>&gt;</span><br>
Date: Tue, 1 Dec 2026 at 08:10<br>
Subject: Boiler is leaking<br>
To: &lt;ellen.events@directo-one.example.com&gt;<br><br>
The boiler in the basement is leaking.</div>"""

OUTLOOK_LV = """L&#363;dzu, izskatiet.<br>
<hr>
<b>No:</b> J&#257;nis B&#275;rzi&#326;&#353; &lt;janis@customer.example.com&gt;<br>
<b>Nos&#363;t&#299;ts:</b> otrdiena, 2026. gada 1. decembris 08:10<br>
<b>Kam:</b> Ellen &lt;ellen.events@directo-one.example.com&gt;<br>
<b>T&#275;ma:</b> Katls tek<br><br>
Katls pagrab&#257; tek."""

OUTLOOK_ET = """Palun vaadake.<br>
<b>Saatja:</b> M&auml;rt Tamm &lt;mart@customer.example.ee&gt;<br>
<b>Saadetud:</b> teisip&auml;ev, 1. detsember 2026 08:10<br>
<b>Adressaat:</b> Ellen &lt;ellen.events@directo-one.example.com&gt;<br>
<b>Teema:</b> Katel lekib<br><br>
Kelder on m&auml;rg."""

THUNDERBIRD = """<div class="moz-forward-container">
-------- Forwarded Message --------<br>
Subject: Sofa upholstery<br>
Date: Tue, 1 Dec 2026 08:10:00 +0200<br>
From: Jane Customer &lt;jane.customer@customer.example.com&gt;<br>
To: ellen.events@directo-one.example.com<br><br>
Which fabrics do you have?</div>"""

APPLE_MAIL = """<div>See below.</div><div><br><blockquote type="cite">
<div>Begin forwarded message:</div><br>
<div style="margin: 0px;"><span><b>From: </b></span><span>M&auml;rt Tamm
&lt;<a href="mailto:mart@customer.example.ee">mart@customer.example.ee</a>&gt;<br>
</span></div>
<div style="margin: 0px;"><span><b>Subject: </b></span><span><b>Uks</b><br></span></div>
<div style="margin: 0px;"><span><b>Date: </b></span><span>1 December 2026</span>
</div>
<div style="margin: 0px;"><span><b>To: </b></span><span>ellen@directo-one.example.com
</span></div><br><div>Uks ei sulgu.</div></blockquote></div>"""


@tagged("post_install", "-at_install", "directo_event", "directo_event_mail")
class TestDirectoEventMailForward(DirectoEventMailCommon):
    """A customer's message that a colleague forwards to the events address
    is the customer's event: the contact is the customer, the user the
    colleague, the title the customer's subject."""

    def _forward(self, subject, body, email_from=None):
        return self._send(
            subject=subject,
            body=body,
            email_from=email_from or self.user_events.email_formatted,
        )

    def test_forward_mail_clients(self):
        jane = "jane.customer@customer.example.com"
        cases = [
            ("Fwd: Boiler is leaking", GMAIL, "janis@customer.example.com", "basement"),
            ("PĀRS: Katls tek", OUTLOOK_LV, "janis@customer.example.com", "pagrabā"),
            ("EDASI: Katel lekib", OUTLOOK_ET, "mart@customer.example.ee", "Kelder"),
            ("Fwd: Sofa upholstery", THUNDERBIRD, jane, "fabrics"),
            ("Fwd: Uks", APPLE_MAIL, "mart@customer.example.ee", "sulgu"),
        ]
        names = {
            "janis@customer.example.com": "Jānis Bērziņš",
            "mart@customer.example.ee": "Märt Tamm",
            jane: "Jane Customer",
        }
        for subject, body, customer, text in cases:
            with self.subTest(subject=subject):
                intake = self._forward(subject, body)
                event = intake.event_id
                self.assertEqual(intake.state, "new")
                self.assertEqual(event.email, customer)
                self.assertEqual(event.partner_id.email_normalized, customer)
                self.assertEqual(event.partner_id.name, names[customer])
                self.assertEqual(event.user_id, self.user_events)
                self.assertEqual(event.name, subject.split(":", 1)[1].strip())
                # the customer's text is the description
                self.assertIn(text, event.description)

    def test_forward_marker_without_prefix(self):
        """Some mail clients keep the subject as it was: the body's forward
        marker is enough."""
        event = self._forward("Boiler is leaking", GMAIL).event_id
        self.assertEqual(event.email, "janis@customer.example.com")
        self.assertEqual(event.name, "Boiler is leaking")

    def test_forward_by_customer_is_theirs(self):
        """Only an internal user's forward changes the contact: a customer who
        forwards a message writes the event themselves."""
        event = self._forward(
            "Fwd: Boiler is leaking",
            GMAIL,
            email_from="Jane Customer <jane.customer@customer.example.com>",
        ).event_id
        self.assertEqual(event.email, "jane.customer@customer.example.com")
        self.assertFalse(event.user_id)

    def test_not_a_forward(self):
        """An internal user's own message, even one that mentions a From:
        line, stays the user's; so does a forward of the user's own mail."""
        event = self._forward(
            "Visit planning",
            "Plan the visit.<br>From: the office &lt;office@customer.example.com&gt;",
        ).event_id
        self.assertEqual(event.partner_id, self.user_events.partner_id)
        own = GMAIL.replace("janis@customer.example.com", self.user_events.email)
        event = self._forward("Fwd: My own mail", own).event_id
        self.assertEqual(event.partner_id, self.user_events.partner_id)

    def test_forward_again_threads(self):
        """The next message of the conversation, forwarded too, goes to the
        same event."""
        event = self._forward("Fwd: Boiler is leaking", GMAIL).event_id
        intake = self._forward("Fwd: Re: Boiler is leaking", GMAIL)
        self.assertEqual(intake.state, "thread")
        self.assertEqual(intake.event_id, event)

    def test_forward_not_acknowledged(self):
        """The customer hears from the colleague who forwarded the message,
        not from an automatic acknowledgement."""
        self.company.write(
            {
                "directo_event_acknowledge": True,
                "directo_event_acknowledge_template_id": self.ack_template.id,
            }
        )

        def acks(email):
            return self._new_mails.filtered(lambda m: email in (m.email_to or ""))

        # the customer's own message is acknowledged
        self._send(subject="Boiler again", email_from="janis@customer.example.com")
        self.assertEqual(len(acks("janis@customer.example.com")), 1)

        self._init_mail_mock()
        event = self._forward("Fwd: Boiler is leaking", GMAIL).event_id
        self.assertEqual(event.email, "janis@customer.example.com")
        self.assertFalse(acks("janis@customer.example.com"))
        self.assertFalse(acks(self.user_events.email))
