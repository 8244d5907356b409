from odoo import api, fields, models


class DirectoEvent(models.Model):
    _inherit = "directo.event"

    equipment_id = fields.Many2one(
        "maintenance.equipment",
        index="btree_not_null",
        tracking=31,
        check_company=True,
        help="Equipment (fixed asset) the event is about; fills the fixed asset "
        "and serial number of the event.",
    )

    @api.onchange("equipment_id")
    def _onchange_equipment_id(self):
        equipment = self.equipment_id
        if equipment:
            self.asset_ref = equipment.name
            if equipment.serial_no:
                self.serial_number = equipment.serial_no
