from odoo.tests import tagged

from .common import DirectoEventCommon


@tagged("post_install", "-at_install", "directo_event", "directo_event_status_mail")
class TestDirectoEventStatusMail(DirectoEventCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("lv_LV")
        cls.partner_person.lang = "lv_LV"
        cls.user_events.lang = "en_US"
        cls.template = cls.env["mail.template"].create(
            {
                "name": "Waiting for parts",
                "model_id": cls.env["ir.model"]._get_id("directo.event"),
                "subject": "Waiting for parts",
                "body_html": "<p>Hello, we are waiting for parts.</p>",
            }
        )
        cls.template.with_context(lang="lv_LV").write(
            {
                "subject": "Gaidām detaļas",
                "body_html": "<p>Sveiki, gaidām detaļas.</p>",
            }
        )
        cls.status_waiting.mail_template_id = cls.template

    def _create_visit(self):
        event = self._create_event(
            type_id=self.type_visit.id,
            partner_id=self.partner_person.id,
            user_id=self.user_events.id,
        )
        self._flush_tracking()
        return event

    def _flush_tracking(self):
        self.env.flush_all()
        self.env.cr.precommit.run()

    def _status_messages(self, event):
        return self.env["mail.message"].search(
            [
                ("model", "=", "directo.event"),
                ("res_id", "=", event.id),
                ("subject", "in", ["Waiting for parts", "Gaidām detaļas"]),
            ]
        )

    def test_template_to_contact_in_their_language(self):
        event = self._create_visit()
        self.assertFalse(self._status_messages(event))
        event.status_id = self.status_waiting
        self._flush_tracking()
        message = self._status_messages(event)
        self.assertEqual(len(message), 1)
        self.assertEqual(message.partner_ids, self.partner_person)
        self.assertEqual(message.subject, "Gaidām detaļas")
        self.assertIn("Sveiki, gaidām detaļas.", message.body)
        self.assertIn(self.partner_person, message.notification_ids.res_partner_id)

    def test_template_to_user_and_contact(self):
        self.status_waiting.mail_recipient = "both"
        event = self._create_visit()
        event.status_id = self.status_waiting
        self._flush_tracking()
        messages = self._status_messages(event)
        self.assertEqual(len(messages), 2)
        to_user = messages.filtered(
            lambda m: m.partner_ids == self.user_events.partner_id
        )
        self.assertIn("Hello, we are waiting for parts.", to_user.body)
        to_contact = messages - to_user
        self.assertEqual(to_contact.partner_ids, self.partner_person)
        self.assertIn("Sveiki", to_contact.body)

    def test_no_template_no_message(self):
        event = self._create_visit()
        event.status_id = self.status_planned
        self._flush_tracking()
        self.assertFalse(self._status_messages(event))
        # entering the status again sends it again; staying there does not
        event.status_id = self.status_waiting
        self._flush_tracking()
        event.name = "Renamed"
        self._flush_tracking()
        self.assertEqual(len(self._status_messages(event)), 1)
