import json
import os
import re
import subprocess
import sys
import tempfile
import uuid
from pathlib import Path

import odoo
from odoo.service import db as db_service
from odoo.sql_db import db_connect
from odoo.tests import BaseCase, tagged
from odoo.tools import config

# Lines of an Odoo log at ERROR level or worse.
PROBLEM = re.compile(r"^\S+ \S+ \d+ (ERROR|CRITICAL) ")

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
class TestDirectoEventUninstall(BaseCase):
    """Uninstalling the app, on a scratch database, leaves nothing of it
    behind: no addresses still creating events, no crons, no menus."""

    def _odoo(self, db_name, tmp, *args, stdin=None):
        odoo_root = Path(odoo.__path__[0]).parent
        env = dict(
            os.environ,
            PYTHONPATH=os.pathsep.join(
                filter(None, [str(odoo_root), os.environ.get("PYTHONPATH")])
            ),
        )
        logfile = Path(tmp, "odoo.log")
        command = [
            sys.executable,
            "-m",
            "odoo",
            *args,
            "--addons-path=" + ",".join(config["addons_path"]),
            f"--data-dir={tmp}",
            "--http-interface=127.0.0.1",
            f"--logfile={logfile}",
            "-d",
            db_name,
        ] + [
            f"--{option}={config[option]}"
            for option in ("db_host", "db_port", "db_user", "db_password")
            if config[option]
        ]
        result = subprocess.run(
            command,
            env=env,
            cwd=tmp,
            input=stdin,
            capture_output=True,
            text=True,
            timeout=900,
            check=False,
        )
        log = logfile.read_text(errors="replace") if logfile.exists() else ""
        self.assertEqual(result.returncode, 0, (result.stderr + log)[-3000:])
        problems = [line for line in log.splitlines() if PROBLEM.match(line)]
        self.assertEqual(problems, [], f"odoo {args[0]} logged errors")
        for line in result.stdout.splitlines():
            if line.startswith("RESULT "):
                return json.loads(line[len("RESULT ") :])
        return None

    def _query(self, db_name, query, params=()):
        with db_connect(db_name).cursor() as cr:
            cr.execute(query, params)
            return cr.fetchall()

    def test_uninstall(self):
        db_name = f"directo_event_uninstall_{uuid.uuid4().hex[:8]}"
        with tempfile.TemporaryDirectory() as tmp:
            try:
                self._odoo(db_name, tmp, "-i", "directo_event", "--stop-after-init")
                owned = self._odoo(db_name, tmp, "shell", "--no-http", stdin=SETUP)
                self.assertEqual(owned["reminders"], 3)
                self.assertEqual(len(owned["aliases"]), 2)
                self.assertTrue(owned["crons"])
                self.assertTrue(owned["menus"])

                state = self._odoo(db_name, tmp, "shell", "--no-http", stdin=UNINSTALL)
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
