import csv
import io
from datetime import datetime

from odoo.tests import tagged

from .common import DirectoEventCommon

FIELDS = ["name", "partner_id", "type_id", "date_start", "status_id"]
HEADER = ["Title", "Contact", "Type", "Start", "Status"]


@tagged("post_install", "-at_install", "directo_event", "directo_event_security")
class TestDirectoEventImport(DirectoEventCommon):
    """Events imported from a spreadsheet through Odoo's importer, as an
    Events User does it from the list view."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.user_events.tz = "Europe/Riga"

    def _import(self, rows):
        """Import ``rows`` (of HEADER's columns) as the Events User; return
        the importer's answer."""
        data = io.StringIO()
        writer = csv.writer(data)
        writer.writerow(HEADER)
        writer.writerows(rows)
        importer = (
            self.env["base_import.import"]
            .with_user(self.user_events)
            .create(
                {
                    "res_model": "directo.event",
                    "file": data.getvalue().encode(),
                    "file_type": "text/csv",
                    "file_name": "events.csv",
                }
            )
        )
        options = {
            "has_headers": True,
            "quoting": '"',
            "separator": ",",
            "encoding": "utf-8",
            "date_format": "%Y-%m-%d",
            "datetime_format": "%Y-%m-%d %H:%M",
            "float_thousand_separator": ",",
            "float_decimal_separator": ".",
            "import_skip_records": [],
            "import_set_empty_fields": [],
            "fallback_values": {},
            "name_create_enabled_fields": {},
        }
        return importer.execute_import(FIELDS, HEADER, options)

    def _events(self, *names):
        return self.env["directo.event"].search([("name", "in", list(names))])

    def test_import_events(self):
        result = self._import(
            [
                [
                    "Boiler check",
                    self.partner_company.name,
                    self.type_call.name,
                    "2030-01-07 09:00",
                    self.status_planned.name,
                ],
                [
                    "Printer jam",
                    self.partner_other.name,
                    self.type_visit.name,
                    "2030-07-08 10:30",
                    self.status_waiting.name,
                ],
            ]
        )
        self.assertFalse(result["messages"])
        self.assertEqual(len(result["ids"]), 2)
        boiler, printer = self.env["directo.event"].browse(result["ids"])
        self.assertEqual(boiler.name, "Boiler check")
        self.assertEqual(boiler.partner_id, self.partner_company)
        self.assertEqual(boiler.type_id, self.type_call)
        self.assertEqual(boiler.status_id, self.status_planned)
        self.assertEqual(boiler.company_id, self.company)
        # the start is read in the importing user's time zone (Riga, UTC+2
        # in winter, UTC+3 in summer)
        self.assertEqual(boiler.date_start, datetime(2030, 1, 7, 7, 0))
        self.assertEqual(printer.partner_id, self.partner_other)
        self.assertEqual(printer.type_id, self.type_visit)
        self.assertEqual(printer.status_id, self.status_waiting)
        self.assertEqual(printer.date_start, datetime(2030, 7, 8, 7, 30))
        # the type's defaults apply as in the form
        self.assertEqual(boiler.duration, 0.5)
        self.assertEqual(boiler.priority, "2")

    def _assert_refused(self, result, *expected):
        """Nothing imported, and one error message naming what is wrong,
        without a traceback."""
        self.assertFalse(result.get("ids"))
        messages = result["messages"]
        self.assertTrue(messages)
        text = " ".join(message["message"] for message in messages)
        for part in expected:
            self.assertIn(part, text)
        self.assertNotIn("Traceback", text)
        for message in messages:
            self.assertEqual(message["type"], "error")

    def test_import_status_not_allowed(self):
        result = self._import(
            [
                ["Good row", self.partner_company.name, self.type_visit.name, "", ""],
                [
                    "Bad status",
                    self.partner_company.name,
                    self.type_call.name,
                    "2030-01-07 09:00",
                    self.status_waiting.name,
                ],
            ]
        )
        self._assert_refused(result, self.status_waiting.name, self.type_call.name)
        self.assertFalse(self._events("Good row", "Bad status"))

    def test_import_unknown_contact(self):
        result = self._import(
            [["Unknown", "Nobody Directo Ltd", self.type_visit.name, "", ""]]
        )
        self._assert_refused(result, "Nobody Directo Ltd")
        self.assertFalse(self._events("Unknown"))

    def test_import_other_company_type(self):
        """A type of a company the user is not allowed in is not found."""
        result = self._import(
            [["Other type", "", self.type_other_company.name, "", ""]]
        )
        self._assert_refused(result, self.type_other_company.name)
        self.assertFalse(self._events("Other type"))

    def test_import_bad_date(self):
        result = self._import(
            [["Bad date", "", self.type_visit.name, "next Tuesday", ""]]
        )
        self._assert_refused(result, "next Tuesday")
        self.assertFalse(self._events("Bad date"))
