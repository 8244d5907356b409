import uuid

from odoo import SUPERUSER_ID, api
from odoo.tests import TransactionCase, tagged
from odoo.tools import mute_logger

RAW = """From: Jane Customer <jane.concurrent@customer.example.com>
To: concurrent-events@concurrent.example.com
Subject: Delivered to two workers
Message-Id: <two-workers-{token}@customer.example.com>
Date: Thu, 03 Dec 2026 10:00:00 +0200
Content-Type: text/plain; charset=utf-8

The same message, fetched by two servers at once.
"""


@tagged("post_install", "-at_install", "directo_event", "directo_event_mail")
class TestDirectoEventMailConcurrency(TransactionCase):
    """Two workers (two real cursors) process the same message at once: one
    event is made, and the other worker logs why it made none. These cursors
    commit: everything is removed afterwards."""

    @mute_logger("odoo.addons.mail.models.mail_thread")
    def test_same_message_two_workers_one_event(self):
        raw = RAW.format(token=uuid.uuid4().hex).encode()
        registry = self.registry
        with registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            domain = env["mail.alias.domain"].create({"name": "concurrent.example.com"})
            alias = env["mail.alias"].create(
                {
                    "alias_name": "concurrent-events",
                    "alias_domain_id": domain.id,
                    "alias_model_id": env["ir.model"]._get_id("directo.event"),
                    "alias_defaults": repr({"company_id": env.company.id}),
                }
            )
            domain_id, alias_id = domain.id, alias.id
            cr.commit()  # pylint: disable=invalid-commit
        try:
            with registry.cursor() as cr_a, registry.cursor() as cr_b:
                env_a = api.Environment(cr_a, SUPERUSER_ID, {})
                env_b = api.Environment(cr_b, SUPERUSER_ID, {})
                event_a = env_a["mail.thread"].message_process(False, raw)
                self.assertTrue(event_a, "the first worker makes the event")
                event_b = env_b["mail.thread"].message_process(False, raw)
                self.assertFalse(event_b, "the second worker makes none")
                cr_b.commit()  # pylint: disable=invalid-commit
                cr_a.commit()  # pylint: disable=invalid-commit
            with registry.cursor() as cr:
                env = api.Environment(cr, SUPERUSER_ID, {})
                events = env["directo.event"].search(
                    [("name", "=", "Delivered to two workers")]
                )
                self.assertEqual(len(events), 1)
                intakes = env["directo.event.intake"].search(
                    [("alias_id", "=", alias_id)], order="id"
                )
                self.assertEqual(sorted(intakes.mapped("state")), ["kept_out", "new"])
                kept_out = intakes.filtered(lambda i: i.state == "kept_out")
                self.assertIn("another worker", kept_out.reason)
                cr.rollback()
        finally:
            with registry.cursor() as cr:
                env = api.Environment(cr, SUPERUSER_ID, {})
                intakes = env["directo.event.intake"].search(
                    [("alias_id", "=", alias_id)]
                )
                events = intakes.event_id
                partners = events.partner_id
                intakes.unlink()
                events.unlink()
                partners.unlink()
                env["mail.alias"].browse(alias_id).unlink()
                # a database's first alias domain is given to every company and
                # alias that had none: give that back before removing it
                domain = env["mail.alias.domain"].browse(domain_id)
                env["mail.alias"].search([("alias_domain_id", "=", domain_id)]).write(
                    {"alias_domain_id": False}
                )
                env["res.company"].search([("alias_domain_id", "=", domain_id)]).write(
                    {"alias_domain_id": False}
                )
                domain.unlink()
                cr.commit()  # pylint: disable=invalid-commit
