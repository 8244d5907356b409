from datetime import timedelta

import pytz
from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import format_date, format_datetime, groupby

from .directo_event_recurrence import (
    BYDAY,
    MONTH_BY,
    RECURRENCE_FIELDS,
    REPEAT_TYPES,
    REPEAT_UNITS,
    REPEAT_WORKING_DAYS_HELP,
    WEEKDAY_FIELDS,
    WEEKDAYS,
    build_rrule,
    working_day_starts,
)

RECURRENCE_UPDATES = [
    ("this", "This event"),
    ("following", "This and following events"),
    ("all", "All events"),
]
# what an edit of "this and following" / "all events" never copies
NOT_PROPAGATED = {
    "date_start",
    "date_end",
    "date_until",
    "status_id",
    "active",
    "ref",
    "job_ids",
    "reminder_ids",
    "change_ids",
    "attachment_ids",
    "is_recurrent",
    "recurrence_id",
    "recurrence_date",
}
PREVIEW_COUNT = 5


# directo.event is split by feature (card, mail gateway, notifications,
# recurrence) to keep each file readable.
class DirectoEvent(models.Model):
    """Recurring events: a series (``directo.event.recurrence``) whose
    occurrences are real events. The rule's fields are mirrored here so that
    the form edits them like project tasks do."""

    _inherit = "directo.event"  # pylint: disable=consider-merging-classes-inherited

    is_recurrent = fields.Boolean(
        string="Recurrent", copy=False, help="Repeat the event, e.g. regular work."
    )
    recurrence_id = fields.Many2one(
        "directo.event.recurrence",
        string="Series",
        copy=False,
        index="btree_not_null",
        ondelete="set null",
    )
    recurrence_date = fields.Datetime(
        string="Occurrence Of",
        copy=False,
        readonly=True,
        help="Start the series planned for this occurrence, even if it moved.",
    )
    recurrence_update = fields.Selection(
        RECURRENCE_UPDATES,
        string="Apply Changes To",
        store=False,
        default="this",
        help="Which events of the series your changes go to. When this event "
        "moves, they move with it; the status changes on this event only.",
    )
    # mirrors of the series' rule
    repeat_interval = fields.Integer(
        string="Repeat Every", compute="_compute_repeat", readonly=False
    )
    repeat_unit = fields.Selection(
        REPEAT_UNITS, compute="_compute_repeat", readonly=False
    )
    mon = fields.Boolean(compute="_compute_repeat", readonly=False)
    tue = fields.Boolean(compute="_compute_repeat", readonly=False)
    wed = fields.Boolean(compute="_compute_repeat", readonly=False)
    thu = fields.Boolean(compute="_compute_repeat", readonly=False)
    fri = fields.Boolean(compute="_compute_repeat", readonly=False)
    sat = fields.Boolean(compute="_compute_repeat", readonly=False)
    sun = fields.Boolean(compute="_compute_repeat", readonly=False)
    repeat_month_by = fields.Selection(
        MONTH_BY, compute="_compute_repeat", readonly=False
    )
    repeat_day = fields.Integer(
        string="Day of Month", compute="_compute_repeat", readonly=False
    )
    repeat_weekday = fields.Selection(
        WEEKDAYS, string="Weekday", compute="_compute_repeat", readonly=False
    )
    repeat_byday = fields.Selection(
        BYDAY, string="Which", compute="_compute_repeat", readonly=False
    )
    repeat_type = fields.Selection(
        REPEAT_TYPES, string="Ends", compute="_compute_repeat", readonly=False
    )
    repeat_until = fields.Date(
        string="End Date", compute="_compute_repeat", readonly=False
    )
    repeat_count = fields.Integer(
        string="Repetitions", compute="_compute_repeat", readonly=False
    )
    repeat_working_days = fields.Boolean(
        string="Working Days Only",
        compute="_compute_repeat",
        readonly=False,
        help=REPEAT_WORKING_DAYS_HELP,
    )
    recurrence_preview = fields.Html(
        string="Next Dates", compute="_compute_recurrence_preview", sanitize=False
    )

    _recurrence_date_uniq = models.UniqueIndex(
        "(recurrence_id, recurrence_date)",
        "An occurrence of a series exists once per date.",
    )

    @api.depends(
        "is_recurrent",
        "recurrence_id",
        *(f"recurrence_id.{fname}" for fname in RECURRENCE_FIELDS),
    )
    def _compute_repeat(self):
        defaults = self.env["directo.event.recurrence"].default_get(RECURRENCE_FIELDS)
        for event in self:
            recurrence = event.recurrence_id.sudo()
            for fname in RECURRENCE_FIELDS:
                if recurrence:
                    event[fname] = recurrence[fname]
                else:
                    event[fname] = event._default_repeat_value(fname, defaults)

    @api.depends("is_recurrent", "date_start", "user_id", *RECURRENCE_FIELDS)
    def _compute_recurrence_preview(self):
        for event in self:
            if not event.is_recurrent or not event.date_start:
                event.recurrence_preview = False
                continue
            tz_name = event.recurrence_id.tz or event._get_directo_tz()
            tz = pytz.timezone(tz_name)
            start = pytz.utc.localize(event.date_start).astimezone(tz)
            rule = build_rrule(event, start.replace(tzinfo=None))
            calendar = event.repeat_working_days and event._get_working_calendar()
            # a day off can leave a date out: look further ahead
            count = PREVIEW_COUNT * 3 if calendar else PREVIEW_COUNT
            starts = [
                tz.localize(local, is_dst=False)
                .astimezone(pytz.utc)
                .replace(tzinfo=None)
                for local in rule.xafter(start.replace(tzinfo=None), count=count)
            ]
            taken = {start.date()}
            pairs = working_day_starts(calendar, tz_name, starts, taken)
            dates = []
            for rule_start, occurrence_start in pairs[:PREVIEW_COUNT]:
                text = format_datetime(
                    self.env,
                    occurrence_start,
                    tz=tz_name,
                    dt_format="EEE d MMM y HH:mm",
                )
                if occurrence_start != rule_start:
                    text = self.env._(
                        "%(date)s (from %(day_off)s)",
                        date=text,
                        day_off=format_datetime(
                            self.env, rule_start, tz=tz_name, dt_format="EEE d MMM"
                        ),
                    )
                dates.append(text)
            event.recurrence_preview = (
                Markup("<ul>%s</ul>")
                % Markup().join(Markup("<li>%s</li>") % date for date in dates)
                if dates
                else Markup("<p>%s</p>") % self.env._("No further dates.")
            )

    # ------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        rule_values_list = []
        for vals in vals_list:
            vals.pop("recurrence_update", None)
            rule_values_list.append(
                {f: vals.pop(f) for f in RECURRENCE_FIELDS if f in vals}
            )
        events = super().create(vals_list)
        new_series = self.env["directo.event.recurrence"]
        for event, rule_values in zip(events, rule_values_list, strict=True):
            if event.is_recurrent and not event.recurrence_id:
                new_series |= event._start_recurrence(rule_values)
        new_series._create_occurrences()
        return events

    def write(self, vals):
        update = vals.pop("recurrence_update", None) or "this"
        rule_values = {f: vals.pop(f) for f in RECURRENCE_FIELDS if f in vals}
        others = self.env["directo.event"]
        if update != "this" and len(self) == 1 and self.recurrence_id and vals:
            others = self._get_series_events(update) - self
        # the other events follow a move of this one (unless a new rule,
        # which starts from this event anyway, is given)
        moved_from = (
            self.date_start
            if update != "this"
            and len(self) == 1
            and self.recurrence_id
            and "date_start" in vals
            and not rule_values
            else None
        )
        res = super().write(vals) if vals else True
        propagated = {
            fname: value
            for fname, value in vals.items()
            if fname not in NOT_PROPAGATED
            and not fname.startswith(("message_", "activity_"))
        }
        if others and propagated:
            others.write(propagated)
            # the occurrences still to create copy the edited event
            self.recurrence_id.sudo().base_event_id = self
        if moved_from:
            self._move_series(moved_from, others, update)
        if vals.get("is_recurrent") is False:
            self.filtered("recurrence_id").action_stop_recurrence()
        new_series = self.env["directo.event.recurrence"]
        for event in self.filtered("is_recurrent"):
            if not event.recurrence_id:
                new_series |= event._start_recurrence(rule_values)
            elif rule_values:
                event._change_recurrence(rule_values)
        new_series._create_occurrences()
        return res

    # ------------------------------------------------------------
    # ACTIONS
    # ------------------------------------------------------------

    def action_stop_recurrence(self):
        """Stop the series after this event: the later occurrences that have
        not started, are open and have no jobs are deleted; the others
        stay."""
        for event in self.filtered("recurrence_id"):
            recurrence = event.recurrence_id
            event._get_deletable_occurrences_after().unlink()
            tz = pytz.timezone(recurrence.tz or "UTC")
            local_start = pytz.utc.localize(event.date_start).astimezone(tz)
            recurrence.write(
                {"repeat_type": "until", "repeat_until": local_start.date()}
            )
        return True

    def action_open_recurrence_events(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "directo_event.directo_event_action"
        )
        action.update(
            domain=[("recurrence_id", "=", self.recurrence_id.id)],
            context={"search_default_open": 0},
            view_mode="list,form,calendar",
            views=[(False, "list"), (False, "form"), (False, "calendar")],
        )
        return action

    # ------------------------------------------------------------
    # BUSINESS
    # ------------------------------------------------------------

    def _start_recurrence(self, rule_values):
        """Create the series of this event, which is its first occurrence."""
        self.ensure_one()
        defaults = self.env["directo.event.recurrence"].default_get(RECURRENCE_FIELDS)
        values = {
            fname: self._default_repeat_value(fname, defaults)
            for fname in RECURRENCE_FIELDS
        }
        values.update(rule_values)
        recurrence = (
            self.env["directo.event.recurrence"]
            .sudo()
            .create(
                dict(
                    values,
                    base_event_id=self.id,
                    company_id=self.company_id.id,
                    dtstart=self.date_start,
                    date_generated_until=self.date_start,
                    tz=self._get_directo_tz(),
                )
            )
        )
        super().write(
            {"recurrence_id": recurrence.id, "recurrence_date": self.date_start}
        )
        return recurrence.sudo(False)

    def _change_recurrence(self, rule_values, earlier=None, keep=None):
        """New rule from this event on: the later occurrences that can go are
        replaced by the occurrences of the new rule, which are returned. A
        number of repetitions stays the number of the whole series
        (``earlier``: how many of the old rule's dates come before this
        event's); ``keep``: an event that stays in any case."""
        self.ensure_one()
        recurrence = self.recurrence_id.sudo()
        recurrence._lock()
        if earlier is None:
            earlier = self._count_earlier_occurrences()
        (self._get_deletable_occurrences_after() - (keep or self)).unlink()
        values = dict(
            rule_values,
            base_event_id=self.id,
            dtstart=self.date_start,
            date_generated_until=self.date_start,
        )
        if rule_values.get("repeat_type", recurrence.repeat_type) == "count":
            total = rule_values.get("repeat_count", recurrence.repeat_count)
            values["repeat_count"] = max(total - earlier, 1)
        recurrence.write(values)
        if recurrence.repeat_type == "count":
            # the rule's count includes its first date, which this event
            # holds; the events that stay off the new rule's days (this one,
            # later ones closed or with jobs) count too
            second = timedelta(seconds=1)
            starts = recurrence._get_occurrences(
                self.date_start - second, self.date_start + timedelta(days=36600)
            )
            days = {recurrence._local(start).date() for start in starts}
            extra = (
                self.with_context(active_test=False)
                .search(
                    [
                        ("recurrence_id", "=", recurrence.id),
                        ("recurrence_date", ">", self.recurrence_date),
                    ]
                )
                .filtered(lambda e: not recurrence._event_days(e) & days)
            )
            count = len(extra) + (self.date_start not in starts[:1])
            if count:
                recurrence.repeat_count = max(recurrence.repeat_count - count, 1)
        return recurrence._create_occurrences()

    def _count_earlier_occurrences(self):
        """How many dates of the series' rule come before this event's day."""
        recurrence = self.recurrence_id.sudo()
        if not self.recurrence_date or self.recurrence_date <= recurrence.dtstart:
            return 0
        day = recurrence._local(self.recurrence_date).date()
        return sum(
            recurrence._local(start).date() < day
            for start in recurrence._get_occurrences(
                recurrence.dtstart - timedelta(seconds=1),
                self.recurrence_date + timedelta(days=1),
            )
        )

    def _move_series(self, moved_from, others, update):
        """This event moved from ``moved_from``. To another day: the series
        follows a rule moved by as many days (weekdays, day of the month),
        from this event on, or with ``update`` "all" from its first event
        that has not started. To another time of day: the ``others`` that
        have not started, and the rule, move to the new time, each on its
        day."""
        self.ensure_one()
        recurrence = self.recurrence_id.sudo()
        recurrence._lock()
        old = recurrence._local(moved_from)
        new = recurrence._local(self.date_start)
        now = fields.Datetime.now()
        if old.date() != new.date():
            # by as many days as this event is now from its place in the rule
            days = (new.date() - recurrence._local(self.recurrence_date).date()).days
            anchor = self
            if update == "all":
                # the first that has not started, of the rule's current part
                # (the events before its start followed an earlier rule)
                first_day = recurrence._local(recurrence.dtstart).date()
                anchor = min(
                    self
                    | others.filtered(
                        lambda e: e.date_start > now
                        and recurrence._local(e.recurrence_date).date() >= first_day
                    ),
                    key=lambda e: e.recurrence_date,
                )
            self._move_series_to_day(recurrence, days, anchor)
            return
        if old.time() == new.time():
            return
        # each keeps its day (and its place in the rule, recurrence_date)
        for event in others.filtered(lambda e: e.date_start > now):
            super(DirectoEvent, event).write(
                {
                    "date_start": recurrence._at(
                        recurrence._local(event.date_start).date(), new.time()
                    )
                }
            )
        # the occurrences still to create start at the new time, from the day
        # after the last one created
        last_day = recurrence._local(recurrence.date_generated_until)
        if last_day.time() < recurrence._local(recurrence.dtstart).time():
            last_day -= timedelta(days=1)
        recurrence.write(
            {
                "dtstart": recurrence._at(
                    recurrence._local(recurrence.dtstart).date(), new.time()
                ),
                "date_generated_until": recurrence._at(last_day.date(), new.time()),
            }
        )

    def _move_series_to_day(self, recurrence, days, anchor):
        """The series follows its rule moved by ``days`` days from ``anchor``
        (this event, or an earlier one that moves as many days): the later
        occurrences that can go, but this event, are replaced by the new
        rule's (as on a change of the rule), which are returned."""
        time = recurrence._local(self.date_start).time()
        anchor_start = self.date_start
        if anchor != self:
            anchor_day = recurrence._local(anchor.recurrence_date).date()
            anchor_start = recurrence._at(anchor_day + timedelta(days=days), time)
        rule_values = recurrence._moved_rule_values(days, anchor_start)
        recurrence._check_moved_rule(
            rule_values, days, anchor, anchor_start, self.date_start
        )
        earlier = anchor._count_earlier_occurrences()
        (anchor._get_deletable_occurrences_after() - self).unlink()
        moved = {self: self.date_start, anchor: anchor_start}
        taken = set().union(
            *(
                recurrence._event_days(event)
                for event in self.with_context(active_test=False).search(
                    [
                        ("recurrence_id", "=", recurrence.id),
                        ("id", "not in", [event.id for event in moved]),
                    ]
                )
            )
        )
        for start in moved.values():
            if recurrence._local(start).date() in taken:
                raise UserError(
                    self.env._(
                        "Another event of this series is planned on %s and "
                        "stays: move this event alone (Apply Changes To: This "
                        "event).",
                        format_date(self.env, recurrence._local(start).date()),
                    )
                )
        # the moved events take the new rule's dates; freed first, as one may
        # take the date the other leaves
        for event in moved:
            super(DirectoEvent, event).write({"recurrence_date": False})
        self.env.flush_all()
        for event, start in moved.items():
            values = {"recurrence_date": start}
            if event != self:
                values["date_start"] = start
            super(DirectoEvent, event).write(values)
        return anchor._change_recurrence(rule_values, earlier=earlier, keep=self)

    def _get_series_events(self, update):
        """The open events of the series an edit with ``update`` goes to."""
        self.ensure_one()
        domain = [("recurrence_id", "=", self.recurrence_id.id)]
        if update == "following":
            domain.append(("recurrence_date", ">=", self.recurrence_date))
        return self.search(domain).filtered(lambda e: not e.is_closed)

    def _get_deletable_occurrences_after(self):
        """Later occurrences of the series that have not started, are open and
        have no jobs."""
        self.ensure_one()
        now = fields.Datetime.now()
        return (
            self.with_context(active_test=False)
            .search(
                [
                    ("recurrence_id", "=", self.recurrence_id.id),
                    ("recurrence_date", ">", self.recurrence_date),
                    ("date_start", ">", now),
                    ("id", "!=", self.id),
                ]
            )
            .filtered(lambda e: not e.is_closed and not e.job_ids)
        )

    # ------------------------------------------------------------
    # TOOLS
    # ------------------------------------------------------------

    def _subscribe_users(self):
        """Make the followers Odoo's auto-subscription would add for each
        event's user follow the events of ``self``, in one insert per user
        instead of three queries per event (for events created with
        ``tracking_disable``)."""
        for user, events in groupby(self, key=lambda event: event.user_id):
            if not user:
                continue
            events = self.browse([event.id for event in events])
            followers = events[:1]._message_auto_subscribe_followers(
                {"user_id": user.id}, None
            )
            partner_ids = [partner_id for partner_id, _s, _t in followers]
            if partner_ids:
                self.env["mail.followers"]._insert_followers(
                    self._name, events.ids, partner_ids, check_existing=True
                )

    def _get_working_calendar(self):
        """The working schedule whose days off a series that keeps to working
        days avoids: the company's."""
        self.ensure_one()
        return self.company_id.resource_calendar_id

    def _default_repeat_value(self, fname, defaults):
        """Default of a rule field for this event: the weekday and day of
        month of its start, else the series' default."""
        if not self.date_start:
            return defaults.get(fname, False)
        tz = pytz.timezone(self._get_directo_tz())
        start = pytz.utc.localize(self.date_start).astimezone(tz)
        if fname in WEEKDAY_FIELDS:
            return WEEKDAY_FIELDS.index(fname) == start.weekday()
        if fname == "repeat_day":
            return start.day
        if fname == "repeat_weekday":
            return WEEKDAYS[start.weekday()][0]
        if fname == "repeat_byday":
            return (
                "-1"
                if (start + timedelta(days=7)).month != start.month
                else str(min((start.day - 1) // 7 + 1, 4))
            )
        return defaults.get(fname, False)
