"""Benchmarks of directo_event against Odoo's own apps; run by bench/run.sh.

    bench.py measure --results FILE --sections mail,list,... -- <odoo options>
    bench.py install --results FILE --module NAME -- <odoo options>
    bench.py report --results FILE --output BENCHMARKS.md --odoo-version V

Every figure is paired with an Odoo reference measured in the same process, on
the same database, interleaved (A/B/A/B after a warm-up of each), and reported
as a ratio: absolute times mean little on a shared machine. Times are medians
of ``BENCH_REPEAT`` rounds; query counts come from the cursor's
``sql_log_count``. ``measure`` commits the generated data into the bench
database (it is rebuilt on each run); every measured operation that writes
runs in a savepoint that is rolled back, so both sides start from the same
state.
"""

import argparse
import base64
import contextlib
import datetime
import email.message
import email.utils
import json
import logging
import os
import platform
import random
import statistics
import sys
import time

_logger = logging.getLogger("directo_event.bench")

REPEAT = int(os.environ.get("BENCH_REPEAT", "5"))
SIZES = [int(s) for s in os.environ.get("BENCH_SIZES", "1000,10000,100000").split(",")]
MESSAGES = int(os.environ.get("BENCH_MESSAGES", "300"))
MAIL_REPEAT = int(os.environ.get("BENCH_MAIL_REPEAT", "3"))
# one year of 1,000 weekly series: about 52,000 events (the case)
SERIES = int(os.environ.get("BENCH_SERIES", "1000"))
INSTALL_REPEAT = int(os.environ.get("BENCH_INSTALL_REPEAT", "3"))
SECTIONS = ("mail", "list", "reminder", "recurrence", "install")
SEED = 20261203
# how the generated records are created: no chatter noise, like an import
QUIET = {
    "tracking_disable": True,
    "mail_create_nolog": True,
    "mail_create_nosubscribe": True,
    "mail_notrack": True,
}


# ----------------------------------------------------------------------------
# Results
# ----------------------------------------------------------------------------


class Results:
    """Rows of the report, appended to a JSON-lines file as they come, so
    that a later failure keeps what was measured."""

    def __init__(self, path):
        self.path = path

    def add(
        self, section, what, ours, ref=None, unit="", target=None, note="", ratio=None
    ):
        """``target``: the highest acceptable ours/ref ratio (or, without a
        reference, a text the reader checks); ``met`` is computed here.
        ``ratio``: when given, the median of paired ratios rather than the
        ratio of the two medians."""
        if ratio is None:
            ratio = ours / ref if ref else None
        if isinstance(target, bool):
            met, target = target, "≤ reference"
        elif isinstance(target, (int, float)) and ratio is not None:
            met = ratio <= target + 1e-9
        else:
            met = None
        row = {
            "section": section,
            "what": what,
            "ours": ours,
            "ref": ref,
            "unit": unit,
            "ratio": ratio,
            "target": target,
            "met": met,
            "note": note,
        }
        with open(self.path, "a", encoding="utf-8") as out:
            out.write(json.dumps(row) + "\n")
        print(_format_row(row), flush=True)
        return row


def _fmt(value, unit=""):
    if value is None:
        return "—"
    if isinstance(value, float) and not value.is_integer():
        text = f"{value:.3g}" if abs(value) < 100 else f"{value:.0f}"
    else:
        text = f"{int(value)}"
    return f"{text} {unit}".strip()


def _format_row(row):
    ratio = "—" if row["ratio"] is None else f"{row['ratio']:.2f}×"
    target = row["target"]
    if isinstance(target, (int, float)):
        target = f"≤ {target:.2f}×"
    met = {True: "yes", False: "**no**", None: "—"}[row["met"]]
    return (
        f"| {row['what']} | {_fmt(row['ours'], row['unit'])} "
        f"| {_fmt(row['ref'], row['unit'])} | {ratio} | {target or '—'} | {met} "
        f"| {row['note']} |"
    )


# ----------------------------------------------------------------------------
# Measuring
# ----------------------------------------------------------------------------


class Probe:
    """Time and query count of one call."""

    def __init__(self, cr):
        self.cr = cr
        self.seconds = self.queries = None

    def __enter__(self):
        self._queries = self.cr.sql_log_count
        self._start = time.perf_counter()
        return self

    def __exit__(self, *exc):
        self.seconds = time.perf_counter() - self._start
        self.queries = self.cr.sql_log_count - self._queries


