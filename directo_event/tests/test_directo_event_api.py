import json
from datetime import datetime, timedelta
from xmlrpc.client import Fault

from odoo.tests import HttpCase, get_db_name, mute_logger, tagged

from .common import DirectoEventCommon

# the fault codes of /xmlrpc/2 (see the rpc addon)
FAULT_WARNING = 2  # UserError, ValidationError
FAULT_ACCESS_ERROR = 4


@tagged("post_install", "-at_install", "directo_event", "directo_event_security")
class TestDirectoEventApi(DirectoEventCommon, HttpCase):
    """The external APIs go through the same access rights, record rules and
    constraints as the web client: tested with real clients against the
    running server."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.event_own = cls._create_event(
            name="API own event", type_id=cls.type_call.id
        )
        cls.event_other = cls._create_event(
            name="API other event", company_id=cls.company_other.id
        )
        cls.event_ids = (cls.event_own | cls.event_other).ids

    # ------------------------------------------------------------
    # helpers
    # ------------------------------------------------------------

    def _xmlrpc(self, user, model, method, *args, **kwargs):
        """Call ``method`` through /xmlrpc/2/object as ``user`` (whose test
        password is the login, padded to 8 characters by new_test_user)."""
        password = user.login.ljust(8, "x")
        # the endpoint logs that it is deprecated in 19 (removed in 22)
        with mute_logger("odoo.addons.rpc.controllers.xmlrpc"):
            return self.xmlrpc_object.execute_kw(
                get_db_name(), user.id, password, model, method, list(args), kwargs
            )

    def _json2(self, user, model, method, **params):
        """Call ``method`` through /json/2 with an API key of ``user``;
        return the HTTP status and the decoded body."""
        key = (
            self.env["res.users.apikeys"]
            .with_user(user)
            ._generate(
                scope="rpc",
                name="directo_event test",
                expiration_date=datetime.now() + timedelta(hours=1),
            )
        )
        response = self.url_open(
            f"/json/2/{model}/{method}",
            data=json.dumps(params),
            headers={
                "Content-Type": "application/json; charset=utf-8",
                "Authorization": f"Bearer {key}",
            },
        )
        return response.status_code, response.json()

    # ------------------------------------------------------------
    # XML-RPC
    # ------------------------------------------------------------

    def test_xmlrpc_company_rules(self):
        records = self._xmlrpc(
            self.user_events,
            "directo.event",
            "search_read",
            [("id", "in", self.event_ids)],
            fields=["name"],
        )
        self.assertEqual([r["name"] for r in records], ["API own event"])
        with mute_logger("odoo.http"), self.assertRaises(Fault) as caught:
            self._xmlrpc(
                self.user_events, "directo.event", "read", self.event_other.ids
            )
        self.assertEqual(caught.exception.faultCode, FAULT_ACCESS_ERROR)
        with mute_logger("odoo.http"), self.assertRaises(Fault) as caught:
            self._xmlrpc(
                self.user_events,
                "directo.event",
                "write",
                self.event_other.ids,
                {"name": "Hijacked"},
            )
        self.assertEqual(caught.exception.faultCode, FAULT_ACCESS_ERROR)
        self.event_other.invalidate_recordset()
        self.assertEqual(self.event_other.name, "API other event")

        # creating and editing an event of the own company works
        event_id = self._xmlrpc(
            self.user_events,
            "directo.event",
            "create",
            {"name": "Created by API", "type_id": self.type_call.id},
        )
        event = self.env["directo.event"].browse(event_id)
        self.assertEqual(event.company_id, self.company)
        self.assertEqual(event.type_id, self.type_call)
        self._xmlrpc(
            self.user_events,
            "directo.event",
            "write",
            [event_id],
            {"status_id": self.status_done.id},
        )
        event.invalidate_recordset()
        self.assertEqual(event.status_id, self.status_done)

    def test_xmlrpc_portal_refused(self):
        for method, args in (
            ("search_read", ([("id", "in", self.event_ids)],)),
            ("read", (self.event_own.ids,)),
            ("create", ({"name": "Portal event"},)),
        ):
            with self.subTest(method=method):
                with mute_logger("odoo.http"), self.assertRaises(Fault) as caught:
                    self._xmlrpc(self.user_portal, "directo.event", method, *args)
                self.assertEqual(caught.exception.faultCode, FAULT_ACCESS_ERROR)
        self.assertFalse(
            self.env["directo.event"].search([("name", "=", "Portal event")])
        )

    def test_xmlrpc_status_not_allowed(self):
        """The type's allowed statuses hold for the API too."""
        with mute_logger("odoo.http"), self.assertRaises(Fault) as caught:
            self._xmlrpc(
                self.user_events,
                "directo.event",
                "write",
                self.event_own.ids,
                {"status_id": self.status_invoiced.id},
            )
        fault = caught.exception
        self.assertEqual(fault.faultCode, FAULT_WARNING)
        self.assertIn(self.status_invoiced.name, fault.faultString)
        self.assertIn(self.type_call.name, fault.faultString)
        self.assertNotIn("Traceback", fault.faultString)
        self.event_own.invalidate_recordset()
        self.assertNotEqual(self.event_own.status_id, self.status_invoiced)

    # ------------------------------------------------------------
    # JSON-2
    # ------------------------------------------------------------

    def test_json2(self):
        status, body = self._json2(
            self.user_events,
            "directo.event",
            "search_read",
            domain=[("id", "in", self.event_ids)],
            fields=["name"],
        )
        self.assertEqual(status, 200, body)
        self.assertEqual([r["name"] for r in body], ["API own event"])

        with mute_logger("odoo.http"):
            status, body = self._json2(
                self.user_events,
                "directo.event",
                "read",
                ids=self.event_other.ids,
                fields=["name"],
            )
        self.assertEqual(status, 403, body)
        self.assertEqual(body["name"], "odoo.exceptions.AccessError")

        with mute_logger("odoo.http"):
            status, body = self._json2(
                self.user_portal,
                "directo.event",
                "search_read",
                domain=[],
                fields=["name"],
            )
        self.assertEqual(status, 403, body)
        self.assertEqual(body["name"], "odoo.exceptions.AccessError")

        with mute_logger("odoo.http"):
            status, body = self._json2(
                self.user_events,
                "directo.event",
                "write",
                ids=self.event_own.ids,
                vals={"status_id": self.status_invoiced.id},
            )
        self.assertEqual(status, 422, body)
        self.assertEqual(body["name"], "odoo.exceptions.ValidationError")
        self.assertIn(self.status_invoiced.name, body["message"])
        self.event_own.invalidate_recordset()
        self.assertNotEqual(self.event_own.status_id, self.status_invoiced)
