from psycopg2.errors import CheckViolation, UniqueViolation

from odoo.exceptions import UserError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import DirectoEventCommon


@tagged("post_install", "-at_install", "directo_event", "directo_event_type")
class TestDirectoEventType(DirectoEventCommon):
    # ------------------------------------------------------------
    # code
    # ------------------------------------------------------------

    def test_code_unique_per_company(self):
        """The same code may be used once per company (and once among the shared
        types); a second type with the code in the same company is refused."""
        Type = self.env["directo.event.type"]
        in_other_company = Type.create(
            {"name": "Call B", "code": "T-CALL", "company_id": self.company_other.id}
        )
        self.assertEqual(in_other_company.code, "T-CALL")
        shared = Type.create({"name": "Shared call", "code": "T-CALL"})
        self.assertFalse(shared.company_id)

        with mute_logger("odoo.sql_db"), self.assertRaises(UniqueViolation):
            Type.create(
                {"name": "Call again", "code": "T-CALL", "company_id": self.company.id}
            )
        with mute_logger("odoo.sql_db"), self.assertRaises(UniqueViolation):
            Type.create({"name": "Visit again", "code": "T-VISIT"})
        with mute_logger("odoo.sql_db"), self.assertRaises(UniqueViolation):
            self.type_note.code = "T-CALL"
            self.env.flush_all()
        self.assertEqual(self.type_note.code, "T-NOTE")

    def test_code_cannot_change_once_used(self):
        self._create_event(type_id=self.type_call.id)
        with self.assertRaisesRegex(UserError, "Test Call"):
            self.type_call.code = "T-PHONE"
        self.assertEqual(self.type_call.code, "T-CALL")
        # writing the same code (e.g. saving the form) and other fields is fine
        self.type_call.write({"code": "T-CALL", "name": "Phone Call"})
        self.assertEqual(self.type_call.name, "Phone Call")

    def test_code_cannot_change_once_used_by_archived_event(self):
        event = self._create_event(type_id=self.type_call.id)
        event.action_archive()
        with self.assertRaises(UserError):
            self.type_call.code = "T-PHONE"

    def test_code_cannot_change_once_used_by_other_company(self):
        """The manager cannot see the events of the other company, but their use
        of a shared type still locks its code."""
        self._create_event(type_id=self.type_visit.id, company_id=self.company_other.id)
        with self.assertRaises(UserError):
            self.type_visit.with_user(self.user_manager).code = "T-TRIP"
        self.assertEqual(self.type_visit.code, "T-VISIT")

    def test_code_can_change_when_unused(self):
        self.type_note.with_user(self.user_manager).code = "T-MEMO"
        self.env.flush_all()
        self.assertEqual(self.type_note.code, "T-MEMO")
        # the old code is free again
        free = self.env["directo.event.type"].create(
            {"name": "Note 2", "code": "T-NOTE", "company_id": self.company.id}
        )
        self.assertEqual(free.code, "T-NOTE")

    # ------------------------------------------------------------
    # delete / archive
    # ------------------------------------------------------------

    def test_delete_used_type_refused(self):
        event = self._create_event(type_id=self.type_call.id)
        event.action_archive()
        with self.assertRaisesRegex(UserError, "Test Call"):
            self.type_call.with_user(self.user_manager).unlink()
        self.assertTrue(self.type_call.exists())

    def test_delete_unused_type(self):
        self.type_note.with_user(self.user_manager).unlink()
        self.assertFalse(self.type_note.exists())

    def test_archive_used_type(self):
        event = self._create_event(type_id=self.type_call.id)
        self.type_call.with_user(self.user_manager).action_archive()
        self.assertFalse(self.type_call.active)
        self.assertEqual(event.type_id, self.type_call)
        self.assertFalse(
            self.env["directo.event.type"].search([("id", "=", self.type_call.id)])
        )
        self.assertEqual(self.type_call.event_count, 1)

    def test_delete_used_status_refused(self):
        event = self._create_event(status_id=self.status_waiting.id)
        event.action_archive()
        with self.assertRaisesRegex(UserError, "Waiting for Parts"):
            self.status_waiting.with_user(self.user_manager).unlink()
        self.assertTrue(self.status_waiting.exists())

    def test_delete_unused_status(self):
        self.status_invoiced.with_user(self.user_manager).unlink()
        self.assertFalse(self.status_invoiced.exists())

    def test_archive_used_status(self):
        event = self._create_event(status_id=self.status_waiting.id)
        self.status_waiting.with_user(self.user_manager).action_archive()
        self.assertFalse(self.status_waiting.active)
        self.assertEqual(event.status_id, self.status_waiting)
        self.assertEqual(self.status_waiting.event_count, 1)

    # ------------------------------------------------------------
    # defaults
    # ------------------------------------------------------------

    def test_default_duration_negative_refused(self):
        with mute_logger("odoo.sql_db"), self.assertRaises(CheckViolation):
            self.env["directo.event.type"].create(
                {"name": "Back in time", "code": "T-NEG", "default_duration": -1.0}
            )
        with mute_logger("odoo.sql_db"), self.assertRaises(CheckViolation):
            self.type_note.default_duration = -0.5
            self.env.flush_all()

    def test_default_values(self):
        event_type = self.env["directo.event.type"].create(
            {"name": "Plain", "code": "T-PLAIN"}
        )
        self.assertEqual(event_type.default_priority, "0")
        self.assertEqual(event_type.default_duration, 0.0)
        self.assertFalse(event_type.status_ids, "empty means every status allowed")
        self.assertTrue(event_type.active)

    def test_event_count(self):
        self._create_event(type_id=self.type_call.id)
        self._create_event(type_id=self.type_call.id)
        self._create_event(type_id=self.type_visit.id)
        self.assertEqual(self.type_call.event_count, 2)
        self.assertEqual(self.type_visit.event_count, 1)
        self.assertEqual(self.type_note.event_count, 0)
