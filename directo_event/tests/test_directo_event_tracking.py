from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from .common import DirectoEventCommon


@tagged("post_install", "-at_install", "directo_event", "directo_event_tracking")
class TestDirectoEventTracking(DirectoEventCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.user_colleague = new_test_user(
            cls.env,
            "de_colleague",
            groups="directo_event.directo_event_group_user",
            name="Carl Colleague",
            company_id=cls.company.id,
            company_ids=[Command.set(cls.company.ids)],
        )
        cls.event = cls._create_event(
            env=cls.env(user=cls.user_events),
            name="Quarterly service",
            type_id=cls.type_visit.id,
            partner_id=cls.partner_company.id,
        )
        cls.env.flush_all()
        cls.env.cr.flush()

    def _flush_tracking(self):
        """Tracking values are written when the transaction is about to commit."""
        self.env.flush_all()
        self.env.cr.flush()
        self.env.invalidate_all()

    def _changes(self, event, user=None):
        """The Changes tab, as ``user`` reads it: {field label: (old, new, who)}."""
        event = event.with_user(user or self.user_events)
        return {
            change.field_name: (change.old_value, change.new_value, change.author_id)
            for change in event.change_ids
        }

    def test_no_changes_on_creation(self):
        self.assertFalse(self.event.with_user(self.user_events).change_ids)

    def test_status_change(self):
        event = self.event.with_user(self.user_events)
        event.status_id = self.status_in_progress
        self._flush_tracking()

        message = event.message_ids[0]
        self.assertEqual(
            message.subtype_id, self.env.ref("directo_event.mt_event_status")
        )
        self.assertEqual(message.author_id, self.user_events.partner_id)
        self.assertEqual(
            message.sudo().tracking_value_ids.field_id.mapped("name"), ["status_id"]
        )
        self.assertEqual(
            self._changes(event),
            {"Status": ("New", "In Progress", self.user_events.partner_id)},
        )
        change = event.change_ids
        self.assertEqual(change.event_id, event)
        self.assertEqual(change.company_id, self.company)
        self.assertTrue(change.date)

    def test_saved_form_shows_its_change(self):
        """Saving the form returns the Changes tab with the change just saved
        (the web client shows what web_save returns)."""
        event = self.event.with_user(self.user_events)
        spec = {
            "status_id": {},
            "change_ids": {"fields": {"field_name": {}, "new_value": {}}},
        }
        [saved] = event.web_save({"status_id": self.status_in_progress.id}, spec)
        self.assertEqual(
            [(c["field_name"], c["new_value"]) for c in saved["change_ids"]],
            [("Status", "In Progress")],
        )
        # a new event: saved and read back alike, with no change yet
        [created] = (
            self.env["directo.event"]
            .with_user(self.user_events)
            .web_save({"name": "Saved from the form"}, spec)
        )
        self.assertEqual(created["change_ids"], [])

    def test_tracked_fields_changes(self):
        event = self.event.with_user(self.user_events)
        event.write(
            {
                "user_id": self.user_colleague.id,
                "date_until": "2031-01-10",
                "duration": 3.5,
            }
        )
        self._flush_tracking()

        message = event.message_ids[0]
        self.assertNotEqual(
            message.subtype_id, self.env.ref("directo_event.mt_event_status")
        )
        self.assertEqual(message.subtype_id, self.env.ref("mail.mt_note"))
        author = self.user_events.partner_id
        self.assertEqual(
            self._changes(event),
            {
                "User": ("Ellen Events User", "Carl Colleague", author),
                "Until": ("", "01/10/2031", author),
                "Duration": ("2.00", "3.50", author),
            },
        )

    def test_partner_change(self):
        event = self.event.with_user(self.user_events)
        event.partner_id = self.partner_other
        self._flush_tracking()
        changes = self._changes(event)
        author = self.user_events.partner_id
        self.assertEqual(
            changes["Contact"], ("Acme Directo Ltd", "Globex Directo", author)
        )
        # the customer block copied from the contact is tracked too
        self.assertEqual(changes["Code"], ("C-ACME", "C-GLOBEX", author))
        self.assertEqual(changes["Phone"], ("+372 600 0001", "+372 600 0003", author))

    def test_changes_accumulate_newest_first(self):
        event = self.event.with_user(self.user_events)
        event.status_id = self.status_planned
        self._flush_tracking()
        event.with_user(self.user_manager).status_id = self.status_done
        self._flush_tracking()

        changes = event.change_ids
        self.assertEqual(len(changes), 2)
        self.assertEqual(changes.mapped("field_name"), ["Status", "Status"])
        self.assertEqual(
            [(c.old_value, c.new_value) for c in changes],
            [("Planned", "Done"), ("New", "Planned")],
        )
        self.assertEqual(
            changes.author_id.ids,
            [self.user_manager.partner_id.id, self.user_events.partner_id.id],
        )

    def test_changes_of_other_event_not_listed(self):
        other = self._create_event(env=self.env(user=self.user_events))
        self._flush_tracking()
        other.status_id = self.status_planned
        self.event.with_user(self.user_events).name = "Renamed"
        self._flush_tracking()
        self.assertEqual(
            self._changes(self.event),
            {
                "Title": (
                    "Quarterly service",
                    "Renamed",
                    self.user_events.partner_id,
                )
            },
        )
        self.assertEqual(list(self._changes(other)), ["Status"])

    def test_changes_access(self):
        self.event.with_user(self.user_events).status_id = self.status_planned
        self._flush_tracking()

        # another Events User of the company reads them
        self.assertEqual(
            self.event.with_user(self.user_colleague).change_ids.mapped("field_name"),
            ["Status"],
        )
        self.assertEqual(
            self.env["directo.event.change"]
            .with_user(self.user_colleague)
            .search([("event_id", "=", self.event.id)])
            .mapped("new_value"),
            ["Planned"],
        )
        # a user of another company does not see the event nor its changes
        Change = self.env["directo.event.change"].with_user(self.user_other_company)
        self.assertFalse(Change.search([("event_id", "=", self.event.id)]))
        with self.assertRaises(AccessError):
            self.event.with_user(self.user_other_company).change_ids.mapped(
                "field_name"
            )
        with self.assertRaises(AccessError):
            self.event.change_ids.with_user(self.user_other_company).read(
                ["field_name"]
            )
        # an internal user without the Events group neither
        with self.assertRaises(AccessError):
            self.env["directo.event.change"].with_user(self.user_internal).search(
                [("event_id", "=", self.event.id)]
            )

    def test_changes_read_only(self):
        self.event.with_user(self.user_events).status_id = self.status_planned
        self._flush_tracking()
        change = self.event.with_user(self.user_events).change_ids
        self.assertEqual(len(change), 1)
        with self.assertRaises(AccessError):
            change.unlink()
        with self.assertRaises(AccessError):
            change.write({"date": "2031-01-01 00:00:00"})
