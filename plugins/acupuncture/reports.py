"""Chapter 6a: what the acupuncture service tells the coop. Counts only, no names.

* sessions closed per month, the people treated and the needles used;
* the points most used (by WHO code, with the pinyin);
* adverse events by type, serious ones apart (chart entries of people who allow their
  de-identified data in statistics; the incident list holds every serious event);
* needle count reconciliation: sessions closed and needles not accounted for, per month.

Core draws each table as HTML with its chart and as CSV (``/reports/<id>``); ``run`` only reads.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import date, datetime, timedelta

from marshmallow import Schema, ValidationError, fields, validates_schema
from sqlalchemy import exists, select
from sqlalchemy.orm import aliased

from core.api import (Entry, PrivacySettings, ReportSpec, ReportTable, local_day, local_day_bounds,
                      today)

from plugins.acupuncture import _, points
from plugins.acupuncture.forms import ADVERSE_EVENT, EVENT_TYPES, SERIOUS
from plugins.acupuncture.models import AcuSession, Incident, SessionPoint
from plugins.acupuncture.permissions import REPORTS as PERMISSION


def _year_ago() -> date:
    return today() - timedelta(days=365)


class PeriodSchema(Schema):
    """The period a report covers (the last twelve months unless chosen)."""

    start = fields.Date(load_default=_year_ago, metadata={"label": _("From"), "widget": "date"})
    end = fields.Date(load_default=today, metadata={"label": _("To"), "widget": "date"})

    @validates_schema
    def _ordered(self, data, **kwargs):
        """The end may not come before the start."""
        if data.get("start") and data.get("end") and data["end"] < data["start"]:
            raise ValidationError({"end": [str(_("The end of the period comes before its "
                                                 "start."))]})


def _bounds(params: dict) -> tuple[datetime, datetime]:
    """The period's local days (both included) as UTC instants."""
    start = params.get("start") or _year_ago()
    end = params.get("end") or today()
    return local_day_bounds(start)[0], local_day_bounds(end)[1]


def _month(moment: datetime) -> str:
    """The coop's month of a stored instant ("2026-12")."""
    day = local_day(moment)
    return f"{day.year:04d}-{day.month:02d}"


def _closed_sessions(session, params: dict):
    low, high = _bounds(params)
    return select(AcuSession).where(AcuSession.status == "closed", AcuSession.closed_at >= low,
                                    AcuSession.closed_at < high)


def sessions_by_month(session, params: dict) -> ReportTable:
    """Sessions closed, people treated and needles used, per month."""
    months: dict[str, dict] = defaultdict(lambda: {"sessions": 0, "people": set(), "needles": 0})
    for acu in session.scalars(_closed_sessions(session, params)):
        row = months[_month(acu.closed_at)]
        row["sessions"] += 1
        row["people"].add(acu.person_id)
        row["needles"] += acu.needles_inserted or 0
    rows = [(month, v["sessions"], len(v["people"]), v["needles"])
            for month, v in sorted(months.items())]
    return ReportTable((_("Month"), _("Sessions"), _("People"), _("Needles")), rows,
                       chart={"type": "bar", "x": 0, "y": [1]})


def points_most_used(session, params: dict) -> ReportTable:
    """The twenty points used most in the period's closed sessions."""
    query = (select(SessionPoint.code)
             .join(AcuSession, AcuSession.id == SessionPoint.session_id)
             .where(AcuSession.id.in_(_closed_sessions(session, params)
                                      .with_only_columns(AcuSession.id))))
    counts = Counter(session.scalars(query))
    rows = []
    for code, count in counts.most_common(20):
        point = points.get(code)
        rows.append((code, point.fr_code if point else "", point.pinyin if point else "", count))
    return ReportTable((_("WHO code"), _("French abbreviation"), _("Pinyin"), _("Uses")), rows,
                       chart={"type": "bar", "x": 0, "y": [3]})


def adverse_events(session, params: dict) -> ReportTable:
    """Adverse events of the period by type, serious ones marked."""
    low, high = _bounds(params)
    newer = aliased(Entry)
    payloads = session.scalars(
        select(Entry.payload)
        .join(PrivacySettings, PrivacySettings.person_id == Entry.person_id)
        .where(PrivacySettings.allow_statistics.is_(True), Entry.form_id == ADVERSE_EVENT,
               Entry.status != "entered_in_error", Entry.occurred_at >= low,
               Entry.occurred_at < high, ~exists().where(newer.supersedes_id == Entry.id)))
    counts = Counter(p.get("event_type") for p in payloads)
    labels = dict(EVENT_TYPES)
    rows = [(str(labels.get(kind, kind)), str(_("Serious") if kind in SERIOUS else _("Mild")),
             count) for kind, count in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]
    return ReportTable((_("Type of event"), _("Seriousness"), _("Events")), rows,
                       chart={"type": "bar", "x": 0, "y": [2]},
                       notes=(_("Only people who allow their de-identified data in statistics "
                                "are counted; the incident list holds every serious event."),))


def needle_reconciliation(session, params: dict) -> ReportTable:
    """Per month: sessions closed, and needles not accounted for (open and closed incidents)."""
    low, high = _bounds(params)
    months: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    for acu in session.scalars(_closed_sessions(session, params)):
        months[_month(acu.closed_at)][0] += 1
    for incident in session.scalars(select(Incident).where(
            Incident.kind == "needle_unaccounted", Incident.reported_at >= low,
            Incident.reported_at < high)):
        months[_month(incident.reported_at)][1 if incident.status == "open" else 2] += 1
    rows = [(month, *values) for month, values in sorted(months.items())]
    return ReportTable((_("Month"), _("Sessions closed"), _("Needle incidents open"),
                        _("Needle incidents closed")), rows,
                       chart={"type": "bar", "x": 0, "y": [2, 3]})


REPORTS = [
    ReportSpec("acupuncture.sessions", _("Acupuncture: sessions"), sessions_by_month,
               PERMISSION, _("Sessions closed, people treated and needles, per month."),
               params_schema=PeriodSchema),
    ReportSpec("acupuncture.points", _("Acupuncture: points most used"), points_most_used,
               PERMISSION, _("The twenty points used most, by WHO code."),
               params_schema=PeriodSchema),
    ReportSpec("acupuncture.adverse_events", _("Acupuncture: adverse events by type"),
               adverse_events, PERMISSION, _("Mild and serious adverse events, by type."),
               params_schema=PeriodSchema),
    ReportSpec("acupuncture.needles", _("Acupuncture: needle count reconciliation"),
               needle_reconciliation, PERMISSION,
               _("Sessions closed and needles not accounted for, per month."),
               params_schema=PeriodSchema),
]
