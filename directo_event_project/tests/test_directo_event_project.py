from odoo.tests import Form, TransactionCase, new_test_user, tagged


@tagged("post_install", "-at_install", "directo_event", "directo_event_project")
class TestDirectoEventProject(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.user = new_test_user(
            cls.env,
            "ev_project_user",
            groups="directo_event.directo_event_group_user,project.group_project_user,"
            "analytic.group_analytic_accounting",
        )
        cls.customer = cls.env["res.partner"].create(
            {"name": "SIA Kokle", "is_company": True}
        )
        plan = cls.env["account.analytic.plan"].create({"name": "Projects"})
        cls.account = cls.env["account.analytic.account"].create(
            {"name": "Riga office", "plan_id": plan.id}
        )
        cls.project = cls.env["project.project"].create(
            {
                "name": "Office renovation",
                "partner_id": cls.customer.id,
                "account_id": cls.account.id,
            }
        )

    def test_project_fills_customer_and_object(self):
        with Form(self.env["directo.event"].with_user(self.user)) as form:
            form.name = "Site meeting"
            form.project_id = self.project
        event = form.record
        self.assertEqual(event.project_id, self.project)
        self.assertEqual(event.partner_id, self.customer)
        self.assertEqual(event.analytic_account_id, self.account)

    def test_group_by_project(self):
        self.env["directo.event"].create(
            [
                {"name": "Visit 1", "project_id": self.project.id},
                {"name": "Visit 2", "project_id": self.project.id},
            ]
        )
        groups = self.env["directo.event"]._read_group(
            [("project_id", "=", self.project.id)], ["project_id"], ["__count"]
        )
        self.assertEqual(groups, [(self.project, 2)])

    def test_event_card_shows_the_project(self):
        event = self.env["directo.event"].create(
            {"name": "Site meeting", "project_id": self.project.id}
        )
        html = (
            self.env["ir.actions.report"]
            .with_user(self.user)
            ._render_qweb_html("directo_event.action_report_directo_event", event.ids)[
                0
            ]
            .decode()
        )
        self.assertIn("Project:", html)
        self.assertIn("Office renovation", html)
