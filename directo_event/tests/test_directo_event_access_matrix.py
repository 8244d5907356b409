from datetime import datetime

from odoo.exceptions import AccessError
from odoo.tests import Form, new_test_user, tagged

from .common import DirectoEventAccessCommon

# The rows test_directo_event_access.py does not cover, in its notation: which
# operations (r)ead, (c)reate, (w)rite, (u)nlink each role may do on the
# records of a model, by the company of the record: own = the user's company,
# other = a company the user is not allowed in, shared = no company. A missing
# role or target means no access at all.
EXPECTED = {
    # the e-mail intake log: written by the mail gateway, never by hand
    "directo.event.intake": {
        "manager": {"own": "rwu", "shared": "rwu"},
    },
    "directo.event.reminder": {
        "user": {"own": "rcwu"},
        "manager": {"own": "rcwu"},
    },
    "directo.event.reminder.rule": {
        "user": {"own": "r", "shared": "r"},
        "manager": {"own": "rcwu", "shared": "rcwu"},
    },
    "directo.event.recurrence": {
        "user": {"own": "rcwu"},
        "manager": {"own": "rcwu"},
    },
    # a read-only view over the chatter's tracking values
    "directo.event.change": {
        "user": {"own": "r"},
        "manager": {"own": "r"},
    },
}
TARGETS = {
    "directo.event.intake": ("own", "shared", "other"),
    "directo.event.reminder": ("own", "other"),
    "directo.event.reminder.rule": ("own", "shared", "other"),
    "directo.event.recurrence": ("own", "other"),
    "directo.event.change": ("own", "other"),
}
ROLES = ("portal", "internal", "user", "manager")


