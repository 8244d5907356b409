import ast

from odoo.exceptions import ValidationError
from odoo.fields import Command
from odoo.tests import Form, tagged
from odoo.tools import mute_logger

from .common_mail import DOMAIN_ONE, DOMAIN_TWO, DirectoEventMailCommon


@tagged("post_install", "-at_install", "directo_event", "directo_event_mail")
class TestDirectoEventMailSettings(DirectoEventMailCommon):
    """The events address of a company, as the Settings page sets it."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.alias_domain_three = cls.env["mail.alias.domain"].create(
            {"name": "directo-three.example.com"}
        )
        cls.company_three = cls.env["res.company"].create(
            {
                "name": "Directo Third Company",
                "alias_domain_id": cls.alias_domain_three.id,
            }
        )
        cls.user_admin.company_ids = [Command.link(cls.company_three.id)]

    def _settings(self):
        return Form(
            self.env["res.config.settings"]
            .with_user(self.user_admin)
            .with_company(self.company_three)
        )

    def test_each_company_its_own_address(self):
        self.assertEqual(self.alias_one.alias_full_name, f"events@{DOMAIN_ONE}")
        self.assertEqual(self.alias_two.alias_full_name, f"events@{DOMAIN_TWO}")
        self.assertEqual(
            ast.literal_eval(self.alias_one.alias_defaults),
            {"company_id": self.company.id},
        )
        self.assertEqual(
            ast.literal_eval(self.alias_two.alias_defaults),
            {"company_id": self.company_other.id},
        )

    def test_set_rename_clear_address(self):
        company = self.company_three
        self.assertFalse(company.directo_event_alias_id)

        # set: the address is created with the company as its only default
        settings = self._settings()
        self.assertFalse(settings.directo_event_alias_prefix)
        self.assertEqual(
            settings.directo_event_alias_domain_id, self.alias_domain_three
        )
        settings.directo_event_alias_prefix = "tickets"
        settings.directo_event_alias_contact = "partners"
        settings.save().execute()
        alias = company.directo_event_alias_id
        self.assertRecordValues(
            alias,
            [
                {
                    "alias_name": "tickets",
                    "alias_full_name": "tickets@directo-three.example.com",
                    "alias_domain_id": self.alias_domain_three.id,
                    "alias_contact": "partners",
                }
            ],
        )
        self.assertEqual(alias.alias_model_id.model, "directo.event")
        self.assertEqual(
            ast.literal_eval(alias.alias_defaults), {"company_id": company.id}
        )

        # the page shows what is set
        settings = self._settings()
        self.assertEqual(settings.directo_event_alias_prefix, "tickets")
        self.assertEqual(settings.directo_event_alias_contact, "partners")

        # rename: the same address, a new name; mail to it makes events there
        settings.directo_event_alias_prefix = "service"
        settings.directo_event_alias_contact = "everyone"
        settings.save().execute()
        self.assertEqual(company.directo_event_alias_id, alias)
        self.assertEqual(alias.alias_full_name, "service@directo-three.example.com")
        self.assertEqual(alias.alias_contact, "everyone")
        intake = self._send(
            subject="To the renamed address",
            to="service@directo-three.example.com",
        )
        self.assertEqual(intake.state, "new")
        self.assertEqual(intake.event_id.company_id, company)

        # clear: the address is removed and no longer makes events
        settings = self._settings()
        settings.directo_event_alias_prefix = False
        settings.save().execute()
        self.assertFalse(company.directo_event_alias_id)
        self.assertFalse(alias.exists())
        with (
            mute_logger(
                "odoo.addons.mail.models.mail_thread",
                "odoo.addons.directo_event.models.mail_thread",
            ),
            self.assertRaises(ValueError),
        ):
            self._process(
                self._raw(
                    subject="To the removed address",
                    to="service@directo-three.example.com",
                )
            )
        self.assertFalse(
            self.env["directo.event"].search([("name", "=", "To the removed address")])
        )

    def test_defaults_from_settings(self):
        """The defaults a message gets are the company's current ones."""
        settings = Form(self.env["res.config.settings"].with_user(self.user_admin))
        settings.directo_event_default_type_id = self.type_repair
        settings.directo_event_default_status_id = self.status_waiting
        settings.save().execute()
        event = self._send(subject="With the new defaults").event_id
        self.assertEqual(event.type_id, self.type_repair)
        self.assertEqual(event.status_id, self.status_waiting)

    def test_settings_out_of_range(self):
        """Negative days, or a horizon that would plan decades of occurrences,
        are refused with a message; the settings stay as they were."""
        for fname, value, message in (
            ("directo_event_recurrence_horizon", -1, "0 to 3660 days"),
            ("directo_event_recurrence_horizon", 36500, "0 to 3660 days"),
            ("directo_event_thread_days", -7, "cannot be negative"),
            ("directo_event_intake_retention_days", -1, "cannot be negative"),
        ):
            with self.subTest(fname=fname, value=value):
                settings = self._settings()
                setattr(settings, fname, value)
                with (
                    self.assertRaisesRegex(ValidationError, message),
                    self.env.cr.savepoint(),
                ):
                    settings.save().execute()
                self.env.invalidate_all()
                self.assertEqual(
                    self.company_three[fname],
                    self.env["res.company"]._fields[fname].default(self.company_three),
                )

    def test_type_address(self):
        """A type's own address carries the type (and its company)."""
        self.type_repair.write(
            {"alias_name": "repairs", "alias_domain_id": self.alias_domain_one.id}
        )
        alias = self.type_repair.alias_id
        self.assertEqual(alias.alias_full_name, f"repairs@{DOMAIN_ONE}")
        self.assertEqual(alias.alias_model_id.model, "directo.event")
        self.assertEqual(
            ast.literal_eval(alias.alias_defaults),
            {"type_id": self.type_repair.id, "company_id": self.company.id},
        )
        event = self._send(subject="Repair please", to=f"repairs@{DOMAIN_ONE}").event_id
        self.assertEqual(event.type_id, self.type_repair)
        # no default status: the first open status the type allows
        self.assertEqual(event.status_id, self.status_waiting)
