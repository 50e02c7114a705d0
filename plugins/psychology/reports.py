"""Outcomes: one person's score trajectory, and the coop's anonymous figures.

For a person, each PHQ-9 or GAD-7 total is compared with the first one of the series (the
baseline): a *response* is a drop of at least half, a *remission* a total under 5 after a
baseline of 5 or more.

For the coop, figures are anonymous and small cells are hidden: any count from 1 to 4 is shown as
"< 5", and when a column hides a single cell a second one is hidden too, so it cannot be worked
out by subtraction. The computations are pure functions over plain facts; ``run_*`` read the
facts from the record.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from marshmallow import Schema, ValidationError, fields, validates_schema
from sqlalchemy import case, exists, select
from sqlalchemy.orm import aliased

from core.api import (HIDDEN, SMALL_CELL, Entry, PrivacySettings, ReportSpec, ReportTable,
                      coop_zone, hide_column, hide_small, today)

from plugins.psychology import _
from plugins.psychology.forms import FORM_IDS
from plugins.psychology.instruments import GAD7, INSTRUMENTS, PHQ9, REMISSION_BELOW, Instrument

#: any of these makes someone a client of the period (raw test data is never read)
COUNTED_FORMS = tuple(sorted(FORM_IDS - {"psychology.raw_test_data"}))
#: the only payloads the figures need; notes' text stays in the database
PAYLOAD_FORMS = ("psychology.opening", PHQ9.form_id, GAD7.form_id)


# --- One person ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Point:
    """One score on a person's trajectory."""

    #: a date or a timestamp (the order of the points)
    on: date | datetime
    total: int
    severity: str
    #: at least 50 % below the baseline
    response: bool
    #: under 5, after a baseline of 5 or more
    remission: bool


def is_response(baseline: int, total: int) -> bool:
    """A drop of at least half from a baseline above zero."""
    return baseline > 0 and (baseline - total) * 2 >= baseline


def is_remission(baseline: int, total: int) -> bool:
    """Under 5 now, when the series started at 5 or more."""
    return baseline >= REMISSION_BELOW and total < REMISSION_BELOW


def trajectory(scores: list[tuple[date, int, str]]) -> list[Point]:
    """``scores``: (when, total, severity) of one instrument, in any order; the first is the
    baseline and is never itself a response or a remission."""
    ordered = sorted(scores, key=lambda s: s[0])
    if not ordered:
        return []
    baseline = ordered[0][1]
    points = [Point(ordered[0][0], baseline, ordered[0][2], False, False)]
    for on, total, severity in ordered[1:]:
        points.append(Point(on, total, severity, is_response(baseline, total),
                            is_remission(baseline, total)))
    return points


def chart_geometry(points: list[Point], max_total: int, width: int = 600,
                   height: int = 200, pad: int = 24) -> dict:
    """Coordinates of a trajectory in an SVG box: the polyline, each point, the 5-point line."""
    if not points:
        return {"polyline": "", "dots": [], "remission_y": None}
    step = (width - 2 * pad) / max(len(points) - 1, 1)

    def y(total: int) -> float:
        return round(height - pad - (height - 2 * pad) * total / max_total, 1)

    dots = [{"x": round(pad + i * step, 1), "y": y(p.total), "point": p}
            for i, p in enumerate(points)]
    return {"polyline": " ".join(f"{d['x']},{d['y']}" for d in dots), "dots": dots,
            "remission_y": y(REMISSION_BELOW)}


# --- The coop -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Fact:
    """One psychology entry, reduced to what the coop figures need (no names, no text)."""

    person_id: int
    form_id: str
    on: date
    payload: dict


CONSENTING = _("Only people who allowed their de-identified data in the coop's statistics are "
               "counted.")




def activity(facts: list[Fact]) -> dict:
    """Clients, sessions, median waiting time and share screened, before suppression."""
    clients = {f.person_id for f in facts}
    sessions = sum(1 for f in facts if f.form_id == "psychology.progress_note")
    waits = [(f.on - date.fromisoformat(str(f.payload["requested_on"]))).days
             for f in facts if f.form_id == "psychology.opening" and f.payload.get("requested_on")]
    screened = {f.person_id for f in facts if f.form_id in INSTRUMENTS}
    return {"clients": len(clients), "sessions": sessions, "waits": waits,
            "screened": len(screened)}


