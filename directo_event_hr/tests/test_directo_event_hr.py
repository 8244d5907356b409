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
