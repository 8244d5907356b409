from datetime import date, datetime

import pytz
from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import Form, tagged

from .common import DirectoEventCommon

RIGA = pytz.timezone("Europe/Riga")


def riga(*args):
    """Naive UTC datetime of a Riga local time."""
    return RIGA.localize(datetime(*args)).astimezone(pytz.utc).replace(tzinfo=None)


def local(value):
    return pytz.utc.localize(value).astimezone(RIGA).replace(tzinfo=None)


class DirectoEventRecurrenceCommon(DirectoEventCommon):
    """A user in Riga, a 60 days horizon, and helpers to create and read
    series."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.user_events.tz = "Europe/Riga"
        cls.company.directo_event_recurrence_horizon = 60

    def _create_series(self, start, **rule):
        rule.setdefault("repeat_type", "forever")
        return self._create_event(
            name="Boiler check",
            user_id=self.user_events.id,
            type_id=self.type_visit.id,
            partner_id=self.partner_company.id,
            date_start=start,
            is_recurrent=True,
            **rule,
        )

    def _series(self, event):
        return self.env["directo.event"].search(
            [("recurrence_id", "=", event.recurrence_id.id)], order="date_start"
        )

    def _weekly_six_times(self):
        """Mondays at 09:00 from 9 March, six times."""
        return self._create_series(
            riga(2026, 3, 9, 9, 0),
            repeat_unit="week",
            repeat_type="count",
            repeat_count=6,
        )

    def _monthly_on_weekday(self, start, weekday, byday, horizon):
        """Monthly on e.g. the second ("2") Tuesday ("TU"), created ``horizon``
        days ahead."""
        self.company.directo_event_recurrence_horizon = horizon
        return self._create_series(
            start,
            repeat_unit="month",
            repeat_month_by="day",
            repeat_weekday=weekday,
            repeat_byday=byday,
        )

    def _days(self, event):
        """(month, day) of the local start of each event of the series."""
        return [
            (local(e.date_start).month, local(e.date_start).day)
            for e in self._series(event)
        ]

    def _occurrences(self, event, until):
        recurrence = event.recurrence_id
        return [
            local(d) for d in recurrence._get_occurrences(recurrence.dtstart, until)
        ]


@tagged("post_install", "-at_install", "directo_event", "directo_event_recurrence")
@freeze_time("2026-03-02 08:00:00")
class TestDirectoEventRecurrence(DirectoEventRecurrenceCommon):
    def test_weekly_on_weekdays_across_dst(self):
        """Monday and Thursday at 09:00 Riga time, also after the clocks move
        on the last Sunday of March (UTC+2 -> UTC+3)."""
        event = self._create_series(
            riga(2026, 3, 2, 9, 0), repeat_unit="week", mon=True, thu=True
        )
        recurrence = event.recurrence_id
        self.assertTrue(recurrence)
        self.assertEqual(recurrence.tz, "Europe/Riga")
        self.assertTrue(recurrence.mon and recurrence.thu and not recurrence.tue)
        events = self._series(event)
        starts = [local(e.date_start) for e in events]
        self.assertEqual(
            starts[:5],
            [
                datetime(2026, 3, 2, 9, 0),
                datetime(2026, 3, 5, 9, 0),
                datetime(2026, 3, 9, 9, 0),
                datetime(2026, 3, 12, 9, 0),
                datetime(2026, 3, 16, 9, 0),
            ],
        )
        # created up to the 60 days horizon (1 May 2026, 08:00 UTC)
        self.assertEqual(starts[-1], datetime(2026, 4, 30, 9, 0))
        self.assertEqual(len(events), 18)
        self.assertTrue(all(s.hour == 9 and s.weekday() in (0, 3) for s in starts))
        after_dst = events.filtered(lambda e: e.date_start > datetime(2026, 3, 29))
        self.assertEqual(after_dst[0].date_start, datetime(2026, 3, 30, 6, 0))
        before_dst = events.filtered(lambda e: e.date_start < datetime(2026, 3, 29))
        self.assertEqual(before_dst[-1].date_start, datetime(2026, 3, 26, 7, 0))
        # occurrences are copies of the event
        self.assertEqual(set(events.mapped("name")), {"Boiler check"})
        self.assertEqual(events.partner_id, self.partner_company)
        self.assertEqual(len(set(events.mapped("ref"))), 18)
        self.assertTrue(all(events.mapped("is_recurrent")))

    def test_monthly_on_the_31st_skips_short_months(self):
        event = self._create_series(
            riga(2026, 1, 31, 9, 0),
            repeat_unit="month",
            repeat_month_by="date",
            repeat_day=31,
            repeat_type="count",
            repeat_count=6,
        )
        self.assertEqual(
            self._occurrences(event, datetime(2030, 1, 1)),
            [
                datetime(2026, 3, 31, 9, 0),
                datetime(2026, 5, 31, 9, 0),
                datetime(2026, 7, 31, 9, 0),
                datetime(2026, 8, 31, 9, 0),
                datetime(2026, 10, 31, 9, 0),
            ],
        )

    def test_monthly_second_tuesday_and_last_friday(self):
        event = self._create_series(
            riga(2026, 3, 10, 9, 0),
            repeat_unit="month",
            repeat_month_by="day",
            repeat_byday="2",
            repeat_weekday="TU",
        )
        self.assertEqual(
            self._occurrences(event, datetime(2026, 6, 1))[:3],
            [
                datetime(2026, 4, 14, 9, 0),
                datetime(2026, 5, 12, 9, 0),
            ],
        )
        last_friday = self._create_series(
            riga(2026, 3, 27, 15, 30),
            repeat_unit="month",
            repeat_month_by="day",
            repeat_byday="-1",
            repeat_weekday="FR",
        )
        self.assertEqual(
            self._occurrences(last_friday, datetime(2026, 7, 1)),
            [
                datetime(2026, 4, 24, 15, 30),
                datetime(2026, 5, 29, 15, 30),
                datetime(2026, 6, 26, 15, 30),
            ],
        )

    def test_defaults_from_the_start(self):
        """Ticking Recurrent proposes the start's weekday and day of month."""
        event = self.env["directo.event"].new(
            {
                "name": "Boiler check",
                "user_id": self.user_events.id,
                "date_start": riga(2026, 3, 27, 9, 0),
                "is_recurrent": True,
            }
        )
        self.assertEqual(event.repeat_unit, "week")
        self.assertTrue(event.fri)
        self.assertFalse(event.mon)
        self.assertEqual(event.repeat_day, 27)
        self.assertEqual((event.repeat_byday, event.repeat_weekday), ("-1", "FR"))

    def test_yearly_leap_day(self):
        event = self._create_series(riga(2024, 2, 29, 9, 0), repeat_unit="year")
        self.assertEqual(
            self._occurrences(event, datetime(2033, 1, 1)),
            [datetime(2028, 2, 29, 9, 0), datetime(2032, 2, 29, 9, 0)],
        )

    def test_ten_years_with_count_and_horizon(self):
        event = self._create_series(
            riga(2026, 3, 2, 9, 0),
            repeat_unit="month",
            repeat_day=2,
            repeat_type="count",
            repeat_count=120,
        )
        occurrences = self._occurrences(event, datetime(2040, 1, 1))
        self.assertEqual(len(occurrences), 119, "120 with the first event.")
        self.assertEqual(occurrences[-1], datetime(2036, 2, 2, 9, 0))
        self.assertEqual(len(self._series(event)), 2, "Created 60 days ahead only.")
        # a longer horizon: the cron creates the rest, once
        self.company.directo_event_recurrence_horizon = 3660  # the longest: 10 years
        Recurrence = self.env["directo.event.recurrence"]
        Recurrence._cron_create_occurrences()
        self.assertEqual(len(self._series(event)), 120)
        Recurrence._cron_create_occurrences()
        self.assertEqual(len(self._series(event)), 120)

    def test_cron_idempotent_and_horizon(self):
        # daily from 2 March 09:00 to the horizon, 1 May 08:00 UTC
        event = self._create_series(riga(2026, 3, 2, 9, 0), repeat_unit="day")
        self.assertEqual(len(self._series(event)), 61)
        Recurrence = self.env["directo.event.recurrence"]
        Recurrence._cron_create_occurrences()
        Recurrence._cron_create_occurrences()
        self.assertEqual(len(self._series(event)), 61)
        with freeze_time("2026-03-05 08:00:00"):
            Recurrence._cron_create_occurrences()
            self.assertEqual(len(self._series(event)), 64)
            Recurrence._cron_create_occurrences()
            self.assertEqual(len(self._series(event)), 64)
        # an occurrence deleted by hand is not created again
        self._series(event)[-1].unlink()
        self.company.directo_event_recurrence_horizon = 62
        with freeze_time("2026-03-05 08:00:00"):
            Recurrence._cron_create_occurrences()
        self.assertEqual(len(self._series(event)), 65)

    def test_occurrences_followed_numbered_and_quiet(self):
        """Occurrences are followed by the event's user, numbered in order
        and created without e-mails: no "assigned to you", no status e-mail
        to the contact for each occurrence, no creation note."""
        template = self.env["mail.template"].create(
            {
                "name": "Status planned",
                "model_id": self.env["ir.model"]._get_id("directo.event"),
                "subject": "Your visit is planned",
                "body_html": "<p>Planned</p>",
            }
        )
        self.type_visit.default_status_id.mail_template_id = template
        mails_before = self.env["mail.mail"].search_count([])
        event = self._create_series(riga(2026, 3, 2, 9, 0), repeat_unit="day")
        self.env.flush_all()
        self.env.cr.flush()  # the creation's tracking, as at commit
        occurrences = self._series(event) - event
        self.assertEqual(len(occurrences), 60)
        for occurrence in occurrences:
            self.assertIn(self.user_events.partner_id, occurrence.message_partner_ids)
            self.assertFalse(occurrence.message_ids)
        refs = self._series(event).mapped("ref")
        self.assertEqual(len(set(refs)), 61)
        self.assertEqual(refs, sorted(refs), "numbered in the order of the dates")
        self.assertLessEqual(
            self.env["mail.mail"].search_count([]) - mails_before,
            2,
            "at most the first event's own e-mails, not one per occurrence",
        )

    def test_edit_this_following_all(self):
        event = self._create_series(riga(2026, 3, 2, 9, 0), repeat_unit="week")
        events = self._series(event)
        self.assertEqual(len(events), 9)
        third = events[2]
        third.write({"recurrence_update": "this", "name": "Only the third"})
        self.assertEqual(events.mapped("name").count("Only the third"), 1)
        third.write({"recurrence_update": "following", "name": "From the third"})
        self.assertEqual(
            events.mapped("name"), ["Boiler check"] * 2 + ["From the third"] * 7
        )
        events[4].write(
            {
                "recurrence_update": "all",
                "partner_id": self.partner_other.id,
                "date_start": riga(2026, 3, 30, 11, 0),
            }
        )
        self.assertEqual(events.partner_id, self.partner_other)
        self.assertEqual(
            [local(e.date_start).hour for e in events],
            [9] + [11] * 8,
            "A new time of day goes to all the events that have not started.",
        )
        # the next occurrences copy the edited values
        self.company.directo_event_recurrence_horizon = 80
        self.env["directo.event.recurrence"]._cron_create_occurrences()
        new = self._series(event) - events
        self.assertTrue(new)
        self.assertEqual(new.partner_id, self.partner_other)
        self.assertEqual(set(new.mapped("name")), {"From the third"})

    def test_new_time_of_day_for_the_series(self):
        """Moving an occurrence to another time of day with "following" moves
        the later ones that are open, each on its own day, also across the
        change to summer time. The series goes on at the new time, without
        gaps or doubles."""
        event = self._create_series(riga(2026, 3, 9, 9, 0), repeat_unit="week")
        events = self._series(event)
        self.assertEqual(len(events), 8)  # 9 March .. 27 April
        closed = events[5]
        closed.status_id = self.status_done
        events[2].write(  # 23 March 09:00 -> 14:30
            {"recurrence_update": "following", "date_start": riga(2026, 3, 23, 14, 30)}
        )
        self.assertEqual(
            [local(e.date_start) for e in events],
            [
                datetime(2026, 3, 9, 9, 0),
                datetime(2026, 3, 16, 9, 0),
                datetime(2026, 3, 23, 14, 30),
                datetime(2026, 3, 30, 14, 30),  # summer time from 29 March
                datetime(2026, 4, 6, 14, 30),
                datetime(2026, 4, 13, 9, 0),  # closed: stays
                datetime(2026, 4, 20, 14, 30),
                datetime(2026, 4, 27, 14, 30),
            ],
        )
        # its place in the rule stays
        self.assertEqual(local(events[2].recurrence_date), datetime(2026, 3, 23, 9, 0))

        self.company.directo_event_recurrence_horizon = 90
        self.env["directo.event.recurrence"]._cron_create_occurrences()
        new = self._series(event) - events
        self.assertEqual(
            [local(e.date_start) for e in new],
            [datetime(2026, 5, day, 14, 30) for day in (4, 11, 18, 25)],
        )

        # back to 09:00 for all, each on its own day
        events[6].write(
            {"recurrence_update": "all", "date_start": riga(2026, 4, 20, 9, 0)}
        )
        series = self._series(event)
        self.assertEqual(len(series), 12)
        self.assertEqual({local(e.date_start).hour for e in series}, {9})
        self.assertEqual({local(e.date_start).minute for e in series}, {0})
        self.assertEqual(local(events[2].date_start), datetime(2026, 3, 23, 9, 0))
        self.company.directo_event_recurrence_horizon = 100
        self.env["directo.event.recurrence"]._cron_create_occurrences()
        self.assertEqual(
            [local(e.date_start) for e in self._series(event) - series],
            [datetime(2026, 6, 1, 9, 0), datetime(2026, 6, 8, 9, 0)],
        )

    def test_move_the_series_to_another_day(self):
        """Moving an occurrence to another day with "following" moves the rule
        by as many days from there on: the later occurrences that can go are
        replaced, the one with a job stays."""
        event = self._create_series(riga(2026, 3, 9, 9, 0), repeat_unit="week")
        events = self._series(event)
        with_job = events[5]  # 13 April
        with_job.job_ids = [Command.create({"name": "Ordered parts"})]
        third = events[2]
        third.write(  # Monday 23 March 09:00 -> Wednesday 25 March 10:00
            {"recurrence_update": "following", "date_start": riga(2026, 3, 25, 10, 0)}
        )
        recurrence = event.recurrence_id
        self.assertEqual(
            [fname for fname in ("mon", "tue", "wed") if recurrence[fname]], ["wed"]
        )
        self.assertEqual(
            [local(e.date_start) for e in self._series(event)],
            [
                datetime(2026, 3, 9, 9, 0),
                datetime(2026, 3, 16, 9, 0),
                datetime(2026, 3, 25, 10, 0),
                datetime(2026, 4, 1, 10, 0),
                datetime(2026, 4, 8, 10, 0),
                datetime(2026, 4, 13, 9, 0),  # has a job: stays
                datetime(2026, 4, 15, 10, 0),
                datetime(2026, 4, 22, 10, 0),
                datetime(2026, 4, 29, 10, 0),
            ],
        )
        self.assertTrue(third.exists() and with_job.exists())
        self.assertEqual(third.recurrence_date, third.date_start)

    def test_move_all_events_to_another_day(self):
        """With "all", the series moves from its first event that has not
        started; the edited event keeps its record."""
        event = self._create_series(riga(2026, 3, 2, 9, 0), repeat_unit="week")
        events = self._series(event)  # 2 March (started) .. 27 April
        fourth = events[3]
        fourth.write(  # Monday 23 March -> Tuesday 24 March 10:00
            {"recurrence_update": "all", "date_start": riga(2026, 3, 24, 10, 0)}
        )
        series = self._series(event)
        self.assertEqual(
            [local(e.date_start) for e in series],
            [datetime(2026, 3, 2, 9, 0)]
            + [datetime(2026, 3, day, 10, 0) for day in (10, 17, 24, 31)]
            + [datetime(2026, 4, day, 10, 0) for day in (7, 14, 21, 28)],
        )
        self.assertIn(fourth, series)
        self.assertIn(events[1], series, "the first event moved is kept")
        self.assertTrue(event.recurrence_id.tue and not event.recurrence_id.mon)

    def test_move_a_counted_series_keeps_its_count(self):
        event = self._weekly_six_times()
        self._series(event)[2].write(
            {"recurrence_update": "following", "date_start": riga(2026, 3, 24, 9, 0)}
        )
        self.assertEqual(
            self._days(event), [(3, 9), (3, 16), (3, 24), (3, 31), (4, 7), (4, 14)]
        )

    def test_move_a_monthly_series_by_weekday(self):
        """The second Tuesday of April (the 14th) moved to the next day, the
        third Wednesday: the series goes on on third Wednesdays."""
        event = self._monthly_on_weekday(riga(2026, 3, 10, 9, 0), "TU", "2", 120)
        april = self._series(event)[1]
        self.assertEqual(local(april.date_start).date(), date(2026, 4, 14))
        april.write(
            {"recurrence_update": "following", "date_start": riga(2026, 4, 15, 9, 0)}
        )
        self.assertEqual(self._days(event), [(3, 10), (4, 15), (5, 20), (6, 17)])

    def test_move_onto_a_kept_occurrence_refused(self):
        event = self._create_series(riga(2026, 3, 9, 9, 0), repeat_unit="day")
        events = self._series(event)
        events[3].status_id = self.status_done  # 12 March
        with self.assertRaises(UserError):
            events[2].write(  # 11 March -> 12 March
                {
                    "recurrence_update": "following",
                    "date_start": riga(2026, 3, 12, 9, 0),
                }
            )
        # the same move for this event only is allowed
        events[2].write({"date_start": riga(2026, 3, 12, 9, 0)})
        self.assertEqual(len(self._series(event)), len(events))

    def test_move_all_back_onto_the_first_event_day(self):
        """With "all", the second event moved onto the first one's day: the
        first moves a week earlier (the two swap places without a clash)."""
        event = self._create_series(riga(2026, 3, 9, 9, 0), repeat_unit="week")
        self._series(event)[1].write(
            {"recurrence_update": "all", "date_start": riga(2026, 3, 9, 9, 0)}
        )
        self.env.flush_all()
        self.assertEqual(self._days(event)[:3], [(3, 2), (3, 9), (3, 16)])

    def test_move_all_near_midnight_across_dst(self):
        event = self._create_series(riga(2026, 3, 27, 23, 30), repeat_unit="week")
        self._series(event)[1].write(  # Friday 3 April -> Sunday 5 April
            {"recurrence_update": "all", "date_start": riga(2026, 4, 5, 23, 30)}
        )
        self.assertEqual(self._days(event)[:3], [(3, 29), (4, 5), (4, 12)])
        self.assertEqual(
            {local(e.date_start).time() for e in self._series(event)},
            {datetime(2026, 1, 1, 23, 30).time()},
        )

    def test_move_refused_when_the_rule_cannot_follow(self):
        """Every other week on Saturday and Sunday, Sunday moved to Monday:
        the weekdays cannot simply turn (the weeks start on Monday)."""
        event = self._create_series(
            riga(2026, 3, 14, 9, 0),
            repeat_unit="week",
            repeat_interval=2,
            sat=True,
            sun=True,
        )
        days = self._days(event)
        with self.assertRaises(UserError):
            self._series(event)[3].write(  # Sunday 29 March -> Monday 30 March
                {
                    "recurrence_update": "following",
                    "date_start": riga(2026, 3, 30, 9, 0),
                }
            )
        self.assertEqual(self._days(event), days)

    def test_move_next_to_a_kept_event_at_another_time(self):
        """Daily, 12 March closed: moving 11 March to 12 March 10:00 lands on
        the kept event's day (refused); moving 10 March to 11 March 10:00 and
        back to 09:00 leaves one event a day."""
        event = self._create_series(riga(2026, 3, 9, 9, 0), repeat_unit="day")
        events = self._series(event)
        events[3].status_id = self.status_done  # 12 March
        with self.assertRaises(UserError):
            events[2].write(
                {
                    "recurrence_update": "following",
                    "date_start": riga(2026, 3, 12, 10, 0),
                }
            )
        moved = events[1]
        moved.write(
            {"recurrence_update": "following", "date_start": riga(2026, 3, 11, 10, 0)}
        )
        days = self._days(event)
        self.assertEqual(days.count((3, 12)), 1)
        self.assertEqual(len(days), len(set(days)))
        moved.write(
            {"recurrence_update": "following", "date_start": riga(2026, 3, 11, 9, 0)}
        )
        self.env.flush_all()
        days = self._days(event)
        self.assertEqual(len(days), len(set(days)))
        self.assertEqual(local(events[3].date_start), datetime(2026, 3, 12, 9, 0))

    def test_move_a_counted_series_with_kept_events(self):
        """The count stays when a later event with a job stays on its day (also
        archived), and when the first event had been moved alone."""
        for archived in (False, True):
            with self.subTest(archived=archived):
                event = self._weekly_six_times()
                events = self._series(event)
                kept = events[4]  # 6 April
                kept.job_ids = [Command.create({"name": "Ordered parts"})]
                kept.active = not archived
                events[2].write(
                    {
                        "recurrence_update": "following",
                        "date_start": riga(2026, 3, 24, 9, 0),
                    }
                )
                kept.active = True
                self.assertEqual(
                    self._days(event),
                    [(3, 9), (3, 16), (3, 24), (3, 31), (4, 6), (4, 7)],
                )

        event = self._weekly_six_times()
        events = self._series(event)
        events[0].write({"date_start": riga(2026, 3, 10, 9, 0)})  # alone: Tuesday
        events[2].write(  # Monday 23 -> Wednesday 25 March
            {"recurrence_update": "all", "date_start": riga(2026, 3, 25, 9, 0)}
        )
        self.assertEqual(
            self._days(event), [(3, 11), (3, 18), (3, 25), (4, 1), (4, 8), (4, 15)]
        )

    def test_new_time_of_day_on_the_day_summer_time_starts(self):
        """Daily at 00:30, created up to 28 March; moved to 05:00 for all: the
        cron then creates 29 March (the clocks change that night) and on."""
        with freeze_time("2026-03-01 22:00:00"):
            self.company.directo_event_recurrence_horizon = 27  # 28 March
            event = self._create_series(riga(2026, 3, 2, 0, 30), repeat_unit="day")
            self.assertEqual(self._days(event)[-1], (3, 28))
            self._series(event)[1].write(
                {"recurrence_update": "all", "date_start": riga(2026, 3, 3, 5, 0)}
            )
            self.company.directo_event_recurrence_horizon = 30
            self.env["directo.event.recurrence"]._cron_create_occurrences()
            self.assertEqual(
                self._days(event)[-4:], [(3, 28), (3, 29), (3, 30), (3, 31)]
            )
            self.assertEqual(local(self._series(event)[-1].date_start).hour, 5)

    def test_move_monthly_fourth_wednesday_to_thursday(self):
        event = self._monthly_on_weekday(riga(2026, 3, 25, 9, 0), "WE", "4", 120)
        self.assertEqual(self._days(event), [(3, 25), (4, 22), (5, 27), (6, 24)])
        event.write(
            {"recurrence_update": "following", "date_start": riga(2026, 3, 26, 9, 0)}
        )
        self.assertEqual(self._days(event), [(3, 26), (4, 23), (5, 28), (6, 25)])
        self.assertEqual(event.recurrence_id.repeat_byday, "4")

    def test_rule_change_to_another_weekday_keeps_the_count(self):
        """The event the new rule starts from stays on its Monday: it counts."""
        event = self._weekly_six_times()
        self._series(event)[2].write({"mon": False, "wed": True})  # from 23 March
        self.assertEqual(
            self._days(event), [(3, 9), (3, 16), (3, 23), (3, 25), (4, 1), (4, 8)]
        )

    def test_move_with_other_changes(self):
        """A move to another day that also changes other fields: the whole
        series gets them, the new events included."""
        event = self._create_series(riga(2026, 3, 9, 9, 0), repeat_unit="week")
        self._series(event)[2].write(
            {
                "recurrence_update": "following",
                "name": "Boiler check, Wednesdays",
                "date_start": riga(2026, 3, 25, 9, 0),
            }
        )
        self.assertEqual(
            self._series(event)[2:].mapped("name"), ["Boiler check, Wednesdays"] * 6
        )
        event = self._create_series(riga(2026, 3, 2, 9, 0), repeat_unit="week")
        self._series(event)[3].write(
            {
                "recurrence_update": "all",
                "partner_id": self.partner_other.id,
                "date_start": riga(2026, 3, 24, 9, 0),
            }
        )
        series = self._series(event)
        self.assertEqual(series.partner_id, self.partner_other)
        self.assertEqual(
            series[1:].mapped(lambda e: local(e.date_start).weekday()), [1] * 8
        )

    def test_move_to_another_day_after_a_new_time(self):
        event = self._create_series(riga(2026, 3, 9, 9, 0), repeat_unit="week")
        events = self._series(event)
        events[1].write(
            {"recurrence_update": "all", "date_start": riga(2026, 3, 16, 8, 0)}
        )
        events[2].write(  # Monday 23 March 08:00 -> Tuesday 24 March 08:00
            {"recurrence_update": "following", "date_start": riga(2026, 3, 24, 8, 0)}
        )
        self.assertEqual(self._days(event)[2:5], [(3, 24), (3, 31), (4, 7)])

    def test_move_monthly_all_off_the_new_rule_refused(self):
        """Second Tuesdays from April; the June one moved to Wednesday with
        "all": April moves to its second Wednesday's week, the third, where
        10 June is not: refused rather than two events in June."""
        event = self._monthly_on_weekday(riga(2026, 4, 14, 9, 0), "TU", "2", 150)
        days = self._days(event)
        with self.assertRaises(UserError):
            self._series(event)[2].write(  # 9 June -> 10 June
                {"recurrence_update": "all", "date_start": riga(2026, 6, 10, 9, 0)}
            )
        self.assertEqual(self._days(event), days)

    def test_move_next_to_an_event_moved_alone(self):
        """An event with a job moved alone to Wednesday 1 April holds that
        day: the series moved to Wednesdays does not plan another."""
        event = self._create_series(riga(2026, 3, 9, 9, 0), repeat_unit="week")
        events = self._series(event)
        kept = events[3]  # Monday 30 March
        kept.job_ids = [Command.create({"name": "Ordered parts"})]
        kept.write({"date_start": riga(2026, 4, 1, 9, 0)})
        events[1].write(  # Monday 16 -> Wednesday 18 March
            {"recurrence_update": "following", "date_start": riga(2026, 3, 18, 9, 0)}
        )
        days = self._days(event)
        self.assertEqual(days.count((4, 1)), 1)
        self.assertEqual(days[:4], [(3, 9), (3, 18), (3, 25), (4, 1)])

    def test_move_alone_then_with_the_series(self):
        """Events moved alone, then with the series: the rule moves by as
        many days as the event is from its place in the rule; "all" starts
        from the rule's current part."""
        event = self._create_series(riga(2026, 3, 9, 9, 0), repeat_unit="week")
        third = self._series(event)[2]
        third.write({"date_start": riga(2026, 3, 24, 9, 0)})  # alone: Tuesday
        third.write(  # Tuesday 24 -> Wednesday 25 March
            {"recurrence_update": "following", "date_start": riga(2026, 3, 25, 9, 0)}
        )
        self.assertEqual(
            self._days(event)[:5], [(3, 9), (3, 16), (3, 25), (4, 1), (4, 8)]
        )
        fifth = self._series(event)[4]
        fifth.write({"date_start": riga(2026, 4, 9, 9, 0)})  # alone: Thursday
        fifth.write(  # Thursday 9 -> Friday 10 April, for all
            {"recurrence_update": "all", "date_start": riga(2026, 4, 10, 9, 0)}
        )
        self.assertEqual(
            self._days(event)[:6], [(3, 9), (3, 16), (3, 27), (4, 3), (4, 10), (4, 17)]
        )

    def test_change_rule_from_an_occurrence(self):
        event = self._create_series(riga(2026, 3, 2, 9, 0), repeat_unit="week")
        third = self._series(event)[2]
        third.write({"repeat_interval": 2})
        self.assertEqual(
            self._days(event), [(3, 2), (3, 9), (3, 16), (3, 30), (4, 13), (4, 27)]
        )

    def test_stop_the_series(self):
        event = self._create_series(riga(2026, 2, 23, 9, 0), repeat_unit="week")
        events = self._series(event)
        self.assertEqual(len(events), 10)
        third = events[2]  # 9 March
        with_job = events[5]
        with_job.job_ids = [Command.create({"name": "Ordered parts"})]
        closed = events[6]
        closed.status_id = self.status_done
        third.action_stop_recurrence()
        remaining = self._series(event)
        self.assertEqual(remaining, events[:3] | with_job | closed)
        self.assertEqual(event.recurrence_id.repeat_until, date(2026, 3, 9))
        self.company.directo_event_recurrence_horizon = 200
        self.env["directo.event.recurrence"]._cron_create_occurrences()
        self.assertEqual(self._series(event), remaining)

    def test_preview_before_saving(self):
        event = self.env["directo.event"].new(
            {
                "name": "Boiler check",
                "user_id": self.user_events.id,
                "date_start": riga(2026, 3, 23, 9, 0),
                "is_recurrent": True,
                "repeat_unit": "week",
                "mon": True,
            }
        )
        preview = str(event.recurrence_preview)
        self.assertEqual(preview.count("<li>"), 5)
        self.assertIn("30 Mar 2026 09:00", preview)
        self.assertIn("27 Apr 2026 09:00", preview)

    def test_form(self):
        with Form(self.env["directo.event"].with_user(self.user_events)) as form:
            form.name = "Boiler check"
            form.date_start = riga(2026, 3, 23, 9, 0)
            form.is_recurrent = True
            self.assertTrue(form.mon)
            self.assertEqual(form.repeat_unit, "week")
            form.repeat_type = "count"
            form.repeat_count = 3
            self.assertEqual(str(form.recurrence_preview).count("<li>"), 2)
        event = form.record
        self.assertEqual(len(self._series(event)), 3)
        with Form(self._series(event)[1].with_user(self.user_events)) as form:
            form.recurrence_update = "following"
            form.description = "<p>Bring the new valve</p>"
        self.assertEqual(
            [bool(e.description) for e in self._series(event)], [False, True, True]
        )


