"""Reports drawn from the register's history (what it was at a date, not only what it is)."""

from __future__ import annotations

from collections import Counter
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from core.i18n import _
from core.identity.models import CATEGORIES, STATUSES, Membership
from core.identity.register import category_titles, coop_today, status_titles
from core.specs import ReportTable


def state_on(membership: Membership, day: date) -> tuple[str, str] | None:
    """(category, status) of a membership at the end of ``day``, from its history; None when it
    was not admitted yet."""
    if membership.started_on > day:
        return None
    category, status = None, "active"
    for event in membership.events:  # in the order they were recorded
        if event.effective_on > day:
            continue
        if event.kind in ("admitted", "category") and event.new_value:
            category = event.new_value
        elif event.kind == "status":
            status = event.new_value
    return category or membership.category, status


def members_over_time(session, params: dict) -> ReportTable:
    """Members by category and status at each year's end (this year: today)."""
    memberships = list(session.scalars(select(Membership).options(
        selectinload(Membership.events))))
    today = coop_today()
    first = min((m.started_on.year for m in memberships), default=today.year)
    cats, states = category_titles(), status_titles()
    rows = []
    for year in range(first, today.year + 1):
        day = min(date(year, 12, 31), today)
        counts = Counter(s for s in (state_on(m, day) for m in memberships) if s)
        rows.append((day.isoformat(), *(sum(n for (c, s), n in counts.items() if c == cat
                                            and s == "active") for cat in CATEGORIES),
                     *(sum(n for (c, s), n in counts.items() if s == st) for st in STATUSES[1:])))
    columns = (_("On"), *(_("Active: %(c)s", c=cats[c]) for c in CATEGORIES),
               *(states[s] for s in STATUSES[1:]))
    return ReportTable(columns, rows, chart={"type": "line", "x": 0, "y": [1, 2, 3]})
