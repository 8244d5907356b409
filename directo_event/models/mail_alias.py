from odoo import api, models, tools


class MailAlias(models.Model):
    _inherit = "mail.alias"

    @api.model
    @tools.ormcache()
    def _directo_event_alias_index(self):
        """``({full address: alias id}, {local part: alias id})`` of the
        aliases that make events (the second for aliases that accept any
        domain). Every incoming message is checked against it, for any app:
        cached, and cleared when such an alias or an alias domain changes."""
        aliases = (
            self.sudo()
            .with_context(active_test=False)
            .search(
                [
                    (
                        "alias_model_id",
                        "=",
                        self.env["ir.model"]._get_id("directo.event"),
                    )
                ],
                order="id",
            )
        )
        by_address, by_local_part = {}, {}
        for alias in aliases:
            if alias.alias_full_name:
                by_address.setdefault(alias.alias_full_name.lower(), alias.id)
            if alias.alias_name and alias.alias_incoming_local:
                by_local_part.setdefault(alias.alias_name.lower(), alias.id)
        return by_address, by_local_part

    def _directo_event_clear_index(self):
        model_id = self.env["ir.model"]._get_id("directo.event")
        if any(alias.alias_model_id.id == model_id for alias in self.sudo()):
            self.env.registry.clear_cache()

    @api.model_create_multi
    def create(self, vals_list):
        aliases = super().create(vals_list)
        aliases._directo_event_clear_index()
        return aliases

    def write(self, vals):
        fields = {
            "alias_name",
            "alias_domain_id",
            "alias_model_id",
            "alias_incoming_local",
        }
        if fields & set(vals):
            self._directo_event_clear_index()
        res = super().write(vals)
        if fields & set(vals):
            self._directo_event_clear_index()
        return res

    def unlink(self):
        self._directo_event_clear_index()
        return super().unlink()

    def _alias_bounce_incoming_email(self, message, message_dict, set_invalid=True):
        """When creating an event fails, Odoo marks the address invalid and
        bounces the message: the message is kept in the intake log instead,
        to be processed again, so neither happens."""
        outcome = self.env.context.get("directo_event_intake_outcome")
        if outcome is not None and outcome.get("kept_for_replay"):
            return
        return super()._alias_bounce_incoming_email(
            message, message_dict, set_invalid=set_invalid
        )