def interleaved(run_ours, run_ref, repeat=REPEAT, warm_up=None, pairs=None):
    """Warm both sides up, then run them A/B/A/B (B/A every other round);
    each ``run_*`` returns ``(seconds, queries)``. Returns the medians, as
    ``((ours_s, ours_q), (ref_s, ref_q))``. ``warm_up(side)`` replaces the
    default warm-up (one run of each side)."""
    if warm_up:
        warm_up("ours")
        warm_up("ref")
    else:
        run_ours()
        run_ref()
    ours, ref = [], []
    for round_ in range(repeat):
        if round_ % 2:
            ref.append(run_ref())
            ours.append(run_ours())
        else:
            ours.append(run_ours())
            ref.append(run_ref())

    def median(samples):
        return (
            statistics.median(s for s, _q in samples),
            statistics.median(q for _s, q in samples),
        )

    if pairs is not None:
        pairs.extend(zip(ours, ref, strict=True))
    return median(ours), median(ref)


@contextlib.contextmanager
def rolled_back(env):
    """Run in a savepoint that is always rolled back, with hooks and caches
    cleared, so that the next run starts from the same state."""
    cr = env.cr
    env.flush_all()
    cr.execute("SAVEPOINT bench")
    try:
        yield
    finally:
        cr.execute("ROLLBACK TO SAVEPOINT bench")
        cr.precommit.clear()
        cr.postcommit.clear()
        env.invalidate_all()
        env.transaction.clear()


@contextlib.contextmanager
def no_autocommit():
    """Crons commit their progress unless a test runs; the bench must not."""
    from odoo import modules

    previous = modules.module.current_test
    modules.module.current_test = True
    try:
        yield
    finally:
        modules.module.current_test = previous


# ----------------------------------------------------------------------------
# Common data
# ----------------------------------------------------------------------------


def setup_common(env):
    """Users, contacts, event types and the alias domain shared by sections."""
    env = env(context=dict(env.context, **QUIET))
    rng = random.Random(SEED)
    company = env.company
    domain = env["mail.alias.domain"].search([("name", "=", "bench.example.com")])
    if not domain:
        domain = env["mail.alias.domain"].create({"name": "bench.example.com"})
    company.alias_domain_id = domain
    users = env["res.users"].search([("login", "=like", "bench_user_%")])
    if not users:
        users = env["res.users"].create(
            [
                {
                    "name": f"Bench User {i}",
                    "login": f"bench_user_{i}",
                    "email": f"bench_user_{i}@bench.example.com",
                    "group_ids": [
                        (4, env.ref("base.group_user").id),
                        (4, env.ref("directo_event.directo_event_group_manager").id),
                        (4, env.ref("project.group_project_manager").id),
                    ],
                }
                for i in range(5)
            ]
        )
    customers = env["res.partner"].search([("ref", "=like", "BENCH%")])
    if not customers:
        companies = env["res.partner"].create(
            [
                {
                    "name": f"Customer {i}",
                    "is_company": True,
                    "ref": f"BENCH{i:03d}",
                    "email": f"info@customer{i}.example.com",
                    "street": f"{i} Main Street",
                    "city": "Riga",
                }
                for i in range(40)
            ]
        )
        people = env["res.partner"].create(
            [
                {
                    "name": f"Person {i}",
                    "parent_id": companies[i % len(companies)].id,
                    "email": f"person{i}@customer{i % 40}.example.com",
                }
                for i in range(160)
            ]
        )
        customers = companies | people
    types = env["directo.event.type"].search([("name", "=like", "Bench %")])
    if not types:
        types = env["directo.event.type"].create(
            [
                {"name": f"Bench {name}", "code": f"BENCH-{name.upper()}"}
                for name in ("Call", "Meeting", "Service")
            ]
        )
    return {
        "rng": rng,
        "company": company,
        "alias_domain": domain,
        "users": users,
        "customers": customers,
        "types": types,
    }


# ----------------------------------------------------------------------------
# 1. E-mail to event vs. e-mail to task
# ----------------------------------------------------------------------------


