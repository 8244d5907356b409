import re

from odoo import Command
from odoo.tests import tagged

from .common import DirectoEventCommon


@tagged("post_install", "-at_install", "directo_event")
class TestDirectoEventReport(DirectoEventCommon):
    """The printed event card: customer, event, object of the work, jobs and
    room for signatures, in the customer's language."""

    def _render(self, events, user=None):
        Report = self.env["ir.actions.report"]
        if user:
            Report = Report.with_user(user)
        html = Report._render_qweb_html(
            "directo_event.action_report_directo_event", events.ids
        )[0].decode()
        return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))

    def _visit(self):
        event = self._create_event(
            name="Boiler inspection",
            type_id=self.type_visit.id,
            partner_id=self.partner_person.id,
            user_id=self.user_events.id,
            contract_ref="SC-2040",
            serial_number="BX-7781",
            description="<p>Check the burner and the expansion vessel.</p>",
            answer="Burner cleaned.",
            job_ids=[
                Command.create(
                    {"name": "Clean the burner", "hours": 1.5, "done": True}
                ),
                Command.create({"name": "Check the expansion vessel", "hours": 0.5}),
            ],
        )
        return event

    def test_event_card(self):
        event = self._visit()
        text = self._render(event, user=self.user_events)
        for expected in (
            event.ref,
            "Boiler inspection",
            "Acme Directo Ltd",
            "C-ACME",
            "John Acme",
            self.type_visit.name,
            "SC-2040",
            "BX-7781",
            "Check the burner and the expansion vessel.",
            "Clean the burner",
            "Check the expansion vessel",
            "01:30",
            "Burner cleaned.",
            "Customer's signature",
        ):
            with self.subTest(expected=expected):
                self.assertIn(expected, text)
        # an event without jobs, description or customer still prints
        bare = self._create_event(name="Internal meeting")
        bare_text = self._render(bare)
        self.assertIn("Internal meeting", bare_text)
        self.assertNotIn("Clean the burner", bare_text)

    def test_event_card_in_the_customer_language(self):
        self.env["res.lang"]._activate_lang("lv_LV")
        self.env["ir.module.module"]._load_module_terms(
            ["directo_event"], ["lv_LV"], overwrite=True
        )
        self.partner_person.lang = "lv_LV"
        text = self._render(self._visit(), user=self.user_events)
        self.assertIn("Klienta paraksts", text)
        self.assertNotIn("Customer's signature", text)
