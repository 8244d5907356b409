from odoo import api, fields, models


class DirectoEvent(models.Model):
    _inherit = "directo.event"

    lot_id = fields.Many2one(
        "stock.lot",
        string="Lot/Serial",
        index="btree_not_null",
        tracking=33,
        check_company=True,
        domain="[('product_id', '=?', product_id)]",
        help="Serial number of the item in Inventory; fills the item and the "
        "serial number of the event.",
    )

    @api.onchange("lot_id")
    def _onchange_lot_id(self):
        if self.lot_id:
            self.product_id = self.lot_id.product_id
            self.serial_number = self.lot_id.name
