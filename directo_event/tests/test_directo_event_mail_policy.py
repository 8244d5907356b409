from odoo.tests import tagged
from odoo.tools import mute_logger

from .common_mail import DirectoEventMailCommon
from .test_directo_event_mail_gateway import MUTED


@tagged("post_install", "-at_install", "directo_event", "directo_event_mail")
class TestDirectoEventMailPolicy(DirectoEventMailCommon):
    @mute_logger(*MUTED)
    def test_internal_users_only(self):
        """ "Internal users" works without the Employees app: a customer is
        bounced with the reason, an internal user's message becomes an event."""
        self.company._directo_event_set_alias(
            self.alias_one.alias_name, self.alias_domain_one, "employees"
        )
        self.assertEqual(self.company.directo_event_alias_contact, "employees")
        self.assertEqual(self.alias_one.alias_contact, "partners")

        customer = self._send(
            subject="From a customer", email_from=self.partner_person.email
        )
        self.assertEqual(customer.state, "kept_out")
        self.assertIn("Internal users", customer.reason)
        self.assertEqual(len(self._bounces()), 1)

        internal = self._send(
            subject="From a colleague", email_from=self.user_events.email
        )
        self.assertEqual(internal.state, "new")
        self.assertEqual(internal.event_id.user_id, self.user_events)

    @mute_logger(*MUTED)
    def test_reply_threaded_by_subject_is_a_comment(self):
        """A reply threaded by its subject notifies followers as a reply, not
        as a new event."""
        first = self._send(subject="Window is stuck")
        reply = self._send(subject="Re: Window is stuck")
        self.assertEqual(reply.state, "thread")
        self.assertEqual(reply.event_id, first.event_id)
        message = first.event_id.message_ids.filtered(
            lambda m: m.subject == "Re: Window is stuck"
        )
        self.assertEqual(message.subtype_id, self.env.ref("mail.mt_comment"))
