import unittest
from datetime import datetime, time, timedelta

from odoo import Command, fields
from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install", "directo_event", "directo_event_tour")
class TestDirectoEventTours(HttpCase):
    """What users do in the browser: the event card, the kanban board, the
    calendar, the Settings block, the incoming e-mail log and a weekly
    recurrence.

    The tours live in static/tests/tours/. Every record they look for is
    created here: the tests never depend on demo data."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env.company
        own_company = {
            "company_id": cls.company.id,
            "company_ids": [Command.set(cls.company.ids)],
            "tz": "UTC",
        }
        cls.user_manager = new_test_user(
            cls.env,
            "de_tour_manager",
            groups="base.group_user,directo_event.directo_event_group_manager",
            name="Tina Tour Manager",
            **own_company,
        )
        cls.user_admin = new_test_user(
            cls.env,
            "de_tour_admin",
            groups="base.group_user,base.group_system,"
            "directo_event.directo_event_group_manager",
            name="Sam Tour Settings",
            **own_company,
        )
        cls.status_planned = cls.env.ref("directo_event.directo_event_status_planned")
        cls.status_in_progress = cls.env.ref(
            "directo_event.directo_event_status_in_progress"
        )
        cls.type_service = cls.env["directo.event.type"].create(
            {
                "name": "Tour Service",
                "code": "T-TOUR",
                "company_id": cls.company.id,
                "default_duration": 3.5,
            }
        )
        cls.partner = cls.env["res.partner"].create(
            {
                "name": "Tour Heating Ltd",
                "is_company": True,
                "ref": "C-TOUR",
                "phone": "+372 600 7777",
                "email": "office@tour-heating.example.com",
                "city": "Tallinn",
            }
        )

    def start_tour(self, url_path, tour_name, step_delay=None, **kwargs):
        # Odoo skips browser tests when Chromium (or websocket-client) is
        # missing; here a tour that cannot run is a failure.
        try:
            return super().start_tour(url_path, tour_name, step_delay, **kwargs)
        except unittest.SkipTest as error:
            self.fail(f"The tour {tour_name} could not run: {error}")

    def _event(self, name):
        return self.env["directo.event"].search([("name", "=", name)])

    # ------------------------------------------------------------
    # TOURS
    # ------------------------------------------------------------

    def test_form_tour(self):
        """Create an event from the list, fill the card, change its status."""
        self.start_tour(
            "/odoo/directo-events", "directo_event_form_tour", login="de_tour_manager"
        )
        event = self._event("Tour boiler service")
        self.assertEqual(len(event), 1)
        self.assertEqual(event.partner_id, self.partner)
        self.assertEqual(event.phone, "+372 600 7777")
        self.assertEqual(event.partner_ref, "C-TOUR")
        self.assertEqual(event.type_id, self.type_service)
        self.assertEqual(event.duration, 3.5)
        self.assertEqual(event.job_ids.mapped("name"), ["Replace the burner nozzle"])
        self.assertEqual(event.hours_spent, 1.5)
        self.assertEqual(event.status_id, self.status_in_progress)
        self.assertEqual(event.user_id, self.user_manager)

    def test_kanban_tour(self):
        """Drag a card to another status column."""
        event = self.env["directo.event"].create(
            {
                "name": "Tour kanban card",
                "status_id": self.status_planned.id,
                # first card of its column, demo data or not
                "priority": "3",
                "date_start": fields.Datetime.now() + timedelta(days=400),
                "user_id": self.user_manager.id,
            }
        )
        self.start_tour(
            "/odoo/directo-events", "directo_event_kanban_tour", login="de_tour_manager"
        )
        self.assertEqual(event.status_id, self.status_in_progress)

    def test_calendar_tour(self):
        """Plan an event on the calendar and open another one from it."""
        now = fields.Datetime.now()
        event = self.env["directo.event"].create(
            {
                "name": "Tour calendar visit",
                "date_start": now.replace(hour=10, minute=0, second=0, microsecond=0),
                "duration": 1.0,
                "user_id": self.user_manager.id,
            }
        )
        self.start_tour(
            "/odoo/directo-events",
            "directo_event_calendar_tour",
            login="de_tour_manager",
        )
        self.assertEqual(event.duration, 3.0)
        planned = self._event("Tour planned visit")
        self.assertEqual(len(planned), 1)
        # the slot is today in the browser's time zone
        self.assertLessEqual(abs(planned.date_start - now), timedelta(days=1))

    def test_manager_settings_tour(self):
        """An Events Manager without the Settings rights sets the company's
        events address and threading days from the Events menu."""
        self.company.name = "YourCompany"
        self.company.alias_domain_id = self.env["mail.alias.domain"].create(
            {"name": "directo-manager.example.com"}
        )
        self.assertFalse(self.user_manager.has_group("base.group_erp_manager"))
        self.start_tour(
            "/odoo/directo-events",
            "directo_event_manager_settings_tour",
            login="de_tour_manager",
        )
        self.assertEqual(
            self.company.directo_event_alias_id.alias_full_name,
            "manager-events@directo-manager.example.com",
        )
        self.assertEqual(self.company.directo_event_thread_days, 14)

    def test_settings_tour(self):
        """Set the events address and the defaults in Settings; a message to
        the address becomes an event with those defaults."""
        status_triage = self.env["directo.event.status"].create(
            {"name": "Tour Triage", "sequence": 3}
        )
        alias_domain = self.env["mail.alias.domain"].create(
            {"name": "directo-tour.example.com"}
        )
        self.company.alias_domain_id = alias_domain
        self.start_tour(
            "/odoo/settings", "directo_event_settings_tour", login="de_tour_admin"
        )
        alias = self.company.directo_event_alias_id
        self.assertEqual(alias.alias_name, "tour-events")
        self.assertEqual(alias.alias_domain_id, alias_domain)
        self.assertEqual(alias.alias_full_name, "tour-events@directo-tour.example.com")
        self.assertEqual(alias.alias_model_id.model, "directo.event")
        self.assertEqual(self.company.directo_event_default_type_id, self.type_service)
        self.assertEqual(self.company.directo_event_default_status_id, status_triage)

        self.env["mail.thread"].message_process(
            False,
            "From: Tour Customer <tour.customer@example.com>\r\n"
            "To: tour-events@directo-tour.example.com\r\n"
            "Subject: Tour radiator leaks\r\n"
            "Message-Id: <tour-settings-1@example.com>\r\n"
            "Date: Thu, 03 Dec 2026 10:00:00 +0000\r\n"
            "Content-Type: text/plain; charset=utf-8\r\n"
            "\r\n"
            "The radiator in the hall leaks.\r\n",
        )
        event = self._event("Tour radiator leaks")
        self.assertEqual(len(event), 1)
        self.assertEqual(event.company_id, self.company)
        self.assertEqual(event.type_id, self.type_service)
        self.assertEqual(event.status_id, status_triage)

    def test_intake_tour(self):
        """Open the incoming e-mail log and a logged message."""
        event = self.env["directo.event"].create({"name": "Tour broken heater"})
        self.env["directo.event.intake"].create(
            {
                "message_id": "<tour-intake-1@example.com>",
                "email_from": "tour.sender@example.com",
                "email_to": "events@directo-tour.example.com",
                "subject": "Tour broken heater",
                "company_id": self.company.id,
                "state": "new",
                "event_id": event.id,
            }
        )
        self.start_tour(
            "/odoo/directo-events", "directo_event_intake_tour", login="de_tour_manager"
        )

    def _event_next_monday(self, name, **values):
        """An event of the tours' manager next Monday at 09:00 (UTC)."""
        today = fields.Date.today()
        next_monday = today + timedelta(days=7 - today.weekday())
        return self.env["directo.event"].create(
            {
                "name": name,
                "date_start": datetime.combine(next_monday, time(9, 0)),
                "user_id": self.user_manager.id,
                **values,
            }
        )

    def test_recurrence_tour(self):
        """Make an event repeat weekly from its Recurrence tab."""
        event = self._event_next_monday("Tour weekly check")
        self.start_tour(
            f"/odoo/directo-events/{event.id}",
            "directo_event_recurrence_tour",
            login="de_tour_manager",
        )
        series = event.recurrence_id
        self.assertTrue(event.is_recurrent)
        self.assertEqual(series.repeat_unit, "week")
        self.assertEqual(series.repeat_interval, 1)
        self.assertTrue(series.mon and series.thu)
        self.assertEqual((series.repeat_type, series.repeat_count), ("count", 4))
        events = self.env["directo.event"].search(
            [("recurrence_id", "=", series.id)], order="date_start"
        )
        self.assertEqual(
            [e.date_start.strftime("%a %H:%M") for e in events],
            ["Mon 09:00", "Thu 09:00", "Mon 09:00", "Thu 09:00"],
        )

    def test_recurrence_move_tour(self):
        """Move an event of a series to another time for it and the following
        ones, from its form."""
        event = self._event_next_monday(
            "Tour moved check",
            is_recurrent=True,
            repeat_unit="week",
            repeat_type="count",
            repeat_count=4,
        )
        events = self.env["directo.event"].search(
            [("recurrence_id", "=", event.recurrence_id.id)], order="date_start"
        )
        self.start_tour(
            f"/odoo/directo-events/{events[1].id}",
            "directo_event_recurrence_move_tour",
            login="de_tour_manager",
        )
        self.assertEqual(
            [e.date_start.strftime("%a %H:%M") for e in events],
            ["Mon 09:00", "Mon 10:30", "Mon 10:30", "Mon 10:30"],
        )
