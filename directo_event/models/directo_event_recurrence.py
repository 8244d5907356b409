import logging
from datetime import datetime, time, timedelta

import pytz
from dateutil import rrule

from odoo import api, fields, models, modules
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL, format_date, split_every

from odoo.addons.base.models.res_partner import _tz_get

_logger = logging.getLogger(__name__)

REPEAT_UNITS = [
    ("day", "Days"),
    ("week", "Weeks"),
    ("month", "Months"),
    ("year", "Years"),
]
REPEAT_TYPES = [
    ("forever", "Forever"),
    ("until", "Until"),
    ("count", "Number of Repetitions"),
]
MONTH_BY = [
    ("date", "Date of Month"),
    ("day", "Day of Month"),
]
WEEKDAYS = [
    ("MO", "Monday"),
    ("TU", "Tuesday"),
    ("WE", "Wednesday"),
    ("TH", "Thursday"),
    ("FR", "Friday"),
    ("SA", "Saturday"),
    ("SU", "Sunday"),
]
BYDAY = [
    ("1", "First"),
    ("2", "Second"),
    ("3", "Third"),
    ("4", "Fourth"),
    ("-1", "Last"),
]
WEEKDAY_FIELDS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
RRULE_FREQ = {
    "day": rrule.DAILY,
    "week": rrule.WEEKLY,
    "month": rrule.MONTHLY,
    "year": rrule.YEARLY,
}
# the rule's fields, mirrored on directo.event (see directo_event_recurring.py)
RECURRENCE_FIELDS = [
    "repeat_interval",
    "repeat_unit",
    *WEEKDAY_FIELDS,
    "repeat_month_by",
    "repeat_day",
    "repeat_weekday",
    "repeat_byday",
    "repeat_type",
    "repeat_until",
    "repeat_count",
    "repeat_working_days",
]
REPEAT_WORKING_DAYS_HELP = (
    "An occurrence on a day off (a weekend, a public holiday) moves to the next "
    "working day, unless that day has one already. The days off are those of the "
    "working schedule of the event's employee, else of the company's."
)
# how far a day off moves an occurrence at most (a calendar without working
# days leaves it where it is)
WORKING_DAY_SEARCH = 60


def build_rrule(rule, dtstart):
    """The ``dateutil`` rule of ``rule`` (a recurrence or an event mirroring
    its fields) from ``dtstart``, a naive datetime in the series' time zone.

    Months without the chosen date (the 31st, the 30th in February) are
    skipped, and so are the years without the 29th of February, as RFC 5545
    (and Odoo's calendar) do."""
    params = {"dtstart": dtstart, "interval": max(rule.repeat_interval or 1, 1)}
    unit = rule.repeat_unit or "week"
    if unit == "week":
        weekdays = [index for index, fname in enumerate(WEEKDAY_FIELDS) if rule[fname]]
        if weekdays:
            params["byweekday"] = weekdays
    elif unit == "month":
        if rule.repeat_month_by == "day" and rule.repeat_weekday and rule.repeat_byday:
            weekday = getattr(rrule, rule.repeat_weekday)
            params["byweekday"] = weekday(int(rule.repeat_byday))
        else:
            params["bymonthday"] = rule.repeat_day or dtstart.day
    if rule.repeat_type == "count":
        params["count"] = max(rule.repeat_count or 1, 1)
    elif rule.repeat_type == "until" and rule.repeat_until:
        params["until"] = datetime.combine(rule.repeat_until, time.max)
    return rrule.rrule(RRULE_FREQ[unit], **params)


def working_day_starts(calendar, tz_name, starts, taken=()):
    """``starts`` (naive UTC, in order) moved off the days off of
    ``calendar`` (its weekends and public holidays): as pairs of the rule's
    start and the occurrence's start, at the same local time on the next
    working day. A start whose next working day is in ``taken`` (local days
    that already have an occurrence) or is the day of another start is left
    out: a series has one occurrence a day."""
    if not (calendar and starts):
        return [(start, start) for start in starts]
    tz = pytz.timezone(tz_name or "UTC")
    local_starts = [
        pytz.utc.localize(start).astimezone(tz).replace(tzinfo=None) for start in starts
    ]
    first = min(local_starts).date() - timedelta(days=1)
    last = max(local_starts).date() + timedelta(days=WORKING_DAY_SEARCH + 1)
    days_off = calendar.sudo()._get_unusual_days(
        datetime.combine(first, time.min),
        datetime.combine(last, time.max),
        company_id=calendar.company_id,
    )

    def is_day_off(day):
        return bool(days_off.get(fields.Date.to_string(day)))

    days = set(taken) | {
        local.date() for local in local_starts if not is_day_off(local.date())
    }
    result = []
    for start, local in zip(starts, local_starts, strict=True):
        day = local.date()
        if not is_day_off(day):
            result.append((start, start))
            continue
        for offset in range(1, WORKING_DAY_SEARCH + 1):
            moved = day + timedelta(days=offset)
            if not is_day_off(moved):
                break
        else:
            result.append((start, start))
            continue
        if moved in days:
            continue
        days.add(moved)
        moved_local = tz.localize(datetime.combine(moved, local.time()), is_dst=False)
        result.append((start, moved_local.astimezone(pytz.utc).replace(tzinfo=None)))
    return result