def build_messages(count, to, run, senders):
    """``count`` messages to ``to``, half plain text, half multipart with an
    HTML alternative and a small attachment; the same for every ``to`` apart
    from the Message-Id (``run`` keeps them unique)."""
    messages = []
    attachment = base64.b64decode(
        base64.b64encode(bytes(random.Random(SEED).randrange(256) for _ in range(3000)))
    )
    for i in range(count):
        sender = senders[i % len(senders)]
        msg = email.message.EmailMessage()
        msg["From"] = email.utils.formataddr((sender.name, sender.email))
        msg["To"] = to
        msg["Subject"] = f"Service request {i}: boiler {i % 17} is leaking"
        msg["Date"] = email.utils.format_datetime(
            datetime.datetime(2026, 11, 2, 8, 0, tzinfo=datetime.timezone.utc)
            + datetime.timedelta(minutes=i)
        )
        msg["Message-Id"] = f"<bench-{run}-{i}@customer.example.com>"
        text = (
            f"Hello,\n\nthe boiler {i % 17} in building {i % 5} is leaking again."
            "\nPlease send someone this week.\n\nRegards,\n" + sender.name + "\n"
        )
        msg.set_content(text)
        if i % 2:
            msg.add_alternative(
                "<html><body><p>Hello,</p><p>the boiler <b>"
                f"{i % 17}</b> is leaking again.</p><p>Regards,<br/>{sender.name}"
                "</p></body></html>",
                subtype="html",
            )
            msg.add_attachment(
                attachment,
                maintype="application",
                subtype="pdf",
                filename=f"photo-{i}.pdf",
            )
        messages.append(msg.as_bytes())
    return messages


