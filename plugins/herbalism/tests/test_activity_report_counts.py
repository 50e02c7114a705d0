"""The herbalism activity report (``/reports/herbalism.consultations``) counts its entries in
the database, month by month of the coop's calendar: the same figures as counting each entry
by its local day, without bringing a year of entries into Python (36,500 rows and 500 ms at
55,000 people)."""

from __future__ import annotations

import random
from collections import Counter
from datetime import date, datetime, timedelta, timezone

import pytest

from core.api import Entry, local_day

from plugins.herbalism import reports
from plugins.herbalism.forms import CONSULTATION, FOLLOW_UP, INTAKE, RECOMMENDATION

FORMS = (INTAKE, CONSULTATION, RECOMMENDATION, FOLLOW_UP)
PERIOD = {"start": date(2025, 1, 1), "end": date(2026, 3, 31)}


def _reference(entries: list[Entry], low: datetime, high: datetime) -> list[tuple]:
    """Each first version of the period counted by the coop's month of its writing."""
    counts: Counter = Counter()
    for entry in entries:
        if entry.form_id in FORMS and entry.supersedes_id is None and low <= entry.created_at < high:
            day = local_day(entry.created_at)
            counts[(f"{day.year:04d}-{day.month:02d}", entry.form_id)] += 1
    return [(m, *(counts[(m, f)] for f in FORMS)) for m in sorted({m for m, _f in counts})]


@pytest.fixture
def entries(db, herbalist, person):
    """Entries of every form over 2024-2026, some written in the evening of a month's last day
    (already the next month in UTC), some amended (the newer version is not counted again)."""
    rng = random.Random(5)
    made = []
    for _n in range(120):
        moment = datetime(2024, 11, 1, tzinfo=timezone.utc) + timedelta(
            days=rng.randint(0, 600), hours=rng.randint(0, 23), minutes=rng.randint(0, 59))
        made.append(Entry(person_id=person.id, author_id=herbalist.id, discipline="herbalism",
                          form_id=rng.choice(FORMS + ("nursing.vitals",)), form_version=1,
                          payload={}, created_at=moment, occurred_at=moment))
    for edge in ("2025-05-01T03:30", "2025-12-01T04:59", "2026-03-01T05:00", "2025-01-01T04:00"):
        moment = datetime.fromisoformat(edge).replace(tzinfo=timezone.utc)
        made.append(Entry(person_id=person.id, author_id=herbalist.id, discipline="herbalism",
                          form_id=INTAKE, form_version=1, payload={}, created_at=moment,
                          occurred_at=moment))
    db.add_all(made)
    db.flush()
    for original in made[:10]:
        made.append(Entry(person_id=person.id, author_id=herbalist.id, discipline="herbalism",
                          form_id=original.form_id, form_version=1, payload={},
                          created_at=original.created_at + timedelta(days=40),
                          occurred_at=original.occurred_at, supersedes_id=original.id,
                          root_id=original.id))
    db.add_all(made[-10:])
    db.commit()
    return made


@pytest.mark.parametrize("params", [PERIOD, {}, {"start": date(1990, 1, 1), "end": date(2090, 1, 1)},
                                    {"start": date(2026, 2, 1), "end": date(2025, 2, 1)}])
def test_the_months_count_what_each_entry_says(db, entries, params):
    low, high = reports._period(params)
    assert reports.consultations(db, params).rows == _reference(entries, low, high)


def test_the_coops_month_of_each_entry_is_not_worked_out_in_python(db, entries, monkeypatch):
    """The database counts: Python words the months of the table, not the entries' days."""
    asked: list = []
    real = reports.local_day
    monkeypatch.setattr(reports, "local_day", lambda moment: asked.append(moment) or real(moment))
    table = reports.consultations(db, PERIOD)
    assert sum(sum(row[1:]) for row in table.rows) > 40
    assert len(asked) <= len(table.rows) + 2
