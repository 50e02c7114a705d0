"""Reports drawn from the register's history (what it was at a date, not only what it is)."""

from __future__ import annotations

from collections import Counter
from datetime import date

from sqlalchemy import Date, and_, func, literal, or_, select, union_all

from core.i18n import _
from core.identity.models import ACTIVE, CATEGORIES, STATUSES, Membership, MembershipEvent, Person
from core.identity.register import category_titles, coop_today, status_titles
from core.specs import ReportTable

#: the history's lines that change a membership's category or status
_CATEGORY_KINDS, _STATUS_KIND = ("admitted", "category"), "status"


def _spans():
    """Each line of the history that sets a category (an admission or change naming one) or a
    status, with the days it decides: from its ``effective_on`` (``since``) until the earliest
    ``effective_on`` of the lines of its kind recorded after it (``until``, exclusive; None:
    for good). A line recorded later but effective earlier overrides it sooner: a backdated
    withdrawal, a change entered after a later one."""
    ev = MembershipEvent
    is_status = (ev.kind == _STATUS_KIND).label("is_status")
    return (select(ev.membership_id, is_status, ev.new_value, ev.effective_on.label("since"),
                   func.min(ev.effective_on).over(
                       partition_by=(ev.membership_id, ev.kind == _STATUS_KIND),
                       order_by=ev.id.desc(), rows=(None, -1)).label("until"))
            .where(or_(ev.kind == _STATUS_KIND,
                       and_(ev.kind.in_(_CATEGORY_KINDS), ev.new_value != "")))
            .cte("spans"))


def _states(days: list[date]):
    """(day, membership, household, category, status) of every membership admitted by each of
    ``days``, at the end of that day, from its history: of the changes effective by then, the
    last recorded (by id) category (an admission or change naming none keeps the stored one)
    and status (active when none). The rule ``state_on`` applied membership by membership,
    reading every membership and its history as objects (42 statements and 1 to 12 s at
    20,600 memberships); here the database applies it, in one statement whatever the coop's
    size, each line of the history deciding the days of its span (:func:`_spans`)."""
    days_q = (union_all(*(select(literal(day, Date).label("day")) for day in days))
              if len(days) > 1 else select(literal(days[0], Date).label("day"))).subquery("d")
    spans = _spans()
    category, status = spans.alias("category_span"), spans.alias("status_span")

    def covers(span, is_status):
        return and_(span.c.membership_id == Membership.id,
                    span.c.is_status if is_status else ~span.c.is_status,
                    span.c.since <= days_q.c.day,
                    or_(span.c.until.is_(None), days_q.c.day < span.c.until))
    return (select(days_q.c.day.label("day"), Membership.id.label("membership_id"),
                   Membership.household_id.label("household_id"),
                   func.coalesce(category.c.new_value, Membership.category).label("category"),
                   func.coalesce(status.c.new_value, ACTIVE).label("status"))
            .select_from(days_q).join(Membership, Membership.started_on <= days_q.c.day)
            .outerjoin(category, covers(category, False))
            .outerjoin(status, covers(status, True)))


def state_counts(session, days: list[date]) -> dict[date, Counter]:
    """For each of ``days``: how many memberships were in each (category, status) at its end
    (:func:`_states`), counted by the database, in one statement."""
    states = _states(days).subquery("states")
    out: dict[date, Counter] = {day: Counter() for day in days}
    for day, category, status, n in session.execute(
            select(states.c.day, states.c.category, states.c.status, func.count())
            .group_by(states.c.day, states.c.category, states.c.status)):
        out[day if isinstance(day, date) else date.fromisoformat(day)][(category, status)] = n
    return out


def people_in_active_households(session, day: date) -> int:
    """The people (merged duplicates aside) of the households whose membership was active at
    the end of ``day``, counted by the database."""
    states = _states([day]).subquery("states")
    return session.scalar(select(func.count()).select_from(Person).where(
        Person.household_id.in_(select(states.c.household_id).where(states.c.status == ACTIVE)),
        Person.merged_into_id.is_(None))) or 0


def members_over_time(session, params: dict) -> ReportTable:
    """Members by category and status at each year's end (this year: today)."""
    today = coop_today()
    first = session.scalar(select(func.min(Membership.started_on)))
    days = [min(date(year, 12, 31), today)
            for year in range(first.year if first else today.year, today.year + 1)]
    by_day = state_counts(session, days)
    cats, states = category_titles(), status_titles()
    rows = []
    for day in days:
        counts = by_day[day]
        rows.append((day.isoformat(), *(sum(n for (c, s), n in counts.items() if c == cat
                                            and s == "active") for cat in CATEGORIES),
                     *(sum(n for (c, s), n in counts.items() if s == st) for st in STATUSES[1:])))
    columns = (_("On"), *(_("Active: %(c)s", c=cats[c]) for c in CATEGORIES),
               *(states[s] for s in STATUSES[1:]))
    return ReportTable(columns, rows, chart={"type": "line", "x": 0, "y": [1, 2, 3]})