def bench_mail(env, common, results):
    company = common["company"]
    domain = common["alias_domain"]
    senders = common["customers"].filtered("email")[:30]
    company._directo_event_set_alias("bench-events", domain, "everyone")
    # found again when the section is measured twice on one database
    project = env["project.project"].search(
        [("alias_name", "=", "bench-tasks")]
    ) or env["project.project"].create(
        {"name": "Bench mail project", "alias_name": "bench-tasks"}
    )
    project.alias_id.alias_contact = "everyone"
    env.cr.commit()
    targets = {
        "ours": f"bench-events@{domain.name}",
        "ref": f"bench-tasks@{domain.name}",
    }
    runs = iter(range(10**6))
    counts = {}
    # The reference goes through Odoo's own gateway: directo_event's override
    # (which inspects every incoming message, for any app) is left out of it.
    from odoo.addons.mail.models.mail_thread import MailThread as CoreMailThread

    thread = env["mail.thread"]
    process = {
        "ours": thread.message_process,
        "ref": lambda model, raw: CoreMailThread.message_process(thread, model, raw),
    }

    def run(side, count=MESSAGES):
        raws = build_messages(count, targets[side], next(runs), senders)
        model = {"ours": "directo.event", "ref": "project.task"}[side]
        with rolled_back(env):
            before = env[model].search_count([])
            with Probe(env.cr) as probe:
                for raw in raws:
                    process[side](False, raw)
                env.flush_all()
                env.cr.precommit.run()
            counts[side] = env[model].search_count([]) - before
        return probe.seconds / len(raws), probe.queries / len(raws)

    # the runs are cut in rounds of a tenth of the messages, alternated, so
    # that both sides meet the same bursts of a shared machine's load
    batch = max(MESSAGES // 10, 1)
    rounds = 10 * MAIL_REPEAT
    pairs = []
    (ours_s, ours_q), (ref_s, ref_q) = interleaved(
        lambda: run("ours", batch),
        lambda: run("ref", batch),
        repeat=rounds,
        warm_up=lambda side: run(side, 30),
        pairs=pairs,
    )
    # each round against its neighbour of the other side: the load of the
    # moment cancels out
    time_ratio = statistics.median(o[0] / r[0] for o, r in pairs)
    note = (
        f"{batch * rounds} messages a side (½ plain, ½ multipart + 3 kB "
        f"attachment) from 30 known contacts, in {rounds} alternated rounds of "
        f"{batch}; times are medians of the rounds, the ratio the median of "
        f"the ratios of each round to its neighbour; {counts.get('ours')} events / "
        f"{counts.get('ref')} tasks made per round; the reference is Odoo's own "
        "message_process, without directo_event's override"
    )
    results.add(
        "mail",
        "E-mail → event: time per message (vs. → project.task)",
        ours_s * 1000,
        ref_s * 1000,
        "ms",
        0.70,
        note,
        ratio=time_ratio,
    )
    results.add(
        "mail",
        "E-mail → event: messages per second (vs. → project.task)",
        1 / ours_s,
        1 / ref_s,
        "msg/s",
        None,
        "higher is better; the target is on the time above",
        ratio=1 / time_ratio,
    )
    results.add(
        "mail",
        "E-mail → event: SQL queries per message (vs. → project.task)",
        ours_q,
        ref_q,
        "",
        0.80,
    )


# ----------------------------------------------------------------------------
# 2. List and kanban at 1k, 10k, 100k records
# ----------------------------------------------------------------------------


def _field_spec(field, node, fields_info):
    """What the web client asks ``web_search_read`` for one field node."""
    ftype = fields_info.get(field, {}).get("type")
    if ftype == "many2one":
        return {"fields": {"display_name": {}}}
    if ftype in ("many2many", "one2many"):
        if node.get("widget") in ("list_activity", "kanban_activity"):
            return {}
        return {"fields": {"display_name": {}}}
    return {}


ACTIVITY_DEPENDENCIES = (
    "activity_exception_decoration",
    "activity_exception_icon",
    "activity_state",
    "activity_summary",
    "activity_type_icon",
    "activity_type_id",
)


def view_spec(env, model, xmlid, view_type):
    """The read specification, default order and progress bar of a view,
    from the arch the web client receives (``get_views``)."""
    from lxml import etree

    view = env.ref(xmlid)
    result = env[model].get_views([(view.id, view_type)])
    arch = etree.fromstring(result["views"][view_type]["arch"])
    fields_info = result["models"][model]["fields"]
    spec = {}
    for node in arch.iter("field"):
        # fields of x2many subviews belong to their own spec
        if any(parent.tag == "field" for parent in node.iterancestors()):
            continue
        name = node.get("name")
        spec[name] = _field_spec(name, node, fields_info)
        if node.get("widget") in ("list_activity", "kanban_activity"):
            for dep in ACTIVITY_DEPENDENCIES:
                if dep in fields_info:
                    spec.setdefault(dep, {})
    progressbar = arch.find("progressbar")
    if progressbar is not None:
        progressbar = dict(progressbar.attrib)
        progressbar["colors"] = json.loads(progressbar.get("colors") or "{}")
    return {
        "spec": spec,
        "order": arch.get("default_order") or None,
        "progressbar": progressbar,
    }


class ListData:
    """Grows directo.event and project.task to the same sizes: 1,000 seeds
    of each made by the ORM (so computed stored fields are right), then
    cloned with SQL, dates shifted (computed dates shifted alike)."""

    SEEDS = 1000

    def __init__(self, env, common):
        self.env = env(context=dict(env.context, **QUIET))
        self.common = common
        self.event_seeds = []
        self.task_seeds = []
        self.project = None
        self.clones = 0

    def size(self):
        return self.SEEDS * (1 + self.clones) if self.event_seeds else 0

    def seed(self):
        env = self.env
        rng = self.common["rng"]
        users = self.common["users"]
        customers = self.common["customers"]
        types = self.common["types"]
        now = datetime.datetime(2026, 12, 1, 8, 0)
        events = env["directo.event"].create(
            [
                {
                    "name": f"Bench event {i}: service visit",
                    "type_id": types[i % len(types)].id,
                    "partner_id": customers[i % len(customers)].id,
                    "user_id": users[i % len(users)].id,
                    "priority": str(rng.choice("0001123")),
                    "date_start": now - datetime.timedelta(hours=7 * i),
                    "duration": rng.choice([0.5, 1.0, 2.0, 4.0]),
                    "date_until": (
                        now - datetime.timedelta(hours=7 * i, days=-rng.randint(1, 30))
                    ).date()
                    if i % 3 == 0
                    else False,
                }
                for i in range(self.SEEDS)
            ]
        )
        # spread over the statuses (the shipped ones: 3 open, 2 closed and
        # folded), as the tasks over their stages below
        statuses = env["directo.event.status"].search([])
        for index, status in enumerate(statuses):
            events[index :: len(statuses)].write({"status_id": status.id})
        self.event_seeds = events.ids
        project = env["project.project"].create(
            {
                "name": "Bench list project",
                "type_ids": [
                    (0, 0, {"name": name, "sequence": seq, "fold": seq >= 3})
                    for seq, name in enumerate(
                        ["New", "Planned", "In Progress", "Done", "Cancelled"]
                    )
                ],
            }
        )
        tags = env["project.tags"].create(
            [{"name": f"Bench tag {i}", "color": i} for i in range(5)]
        )
        stages = project.type_ids
        tasks = env["project.task"].create(
            [
                {
                    "name": f"Bench task {i}: service visit",
                    "project_id": project.id,
                    "stage_id": stages[i % len(stages)].id,
                    "partner_id": customers[i % len(customers)].id,
                    "user_ids": [(6, 0, [users[i % len(users)].id])],
                    "tag_ids": [(6, 0, tags[: i % 3].ids)],
                    "priority": str(rng.choice("001")),
                    "date_deadline": now + datetime.timedelta(days=rng.randint(-30, 60))
                    if i % 3 == 0
                    else False,
                }
                for i in range(self.SEEDS)
            ]
        )
        self.task_seeds = tasks.ids
        self.project = project
        env.flush_all()

    def _clone(self, table, seeds, shift_columns, rel_tables, multiplier):
        cr = self.env.cr
        cr.execute(
            """SELECT column_name FROM information_schema.columns
                WHERE table_name = %s AND column_name != 'id'
                ORDER BY ordinal_position""",
            [table],
        )
        columns = [row[0] for row in cr.fetchall()]
        select = []
        for column in columns:
            if column in shift_columns:
                select.append(f"{column} - make_interval(days => %(shift)s)")
            elif column == "ref":
                select.append("ref || '-' || %(shift)s")
            else:
                select.append(column)
        cols = ", ".join(f'"{c}"' for c in columns)
        cr.execute(
            f"""INSERT INTO {table} ({cols})
                SELECT {", ".join(select)} FROM {table}
                 WHERE id = ANY(%(seeds)s) ORDER BY id RETURNING id""",  # noqa: S608
            {"seeds": seeds, "shift": 7 * multiplier},
        )
        new_ids = [row[0] for row in cr.fetchall()]
        mapping = list(zip(sorted(seeds), new_ids, strict=True))
        for rel, own, other in rel_tables:
            cr.execute(
                f"""INSERT INTO {rel} ({own}, {other})
                    SELECT m.new_id, r.{other}
                      FROM {rel} r
                      JOIN unnest(%s::int[], %s::int[]) AS m(old_id, new_id)
                        ON m.old_id = r.{own}""",  # noqa: S608
                [[old for old, _new in mapping], [new for _old, new in mapping]],
            )

    def grow_to(self, size):
        if not self.event_seeds:
            _logger.info("bench: seeding events and tasks")
            self.seed()
            _logger.info("bench: seeded")
        target_clones = size // self.SEEDS - 1
        while self.clones < target_clones:
            self.clones += 1
            self._clone(
                "directo_event",
                self.event_seeds,
                {"date_start", "date_end", "create_date", "write_date"},
                [],
                self.clones,
            )
            self._clone(
                "project_task",
                self.task_seeds,
                {"create_date", "write_date", "date_deadline"},
                [
                    ("project_task_user_rel", "task_id", "user_id"),
                    (
                        "project_tags_project_task_rel",
                        "project_task_id",
                        "project_tags_id",
                    ),
                ],
                self.clones,
            )
        self.env.cr.execute("ANALYZE directo_event")
        self.env.cr.execute("ANALYZE project_task")
        self.env.cr.execute("ANALYZE project_task_user_rel")
        self.env.cr.commit()
        self.env.invalidate_all()
        self.env.registry.clear_cache()


def bench_list(registry, env, data, results, size):
    """The first page of the list and the kanban grouped by status, as the
    web client loads them, on a fresh cursor as an internal user."""
    from odoo import api

    admin = env.ref("base.user_admin")
    context = env["res.users"].with_user(admin).context_get()
    context = dict(context, allowed_company_ids=[env.company.id])
    task_context = dict(context, default_project_id=data.project.id)
    views = {
        "ours": {
            "model": "directo.event",
            "list": view_spec(
                env, "directo.event", "directo_event.directo_event_view_list", "list"
            ),
            "kanban": view_spec(
                env,
                "directo.event",
                "directo_event.directo_event_view_kanban",
                "kanban",
            ),
            "group": "status_id",
            "context": context,
            "list_domain": [],
            "kanban_domain": [],
        },
        "ref": {
            "model": "project.task",
            "list": view_spec(env, "project.task", "project.view_task_tree2", "list"),
            "kanban": view_spec(
                env, "project.task", "project.view_task_kanban", "kanban"
            ),
            "group": "stage_id",
            "context": task_context,
            "list_domain": [],
            "kanban_domain": [("project_id", "=", data.project.id)],
        },
    }
    rows = {}

    def call(side, kind):
        info = views[side]
        with registry.cursor() as cr:
            uenv = api.Environment(cr, admin.id, info["context"])
            model = uenv[info["model"]]
            view = info[kind]
            with Probe(cr) as probe:
                if kind == "list":
                    res = model.web_search_read(
                        info["list_domain"],
                        view["spec"],
                        limit=80,
                        order=view["order"],
                        count_limit=10001,
                    )
                    rows[side, kind] = len(res["records"])
                else:
                    res = model.web_read_group(
                        info["kanban_domain"],
                        [info["group"]],
                        order=view["order"],
                        auto_unfold=True,
                        unfold_read_specification=view["spec"],
                        unfold_read_default_limit=40,
                    )
                    rows[side, kind] = sum(
                        len(g.get("__records", [])) for g in res["groups"]
                    )
                    bar = view["progressbar"]
                    if bar:
                        model.read_progress_bar(
                            info["kanban_domain"], info["group"], bar
                        )
            cr.rollback()
        return probe.seconds, probe.queries

    for kind, label in (
        ("list", "List first page (80 rows)"),
        ("kanban", "Kanban by status"),
    ):
        (ours_s, ours_q), (ref_s, ref_q) = interleaved(
            lambda kind=kind: call("ours", kind), lambda kind=kind: call("ref", kind)
        )
        note = f"{rows['ours', kind]} / {rows['ref', kind]} records read"
        results.add(
            "list",
            f"{label} at {size:,}: time",
            ours_s * 1000,
            ref_s * 1000,
            "ms",
            1.0,
            note,
        )
        results.add(
            "list",
            f"{label} at {size:,}: queries",
            ours_q,
            ref_q,
            "",
            ours_q <= ref_q,
            "target: not more queries than project.task",
        )


# ----------------------------------------------------------------------------
# 3. Reminder cron
# ----------------------------------------------------------------------------


def _reminder_cron(env):
    Reminder = env.get("directo.event.reminder")
    if Reminder is None or not hasattr(Reminder, "_cron_send_reminders"):
        return None
    return Reminder


def prepare_reminders(env, common, count):
    """``count`` reminders already due, on open events with a user, made by
    the ORM (their due dates computed); committed."""
    Reminder = env["directo.event.reminder"].with_context(**QUIET)
    env.cr.execute(
        """SELECT e.id FROM directo_event e
            WHERE e.active AND e.is_closed IS NOT TRUE AND e.user_id IS NOT NULL
              AND e.date_start < now() at time zone 'UTC' - interval '2 days'
              AND NOT EXISTS (
                  SELECT FROM directo_event_reminder r WHERE r.event_id = e.id
              )
            ORDER BY e.id LIMIT %s""",
        [count],
    )
    event_ids = [row[0] for row in env.cr.fetchall()]
    # as copied from a type's rule: the rule's default template
    template = env.ref(
        "directo_event.mail_template_directo_event_reminder", raise_if_not_found=False
    )
    reminders = Reminder.create(
        [
            {
                "event_id": event_id,
                "template_id": template.id if template else False,
                "anchor": "start",
                "direction": "after",
                "interval_nbr": 1,
                "interval_unit": "hours",
                "channel": "email",
                "notify_user": True,
            }
            for event_id in event_ids
        ]
    )
    env.flush_all()
    env.cr.commit()
    return reminders


def run_reminder_cron(env, due_ids, batch_size):
    """Send the reminders ``due_ids`` (the others pushed into the future for
    the run), rolled back; returns (seconds, queries, reminders sent)."""
    Reminder = env["directo.event.reminder"]
    with rolled_back(env), no_autocommit():
        env.cr.execute(
            """UPDATE directo_event_reminder SET date_due = now() + interval '10 years'
                WHERE state = 'pending' AND NOT id = ANY(%s)""",
            [list(due_ids)],
        )
        env.invalidate_all()
        with Probe(env.cr) as probe:
            Reminder._cron_send_reminders(batch_size=batch_size)
            env.flush_all()
        env.cr.execute(
            """SELECT count(*) FROM directo_event_reminder
                WHERE id = ANY(%s) AND state != 'pending'""",
            [list(due_ids)],
        )
        done = env.cr.fetchone()[0]
    return probe.seconds, probe.queries, done


def bench_reminder_batches(env, common, results, reminders, size):
    """Queries of one batch of 10 and of 100 reminders: must not grow."""
    small = run_reminder_cron(env, reminders[:10].ids, 100)
    large = run_reminder_cron(env, reminders[:100].ids, 100)
    results.add(
        "reminder",
        f"Reminder cron at {size:,} events: queries of a batch of 100 reminders "
        "(vs. a batch of 10)",
        large[1],
        small[1],
        "",
        1.0,
        f"{large[1] / max(large[2], 1):.1f} vs {small[1] / max(small[2], 1):.1f} "
        "queries per reminder; target: a batch costs the same whatever its size",
    )
    return small, large


# ----------------------------------------------------------------------------
# 4. Recurrence cron
# ----------------------------------------------------------------------------


def bench_recurrence(env, common, results):
    Recurrence = env.get("directo.event.recurrence")
    if Recurrence is None or not hasattr(Recurrence, "_cron_create_occurrences"):
        results.add("recurrence", "Recurrence cron", None, note="not available yet")
        return
    company = common["company"]
    users = common["users"]
    types = common["types"]
    horizon = company.directo_event_recurrence_horizon
    with rolled_back(env), no_autocommit():
        # series created with no horizon: the cron makes the whole year
        company.directo_event_recurrence_horizon = 0
        start = datetime.datetime.now().replace(microsecond=0) + datetime.timedelta(
            hours=1
        )
        Event = env["directo.event"].with_context(**QUIET)
        Event.create(
            [
                {
                    "name": f"Bench weekly service {i}",
                    "type_id": types[i % len(types)].id,
                    "user_id": users[i % len(users)].id,
                    "partner_id": common["customers"][i % 40].id,
                    "date_start": start + datetime.timedelta(hours=i % 48),
                    "duration": 1.0,
                    "is_recurrent": True,
                    "repeat_interval": 1,
                    "repeat_unit": "week",
                    "repeat_type": "forever",
                }
                for i in range(SERIES)
            ]
        )
        env.flush_all()
        company.directo_event_recurrence_horizon = 365
        env.flush_all()
        before = env["directo.event"].search_count([("recurrence_id", "!=", False)])
        with Probe(env.cr) as probe:
            env["directo.event.recurrence"]._cron_create_occurrences()
            env.flush_all()
            env.cr.precommit.run()
        made = (
            env["directo.event"].search_count([("recurrence_id", "!=", False)]) - before
        )
    assert env.company.directo_event_recurrence_horizon == horizon
    results.add(
        "recurrence",
        f"Recurrence cron: {SERIES:,} weekly series, one year ahead",
        probe.seconds,
        None,
        "s",
        None,
        f"{made:,} occurrences, {probe.seconds / max(made, 1) * 1000:.2f} ms and "
        f"{probe.queries / max(made, 1):.1f} queries each ({probe.queries:,} queries)"
        + (
            "; projected for 1,000 series: "
            f"{probe.seconds * 1000 / SERIES / 60:.0f} min"
            if SERIES < 1000
            else ""
        ),
    )


# ----------------------------------------------------------------------------
# Entry points
# ----------------------------------------------------------------------------


def setup_odoo(odoo_args):
    from odoo.tools import config

    config.parse_config(odoo_args, setup_logging=True)
    return (
        config["db_name"][0]
        if isinstance(config["db_name"], list)
        else config["db_name"]
    )


def cmd_measure(args, odoo_args):
    db = setup_odoo(odoo_args)
    from odoo import SUPERUSER_ID, api
    from odoo.modules.registry import Registry

    sections = set(args.sections.split(","))
    results = Results(args.results)
    registry = Registry(db)
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        env = env(context=env["res.users"].context_get())
        _logger.info("bench: setting up")
        common = setup_common(env)
        cr.commit()
        reminders_available = _reminder_cron(env) is not None
        if "list" in sections or "reminder" in sections:
            data = ListData(env, common)
            reminders = None
            for size in SIZES:
                _logger.info("bench: growing to %s", size)
                data.grow_to(size)
                if "list" in sections:
                    bench_list(registry, env, data, results, size)
                if "reminder" in sections and reminders_available:
                    # 1,000 due reminders, on open events (topped up once the
                    # table has grown)
                    if reminders is None:
                        reminders = env["directo.event.reminder"]
                    if len(reminders) < 1000:
                        reminders |= prepare_reminders(
                            env, common, 1000 - len(reminders)
                        )
                    if size in (SIZES[0], SIZES[-1]):
                        bench_reminder_batches(env, common, results, reminders, size)
            if "reminder" in sections:
                if not reminders_available:
                    results.add(
                        "reminder", "Reminder cron", None, note="not available yet"
                    )
                else:
                    seconds, queries, done = run_reminder_cron(env, reminders.ids, 100)
                    batches = -(-done // 100)
                    results.add(
                        "reminder",
                        f"Reminder cron: {len(reminders):,} due among "
                        f"{data.size():,} events, batches of 100",
                        seconds,
                        None,
                        "s",
                        None,
                        f"{done} sent; {queries:,} queries, "
                        f"{queries / max(batches, 1):.0f} per batch, "
                        f"{queries / max(done, 1):.1f} per reminder",
                    )
        if "mail" in sections:
            # after the list: on tables of the largest size, where the
            # gateway's searches (loop detection, threading) show their cost
            _logger.info("bench: mail")
            bench_mail(env, common, results)
        if "recurrence" in sections:
            _logger.info("bench: recurrence")
            bench_recurrence(env, common, results)
        cr.rollback()


def cmd_install(args, odoo_args):
    """Time the installation of one module on a database that has its
    dependencies: the registry is loaded first, so only the install counts."""
    db = setup_odoo(odoo_args)
    from odoo.modules.registry import Registry

    Registry.new(db)
    start = time.perf_counter()
    Registry.new(db, install_modules=[args.module], new_db_demo=False)
    seconds = time.perf_counter() - start
    with open(args.results, "a", encoding="utf-8") as out:
        out.write(json.dumps({"install": args.module, "seconds": seconds}) + "\n")
    print(f"install {args.module}: {seconds:.1f} s", flush=True)


def _machine():
    memory = "?"
    with contextlib.suppress(OSError, ValueError, IndexError):
        with open("/proc/meminfo", encoding="utf-8") as meminfo:
            kb = int(meminfo.readline().split()[1])
            memory = f"{kb / 1024 / 1024:.1f} GiB"
    load = "?"
    with contextlib.suppress(OSError):
        load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    return (
        f"{os.cpu_count()} CPU (nproc), {memory} RAM, {platform.platform()}, "
        f"Python {platform.python_version()}, load average at the end {load}"
    )


def cmd_report(args):
    rows, installs = [], {}
    if os.path.exists(args.results):
        with open(args.results, encoding="utf-8") as lines:
            for line in lines:
                item = json.loads(line)
                if "install" in item:
                    installs.setdefault(item["install"], []).append(item["seconds"])
                else:
                    rows.append(item)
    if installs:
        ours = installs.get("directo_event")
        ref = installs.get("maintenance")
        ours_s = statistics.median(ours) if ours else None
        ref_s = statistics.median(ref) if ref else None
        row = {
            "section": "install",
            "what": "Install: -i directo_event (vs. -i maintenance)",
            "ours": ours_s,
            "ref": ref_s,
            "unit": "s",
            "ratio": ours_s / ref_s if ours_s and ref_s else None,
            "target": None,
            "met": None,
            "note": f"median of {len(ours or [])} installs each, alternated, on "
            "copies of a database with directo_event's dependencies (mail, "
            "product, analytic, resource; registry load excluded); no target set",
        }
        rows.append(row)
    rows.sort(key=lambda row: SECTIONS.index(row["section"]))
    header = [
        "| What | Ours | Odoo reference | Ratio | Target | Met? | Notes |",
        "|---|---|---|---|---|---|---|",
    ]
    table = header + [_format_row(row) for row in rows]
    now = datetime.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z")
    text = "\n".join(
        [
            "# Benchmarks",
            "",
            "Written by `bench/run.sh` (see the README); do not edit by hand.",
            "",
            f"- Date: {now}",
            f"- Machine: {_machine()}",
            f"- Odoo: {args.odoo_version}",
            "- Rounds: medians after a warm-up of each side, ours and the "
            "reference interleaved (A/B, B/A) in the same process on the same "
            f"database: {REPEAT} rounds (list, kanban), {10 * MAIL_REPEAT} rounds "
            f"of {max(MESSAGES // 10, 1)} messages (mail), {INSTALL_REPEAT} "
            "installs (install).",
            "- Ratio: ours / reference (lower is better; for messages per second, "
            "higher is better); for the mail time, the median of the ratios of "
            "each round to its neighbour. Query counts are SQL statements sent by "
            "the cursor.",
            "",
            *table,
            "",
        ]
    )
    with open(args.output, "w", encoding="utf-8") as out:
        out.write(text)
    print("\n".join(table))


def main(argv):
    if "--" in argv:
        split = argv.index("--")
        argv, odoo_args = argv[:split], argv[split + 1 :]
    else:
        odoo_args = []
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    measure = sub.add_parser("measure")
    measure.add_argument("--results", required=True)
    measure.add_argument("--sections", default="mail,list,reminder,recurrence")
    install = sub.add_parser("install")
    install.add_argument("--results", required=True)
    install.add_argument("--module", required=True)
    report = sub.add_parser("report")
    report.add_argument("--results", required=True)
    report.add_argument("--output", required=True)
    report.add_argument("--odoo-version", default="?")
    args = parser.parse_args(argv)
    if args.command == "measure":
        cmd_measure(args, odoo_args)
    elif args.command == "install":
        cmd_install(args, odoo_args)
    else:
        cmd_report(args)


if __name__ == "__main__":
    main(sys.argv[1:])
