from odoo.tests import Form, TransactionCase, new_test_user, tagged


@tagged("post_install", "-at_install", "directo_event", "directo_event_maintenance")
class TestDirectoEventMaintenance(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.user = new_test_user(
            cls.env,
            "ev_maint_user",
            groups="directo_event.directo_event_group_user,"
            "maintenance.group_equipment_manager",
        )
        cls.equipment = cls.env["maintenance.equipment"].create(
            {"name": "Boiler room pump", "serial_no": "BRP-7781"}
        )

    def test_equipment_fills_fixed_asset(self):
        with Form(self.env["directo.event"].with_user(self.user)) as form:
            form.name = "Yearly pump check"
            form.equipment_id = self.equipment
        event = form.record
        self.assertEqual(event.equipment_id, self.equipment)
        self.assertEqual(event.asset_ref, "Boiler room pump")
        self.assertEqual(event.serial_number, "BRP-7781")
