"""What the nursing service tells the coop's board and its médecins répondants.

Counts only (no names): ordonnances collectives applied per month by OC and outcome, with the
reasons for refusals; immunizations by product; vital-sign alerts per month; OCs nearing
expiry. Core draws each table as HTML with its chart, and as CSV (``/reports/<id>``).
"""

from __future__ import annotations

from collections import Counter
from datetime import date, datetime, timedelta

from marshmallow import Schema, fields
from sqlalchemy import select

from core.api import (ReportSpec, ReportTable, local_day, local_day_bounds, reader_language,
                      today as coop_today)

from plugins.nursing import _
from plugins.nursing.forms import VACCINES
from plugins.nursing.models import ImmunizationIndex, OcApplication, VitalSignsIndex
from plugins.nursing.oc import registry
from plugins.nursing.oc.document import text

PERMISSION = "nursing.reports.view"
OUTCOMES = ("applied", "refused", "referred")
REASONS = {"expired": _("expired"), "not_yet_in_force": _("not yet in force"),
           "not_authorised": _("profession not authorised"),
           "not_trained": _("training missing"), "not_in_population": _("outside the target "
                                                                        "population"),
           "no_indication": _("no indication")}


class PeriodSchema(Schema):
    """The period a report covers (default: the last 12 months)."""

    start = fields.Date(load_default=None, metadata={"label": _("From"), "widget": "date"})
    end = fields.Date(load_default=None, metadata={"label": _("To"), "widget": "date"})


def _period(params: dict) -> tuple[date, date]:
    today = coop_today()
    start, end = (params or {}).get("start"), (params or {}).get("end")
    start = date.fromisoformat(start) if isinstance(start, str) else start
    end = date.fromisoformat(end) if isinstance(end, str) else end
    return start or today - timedelta(days=365), end or today


def _between(column, start: date, end: date):
    """``column`` (a UTC timestamp) within the coop's days ``start`` to ``end`` inclusive.

    The days are the coop's, not UTC's: an OC applied at 20:00 in Montréal belongs to that
    day (and month), though it is already tomorrow in UTC.
    """
    return (column >= local_day_bounds(start)[0]) & (column < local_day_bounds(end)[1])


def _month(moment: datetime) -> str:
    """The coop's month of a UTC moment (a visit on 31 January at 21:00 counts in January)."""
    day = local_day(moment)
    return f"{day.year:04d}-{day.month:02d}"


def _reason(code: str) -> str:
    kind, _sep, item = code.partition(":")
    if item:
        return str(_("%(kind)s: %(item)s", kind={"contraindication": _("contraindication"),
                                                 "referral": _("referral")}.get(kind, kind),
                     item=item))
    return str(REASONS.get(code, code))


def oc_applications(session, params: dict) -> ReportTable:
    """Per month and OC: how many applied, refused, referred; refusal reasons as notes."""
    start, end = _period(params)
    rows = session.execute(select(OcApplication.applied_at, OcApplication.oc_code,
                                  OcApplication.outcome, OcApplication.reason_code)
                           .where(_between(OcApplication.applied_at, start, end))).all()
    counts = Counter((_month(r.applied_at), r.oc_code, r.outcome) for r in rows)
    keys = sorted({(month, code) for month, code, _o in counts})
    table = [(month, code, *(counts[(month, code, o)] for o in OUTCOMES)) for month, code in keys]
    reasons = Counter((r.oc_code, r.reason_code) for r in rows if r.outcome == "refused")
    notes = tuple(_("Refused, %(oc)s, %(reason)s: %(n)s", oc=code, reason=_reason(reason), n=n)
                  for (code, reason), n in sorted(reasons.items()))
    return ReportTable((_("Month"), _("Ordonnance collective"), _("Applied"), _("Refused"),
                        _("Referred")), table, {"type": "bar", "x": 0, "y": [2, 3, 4]}, notes)


def immunizations(session, params: dict) -> ReportTable:
    """Doses given in the period, by product."""
    start, end = _period(params)
    rows = session.execute(select(ImmunizationIndex.product, ImmunizationIndex.product_other)
                           .where(ImmunizationIndex.administered_on.between(start, end))).all()
    counts = Counter(r.product_other if r.product == "other" and r.product_other
                     else str(VACCINES.get(r.product, (r.product,))[0]) for r in rows)
    table = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    return ReportTable((_("Product"), _("Doses")), table, {"type": "bar", "x": 0, "y": [1]})


def vital_alerts(session, params: dict) -> ReportTable:
    """Per month: vital-sign records, NEWS2 5-6 or red flag, NEWS2 7+, BP 180/110 or more."""
    start, end = _period(params)
    rows = session.execute(select(VitalSignsIndex).where(
        _between(VitalSignsIndex.recorded_at, start, end))).scalars()
    months: dict[str, list[int]] = {}
    for row in rows:
        counts = months.setdefault(_month(row.recorded_at), [0, 0, 0, 0])
        counts[0] += 1
        counts[1] += row.risk in ("medium", "low_medium")
        counts[2] += row.risk == "high"
        counts[3] += bool(row.hypertensive_urgency)
    table = [(month, *counts) for month, counts in sorted(months.items())]
    return ReportTable((_("Month"), _("Vital-sign records"), _("Urgent (NEWS2 5-6 or red flag)"),
                        _("Emergency (NEWS2 7 or more)"), _("Blood pressure 180/110 or more")),
                       table, {"type": "line", "x": 0, "y": [2, 3, 4]})


def oc_expiry(session, params: dict) -> ReportTable:
    """Every OC's governing version with its expiry date and the days left."""
    today, locale = coop_today(), reader_language()
    table = []
    for row in sorted(registry.catalogue(session, today), key=lambda r: r.expires_on):
        state = (_("expired") if row.expires_on <= today else
                 _("not yet in force") if row.effective_date > today else _("in force"))
        table.append((row.code, row.version, text(row.document["name"], locale),
                      row.expires_on.isoformat(), (row.expires_on - today).days, str(state)))
    return ReportTable((_("Code"), _("Version"), _("Name"), _("Expires on"), _("Days left"),
                        _("Status")), table, {"type": "bar", "x": 0, "y": [4]})


def report_specs() -> list[ReportSpec]:
    """The nursing reports (coordinators and admins by default)."""
    return [
        ReportSpec("nursing.oc_applications", _("Ordonnances collectives applied"),
                   oc_applications, PERMISSION, _("Per month, by OC and outcome."), PeriodSchema),
        ReportSpec("nursing.immunizations", _("Immunizations by product"), immunizations,
                   PERMISSION, _("Doses given in the period, by product."), PeriodSchema),
        ReportSpec("nursing.vital_alerts", _("Vital-sign alerts"), vital_alerts, PERMISSION,
                   _("NEWS2 and blood-pressure alerts per month."), PeriodSchema),
        ReportSpec("nursing.oc_expiry", _("Ordonnances collectives nearing expiry"), oc_expiry,
                   PERMISSION, _("Every OC with its expiry date.")),
    ]
