from odoo import fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    directo_event_count = fields.Integer(
        compute="_compute_directo_event_count",
        string="Event Count",
        groups="directo_event.directo_event_group_user",
    )

    def _compute_directo_event_count(self):
        """Count the events of each contact and of its child contacts."""
        all_partners = self.with_context(active_test=False).search_fetch(
            [("id", "child_of", self.ids)], ["parent_id"]
        )
        counts = dict(
            self.env["directo.event"]._read_group(
                [("partner_id", "in", all_partners.ids)], ["partner_id"], ["__count"]
            )
        )
        self.directo_event_count = 0
        for partner in all_partners:
            count = counts.get(partner, 0)
            while partner:
                if partner in self:
                    partner.directo_event_count += count
                partner = partner.parent_id

    def action_view_directo_events(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "directo_event.directo_event_action"
        )
        action["domain"] = [("partner_id", "child_of", self.ids)]
        action["context"] = {"default_partner_id": self.id}
        return action