def activity_table(facts: list[Fact]) -> ReportTable:
    """The activity figures, small cells hidden."""
    from statistics import median  # the reports alone need statistics: not loaded by every start

    figures = activity(facts)
    clients, waits = figures["clients"], figures["waits"]
    wait = round(median(waits)) if len(waits) >= SMALL_CELL else (HIDDEN if waits else "—")
    if clients >= SMALL_CELL and (figures["screened"] >= SMALL_CELL or figures["screened"] == 0):
        share = f"{round(100 * figures['screened'] / clients)} %"
    else:
        share = HIDDEN if clients else "—"
    rows = [(_("Clients"), hide_small(clients)),
            (_("Sessions (progress notes)"), hide_small(figures["sessions"])),
            (_("Median waiting time, request to opening (days)"), wait),
            (_("Share of clients screened (PHQ-9 or GAD-7)"), share)]
    return ReportTable(columns=(_("Measure"), _("Value")), rows=rows,
                       notes=(_("Counts from 1 to 4 are shown as \"< 5\"."), CONSENTING))


def latest_bands(facts: list[Fact], instrument: Instrument) -> dict[str, int]:
    """How many people's latest score (in the period) falls in each band."""
    latest: dict[int, Fact] = {}
    for fact in sorted(facts, key=lambda f: f.on):
        if fact.form_id == instrument.form_id and fact.payload.get("severity"):
            latest[fact.person_id] = fact
    counts = {b.code: 0 for b in instrument.bands}
    for fact in latest.values():
        counts[fact.payload["severity"]] += 1
    return counts


def severity_table(facts: list[Fact]) -> ReportTable:
    """Severity distribution of the latest PHQ-9 and GAD-7 per person, small cells hidden."""
    rows = []
    for instrument in (PHQ9, GAD7):
        counts = latest_bands(facts, instrument)
        shown = hide_column(list(counts.values()))
        rows += [(instrument.name, band.label, value)
                 for band, value in zip(instrument.bands, shown, strict=False)]
    return ReportTable(columns=(_("Questionnaire"), _("Severity"), _("People")), rows=rows,
                       chart={"type": "bar", "x": [0, 1], "y": [2]},
                       notes=(_("Each person counts once, with their latest score in the "
                                "period."), _("Counts from 1 to 4 are shown as \"< 5\"."),
                              CONSENTING))


# --- Declarations ---------------------------------------------------------------------------


def _year_ago() -> date:
    return today() - timedelta(days=365)


class PeriodSchema(Schema):
    """The period a coop report covers (the last twelve months unless chosen)."""

    start = fields.Date(load_default=_year_ago, metadata={"label": _("From"), "widget": "date"})
    # the coop's days (core.api.today), not the machine's: they differ every evening
    end = fields.Date(load_default=today, metadata={"label": _("To"), "widget": "date"})

    @validates_schema
    def _ordered(self, data, **kwargs):
        if data.get("start") and data.get("end") and data["end"] < data["start"]:
            raise ValidationError({"end": [_("The end of the period comes before its start.")]})


def period_facts(session, start: date, end: date) -> list[Fact]:
    """Current psychology entries of the period (local days, inclusive), of people who allowed
    their de-identified data in the coop's statistics; raw test data is never read."""
    zone = coop_zone()
    since = datetime.combine(start, time.min, tzinfo=zone)
    until = datetime.combine(end + timedelta(days=1), time.min, tzinfo=zone)
    newer = aliased(Entry)
    rows = session.execute(
        select(Entry.person_id, Entry.form_id, Entry.occurred_at,
               case((Entry.form_id.in_(PAYLOAD_FORMS), Entry.payload), else_=None))
        .join(PrivacySettings, PrivacySettings.person_id == Entry.person_id)
        .where(PrivacySettings.allow_statistics.is_(True), Entry.form_id.in_(COUNTED_FORMS),
               Entry.status != "entered_in_error", Entry.occurred_at >= since,
               Entry.occurred_at < until, ~exists().where(newer.supersedes_id == Entry.id)))
    return [Fact(person_id, form_id, when.astimezone(zone).date(), payload or {})
            for person_id, form_id, when, payload in rows]


def run_activity(session, params: dict) -> ReportTable:
    """Activity report over ``params['start']`` to ``params['end']``."""
    return activity_table(period_facts(session, params["start"], params["end"]))


def run_severity(session, params: dict) -> ReportTable:
    """Severity distribution over the period."""
    return severity_table(period_facts(session, params["start"], params["end"]))


REPORTS = [
    ReportSpec(id="psychology.activity", title=_("Psychology: activity"), run=run_activity,
               permission="psychology.reports",
               description=_("Clients, sessions, waiting time and share screened."),
               params_schema=PeriodSchema),
    ReportSpec(id="psychology.severity", title=_("Psychology: severity of scores"),
               run=run_severity, permission="psychology.reports",
               description=_("PHQ-9 and GAD-7 severity bands, latest score per person."),
               params_schema=PeriodSchema),
]
