from odoo import api, models


class MailAliasDomain(models.Model):
    _inherit = "mail.alias.domain"

    @api.model
    def _find_aliases(self, email_list):
        """While Odoo's gateway processes one message to an events address, it
        asks up to four times which addresses are aliases: the recipients once,
        then the sender three times. The answer is the same for each address
        (the method filters the list address by address), so ask once, for the
        recipients and the sender together, and remember it for the message."""
        outcome = self.env.context.get("directo_event_intake_outcome")
        if outcome is None:
            return super()._find_aliases(email_list)
        known = outcome.aliases
        unknown = [e for e in email_list if e not in known]
        if unknown:
            unknown += [e for e in outcome.also_ask if e not in known]
            found = set(super()._find_aliases(unknown))
            known.update((e, e in found) for e in unknown)
        return [e for e in email_list if known.get(e)]

    def write(self, vals):
        if "name" in vals:
            self.env.registry.clear_cache()  # mail.alias._directo_event_alias_index
        return super().write(vals)

    def unlink(self):
        self.env.registry.clear_cache()  # mail.alias._directo_event_alias_index
        return super().unlink()
