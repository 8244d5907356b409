import tempfile
import uuid

from odoo.service import db as db_service
from odoo.tests import BaseCase, tagged

from .odoo_subprocess import WARNINGS, OdooSubprocessMixin

# Run in ``odoo shell`` once the app is installed: what an administrator and
# the users do in the first weeks. Shipped records are edited (a status
# renamed, a reminder's subject, the schedule of the crons), the company gets
# its events address and defaults, and there are events with jobs.
SETUP = """
env = env(context={"lang": "en_US"})
company = env.company
env.ref("directo_event.directo_event_status_planned").name = "Scheduled"
env.ref("directo_event.directo_event_status_done").sequence = 99
reminder = env.ref("directo_event.mail_template_directo_event_reminder")
reminder.subject = "Soon: {{ object.name }}"
reminder_cron = env.ref("directo_event.ir_cron_directo_event_reminder")
reminder_cron.write({"interval_number": 6, "interval_type": "hours"})
env.ref("directo_event.ir_cron_directo_event_recurrence").active = False
env.ref("directo_event.ir_cron_directo_event_intake_purge").interval_number = 7
domain = env["mail.alias.domain"].create({"name": "upgrade.example.com"})
company.alias_domain_id = domain
company._directo_event_set_alias("events-upgrade", domain, "partners")
event_type = env["directo.event.type"].create(
    {"name": "Upgrade Calls", "code": "U-CALL"}
)
company.directo_event_default_type_id = event_type
new = env.ref("directo_event.directo_event_status_new")
company.directo_event_default_status_id = new
for index in range(3):
    env["directo.event"].create(
        {
            "name": f"Upgrade event {index}",
            "type_id": event_type.id,
            "job_ids": [(0, 0, {"name": f"Job {index}", "hours": 1.5})],
        }
    )
env.cr.commit()
"""

# Run in ``odoo shell`` before and after the upgrade: what the users see.
STATE = """
import json
env = env(context={"lang": "en_US"})
company = env.company
reminder_cron = env.ref("directo_event.ir_cron_directo_event_reminder")
recurrence_cron = env.ref("directo_event.ir_cron_directo_event_recurrence")
alias = company.directo_event_alias_id
events = env["directo.event"].search([("name", "like", "Upgrade event")])
print("RESULT " + json.dumps({
    "statuses": env["directo.event.status"].search([]).mapped(
        lambda s: [s.name, s.sequence, s.is_closed]
    ),
    "reminder_subject": env.ref(
        "directo_event.mail_template_directo_event_reminder"
    ).subject,
    "reminder_cron": [reminder_cron.interval_number, reminder_cron.interval_type],
    "recurrence_cron_active": recurrence_cron.active,
    "purge_cron_interval": env.ref(
        "directo_event.ir_cron_directo_event_intake_purge"
    ).interval_number,
    "alias": [alias.alias_full_name, alias.alias_model_id.model, alias.alias_contact],
    "accepted_senders": company.directo_event_alias_contact,
    "defaults": [
        company.directo_event_default_type_id.name,
        company.directo_event_default_status_id.name,
    ],
    "events": events.mapped(lambda e: [e.name, e.ref, e.status_id.name]),
    "jobs": events.job_ids.mapped(lambda j: [j.name, j.hours]),
}))
"""


@tagged("post_install", "-at_install", "directo_event", "directo_event_upgrade")
class TestDirectoEventUpgrade(OdooSubprocessMixin, BaseCase):
    """Updating the app (``-u directo_event``, as after a new release) keeps
    what the company configured and recorded, and logs no warning."""

    maxDiff = None

    def test_upgrade_keeps_configuration_and_data(self):
        db_name = f"directo_event_upgrade_{uuid.uuid4().hex[:8]}"
        with tempfile.TemporaryDirectory() as tmp:
            try:
                self._odoo(db_name, tmp, "-i", "directo_event", "--stop-after-init")
                self._odoo(db_name, tmp, "shell", "--no-http", stdin=SETUP)
                before = self._odoo(db_name, tmp, "shell", "--no-http", stdin=STATE)[0]
                # what SETUP did is what the check reads
                self.assertIn(["Scheduled", 5, False], before["statuses"])
                self.assertEqual(before["reminder_cron"], [6, "hours"])
                self.assertFalse(before["recurrence_cron_active"])
                self.assertEqual(
                    before["alias"],
                    ["events-upgrade@upgrade.example.com", "directo.event", "partners"],
                )
                self.assertEqual(len(before["events"]), 3)
                self.assertEqual(len(before["jobs"]), 3)

                self._odoo(
                    db_name,
                    tmp,
                    "-u",
                    "directo_event",
                    "--stop-after-init",
                    problem=WARNINGS,
                )
                after = self._odoo(db_name, tmp, "shell", "--no-http", stdin=STATE)[0]
                self.assertEqual(after, before)
            finally:
                db_service.exp_drop(db_name)
