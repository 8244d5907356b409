from datetime import datetime

from freezegun import freeze_time

from odoo import Command
from odoo.tests import Form, TransactionCase, new_test_user, tagged


@tagged("post_install", "-at_install", "directo_event", "directo_event_hr")
class TestDirectoEventHr(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.user = new_test_user(
            cls.env, "ev_hr_user", groups="directo_event.directo_event_group_user"
        )
        cls.other_user = new_test_user(
            cls.env, "ev_hr_other", groups="directo_event.directo_event_group_user"
        )
        cls.employee = cls.env["hr.employee"].create(
            {"name": "Anna Ozola", "user_id": cls.user.id}
        )
        cls.other_employee = cls.env["hr.employee"].create(
            {"name": "Mart Tamm", "user_id": cls.other_user.id}
        )

    def test_employee_follows_user(self):
        event = self.env["directo.event"].create(
            {"name": "Service visit", "user_id": self.user.id}
        )
        self.assertEqual(event.employee_id, self.employee)
        event.user_id = self.other_user
        self.assertEqual(event.employee_id, self.other_employee)

    def test_employee_kept_for_user_without_employee(self):
        event = self.env["directo.event"].create(
            {
                "name": "Service visit",
                "user_id": self.user.id,
            }
        )
        event.write({"employee_id": self.other_employee.id})
        event.user_id = self.env.ref("base.user_root")
        self.assertEqual(event.employee_id, self.other_employee)

    def test_job_employee(self):
        event = self.env["directo.event"].create(
            {"name": "Service visit", "user_id": self.user.id}
        )
        with Form(event.with_user(self.user)) as form:
            with form.job_ids.new() as job:
                job.name = "Replace filter"
                job.hours = 1.5
        self.assertEqual(event.job_ids.employee_id, self.employee)
        event.job_ids.user_id = False
        self.assertEqual(event.job_ids.employee_id, self.employee)

    @freeze_time("2026-03-02 08:00:00")
    def test_working_days_of_the_employee(self):
        """A series that keeps to working days follows its employee's working
        schedule (here Monday to Thursday), else the company's."""
        calendar = self.env["resource.calendar"].create(
            {
                "name": "Four days",
                "tz": "UTC",
                "attendance_ids": [
                    Command.create(
                        {
                            "name": f"Day {day}",
                            "dayofweek": str(day),
                            "hour_from": 8,
                            "hour_to": 16,
                        }
                    )
                    for day in range(4)
                ],
            }
        )
        self.employee.resource_calendar_id = calendar
        self.user.tz = "UTC"
        self.env.company.resource_calendar_id.tz = "UTC"
        days = {}
        for key, user in (("employee", self.user), ("nobody", False)):
            event = (
                self.env["directo.event"]
                .with_user(self.user)
                .create(
                    {
                        "name": "Friday check",
                        "user_id": user and user.id,
                        "date_start": datetime(2026, 3, 6, 9, 0),
                        "is_recurrent": True,
                        "repeat_unit": "week",
                        "repeat_type": "count",
                        "repeat_count": 2,
                        "repeat_working_days": True,
                    }
                )
            )
            self.assertEqual(
                event.employee_id, self.employee if user else self.env["hr.employee"]
            )
            days[key] = event.recurrence_id.event_ids.sorted("date_start").mapped(
                "date_start"
            )
        self.assertEqual(
            days["employee"],
            [datetime(2026, 3, 6, 9, 0), datetime(2026, 3, 16, 9, 0)],
            "the employee's Friday is a day off: moved to Monday",
        )
        self.assertEqual(
            days["nobody"],
            [datetime(2026, 3, 6, 9, 0), datetime(2026, 3, 13, 9, 0)],
            "no employee: the company's schedule, Friday is a working day",
        )

    def test_event_card_shows_the_employee(self):
        event = self.env["directo.event"].create(
            {"name": "Service visit", "user_id": self.user.id}
        )
        html = (
            self.env["ir.actions.report"]
            .with_user(self.user)
            ._render_qweb_html("directo_event.action_report_directo_event", event.ids)[
                0
            ]
            .decode()
        )
        self.assertIn("Employee:", html)
        self.assertIn("Anna Ozola", html)
