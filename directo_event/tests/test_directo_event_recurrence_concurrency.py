from datetime import datetime, timedelta

from odoo import SUPERUSER_ID, api
from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install", "directo_event", "directo_event_recurrence")
class TestDirectoEventRecurrenceConcurrency(TransactionCase):
    """Two cron workers (two real cursors) extend the same series: each
    occurrence is created once. These cursors commit: everything is removed
    afterwards."""

    def test_two_workers_create_each_occurrence_once(self):
        registry = self.registry
        with registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            company = env.company
            horizon = company.directo_event_recurrence_horizon
            company.directo_event_recurrence_horizon = 30
            event = env["directo.event"].create(
                {
                    "name": "Two workers daily check",
                    "date_start": datetime.now().replace(microsecond=0)
                    + timedelta(hours=1),
                    "is_recurrent": True,
                    "repeat_unit": "day",
                    "repeat_type": "forever",
                }
            )
            recurrence_id = event.recurrence_id.id
            before = env["directo.event"].search_count(
                [("recurrence_id", "=", recurrence_id)]
            )
            company.directo_event_recurrence_horizon = 40
            cr.commit()  # pylint: disable=invalid-commit
        try:
            with registry.cursor() as cr_a, registry.cursor() as cr_b:
                env_a = api.Environment(cr_a, SUPERUSER_ID, {})
                env_b = api.Environment(cr_b, SUPERUSER_ID, {})
                # worker A holds the series while it extends it
                series_a = env_a["directo.event.recurrence"].browse(recurrence_id)
                series_a.try_lock_for_update()._create_occurrences()
                # worker B's cron skips the series A holds
                env_b["directo.event.recurrence"]._cron_create_occurrences()
                cr_b.commit()  # pylint: disable=invalid-commit
                cr_a.commit()  # pylint: disable=invalid-commit
            with registry.cursor() as cr:
                env = api.Environment(cr, SUPERUSER_ID, {})
                env["directo.event.recurrence"]._cron_create_occurrences()
                occurrences = env["directo.event"].search(
                    [("recurrence_id", "=", recurrence_id)]
                )
                dates = occurrences.mapped("recurrence_date")
                self.assertEqual(len(dates), len(set(dates)), "no date twice")
                self.assertEqual(len(occurrences), before + 10)
                cr.rollback()
        finally:
            with registry.cursor() as cr:
                env = api.Environment(cr, SUPERUSER_ID, {})
                recurrence = env["directo.event.recurrence"].browse(recurrence_id)
                env["directo.event"].with_context(active_test=False).search(
                    [("recurrence_id", "=", recurrence_id)]
                ).unlink()
                recurrence.exists().unlink()
                env.company.directo_event_recurrence_horizon = horizon
                cr.commit()  # pylint: disable=invalid-commit
