"""The annual statistics the federation of coops publishes: what this coop would send.

Anonymous figures only, from the same sources as the annual report: members by category,
member households, visits by discipline and service, walk-in arrivals, group activities, the
community programmes' own annual figures (food: market, kitchens, gardens), volunteer hours
by programme. Every count of people from 1 to 4 is hidden (``core.reports.small_cells``), and
in a group that adds up to a total the next smallest goes with it. No name, number or free
text a person typed leaves: services and programmes are named by their codes. The document
follows ``federation.schema.json``, which refuses a count from 1 to 4 wherever it finds one.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from core.db import utcnow
from core.identity.models import ACTIVE, CATEGORIES
from core.identity.register_reports import people_in_active_households, state_counts
from core.registry import plugin_host
from core.reports.annual import year_bounds
from core.reports.small_cells import HIDDEN, SMALL_CELL, hide_column, hide_small, is_small

SCHEMA_PATH = Path(__file__).with_name("federation.schema.json")
FORMAT = "soin-commun/federation-statistics"
VERSION = 1


def schema() -> dict:
    """The JSON Schema the export follows (shipped beside this module)."""
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


def statistics(session, year: int, titles: dict | None = None) -> dict[str, Any]:
    """The whole export for calendar ``year``, as a JSON-ready dict. ``titles``, when given,
    receives each programme section's title by its id, for the page to name it: the document
    itself names sections by code (no text in a language leaves)."""
    start, end = year_bounds(year)
    end = min(end, utcnow())
    day = date(year, 12, 31)
    counts = state_counts(session, [day])[day]  # members and households, read once
    return {
        "format": FORMAT, "version": VERSION, "year": year,
        "generated_at": utcnow().replace(microsecond=0).isoformat(),
        "small_cell_threshold": SMALL_CELL, "hidden": HIDDEN,
        "members_by_category": _members(counts),
        "households": _households(session, day, counts),
        "visits": _visits(session, start, end),
        "walk_ins": _walk_ins(session, start, end),
        "group_activities": _groups(session, start, end),
        "programmes": _programmes(session, year, titles if titles is not None else {}),
        "volunteer_hours": _volunteer_hours(session, year),
    }


def _members(counts: Counter) -> list[dict]:
    shown = hide_column([counts[(c, ACTIVE)] for c in CATEGORIES])
    return [{"category": c, "members": n} for c, n in zip(CATEGORIES, shown, strict=True)]


def _households(session, day: date, counts: Counter) -> dict:
    """One membership a household: the households of the active memberships, whatever their
    category, and the people in them (counted by the database)."""
    households = sum(n for (_category, status), n in counts.items() if status == ACTIVE)
    people = people_in_active_households(session, day) if households else 0
    return {"member_households": hide_small(households),
            "people_in_member_households": hide_small(people)}


def _visits(session, start, end) -> list[dict]:
    from core.scheduling.apptypes import declared_types
    from core.scheduling.models import DONE, Appointment

    discipline = {t.code: (t.discipline or "") for t in declared_types(active_only=False)}
    rows = session.execute(select(Appointment.type_code, func.count()).where(
        Appointment.starts_at >= start, Appointment.starts_at < end,
        Appointment.status == DONE).group_by(Appointment.type_code)).all()
    by_discipline: dict[str, list[tuple[str, int]]] = defaultdict(list)
    for code, n in sorted(rows):
        by_discipline[discipline.get(code, "")].append((code, n))
    out = []
    for name, services in sorted(by_discipline.items()):
        # within a discipline the visits add up to its total: hide as a column
        shown = hide_column([n for _code, n in services])
        out.extend({"discipline": name, "service": code, "visits": v}
                   for (code, _n), v in zip(services, shown, strict=True))
    return out


def _walk_ins(session, start, end) -> dict:
    from core.scheduling.extra_models import WalkInTicket

    arrivals = session.scalar(select(func.count()).select_from(WalkInTicket).where(
        WalkInTicket.arrived_at >= start, WalkInTicket.arrived_at < end)) or 0
    seen = session.scalar(select(func.count()).select_from(WalkInTicket).where(
        WalkInTicket.arrived_at >= start, WalkInTicket.arrived_at < end,
        WalkInTicket.called_at.is_not(None))) or 0
    return {"arrivals": hide_small(arrivals), "seen": hide_small(seen)}


def _groups(session, start, end) -> list[dict]:
    from core.scheduling.models import GroupSeat, GroupSession

    rows = session.execute(select(GroupSession.type_code, func.count(func.distinct(GroupSession.id)),
                                  func.count(GroupSeat.id)).outerjoin(
        GroupSeat, (GroupSeat.group_session_id == GroupSession.id)
        & (GroupSeat.status == "confirmed")).where(
        GroupSession.starts_at >= start, GroupSession.starts_at < end,
        GroupSession.cancelled.is_(False)).group_by(GroupSession.type_code)).all()
    return [{"service": code, "sessions": sessions, "places_taken": hide_small(seats)}
            for code, sessions, seats in sorted(rows)]


def _programmes(session, year: int, titles: dict) -> list[dict]:
    """The annual report's sections of the community programmes (plugins of kind
    ``program``), small cells already hidden by each of them; a section kept for the coop's
    own report (``federation=False``: names, text people typed) stays home."""
    from core.reports.annual import annual_report

    host = plugin_host()
    programs = {p.name for p in host.installed() if p.info and p.info.kind == "program"}
    sections, _missing = annual_report(session, year, only=programs)
    out = []
    for section in sections:
        if section.id.split(".", 1)[0] not in programs or not section.federation:
            continue
        table = section.table
        titles[section.id] = str(section.title)
        out.append({"id": section.id, "columns": [str(c) for c in table.columns],
                    "rows": [[_cell(v) for v in row] for row in table.rows]})
    return out


def _cell(value: Any) -> Any:
    if isinstance(value, Decimal):
        return float(value)
    if value is None or isinstance(value, (int, float)) and not isinstance(value, bool):
        return value
    return str(value)


def _volunteer_hours(session, year: int) -> list[dict]:
    """Confirmed hours and volunteers per programme; a programme with 1 to 4 volunteers
    shows neither (its hours would be theirs)."""
    from core.volunteering.models import HoursEntry

    rows = session.execute(select(HoursEntry.program, func.sum(HoursEntry.hours),
                                  func.count(func.distinct(HoursEntry.person_id))).where(
        HoursEntry.worked_on >= date(year, 1, 1), HoursEntry.worked_on <= date(year, 12, 31))
        .group_by(HoursEntry.program)).all()
    return [{"programme": program,
             "hours": HIDDEN if is_small(people) else float(Decimal(hours or 0).quantize(
                 Decimal("0.01"))),
             "volunteers": hide_small(people)} for program, hours, people in sorted(rows)]


def csv_rows(doc: dict) -> list[tuple]:
    """The export flattened for a spreadsheet: (table, group, item, measure, value)."""
    rows: list[tuple] = []
    for r in doc["members_by_category"]:
        rows.append(("members_by_category", "", r["category"], "members", r["members"]))
    for key, value in doc["households"].items():
        rows.append(("households", "", "", key, value))
    for r in doc["visits"]:
        rows.append(("visits", r["discipline"], r["service"], "visits", r["visits"]))
    for key, value in doc["walk_ins"].items():
        rows.append(("walk_ins", "", "", key, value))
    for r in doc["group_activities"]:
        rows.append(("group_activities", "", r["service"], "sessions", r["sessions"]))
        rows.append(("group_activities", "", r["service"], "places_taken", r["places_taken"]))
    for section in doc["programmes"]:
        for row in section["rows"]:
            for column, value in zip(section["columns"][1:], row[1:], strict=False):
                rows.append(("programmes", section["id"], row[0], column, value))
    for r in doc["volunteer_hours"]:
        rows.append(("volunteer_hours", "", r["programme"], "hours", r["hours"]))
        rows.append(("volunteer_hours", "", r["programme"], "volunteers", r["volunteers"]))
    return [(doc["year"], *row) for row in rows]
