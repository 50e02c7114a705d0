"""Members by category and status at a date, as three reports count them (members over time,
the annual report, the federation's statistics): the same figures as the register's history
read membership by membership, in a bounded number of statements whatever the coop's size.

At 55,000 people (20,600 memberships) each report loaded every membership with its history
as objects, 42 statements a time, and counted in Python: 1.1 s for members over time, 1.2 s
for the annual report, 3.8 s for the federation's statistics (which did it three times)."""

from __future__ import annotations

import random
from collections import Counter
from datetime import date, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import select

from core.identity.models import ACTIVE, CATEGORIES, Household, Membership, MembershipEvent, Person
from core.identity.register_reports import members_over_time
from core.reports import federation
from core.reports.annual import annual_report
from core.reports.small_cells import hide_column, hide_small
from core.testing.statements import selects, statements_sent

YEAR = 2025
STATUSES = ("active", "withdrawn", "excluded", "deceased")


def reference_state(membership: Membership, day: date) -> tuple[str, str] | None:
    """The register's rule, membership by membership, as the reports applied it before
    (``state_on``): not admitted yet, None; else the last recorded (by id) category and status
    changes effective by ``day``; an admission or change with no category keeps the stored one."""
    if membership.started_on > day:
        return None
    category, status = None, "active"
    for ev in sorted(membership.events, key=lambda e: e.id):
        if ev.effective_on > day:
            continue
        if ev.kind in ("admitted", "category") and ev.new_value:
            category = ev.new_value
        elif ev.kind == "status":
            status = ev.new_value
    return category or membership.category, status


def _coop(db, size: int, seed: int = 11) -> None:
    """``size`` households, members from 2019 on, with histories recorded out of order
    (backdated changes, a change after a later one, a return to active, a renewal)."""
    rng = random.Random(seed)
    for i in range(size):
        household = Household(name=f"Foyer {seed}-{i}")
        category = rng.choice(CATEGORIES)
        started = date(2019, 1, 1) + timedelta(days=rng.randint(0, 2500))
        membership = Membership(household=household, number=f"{seed}-{i:06d}", started_on=started,
                                share_amount=Decimal("10"), category=category)
        db.add_all([household, membership, MembershipEvent(
            membership=membership, kind="admitted", new_value=category, effective_on=started)])
        for n in range(rng.randint(1, 3)):
            db.add(Person(first_name=f"P{n}", last_name=f"Foyer {i}", household=household))
        for _n in range(rng.randint(0, 4)):
            kind = rng.choice(("status", "category", "renewed", "admitted"))
            value = (rng.choice(STATUSES + ("",)) if kind == "status" else
                     rng.choice(CATEGORIES + ("",)) if kind in ("category", "admitted") else "x")
            db.add(MembershipEvent(membership=membership, kind=kind, new_value=value,
                                   effective_on=started + timedelta(days=rng.randint(-60, 1500))))
    db.flush()
    # a person merged into another is not counted in their household
    someone = db.scalars(select(Person).where(Person.last_name == "Foyer 0")).first()
    other = db.scalars(select(Person).where(Person.last_name == "Foyer 1")).first()
    if someone is not None and other is not None:
        someone.merged_into_id = other.id
    db.commit()
    db.expire_all()


def _reference(db, day: date) -> Counter:
    memberships = db.scalars(select(Membership)).all()
    return Counter(s for s in (reference_state(m, day) for m in memberships) if s)


@pytest.fixture
def coop(db):
    _coop(db, 60)


def test_members_over_time_counts_what_the_history_says(app, db, coop):
    table = members_over_time(db, {})
    assert table.rows, "the report has years"
    for row in table.rows:
        counts = _reference(db, date.fromisoformat(row[0]))
        assert row[1:] == (*(counts[(c, ACTIVE)] for c in CATEGORIES),
                           *(sum(n for (_c, s), n in counts.items() if s == st)
                             for st in STATUSES[1:])), row[0]


def test_the_annual_report_counts_members_as_the_history_says(app, db, coop):
    counts = _reference(db, date(YEAR, 12, 31))
    sections, missing = annual_report(db, YEAR)
    assert not missing
    members = next(s for s in sections if s.id == "core.members")
    assert [row[1:] for row in members.table.rows] == [
        tuple(hide_small(counts[(c, s)]) for s in STATUSES) for c in CATEGORIES]


def test_the_federation_counts_members_and_households_as_the_history_says(app, db, coop):
    day = date(YEAR, 12, 31)
    doc = federation.statistics(db, YEAR)
    counts = _reference(db, day)
    assert [r["members"] for r in doc["members_by_category"]] == hide_column(
        [counts[(c, ACTIVE)] for c in CATEGORIES])
    active = {m.household_id for m in db.scalars(select(Membership))
              if (state := reference_state(m, day)) and state[1] == ACTIVE}
    people = sum(1 for p in db.scalars(select(Person))
                 if p.household_id in active and p.merged_into_id is None)
    assert doc["households"] == {"member_households": hide_small(len(active)),
                                 "people_in_member_households": hide_small(people)}


def _statements(db, run) -> int:
    with statements_sent(db.get_bind().engine) as sent:
        run()
    db.rollback()
    return selects(sent)


@pytest.mark.parametrize("report", ["members_over_time", "annual", "federation"])
def test_the_reports_read_as_many_statements_for_520_members_as_for_5(app, db, report):
    """(Histories loaded with the memberships came 500 at a time: a statement more for every
    500 members, three times over in the federation's statistics.)"""
    run = {"members_over_time": lambda: members_over_time(db, {}),
           "annual": lambda: annual_report(db, YEAR),
           "federation": lambda: federation.statistics(db, YEAR)}[report]
    _coop(db, 5, seed=3)
    run()  # what is read once (the plugins' declarations) is read before counting
    few = _statements(db, run)
    _coop(db, 515, seed=4)
    assert _statements(db, run) == few
