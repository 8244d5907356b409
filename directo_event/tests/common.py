from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import TransactionCase, new_test_user


class DirectoEventCommon(TransactionCase):
    """Users, companies, types, statuses and contacts shared by the tests.

    Everything the tests look at is created here (or shipped in the module's
    data files): the tests never depend on demo data and never count records
    they did not create."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env.company
        cls.company_other = cls.env["res.company"].create(
            {"name": "Directo Other Company"}
        )

        # users
        own_company = {
            "company_id": cls.company.id,
            "company_ids": [Command.set(cls.company.ids)],
        }
        cls.user_events = new_test_user(
            cls.env,
            "de_user",
            groups="directo_event.directo_event_group_user",
            name="Ellen Events User",
            **own_company,
        )
        cls.user_manager = new_test_user(
            cls.env,
            "de_manager",
            groups="directo_event.directo_event_group_manager",
            name="Mark Events Manager",
            **own_company,
        )
        cls.user_internal = new_test_user(
            cls.env,
            "de_internal",
            groups="base.group_user",
            name="Ivan Internal",
            **own_company,
        )
        cls.user_portal = new_test_user(
            cls.env,
            "de_portal",
            groups="base.group_portal",
            name="Paula Portal",
            **own_company,
        )
        cls.user_other_company = new_test_user(
            cls.env,
            "de_other",
            groups="directo_event.directo_event_group_user",
            name="Otto Other Company",
            company_id=cls.company_other.id,
            company_ids=[Command.set(cls.company_other.ids)],
        )

        # statuses: the ones shipped with the module plus two of the tests
        cls.status_new = cls.env.ref("directo_event.directo_event_status_new")
        cls.status_planned = cls.env.ref("directo_event.directo_event_status_planned")
        cls.status_in_progress = cls.env.ref(
            "directo_event.directo_event_status_in_progress"
        )
        cls.status_done = cls.env.ref("directo_event.directo_event_status_done")
        cls.status_cancelled = cls.env.ref(
            "directo_event.directo_event_status_cancelled"
        )
        cls.status_waiting = cls.env["directo.event.status"].create(
            {"name": "Waiting for Parts", "sequence": 50}
        )
        cls.status_invoiced = cls.env["directo.event.status"].create(
            {"name": "Invoiced", "sequence": 60, "is_closed": True, "fold": True}
        )

        # types
        Type = cls.env["directo.event.type"]
        cls.type_visit = Type.create(
            {
                # shared between companies, every status allowed
                "name": "Test Visit",
                "code": "T-VISIT",
                "default_duration": 2.0,
                "default_priority": "1",
            }
        )
        cls.type_call = Type.create(
            {
                "name": "Test Call",
                "code": "T-CALL",
                "company_id": cls.company.id,
                "default_duration": 0.5,
                "default_priority": "2",
                "status_ids": [
                    Command.set(
                        (
                            cls.status_planned
                            | cls.status_in_progress
                            | cls.status_done
                        ).ids
                    )
                ],
            }
        )
        cls.type_repair = Type.create(
            {
                # the first allowed status by sequence is a closed one
                "name": "Test Repair",
                "code": "T-REPAIR",
                "company_id": cls.company.id,
                "default_duration": 8.0,
                "default_priority": "3",
                "status_ids": [
                    Command.set(
                        (cls.status_done | cls.status_waiting | cls.status_invoiced).ids
                    )
                ],
            }
        )
        cls.type_note = Type.create(
            {
                # no default duration nor priority
                "name": "Test Note",
                "code": "T-NOTE",
                "company_id": cls.company.id,
            }
        )
        cls.type_other_company = Type.create(
            {
                "name": "Test Other Company Visit",
                "code": "T-OTHER",
                "company_id": cls.company_other.id,
                "default_duration": 1.0,
            }
        )

        # contacts
        cls.country = cls.env.ref("base.ee")
        cls.partner_company = cls.env["res.partner"].create(
            {
                "name": "Acme Directo Ltd",
                "is_company": True,
                "ref": "C-ACME",
                "phone": "+372 600 0001",
                "email": "office@acme-directo.example.com",
                "street": "Harbour Street 1",
                "city": "Tallinn",
                "zip": "10111",
                "country_id": cls.country.id,
            }
        )
        cls.partner_person = cls.env["res.partner"].create(
            {
                "name": "John Acme",
                "parent_id": cls.partner_company.id,
                "type": "contact",
                "phone": "+372 5555 0002",
                "email": "john@acme-directo.example.com",
            }
        )
        cls.partner_other = cls.env["res.partner"].create(
            {
                "name": "Globex Directo",
                "is_company": True,
                "ref": "C-GLOBEX",
                "phone": "+372 600 0003",
                "email": "info@globex-directo.example.com",
                "street": "Market Square 5",
                "city": "Tartu",
                "zip": "51004",
                "country_id": cls.country.id,
            }
        )

    @classmethod
    def _create_event(cls, **values):
        """Create an event (as the superuser unless ``env`` is given)."""
        env = values.pop("env", cls.env)
        values.setdefault("name", "Test event")
        return env["directo.event"].create(values)


class DirectoEventAccessCommon(DirectoEventCommon):
    """Access tables: one role per kind of user, an event in each company."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.users = {
            "portal": cls.user_portal,
            "internal": cls.user_internal,
            "user": cls.user_events,
            "manager": cls.user_manager,
        }
        cls.event_own = cls._create_event(name="Own company event")
        cls.event_other = cls._create_event(
            name="Other company event", company_id=cls.company_other.id
        )
        cls.counter = 0

    def _company(self, target):
        return {
            "own": self.company,
            "other": self.company_other,
            "shared": self.env["res.company"],
            "any": self.env["res.company"],
        }[target]

    # the operations of an access table, by their letter
    ACCESS_OPERATIONS = {"r": "read", "c": "create", "w": "write", "u": "unlink"}

    def _assert_access_table(self, targets, roles, expected):
        """Walk an access table: for each model, role (a key of ``self.users``)
        and target record, the letters of ``expected[model][role][target]``
        are the operations allowed; every other one raises AccessError.
        ``self._check(user, model, target, operation)`` performs one."""
        for model, model_targets in targets.items():
            for role in roles:
                user = self.users[role]
                for target in model_targets:
                    allowed = expected[model].get(role, {}).get(target, "")
                    for letter, operation in self.ACCESS_OPERATIONS.items():
                        with self.subTest(
                            model=model, role=role, target=target, operation=operation
                        ):
                            if letter in allowed:
                                self._check(user, model, target, operation)
                            else:
                                with self.assertRaises(AccessError):
                                    self._check(user, model, target, operation)