class DirectoEventRecurrence(models.Model):
    """A series of events (e.g. regular maintenance). Its occurrences are real
    events, created ahead up to the company's horizon by a daily cron."""

    _name = "directo.event.recurrence"
    _description = "Event Recurrence"
    _check_company_auto = True

    event_ids = fields.One2many("directo.event", "recurrence_id", string="Events")
    base_event_id = fields.Many2one(
        "directo.event",
        string="Template Event",
        ondelete="set null",
        help="Event the new occurrences are copied from.",
    )
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda s: s.env.company
    )
    tz = fields.Selection(
        _tz_get,
        string="Time Zone",
        required=True,
        default=lambda self: self.env.user.tz or "UTC",
        help="Occurrences keep their local time of day in this time zone, "
        "across daylight saving time changes.",
    )
    dtstart = fields.Datetime(string="First Start", required=True)
    date_generated_until = fields.Datetime(
        string="Created Until",
        help="Occurrences starting up to this moment have been created.",
    )
    # the rule
    repeat_interval = fields.Integer(string="Repeat Every", default=1)
    repeat_unit = fields.Selection(REPEAT_UNITS, default="week", required=True)
    mon = fields.Boolean()
    tue = fields.Boolean()
    wed = fields.Boolean()
    thu = fields.Boolean()
    fri = fields.Boolean()
    sat = fields.Boolean()
    sun = fields.Boolean()
    repeat_month_by = fields.Selection(MONTH_BY, default="date")
    repeat_day = fields.Integer(string="Day of Month", default=1)
    repeat_weekday = fields.Selection(WEEKDAYS, string="Weekday")
    repeat_byday = fields.Selection(BYDAY, string="Which")
    repeat_type = fields.Selection(REPEAT_TYPES, default="forever", required=True)
    repeat_until = fields.Date(string="End Date")
    repeat_count = fields.Integer(string="Repetitions", default=10)
    repeat_working_days = fields.Boolean(
        string="Working Days Only",
        help=REPEAT_WORKING_DAYS_HELP,
    )

    _repeat_interval_positive = models.Constraint(
        "CHECK (repeat_interval > 0)", "A series repeats at least every 1 unit."
    )
    _repeat_day_valid = models.Constraint(
        "CHECK (repeat_day IS NULL OR (repeat_day >= 1 AND repeat_day <= 31))",
        "The day of the month must be between 1 and 31.",
    )

    @api.constrains("repeat_type", "repeat_until", "repeat_count")
    def _check_repeat_end(self):
        for recurrence in self:
            if recurrence.repeat_type == "until" and not recurrence.repeat_until:
                raise ValidationError(self.env._("Set the end date of the series."))
            if recurrence.repeat_type == "count" and recurrence.repeat_count < 1:
                raise ValidationError(
                    self.env._("A series has at least one repetition.")
                )

    # ------------------------------------------------------------
    # BUSINESS
    # ------------------------------------------------------------

    def _get_occurrences(self, date_from, date_to):
        """Starts (naive UTC) of the occurrences after ``date_from`` and up
        to ``date_to`` (naive UTC). The rule runs on local times so that a
        09:00 event stays at 09:00 local time across DST changes."""
        self.ensure_one()
        tz = pytz.timezone(self.tz or "UTC")

        def to_local(value):
            return pytz.utc.localize(value).astimezone(tz).replace(tzinfo=None)

        rule = build_rrule(self, to_local(self.dtstart))
        local_dates = rule.between(
            to_local(date_from) - timedelta(days=1),
            to_local(date_to) + timedelta(days=1),
            inc=True,
        )
        starts = (
            tz.localize(local, is_dst=False).astimezone(pytz.utc).replace(tzinfo=None)
            for local in local_dates
        )
        return [start for start in starts if date_from < start <= date_to]

    def _local(self, value):
        """``value`` (naive UTC) in the series' time zone, naive."""
        tz = pytz.timezone(self.tz or "UTC")
        return pytz.utc.localize(value).astimezone(tz).replace(tzinfo=None)

    def _at(self, day, time_of_day):
        """Naive UTC of ``day`` at ``time_of_day`` in the series' time zone."""
        tz = pytz.timezone(self.tz or "UTC")
        local = datetime.combine(day, time_of_day)
        return (
            tz.localize(local, is_dst=False).astimezone(pytz.utc).replace(tzinfo=None)
        )

    def _event_days(self, event):
        """The local days an event of the series holds: its place in the
        rule's and its own (when moved alone to another day)."""
        return {
            self._local(value).date()
            for value in (event.recurrence_date, event.date_start)
            if value
        }

    def _lock(self):
        """Wait for the cron, or another user, to be done with the series
        (the cron skips a series that is locked)."""
        self.env.cr.execute(
            SQL(
                "SELECT id FROM %s WHERE id IN %s FOR UPDATE",
                SQL.identifier(self._table),
                tuple(self.ids),
            )
        )

    def _moved_rule_values(self, days, start):
        """The rule's values once moved by ``days`` days, its next event at
        ``start`` (naive UTC): weekdays turn, the day of the month or the
        weekday follow ``start``, the week of the month stays when it can."""
        self.ensure_one()
        local = self._local(start)
        if self.repeat_unit == "week":
            flags = [self[fname] for fname in WEEKDAY_FIELDS]
            return {
                fname: flags[(index - days) % 7]
                for index, fname in enumerate(WEEKDAY_FIELDS)
            }
        if self.repeat_unit != "month":
            return {}
        if self.repeat_month_by != "day":
            return {"repeat_day": local.day}
        last = (local + timedelta(days=7)).month != local.month
        nth = (local.day - 1) // 7 + 1
        byday = self.repeat_byday
        if not ((byday == "-1" and last) or (byday and int(byday) == nth)):
            byday = "-1" if last else str(min(nth, 4))
        return {"repeat_weekday": WEEKDAYS[local.weekday()][0], "repeat_byday": byday}

    def _check_moved_rule(self, rule_values, days, anchor, start, edited):
        """Refuse a move the new rule cannot follow: its next dates from
        ``start`` must be the old rule's from ``anchor``, ``days`` later
        (not so for e.g. every other week on Saturday and Sunday, or the 31st
        of the months that have one); for a weekday of the month, its first
        date; and ``edited``, the edited event's new start, must be on it."""
        self.ensure_one()
        count = 12
        rule = {fname: self[fname] for fname in RECURRENCE_FIELDS}
        rule["repeat_type"] = "forever"
        old_rule = build_rrule(self.new(rule), self._local(self.dtstart))
        anchor_day = datetime.combine(
            self._local(anchor.recurrence_date).date(), time.min
        )
        old_days = [
            local.date() + timedelta(days=days)
            for local in old_rule.xafter(anchor_day, count=count, inc=True)
        ]
        new_rule = build_rrule(self.new(dict(rule, **rule_values)), self._local(start))
        start_day = datetime.combine(self._local(start).date(), time.min)
        new_days = [
            local.date() for local in new_rule.xafter(start_day, count=count, inc=True)
        ]
        if self.repeat_unit == "month" and self.repeat_month_by == "day":
            # "the second Tuesday" moved to a Wednesday: the Wednesday of that
            # week of the month, not always a day after the Tuesday
            old_days, new_days = old_days[:1], new_days[:1]
        # and the edited event's new day is one of the new rule's
        edited_day = self._local(edited).date()
        on_rule = any(
            local.date() == edited_day
            for local in new_rule.between(
                start_day, datetime.combine(edited_day, time.max), inc=True
            )
        )
        if old_days != new_days or not on_rule:
            raise UserError(
                self.env._(
                    "The series cannot move with this event: its rule would not "
                    "give the same dates moved by as many days (it would give "
                    "%s). Change the rule in the Recurrence tab, or move this "
                    "event alone (Apply Changes To: This event).",
                    ", ".join(format_date(self.env, day) for day in new_days[:3]),
                )
            )

    def _get_horizon_end(self):
        self.ensure_one()
        days = self.company_id.directo_event_recurrence_horizon
        return fields.Datetime.now().replace(microsecond=0) + timedelta(days=days)

    def _get_template_event(self):
        self.ensure_one()
        if self.base_event_id:
            return self.base_event_id
        return (
            self.env["directo.event"]
            .with_context(active_test=False)
            .search(
                [("recurrence_id", "=", self.id)], order="recurrence_date desc", limit=1
            )
        )

    def _create_occurrences(self, date_to=None):
        """Create the missing occurrences of each series up to ``date_to``
        (default: the company's horizon), with one ``create`` per series.
        Idempotent: occurrences are created once (never before
        ``date_generated_until``, never twice for a day; two workers: unique
        index)."""
        # Occurrences are planned in bulk, like an import: no "assigned to
        # you" mail, no creation note and no status e-mail to the contact for
        # each of them (tracking_disable); their users follow them, as on any
        # event, added below for all the occurrences at once.
        Event = self.env["directo.event"].with_context(
            active_test=False,
            tracking_disable=True,
            mail_create_nolog=True,
        )
        created = Event
        for recurrence in self:
            end = date_to or recurrence._get_horizon_end()
            start = recurrence.date_generated_until or recurrence.dtstart
            if end <= start:
                continue
            template = recurrence._get_template_event()
            # one occurrence a day: an event holds the day of its place in
            # the rule (recurrence_date) and the day it was moved to
            existing = set().union(
                *(
                    recurrence._event_days(event)
                    for event in Event.search([("recurrence_id", "=", recurrence.id)])
                )
            )
            dates = recurrence._working_day_starts(start, end, existing, template)
            if template and dates:
                base_values = template.copy_data()[0]
                created |= Event.create(
                    [
                        recurrence._prepare_occurrence_values(
                            template, base_values, date, rule_date
                        )
                        for rule_date, date in dates
                    ]
                )
            recurrence.date_generated_until = end
        created._subscribe_users()
        return created.with_context(active_test=True)

    def _working_day_starts(self, date_from, date_to, taken, template):
        """The occurrences after ``date_from`` and up to ``date_to`` (naive
        UTC) whose local day is not in ``taken``, as pairs of the rule's start
        and the occurrence's: off the days off of the working schedule of
        ``template`` (the event the occurrences copy) when the series keeps
        to working days (see ``working_day_starts``; the rule's working days
        just after ``date_to`` keep their day)."""
        self.ensure_one()
        calendar = (
            self.repeat_working_days and template and template._get_working_calendar()
        )
        if calendar:
            date_to_ahead = date_to + timedelta(days=WORKING_DAY_SEARCH + 1)
        else:
            date_to_ahead = date_to
        starts = [
            start
            for start in self._get_occurrences(date_from, date_to_ahead)
            if self._local(start).date() not in taken
        ]
        pairs = working_day_starts(calendar, self.tz, starts, taken)
        return [pair for pair in pairs if pair[0] <= date_to]

    def _prepare_occurrence_values(
        self, template, base_values, date_start, recurrence_date=None
    ):
        """Values of the occurrence starting at ``date_start`` (its place in
        the rule: ``recurrence_date``, by default the same), copied from
        ``template``; the until date keeps its distance to the start."""
        values = dict(
            base_values,
            name=template.name,
            duration=template.duration,
            priority=template.priority,
            date_start=date_start,
            is_recurrent=True,
            recurrence_id=self.id,
            recurrence_date=recurrence_date or date_start,
        )
        if template.date_until:
            tz = pytz.timezone(self.tz or "UTC")
            template_day = pytz.utc.localize(template.date_start).astimezone(tz)
            new_day = pytz.utc.localize(date_start).astimezone(tz)
            values["date_until"] = new_day.date() + (
                template.date_until - template_day.date()
            )
        return values

    # ------------------------------------------------------------
    # CRON
    # ------------------------------------------------------------

    @api.model
    def _cron_create_occurrences(self, batch_size=50):
        """Extend every series up to its company's horizon. Series another
        worker holds are skipped (``FOR UPDATE SKIP LOCKED``)."""
        auto_commit = not modules.module.current_test
        today = fields.Date.context_today(self)
        recurrences = self.search(
            [
                "|",
                ("repeat_type", "!=", "until"),
                ("repeat_until", ">=", today),
            ]
        )
        if auto_commit:
            self.env["ir.cron"]._commit_progress(remaining=len(recurrences))
        for ids in split_every(batch_size, recurrences.ids):
            locked = self.browse(ids).try_lock_for_update()
            locked._create_occurrences()
            if auto_commit:
                self.env["ir.cron"]._commit_progress(len(ids))
