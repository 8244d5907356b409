from odoo import api, models

EVENT_SEQUENCE_CODE = "directo.event"


class IrSequence(models.Model):
    _inherit = "ir.sequence"

    # directo.event._event_sequence_id caches which sequence numbers events

    @api.model_create_multi
    def create(self, vals_list):
        if any(vals.get("code") == EVENT_SEQUENCE_CODE for vals in vals_list):
            self.env.registry.clear_cache()
        return super().create(vals_list)

    def write(self, vals):
        if {"code", "company_id", "active"} & set(vals) and (
            vals.get("code") == EVENT_SEQUENCE_CODE
            or any(seq.code == EVENT_SEQUENCE_CODE for seq in self)
        ):
            self.env.registry.clear_cache()
        return super().write(vals)

    def unlink(self):
        if any(seq.code == EVENT_SEQUENCE_CODE for seq in self):
            self.env.registry.clear_cache()
        return super().unlink()