@tagged("post_install", "-at_install", "directo_event", "directo_event_recurrence")
@freeze_time("2026-03-02 08:00:00")
class TestDirectoEventRecurrenceWorkingDays(DirectoEventRecurrenceCommon):
    """Series that keep to the company's working days: Monday to Friday, and
    Tuesday 10 March 2026 a public holiday."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.calendar = cls.company.resource_calendar_id
        cls.calendar.tz = "Europe/Riga"
        cls.env["resource.calendar.leaves"].create(
            {
                "name": "Public holiday",
                "calendar_id": cls.calendar.id,
                "company_id": cls.company.id,
                "date_from": riga(2026, 3, 10, 0, 0),
                "date_to": riga(2026, 3, 10, 23, 59),
            }
        )

    def test_a_day_off_moves_to_the_next_working_day(self):
        event = self._create_series(
            riga(2026, 3, 3, 9, 0),
            repeat_unit="week",
            repeat_type="count",
            repeat_count=4,
            repeat_working_days=True,
        )
        events = self._series(event)
        self.assertEqual(
            [local(e.date_start) for e in events],
            [
                datetime(2026, 3, 3, 9, 0),
                datetime(2026, 3, 11, 9, 0),
                datetime(2026, 3, 17, 9, 0),
                datetime(2026, 3, 24, 9, 0),
            ],
        )
        # the moved one keeps its place in the rule, and its duration
        self.assertEqual(local(events[1].recurrence_date), datetime(2026, 3, 10, 9, 0))
        self.assertEqual(events[1].duration, event.duration)
        # the cron run again changes nothing
        event.recurrence_id.date_generated_until = event.date_start
        event.recurrence_id._create_occurrences()
        self.assertEqual(self._series(event), events)

        # no longer working days only: the series from the first event on
        # follows the rule again
        event.write({"repeat_working_days": False})
        self.assertEqual(
            [(m, d) for m, d in self._days(event)],
            [(3, 3), (3, 10), (3, 17), (3, 24)],
        )

    def test_daily_series_one_event_a_working_day(self):
        event = self._create_series(
            riga(2026, 3, 6, 8, 0),
            repeat_unit="day",
            repeat_working_days=True,
        )
        events = self._series(event)
        starts = [local(e.date_start) for e in events]
        # the weekend and the holiday move onto days that have their own
        # occurrence: they are left out
        self.assertEqual([s.day for s in starts[:6]], [6, 9, 11, 12, 13, 16])
        self.assertTrue(all(s.weekday() < 5 and s.hour == 8 for s in starts))
        self.assertEqual(len({s.date() for s in starts}), len(starts))
        # each holds its own place in the rule
        self.assertEqual(events.mapped("recurrence_date"), events.mapped("date_start"))

    def test_without_working_days_the_calendar_is_not_used(self):
        event = self._create_series(
            riga(2026, 3, 3, 9, 0),
            repeat_unit="week",
            repeat_type="count",
            repeat_count=2,
        )
        self.assertEqual(self._days(event), [(3, 3), (3, 10)])

    def test_preview_shows_the_moved_dates(self):
        with Form(self.env["directo.event"].with_user(self.user_events)) as form:
            form.name = "Boiler check"
            form.date_start = riga(2026, 3, 3, 9, 0)
            form.is_recurrent = True
            self.assertIn("Tue 10 Mar 2026 09:00</li>", str(form.recurrence_preview))
            form.repeat_working_days = True
            preview = str(form.recurrence_preview)
            self.assertEqual(preview.count("<li>"), 5)
            self.assertIn("Wed 11 Mar 2026 09:00 (from Tue 10 Mar)", preview)
            self.assertIn("Tue 17 Mar 2026 09:00</li>", preview)
        self.assertTrue(form.record.recurrence_id.repeat_working_days)
        self.assertEqual(self._days(form.record)[:2], [(3, 3), (3, 11)])
