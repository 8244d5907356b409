from datetime import date, datetime

from psycopg2.errors import CheckViolation

from odoo.exceptions import ValidationError
from odoo.tests import freeze_time, tagged
from odoo.tools import mute_logger

from .common import DirectoEventCommon


@tagged("post_install", "-at_install", "directo_event", "directo_event_card")
class TestDirectoEvent(DirectoEventCommon):
    # ------------------------------------------------------------
    # identification
    # ------------------------------------------------------------

    def test_reference_from_sequence(self):
        Event = self.env["directo.event"].with_user(self.user_events)
        events = Event.create([{"name": "First"}, {"name": "Second"}])
        third = Event.create({"name": "Third", "ref": "New"})
        events |= third
        for event in events:
            self.assertTrue(event.ref.startswith("EV"), event.ref)
            self.assertNotEqual(event.ref, "New")
        self.assertEqual(len(set(events.mapped("ref"))), 3, "references are unique")

    def test_reference_other_company(self):
        event = self._create_event(company_id=self.company_other.id)
        self.assertTrue(event.ref.startswith("EV"))

    def test_display_name_and_search_by_reference(self):
        event = self._create_event(name="Boiler check")
        self.assertEqual(event.display_name, f"{event.ref} Boiler check")
        Event = self.env["directo.event"].with_user(self.user_events)
        self.assertEqual(Event.name_search(event.ref)[0][0], event.id)
        found = Event.search([("display_name", "ilike", "boiler check")])
        self.assertIn(event, found)

    # ------------------------------------------------------------
    # defaults from the type
    # ------------------------------------------------------------

    def test_defaults_from_type(self):
        event = self._create_event(type_id=self.type_call.id)
        self.assertEqual(event.duration, 0.5)
        self.assertEqual(event.priority, "2")
        # the user may change them afterwards
        event.write({"duration": 1.25, "priority": "0"})
        self.assertEqual(event.duration, 1.25)
        self.assertEqual(event.priority, "0")
        # and may give them at creation
        event = self._create_event(
            type_id=self.type_call.id, duration=3.0, priority="3"
        )
        self.assertEqual(event.duration, 3.0)
        self.assertEqual(event.priority, "3")

    def test_defaults_without_type(self):
        event = self._create_event()
        self.assertEqual(event.duration, 0.0)
        self.assertEqual(event.priority, "0")
        event = self._create_event(type_id=self.type_note.id, duration=1.5)
        self.assertEqual(event.duration, 1.5, "a type without duration keeps it")
        self.assertEqual(event.priority, "0")

    def test_change_type_applies_its_defaults(self):
        event = self._create_event(type_id=self.type_call.id)
        event.type_id = self.type_visit
        self.assertEqual(event.duration, 2.0)
        self.assertEqual(event.priority, "1")

    def test_duration_negative_refused(self):
        with mute_logger("odoo.sql_db"), self.assertRaises(CheckViolation):
            self._create_event(duration=-1.0)

    # ------------------------------------------------------------
    # status
    # ------------------------------------------------------------

    def test_status_default_first_open_status(self):
        # no type or a type allowing all: the first open status, New
        self.assertEqual(self._create_event().status_id, self.status_new)
        self.assertEqual(
            self._create_event(type_id=self.type_visit.id).status_id, self.status_new
        )
        # the first allowed open status of the type
        event = self._create_event(type_id=self.type_call.id)
        self.assertEqual(event.status_id, self.status_planned)
        # a closed status is skipped even when it comes first
        event = self._create_event(type_id=self.type_repair.id)
        self.assertEqual(event.status_id, self.status_waiting)
        self.assertFalse(event.is_closed)

    def test_status_default_from_context_type(self):
        """As when creating from the Events button of a type."""
        Event = (
            self.env["directo.event"]
            .with_user(self.user_events)
            .with_context(default_type_id=self.type_call.id)
        )
        event = Event.create({"name": "From the type"})
        self.assertEqual(event.type_id, self.type_call)
        self.assertEqual(event.status_id, self.status_planned)

    def test_status_restricted_by_type(self):
        event = self._create_event(type_id=self.type_call.id)
        self.assertEqual(
            event.allowed_status_ids,
            self.status_planned | self.status_in_progress | self.status_done,
        )
        with self.assertRaisesRegex(ValidationError, "Cancelled"):
            event.status_id = self.status_cancelled
        with self.assertRaises(ValidationError):
            self._create_event(type_id=self.type_call.id, status_id=self.status_new.id)
        event.status_id = self.status_in_progress
        self.assertEqual(event.status_id, self.status_in_progress)

    def test_status_unrestricted_type(self):
        event = self._create_event(type_id=self.type_visit.id)
        self.assertIn(self.status_cancelled, event.allowed_status_ids)
        self.assertIn(self.status_waiting, event.allowed_status_ids)
        event.status_id = self.status_waiting
        self.assertEqual(event.status_id, self.status_waiting)

    def test_change_type_resets_disallowed_status(self):
        event = self._create_event(
            type_id=self.type_visit.id, status_id=self.status_new.id
        )
        event.type_id = self.type_call
        self.assertEqual(event.status_id, self.status_planned)
        # an allowed status is kept
        event.status_id = self.status_in_progress
        event.type_id = self.type_visit
        self.assertEqual(event.status_id, self.status_in_progress)
        event.type_id = self.type_call
        self.assertEqual(event.status_id, self.status_in_progress)

    def test_closed_status(self):
        with freeze_time("2031-03-04 10:00:00"):
            event = self._create_event(type_id=self.type_call.id)
            self.assertFalse(event.is_closed)
            self.assertFalse(event.date_closed)
            event.status_id = self.status_done
            self.assertTrue(event.is_closed)
            self.assertEqual(event.date_closed, datetime(2031, 3, 4, 10, 0))
        # reopening clears the closing date
        event.status_id = self.status_in_progress
        self.assertFalse(event.is_closed)
        self.assertFalse(event.date_closed)

    def test_create_closed(self):
        with freeze_time("2031-03-04 10:00:00"):
            event = self._create_event(status_id=self.status_cancelled.id)
        self.assertTrue(event.is_closed)
        self.assertEqual(event.date_closed, datetime(2031, 3, 4, 10, 0))

    # ------------------------------------------------------------
    # customer block
    # ------------------------------------------------------------

    def test_customer_block_from_company(self):
        event = self._create_event(partner_id=self.partner_company.id)
        self.assertEqual(event.partner_ref, "C-ACME")
        self.assertEqual(event.phone, "+372 600 0001")
        self.assertEqual(event.email, "office@acme-directo.example.com")
        self.assertIn("Harbour Street 1", event.address)
        self.assertIn("Tallinn", event.address)
        self.assertIn("Estonia", event.address)
        self.assertNotIn("Acme Directo Ltd", event.address)
        self.assertEqual(event.contact_type, "customer")
        self.assertFalse(event.contact_person_id)
        self.assertEqual(event.commercial_partner_id, self.partner_company)

    def test_customer_block_from_contact_person(self):
        event = self._create_event(partner_id=self.partner_person.id)
        self.assertEqual(event.partner_ref, "C-ACME", "code of the company")
        self.assertEqual(event.phone, "+372 5555 0002")
        self.assertEqual(event.email, "john@acme-directo.example.com")
        self.assertIn("Harbour Street 1", event.address)
        self.assertEqual(event.contact_person_id, self.partner_person)
        self.assertEqual(event.commercial_partner_id, self.partner_company)
        self.assertEqual(event.contact_type, "customer")

    def test_customer_block_person_without_phone(self):
        self.partner_person.write({"phone": False, "email": False})
        event = self._create_event(partner_id=self.partner_person.id)
        self.assertEqual(event.phone, "+372 600 0001", "falls back on the company")
        self.assertEqual(event.email, "office@acme-directo.example.com")

    def test_customer_block_follows_partner_and_stays_editable(self):
        event = self._create_event(partner_id=self.partner_company.id)
        event.phone = "+372 123"
        self.assertEqual(event.phone, "+372 123")
        event.partner_id = self.partner_other
        self.assertEqual(event.partner_ref, "C-GLOBEX")
        self.assertEqual(event.phone, "+372 600 0003")
        self.assertEqual(event.email, "info@globex-directo.example.com")
        self.assertIn("Market Square 5", event.address)
        self.assertIn("Tartu", event.address)

    def test_customer_block_given_values_kept(self):
        event = self._create_event(
            partner_id=self.partner_company.id,
            phone="+1 555",
            contact_type="supplier",
        )
        self.assertEqual(event.phone, "+1 555")
        self.assertEqual(event.contact_type, "supplier")

    # ------------------------------------------------------------
    # dates
    # ------------------------------------------------------------

    def test_date_end(self):
        event = self._create_event(
            date_start="2031-05-02 08:00:00", type_id=self.type_visit.id
        )
        self.assertEqual(event.date_end, datetime(2031, 5, 2, 10, 0))
        event.duration = 1.5
        self.assertEqual(event.date_end, datetime(2031, 5, 2, 9, 30))
        event.date_start = "2031-05-03 23:00:00"
        self.assertEqual(event.date_end, datetime(2031, 5, 4, 0, 30))
        event.duration = 0.0
        self.assertEqual(event.date_end, event.date_start)

    def test_until_before_start_refused(self):
        with self.assertRaises(ValidationError):
            self._create_event(
                date_start="2031-05-02 08:00:00", date_until="2031-05-01"
            )
        event = self._create_event(
            date_start="2031-05-02 08:00:00", date_until="2031-05-02"
        )
        self.assertEqual(event.date_until, date(2031, 5, 2))
        with self.assertRaises(ValidationError):
            event.date_until = "2031-04-30"
        with self.assertRaises(ValidationError):
            event.date_start = "2031-06-01 08:00:00"

    @freeze_time("2031-06-15 12:00:00")
    def test_is_overdue(self):
        until_past = self._create_event(
            name="until past",
            date_start="2031-06-01 09:00:00",
            date_until="2031-06-10",
        )
        until_future = self._create_event(
            name="until future, end past",
            date_start="2031-06-01 09:00:00",
            date_until="2031-06-20",
        )
        end_past = self._create_event(
            name="no until, end past",
            date_start="2031-06-14 08:00:00",
            duration=2.0,
        )
        end_future = self._create_event(
            name="no until, end future",
            date_start="2031-06-15 11:00:00",
            duration=3.0,
        )
        closed = self._create_event(
            name="until past but done",
            date_start="2031-06-01 09:00:00",
            date_until="2031-06-10",
            status_id=self.status_done.id,
        )
        events = until_past | until_future | end_past | end_future | closed
        overdue = until_past | end_past
        self.assertEqual(events.filtered("is_overdue"), overdue)

        Event = self.env["directo.event"].with_user(self.user_events)
        scope = [("id", "in", events.ids)]
        self.assertEqual(Event.search(scope + [("is_overdue", "=", True)]), overdue)
        self.assertEqual(
            Event.search(scope + [("is_overdue", "=", False)]), events - overdue
        )
        self.assertEqual(
            Event.search(scope + [("is_overdue", "!=", True)]), events - overdue
        )
        # the "Overdue" filter of the search view
        self.assertEqual(
            Event.search_count(scope + [("is_overdue", "=", True)]), len(overdue)
        )

        # closing an overdue event takes it out of the overdue ones
        until_past.status_id = self.status_done
        self.assertFalse(until_past.is_overdue)
        self.assertEqual(Event.search(scope + [("is_overdue", "=", True)]), end_past)

    # ------------------------------------------------------------
    # copy
    # ------------------------------------------------------------

    def test_copy(self):
        event = self._create_event(
            name="Yearly service",
            type_id=self.type_call.id,
            partner_id=self.partner_person.id,
            status_id=self.status_done.id,
        )
        copy = event.copy()
        self.assertNotEqual(copy.ref, event.ref)
        self.assertTrue(copy.ref.startswith("EV"))
        self.assertEqual(copy.name, "Yearly service (copy)")
        self.assertEqual(copy.partner_id, self.partner_person)
        self.assertEqual(copy.type_id, self.type_call)
        self.assertEqual(copy.status_id, self.status_planned, "starts over")
        self.assertFalse(copy.is_closed)
        self.assertFalse(copy.date_closed)

    # ------------------------------------------------------------
    # contact smart button
    # ------------------------------------------------------------

    def test_partner_event_count_and_action(self):
        on_company = self._create_event(partner_id=self.partner_company.id)
        on_person = self._create_event(partner_id=self.partner_person.id)
        self._create_event(partner_id=self.partner_other.id)

        company = self.partner_company.with_user(self.user_events)
        person = self.partner_person.with_user(self.user_events)
        self.assertEqual(company.directo_event_count, 2)
        self.assertEqual(person.directo_event_count, 1)
        self.assertEqual(
            self.partner_other.with_user(self.user_events).directo_event_count, 1
        )

        action = company.action_view_directo_events()
        self.assertEqual(action["res_model"], "directo.event")
        self.assertEqual(action["context"]["default_partner_id"], company.id)
        events = (
            self.env["directo.event"]
            .with_user(self.user_events)
            .search(action["domain"])
        )
        self.assertEqual(events, on_company | on_person)

        action = person.action_view_directo_events()
        events = (
            self.env["directo.event"]
            .with_user(self.user_events)
            .search(action["domain"])
        )
        self.assertEqual(events, on_person)

    def test_partner_event_count_hides_other_company(self):
        self._create_event(partner_id=self.partner_person.id)
        self._create_event(
            partner_id=self.partner_person.id, company_id=self.company_other.id
        )
        self.assertEqual(
            self.partner_company.with_user(self.user_events).directo_event_count, 1
        )
        self.assertEqual(
            self.partner_company.with_user(self.user_other_company).directo_event_count,
            1,
        )

    # ------------------------------------------------------------
    # actions
    # ------------------------------------------------------------

    def test_action_open_jobs(self):
        event = self._create_event()
        other = self._create_event()
        job = self.env["directo.event.job"].create(
            {"event_id": event.id, "name": "Check"}
        )
        self.env["directo.event.job"].create({"event_id": other.id, "name": "Other"})
        action = event.with_user(self.user_events).action_open_jobs()
        self.assertEqual(action["res_model"], "directo.event.job")
        self.assertEqual(action["context"]["default_event_id"], event.id)
        self.assertEqual(self.env["directo.event.job"].search(action["domain"]), job)

    def test_attachments(self):
        event = self._create_event()
        attachment = (
            self.env["ir.attachment"]
            .with_user(self.user_events)
            .create(
                {
                    "name": "report.txt",
                    "raw": b"done",
                    "res_model": "directo.event",
                    "res_id": event.id,
                }
            )
        )
        self.assertEqual(event.with_user(self.user_events).attachment_count, 1)
        action = event.with_user(self.user_events).action_open_attachments()
        self.assertEqual(self.env["ir.attachment"].search(action["domain"]), attachment)

    # ------------------------------------------------------------
    # kanban quick create, reopening, contact person
    # ------------------------------------------------------------

    def test_quick_create_in_column_not_allowed_by_type(self):
        """Quick-creating a Call in the New column, which calls do not use,
        gives the call its first allowed status instead of an error."""
        event = (
            self.env["directo.event"]
            .with_context(default_status_id=self.status_new.id)
            .create({"name": "Call back", "type_id": self.type_call.id})
        )
        self.assertEqual(event.status_id, self.status_planned)

    def test_changing_type_reopens_and_clears_closed_on(self):
        event = self._create_event(
            type_id=self.type_visit.id, status_id=self.status_cancelled.id
        )
        self.assertTrue(event.date_closed)
        event.type_id = self.type_call
        self.assertEqual(event.status_id, self.status_planned)
        self.assertFalse(event.is_closed)
        self.assertFalse(event.date_closed)

    def test_contact_person_cleared_when_contact_changes(self):
        event = self._create_event(partner_id=self.partner_person.id)
        self.assertEqual(event.contact_person_id, self.partner_person)
        event.partner_id = self.partner_other
        self.assertFalse(event.contact_person_id)
        self.assertEqual(event.partner_ref, "C-GLOBEX")

    def test_imported_phone_keeps_the_rest_of_the_customer_block(self):
        event = self._create_event(
            partner_id=self.partner_other.id, phone="+372 111 2222"
        )
        self.assertEqual(event.phone, "+372 111 2222")
        self.assertEqual(event.email, "info@globex-directo.example.com")
        self.assertIn("Tartu", event.address)
