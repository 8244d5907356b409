from odoo.tests import Form, TransactionCase, new_test_user, tagged


@tagged("post_install", "-at_install", "directo_event", "directo_event_stock")
class TestDirectoEventStock(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.user = new_test_user(
            cls.env,
            "ev_stock_user",
            groups="directo_event.directo_event_group_user,stock.group_stock_user,"
            "stock.group_production_lot",
        )
        cls.product = cls.env["product.product"].create(
            {"name": "Heat pump", "is_storable": True, "tracking": "serial"}
        )
        cls.lot = cls.env["stock.lot"].create(
            {"name": "HP-2026-0042", "product_id": cls.product.id}
        )

    def test_lot_fills_item_and_serial(self):
        with Form(self.env["directo.event"].with_user(self.user)) as form:
            form.name = "Heat pump service"
            form.lot_id = self.lot
        event = form.record
        self.assertEqual(event.product_id, self.product)
        self.assertEqual(event.serial_number, "HP-2026-0042")
        self.assertEqual(
            self.env["directo.event"].search([("lot_id", "=", self.lot.id)]), event
        )
