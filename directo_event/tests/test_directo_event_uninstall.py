import tempfile
import uuid

from odoo.service import db as db_service
from odoo.sql_db import db_connect
from odoo.tests import BaseCase, tagged

from .odoo_subprocess import OdooSubprocessMixin

# Lines of an Odoo log at ERROR level or worse.

# Run in ``odoo shell`` once the app is installed: give the company an events
# address and a type its own address and a reminder, make a few events (with
# the shipped statuses and reminder templates), and report the ids of what
# the module owns.
SETUP = """
import json
company = env.company
company._directo_event_set_alias("events-uninstall", company.alias_domain_id, False)
event_type = env["directo.event.type"].create(
    {
        "name": "Uninstall Calls",
        "code": "U-CALL",
        "alias_name": "calls-uninstall",
        "reminder_rule_ids": [(0, 0, {"interval_nbr": 1, "notify_partner": True})],
    }
)
for index in range(3):
    env["directo.event"].create(
        {"name": f"Uninstall event {index}", "type_id": event_type.id}
    )
data = env["ir.model.data"].search([("module", "=", "directo_event")])
result = {
    "reminders": len(env["directo.event"].search([]).reminder_ids),
    "aliases": (company.directo_event_alias_id | event_type.alias_id).ids,
    "crons": data.filtered(lambda d: d.model == "ir.cron").mapped("res_id"),
    "menus": data.filtered(lambda d: d.model == "ir.ui.menu").mapped("res_id"),
}
env.cr.commit()
print("RESULT " + json.dumps(result))
"""

UNINSTALL = """
import json
module = env["ir.module.module"].search([("name", "=", "directo_event")])
module.button_immediate_uninstall()
env.cr.commit()
print("RESULT " + json.dumps(module.state))
"""


@tagged("post_install", "-at_install", "directo_event", "directo_event_security")
class TestDirectoEventUninstall(OdooSubprocessMixin, BaseCase):
    """Uninstalling the app, on a scratch database, leaves nothing of it
    behind: no addresses still creating events, no crons, no menus."""

    def _query(self, db_name, query, params=()):
        with db_connect(db_name).cursor() as cr:
            cr.execute(query, params)
            return cr.fetchall()

    def test_uninstall(self):
        db_name = f"directo_event_uninstall_{uuid.uuid4().hex[:8]}"
        with tempfile.TemporaryDirectory() as tmp:
            try:
                self._odoo(db_name, tmp, "-i", "directo_event", "--stop-after-init")[0]
                owned = self._odoo(db_name, tmp, "shell", "--no-http", stdin=SETUP)[0]
                self.assertEqual(owned["reminders"], 3)
                self.assertEqual(len(owned["aliases"]), 2)
                self.assertTrue(owned["crons"])
                self.assertTrue(owned["menus"])

                state = self._odoo(db_name, tmp, "shell", "--no-http", stdin=UNINSTALL)[
                    0
                ]
                self.assertEqual(state, "uninstalled")

                def count(query, *params):
                    return self._query(db_name, query, params)[0][0]

                self.assertFalse(
                    count(
                        "SELECT count(*) FROM ir_model WHERE model LIKE %s",
                        "directo.event%",
                    )
                )
                self.assertFalse(
                    count(
                        "SELECT count(*) FROM ir_model_data WHERE module = %s",
                        "directo_event",
                    )
                )
                # the addresses are gone, and no address points nowhere
                self.assertFalse(
                    count(
                        "SELECT count(*) FROM mail_alias WHERE id = ANY(%s)"
                        " OR alias_name IN ('events-uninstall', 'calls-uninstall')",
                        owned["aliases"],
                    )
                )
                self.assertFalse(
                    count(
                        "SELECT count(*) FROM mail_alias a"
                        " LEFT JOIN ir_model m ON m.id = a.alias_model_id"
                        " WHERE m.id IS NULL"
                    )
                )
                self.assertFalse(
                    count(
                        "SELECT count(*) FROM ir_cron WHERE id = ANY(%s)",
                        owned["crons"],
                    )
                )
                self.assertFalse(
                    count(
                        "SELECT count(*) FROM ir_ui_menu WHERE id = ANY(%s)",
                        owned["menus"],
                    )
                )
                # no window action left on a removed model
                self.assertFalse(
                    count(
                        "SELECT count(*) FROM ir_act_window WHERE res_model LIKE %s",
                        "directo.event%",
                    )
                )
                self.assertFalse(
                    count(
                        "SELECT count(*) FROM information_schema.tables"
                        " WHERE table_name LIKE %s",
                        "directo_event%",
                    )
                )
            finally:
                db_service.exp_drop(db_name)
