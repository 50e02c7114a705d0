"""A coop at a chosen scale, for benchmarks: ``python -m bench.generate --persons N``.

Not part of the product (core and plugins never import ``bench``): it writes core's tables
directly, so it follows core's models and is checked against them by ``tests/bench``. Rows go
in with bulk inserts (COPY on PostgreSQL) in chunks of people, each chunk committed, with
progress reported.

What is made: households (most with a membership and its share paid), people with French and
English names (accents, compound names), practitioners of every active discipline with weekday
hours, five years of visits (appointments done, cancelled and missed, plus walk-ins and calls,
and booked visits in the coming four weeks), chart entries from every active plugin's forms
(payloads from each form's schema, see :mod:`bench.coop.payloads`), amendments, clinical
summary lines, and the audit events all of this would have written, hash-chained.

What is not made: protocol findings and tasks (protocols are not run), group sessions, and the
rows plugins derive from ``entry_saved`` (nursing's vital-sign and immunization indexes, food
security's screening facts): calling each plugin per entry would take hours at 1,000,000 entries.
"""

from __future__ import annotations

import random
import time as clock
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

from flask import current_app
from sqlalchemy import select

from bench.coop.payloads import build_pools
from bench.coop.people import add_households, add_practitioners
from bench.coop.visits import local_moment, person_history
from bench.coop.writer import Writer
from core.audit.models import AuditEvent
from core.identity.models import Person
from core.registry import plugin_host

TABLES = ("core_households", "core_persons", "core_memberships", "core_share_payments",
          "core_accounts", "sched_resources", "sched_availability", "sched_appointments",
          "sched_occupancy", "record_encounters", "record_entries", "record_summary_items",
          "audit_events")
BENCH_PASSWORD = "bench-coop-not-for-production"
#: relative share of visits per discipline (the rest get 1.0)
DISCIPLINE_WEIGHTS = {"nursing": 2.0, "psychology": 1.0}


@dataclass
class Context:
    """What the row builders share while one coop is generated."""

    rng: random.Random
    writer: Writer
    tz: ZoneInfo
    today: date
    encounters_per_person: float
    ids: dict = field(default_factory=dict)
    ramqs: set = field(default_factory=set)
    cursors: dict = field(default_factory=dict)
    practitioners: dict = field(default_factory=dict)
    types: dict = field(default_factory=dict)
    pools: dict = field(default_factory=dict)
    shared_pools: list = field(default_factory=list)
    disciplines: list = field(default_factory=list)
    weights: list = field(default_factory=list)
    future_share: float = 0.06
    last_hash: str = ""

    def __post_init__(self):
        self.start = self.today - timedelta(days=5 * 365)
        self.now = datetime.now(timezone.utc)

    def take(self, table: str) -> int:
        value = self.ids[table]
        self.ids[table] = value + 1
        return value

    def local(self, day: date, minute: int) -> datetime:
        return local_moment(self.tz, day, minute)

    def moment(self, day: date) -> datetime:
        return self.local(day, 12 * 60)


@dataclass
class Result:
    """What was generated: rows per table, forms used and forms skipped (with the reason)."""

    rows: dict
    forms: list
    skipped: dict
    seconds: float


def _plan(rng, connection) -> tuple[list, list, list]:
    """(payload pools, appointment types, installed plugins) of the active plugins.

    Read before the generator's connection starts writing: on SQLite every transaction takes
    the write lock, so the app's session (which read which plugins are active) lets it go,
    unless it runs on the generator's own connection (tests).
    """
    from core import db
    from core.record.forms import all_forms
    from core.scheduling.apptypes import declared_types

    host = plugin_host()
    plugins = [p for p in host.installed() if _active(p.name)]
    plan = build_pools(all_forms(), rng), declared_types(), plugins
    if db.session().bind is not connection:
        db.session().rollback()
    return plan


def _setup(ctx, plan, persons: int) -> dict:
    """Disciplines, their practitioners and appointment types, and a payload pool per form."""
    from core.security.passwords import hash_password

    pools, types, plugins = plan
    skipped = {p.spec.id: p.problem for p in pools if p.problem}
    usable = [p for p in pools if not p.problem]
    disciplines = sorted({p.info.discipline for p in plugins if p.info and p.info.discipline
                          and p.info.kind == "discipline"}
                         | {p.spec.discipline for p in usable if p.spec.discipline})
    password_hash = hash_password(BENCH_PASSWORD)
    per_discipline = max(2, round(persons / 2500))
    for code in disciplines:
        ctx.practitioners[code] = add_practitioners(ctx, code, per_discipline, password_hash)
        ctx.pools[code] = [p for p in usable if p.spec.discipline == code]
        ctx.types[code] = [(t.code, t.duration) for t in types
                           if t.discipline == code and t.capacity == 1]
    ctx.shared_pools = [p for p in usable if p.spec.discipline is None]
    for code in disciplines:
        if not ctx.pools[code]:
            ctx.pools[code] = ctx.shared_pools
    ctx.disciplines = [c for c in disciplines if ctx.pools[c]]
    for p in usable:
        if p.spec.discipline and p.spec.discipline not in ctx.disciplines:
            skipped[p.spec.id] = f"no practitioner of {p.spec.discipline}"
    ctx.weights = [DISCIPLINE_WEIGHTS.get(c, 1.0) for c in ctx.disciplines]
    return skipped


def _active(name: str) -> bool:
    from core.plugins import is_active

    return is_active(name)


def generate(connection, persons: int, *, seed: int = 2026, entries_per_person: float = 20,
             chunk: int = 2000, commit=None, progress=None) -> Result:
    """Generate ``persons`` people and their five years of care on ``connection``.

    ``commit()`` is called after each chunk of people (None: the caller commits). ``progress``
    receives ``(people done, people wanted, rows written, seconds)``. Runs inside an application
    context (forms, appointment types and active plugins are read from it).
    """
    began = clock.perf_counter()
    rng = random.Random(seed)
    plan = _plan(rng, connection)
    writer = Writer(connection)
    ctx = Context(rng, writer, ZoneInfo(current_app.config["SOIN_TIMEZONE"]),
                  date.today(), encounters_per_person=entries_per_person / 3.06)
    ctx.ids = writer.next_ids(*TABLES)
    ctx.ramqs = set(connection.execute(select(Person.ramq).where(Person.ramq.is_not(None))).scalars())
    ctx.last_hash = connection.execute(select(AuditEvent.hash).order_by(AuditEvent.id.desc())
                                       .limit(1)).scalar() or ""
    skipped = _setup(ctx, plan, persons)
    if not ctx.disciplines:
        raise RuntimeError("no active discipline with a usable form: activate a plugin first")
    written = writer.flush()
    done = 0
    while done < persons:
        for person_id, born in add_households(ctx, min(chunk, persons - done)):
            person_history(ctx, person_id, born)
            done += 1
        written += writer.flush()
        if commit:
            commit()
        if progress:
            progress(done, persons, written, clock.perf_counter() - began)
    writer.fix_sequences()
    if commit:
        commit()
    forms = sorted(p.spec.id for pools in ctx.pools.values() for p in pools) + \
        sorted(p.spec.id for p in ctx.shared_pools)
    return Result(dict(writer.written), sorted(set(forms)), skipped, clock.perf_counter() - began)
