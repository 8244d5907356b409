from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from .common import DirectoEventAccessCommon

# Which operations (r)ead, (c)reate, (w)rite, (u)nlink each role may do on the
# records of a model, by the company of the record:
# own = the user's company, other = a company the user is not allowed in,
# shared = no company (types only), any = the model has no company (statuses).
# A missing role means no access at all.
EXPECTED = {
    "directo.event": {
        "user": {"own": "rcwu", "other": ""},
        "manager": {"own": "rcwu", "other": ""},
    },
    "directo.event.job": {
        "user": {"own": "rcwu", "other": ""},
        "manager": {"own": "rcwu", "other": ""},
    },
    "directo.event.type": {
        "user": {"own": "r", "shared": "r", "other": ""},
        "manager": {"own": "rcwu", "shared": "rcwu", "other": ""},
    },
    "directo.event.status": {
        "user": {"any": "r"},
        "manager": {"any": "rcwu"},
    },
}
TARGETS = {
    "directo.event": ("own", "other"),
    "directo.event.job": ("own", "other"),
    "directo.event.type": ("own", "shared", "other"),
    "directo.event.status": ("any",),
}
ROLES = ("portal", "internal", "user", "manager")


@tagged("post_install", "-at_install", "directo_event", "directo_event_access")
class TestDirectoEventAccess(DirectoEventAccessCommon):
    # ------------------------------------------------------------
    # helpers
    # ------------------------------------------------------------

    def _values(self, model, target):
        """Values of a new record of ``model`` in the company of ``target``."""
        self.counter += 1
        company = self._company(target)
        if model == "directo.event":
            return {"name": f"Access event {self.counter}", "company_id": company.id}
        if model == "directo.event.job":
            event = self.event_own if target == "own" else self.event_other
            return {"name": f"Access job {self.counter}", "event_id": event.id}
        if model == "directo.event.type":
            return {
                "name": f"Access type {self.counter}",
                "code": f"T-ACCESS-{self.counter}",
                "company_id": company.id,
            }
        return {"name": f"Access status {self.counter}"}

    def _record(self, model, target):
        """A fresh record, created by the superuser."""
        return self.env[model].create(self._values(model, target))

    def _check(self, user, model, target, operation):
        """Do ``operation`` as ``user`` and check its effect; AccessError when
        refused."""
        if operation == "create":
            values = self._values(model, target)
            record = self.env[model].with_user(user).create(values)
            self.assertEqual(record.sudo().name, values["name"])
            return
        record = self._record(model, target)
        as_user = record.with_user(user)
        if operation == "read":
            self.assertEqual(as_user.read(["name"])[0]["name"], record.name)
        elif operation == "write":
            as_user.write({"name": "Renamed"})
            self.assertEqual(record.name, "Renamed")
        else:
            as_user.unlink()
            self.assertFalse(record.exists())

    # ------------------------------------------------------------
    # tests
    # ------------------------------------------------------------

    def test_access_table(self):
        self._assert_access_table(TARGETS, ROLES, EXPECTED)

    def test_other_company_events_hidden(self):
        """Record rules hide the events of a company the user is not allowed in:
        the lists do not show them and opening one is refused."""
        events = self.event_own | self.event_other
        Event = self.env["directo.event"].with_user(self.user_events)
        self.assertEqual(Event.search([("id", "in", events.ids)]), self.event_own)
        with self.assertRaises(AccessError):
            self.event_other.with_user(self.user_events).read(["name"])

        Event = self.env["directo.event"].with_user(self.user_other_company)
        self.assertEqual(Event.search([("id", "in", events.ids)]), self.event_other)
        with self.assertRaises(AccessError):
            self.event_own.with_user(self.user_other_company).read(["name"])
        with self.assertRaises(AccessError):
            self.event_own.with_user(self.user_other_company).write({"name": "x"})

        # jobs follow their event
        jobs = self.env["directo.event.job"].create(
            [
                {"event_id": self.event_own.id, "name": "Own job"},
                {"event_id": self.event_other.id, "name": "Other job"},
            ]
        )
        Job = self.env["directo.event.job"].with_user(self.user_other_company)
        self.assertEqual(Job.search([("id", "in", jobs.ids)]).name, "Other job")
        with self.assertRaises(AccessError):
            jobs[0].with_user(self.user_other_company).read(["name"])

    def test_other_company_types(self):
        types = self.type_visit | self.type_call | self.type_other_company
        Type = self.env["directo.event.type"].with_user(self.user_other_company)
        self.assertEqual(
            Type.search([("id", "in", types.ids)]),
            self.type_visit | self.type_other_company,
        )
        with self.assertRaises(AccessError):
            self.type_call.with_user(self.user_other_company).read(["name"])
        Type = self.env["directo.event.type"].with_user(self.user_events)
        self.assertEqual(
            Type.search([("id", "in", types.ids)]), self.type_visit | self.type_call
        )

    def test_multi_company_user(self):
        """A user in both companies sees the events of the companies selected in
        the company switcher."""
        user = new_test_user(
            self.env,
            "de_multi",
            groups="directo_event.directo_event_group_user",
            company_id=self.company.id,
            company_ids=[Command.set((self.company | self.company_other).ids)],
        )
        events = self.event_own | self.event_other
        Event = self.env["directo.event"].with_user(user)
        both = Event.with_context(
            allowed_company_ids=(self.company | self.company_other).ids
        )
        self.assertEqual(both.search([("id", "in", events.ids)]), events)
        own = Event.with_context(allowed_company_ids=self.company.ids)
        self.assertEqual(own.search([("id", "in", events.ids)]), self.event_own)
        event = both.create(
            {"name": "Created in B", "company_id": self.company_other.id}
        )
        self.assertEqual(event.company_id, self.company_other)

    def test_user_cannot_configure(self):
        """Events Users pick types and statuses but cannot configure them."""
        as_user = self.type_call.with_user(self.user_events)
        self.assertEqual(as_user.default_duration, 0.5)
        with self.assertRaises(AccessError):
            as_user.write({"default_duration": 5.0})
        with self.assertRaises(AccessError):
            self.status_waiting.with_user(self.user_events).write({"is_closed": True})
        self.assertEqual(self.type_call.default_duration, 0.5)
        self.assertFalse(self.status_waiting.is_closed)

        # managers do
        self.type_call.with_user(self.user_manager).default_duration = 5.0
        self.status_waiting.with_user(self.user_manager).is_closed = True
        self.assertEqual(self.type_call.default_duration, 5.0)
        self.assertTrue(self.status_waiting.is_closed)

    def test_menus(self):
        root = self.env.ref("directo_event.directo_event_menu_root")
        config = self.env.ref("directo_event.directo_event_menu_config")
        for user, visible in (
            (self.user_internal, set()),
            (self.user_events, {root}),
            (self.user_manager, {root, config}),
        ):
            with self.subTest(user=user.name):
                visible_ids = self.env["ir.ui.menu"].with_user(user)._visible_menu_ids()
                menus = {menu for menu in root | config if menu.id in visible_ids}
                self.assertEqual(menus, visible)
