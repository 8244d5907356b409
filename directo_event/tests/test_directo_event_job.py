from datetime import date

from psycopg2.errors import CheckViolation

from odoo import Command
from odoo.tests import freeze_time, tagged
from odoo.tools import mute_logger

from .common import DirectoEventCommon


@tagged("post_install", "-at_install", "directo_event", "directo_event_job")
class TestDirectoEventJob(DirectoEventCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.uom_hour = cls.env.ref("uom.product_uom_hour")
        cls.uom_unit = cls.env.ref("uom.product_uom_unit")
        cls.product_service = cls.env["product.product"].create(
            {
                "name": "Directo Service Hour",
                "type": "service",
                "uom_id": cls.uom_hour.id,
            }
        )
        cls.product_part = cls.env["product.product"].create(
            {"name": "Directo Spare Part", "type": "consu", "uom_id": cls.uom_unit.id}
        )

    def _event_as_user(self, **values):
        return self._create_event(env=self.env(user=self.user_events), **values)

    def test_hours(self):
        event = self._event_as_user(duration=4.0)
        self.assertEqual(event.job_count, 0)
        self.assertEqual(event.hours_spent, 0.0)
        self.assertEqual(event.hours_remaining, 4.0)
        self.assertEqual(event.progress, 0.0)

        event.write(
            {
                "job_ids": [
                    Command.create({"name": "Diagnose", "hours": 1.0}),
                    Command.create({"name": "Repair", "hours": 1.5}),
                ]
            }
        )
        self.assertEqual(event.job_count, 2)
        self.assertEqual(event.hours_spent, 2.5)
        self.assertEqual(event.hours_remaining, 1.5)
        self.assertAlmostEqual(event.progress, 62.5)

        # more planned time
        event.duration = 5.0
        self.assertEqual(event.hours_remaining, 2.5)
        self.assertAlmostEqual(event.progress, 50.0)

        # a job changed or removed updates the totals
        event.job_ids.filtered(lambda j: j.name == "Repair").hours = 3.0
        self.assertEqual(event.hours_spent, 4.0)
        self.assertAlmostEqual(event.progress, 80.0)
        event.job_ids.filtered(lambda j: j.name == "Diagnose").unlink()
        self.assertEqual(event.job_count, 1)
        self.assertEqual(event.hours_spent, 3.0)
        self.assertEqual(event.hours_remaining, 2.0)

    def test_hours_overrun(self):
        event = self._event_as_user(duration=2.0)
        self.env["directo.event.job"].with_user(self.user_events).create(
            {"event_id": event.id, "name": "Long repair", "hours": 3.5}
        )
        self.assertEqual(event.hours_spent, 3.5)
        self.assertEqual(event.hours_remaining, 0.0)
        self.assertEqual(event.progress, 100.0)

    def test_hours_without_planned_duration(self):
        event = self._event_as_user()
        self.env["directo.event.job"].with_user(self.user_events).create(
            {"event_id": event.id, "name": "Unplanned", "hours": 1.0}
        )
        self.assertEqual(event.duration, 0.0)
        self.assertEqual(event.hours_spent, 1.0)
        self.assertEqual(event.hours_remaining, 0.0)
        self.assertEqual(event.progress, 0.0)
        self.assertEqual(event.job_count, 1)

    def test_hours_negative_refused(self):
        event = self._event_as_user()
        Job = self.env["directo.event.job"].with_user(self.user_events)
        with mute_logger("odoo.sql_db"), self.assertRaises(CheckViolation):
            Job.create({"event_id": event.id, "name": "Negative", "hours": -1.0})
        job = Job.create({"event_id": event.id, "name": "Fine", "hours": 1.0})
        with mute_logger("odoo.sql_db"), self.assertRaises(CheckViolation):
            job.hours = -0.25
            job.flush_recordset()

    @freeze_time("2031-02-03 10:00:00")
    def test_job_defaults(self):
        event = self._event_as_user()
        job = (
            self.env["directo.event.job"]
            .with_user(self.user_events)
            .create({"event_id": event.id, "name": "Call back"})
        )
        self.assertEqual(job.date, date(2031, 2, 3))
        self.assertEqual(job.user_id, self.user_events)
        self.assertEqual(job.quantity, 1.0)
        self.assertFalse(job.done)
        self.assertEqual(job.company_id, event.company_id)
        self.assertFalse(job.uom_id)

    def test_uom_from_product(self):
        event = self._event_as_user()
        Job = self.env["directo.event.job"].with_user(self.user_events)
        job = Job.create(
            {
                "event_id": event.id,
                "name": "Work",
                "product_id": self.product_service.id,
            }
        )
        self.assertEqual(job.uom_id, self.uom_hour)
        job.product_id = self.product_part
        self.assertEqual(job.uom_id, self.uom_unit)
        # the unit stays editable
        job.uom_id = self.uom_hour
        self.assertEqual(job.uom_id, self.uom_hour)
        self.assertEqual(job.product_id, self.product_part)

    def test_jobs_deleted_with_event(self):
        event = self._event_as_user()
        job = (
            self.env["directo.event.job"]
            .with_user(self.user_events)
            .create({"event_id": event.id, "name": "Work"})
        )
        event.unlink()
        self.assertFalse(job.exists())

    def test_job_company_follows_event(self):
        event = self._create_event(company_id=self.company_other.id)
        job = self.env["directo.event.job"].create({"event_id": event.id, "name": "B"})
        self.assertEqual(job.company_id, self.company_other)