@tagged(
    "post_install",
    "-at_install",
    "directo_event",
    "directo_event_security",
)
class TestDirectoEventAccessMatrix(DirectoEventAccessCommon):
    # ------------------------------------------------------------
    # helpers
    # ------------------------------------------------------------

    def _event(self, target):
        return self.event_own if target == "own" else self.event_other

    def _values(self, model, target):
        """Values of a new record of ``model`` in the company of ``target``."""
        self.counter += 1
        company = self._company(target)
        if model == "directo.event.intake":
            return {
                "subject": f"Intake {self.counter}",
                "message_id": f"<intake-{self.counter}@example.com>",
                "company_id": company.id,
            }
        if model == "directo.event.reminder":
            return {"event_id": self._event(target).id, "interval_nbr": 1}
        if model == "directo.event.reminder.rule":
            event_type = {
                "own": self.type_call,
                "shared": self.type_visit,
                "other": self.type_other_company,
            }[target]
            return {"type_id": event_type.id, "interval_nbr": 1}
        if model == "directo.event.recurrence":
            return {
                "company_id": company.id,
                "dtstart": datetime(2030, 1, 7, 9, 0),
                "repeat_type": "count",
                "repeat_count": 2,
                "repeat_interval": 1,
            }
        # directo.event.change: a record cannot be created, only refused
        return {"event_id": self._event(target).id}

    def _record(self, model, target):
        """A fresh record, created by the superuser."""
        if model == "directo.event.change":
            event = self._event(target)
            event.name = f"Renamed {self.counter}"
            self.counter += 1
            self.env.flush_all()
            self.env.cr.flush()  # runs the precommit hooks that track changes
            change = self.env[model].search([("event_id", "=", event.id)], limit=1)
            self.assertTrue(change, "renaming an event records a change")
            return change
        return self.env[model].create(self._values(model, target))

    def _check(self, user, model, target, operation):
        """Do ``operation`` as ``user`` and check its effect; AccessError when
        refused."""
        if operation == "create":
            values = self._values(model, target)
            record = self.env[model].with_user(user).create(values)
            self.assertTrue(record.sudo().exists())
            return
        record = self._record(model, target)
        as_user = record.with_user(user)
        if operation == "read":
            self.assertEqual(as_user.read(["display_name"])[0]["id"], record.id)
        elif operation == "write":
            field, value = {
                "directo.event.intake": ("reason", "Checked by hand"),
                "directo.event.reminder": ("interval_nbr", 7),
                "directo.event.reminder.rule": ("interval_nbr", 7),
                "directo.event.recurrence": ("repeat_interval", 7),
                "directo.event.change": ("date", datetime(2030, 1, 1)),
            }[model]
            as_user.write({field: value})
            record.invalidate_recordset()
            self.assertEqual(record[field], value)
        else:
            as_user.unlink()
            self.assertFalse(record.exists())

    # ------------------------------------------------------------
    # tests
    # ------------------------------------------------------------

    def test_access_matrix(self):
        self._assert_access_table(TARGETS, ROLES, EXPECTED)

    def test_settings_page_administrators_only(self):
        """Odoo's Settings page is for administrators: Events Managers
        without the Settings rights are refused there (they have Events >
        Configuration > Settings, below)."""
        company = self.company
        company.directo_event_thread_days = 5
        for role in ROLES:
            with self.subTest(role=role):
                Settings = self.env["res.config.settings"].with_user(self.users[role])
                with self.assertRaises(AccessError):
                    Settings.create({"directo_event_thread_days": 9}).execute()
        self.assertEqual(company.directo_event_thread_days, 5)

        admin = new_test_user(
            self.env,
            "de_settings_admin",
            groups="base.group_system,directo_event.directo_event_group_manager",
            company_id=company.id,
        )
        settings = (
            self.env["res.config.settings"]
            .with_user(admin)
            .create({"directo_event_thread_days": 9})
        )
        settings.execute()
        self.assertEqual(company.directo_event_thread_days, 9)

    def test_settings_events_managers(self):
        """Events > Configuration > Settings: an Events Manager changes the
        events settings of their own companies, and nothing else of them."""
        company = self.company
        company.alias_domain_id = self.env["mail.alias.domain"].create(
            {"name": "directo-access.example.com"}
        )
        manager = self.users["manager"]
        Company = self.env["res.company"]
        action = Company.with_user(manager)._directo_event_action_settings()
        self.assertEqual(action["res_model"], "directo.event.settings")
        form = Form(self.env["directo.event.settings"].with_user(manager))
        self.assertEqual(form.company_id, company)
        form.directo_event_thread_days = 9
        form.directo_event_alias_prefix = "service"
        form.directo_event_alias_contact = "partners"
        settings = form.save()
        self.assertEqual(settings.display_name, "Events Settings")
        self.assertEqual(settings.action_save()["params"]["type"], "success")
        self.assertEqual(company.directo_event_thread_days, 9)
        alias = company.directo_event_alias_id
        self.assertEqual(alias.alias_full_name, "service@directo-access.example.com")
        self.assertEqual(alias.alias_contact, "partners")
        # who may write: Odoo's alias follows the company's setting
        company.with_user(manager).directo_event_alias_contact = "everyone"
        self.assertEqual(alias.alias_contact, "everyone")

        # nothing else of the company, nor another company's settings
        Settings = self.env["directo.event.settings"].with_user(manager)
        calendar = self.env["resource.calendar"].create({"name": "Four days"})
        for values in (
            {"directo_event_resource_calendar_id": calendar.id},
            {"company_id": self.company_other.id, "directo_event_thread_days": 3},
        ):
            with self.subTest(values=values), self.assertRaises(AccessError):
                Settings.create(values)
        with self.assertRaises(AccessError):
            company.with_user(manager).write({"name": "Renamed by the manager"})
        with self.assertRaises(AccessError):
            company.with_user(manager).write(
                {"directo_event_thread_days": 3, "name": "Renamed by the manager"}
            )
        with self.assertRaisesRegex(AccessError, "your own companies"):
            self.company_other.with_user(manager).directo_event_thread_days = 3
        # the other roles have neither the form nor the fields
        for role in ("portal", "internal", "user"):
            with self.subTest(role=role):
                with self.assertRaises(AccessError):
                    company.with_user(self.users[role]).directo_event_thread_days = 3
                with self.assertRaises(AccessError):
                    self.env["directo.event.settings"].with_user(
                        self.users[role]
                    ).create({"directo_event_thread_days": 3})
        self.assertEqual(company.directo_event_thread_days, 9)
        self.assertEqual(self.company_other.directo_event_thread_days, 7)
        self.assertNotEqual(company.resource_calendar_id, calendar)

        # administrators get Odoo's Settings page
        admin = self.env.ref("base.user_admin")
        action = Company.with_user(admin)._directo_event_action_settings()
        self.assertEqual(action["res_model"], "res.config.settings")
