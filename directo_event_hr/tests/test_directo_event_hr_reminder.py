from datetime import datetime

from freezegun import freeze_time

from odoo import Command
from odoo.tests import TransactionCase, new_test_user, tagged


@tagged("post_install", "-at_install", "directo_event", "directo_event_hr")
class TestDirectoEventHrReminder(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.user = new_test_user(
            cls.env, "ev_hr_rem_user", groups="directo_event.directo_event_group_user"
        )
        cls.other_user = new_test_user(
            cls.env, "ev_hr_rem_other", groups="directo_event.directo_event_group_user"
        )
        cls.employee = cls.env["hr.employee"].create(
            {"name": "Anna Ozola", "user_id": cls.user.id}
        )
        cls.event_type = cls.env["directo.event.type"].create(
            {
                "name": "Service",
                "code": "HR-REM",
                "reminder_rule_ids": [
                    Command.create(
                        {
                            "interval_nbr": 1,
                            "interval_unit": "days",
                            "notify_user": False,
                            "notify_employee": True,
                        }
                    )
                ],
            }
        )

    def test_employee_user_reminded(self):
        with freeze_time("2026-03-01 08:00:00"):
            event = self.env["directo.event"].create(
                {
                    "name": "Service visit",
                    "type_id": self.event_type.id,
                    "user_id": self.other_user.id,
                    "employee_id": self.employee.id,
                    "date_start": datetime(2026, 3, 10, 9, 0),
                }
            )
            self.assertTrue(event.reminder_ids.notify_employee)
        with freeze_time("2026-03-09 09:30:00"):
            self.env["directo.event.reminder"]._cron_send_reminders()
        self.assertEqual(event.reminder_ids.state, "sent")
        mail = self.env["mail.mail"].search(
            [
                ("model", "=", "directo.event"),
                ("res_id", "=", event.id),
                ("subject", "ilike", "reminder"),
            ]
        )
        self.assertEqual(mail.recipient_ids, self.user.partner_id)
