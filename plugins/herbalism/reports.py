"""What the herbalism service tells the coop: activity, herbs recommended, alerts and overrides.

Counts and reasons, no names. Core draws each table as HTML with its chart, and as CSV
(``/reports/<id>``). Reports only read.
"""

from __future__ import annotations

from collections import Counter
from datetime import date, datetime, timedelta

from marshmallow import Schema, fields
from sqlalchemy import and_, func, literal, select, union_all

from core.api import Entry, ReportSpec, ReportTable, UTCDateTime, local_day, local_day_bounds, today

from plugins.herbalism import _
from plugins.herbalism.forms import CONSULTATION, FOLLOW_UP, INTAKE, RECOMMENDATION
from plugins.herbalism.models import Check
from plugins.herbalism.permissions import REPORTS

OUTCOME_WORDS = {"clear": _("no interaction"), "informed": _("informed"), "warned": _("warned"),
                 "overridden": _("overridden"), "blocked": _("blocked"),
                 "not_run": _("check did not run")}
TRIGGERS = {"recommendation": _("recommendation"), "medication_change": _("summary changed")}


class PeriodSchema(Schema):
    """The period a report covers (default: the last 12 months)."""

    start = fields.Date(load_default=None, metadata={"label": _("From"), "widget": "date"})
    end = fields.Date(load_default=None, metadata={"label": _("To"), "widget": "date"})


def _period(params: dict) -> tuple[datetime, datetime]:
    """The UTC instants the period's first local day starts and its last one ends."""
    now = today()
    start, end = (params or {}).get("start"), (params or {}).get("end")
    start = date.fromisoformat(start) if isinstance(start, str) else start
    end = date.fromisoformat(end) if isinstance(end, str) else end
    return (local_day_bounds(start or now - timedelta(days=365))[0],
            local_day_bounds(end or now)[1])


#: past this many months asked, the months counted are those from the first entry to the last
#: (a period typed from 1900 would otherwise send a bound for each of 1,500 months)
_MONTHS_ASKED = 36


def _months(low: datetime, high: datetime) -> list[tuple[str, datetime, datetime]]:
    """The coop's calendar months that meet [low, high): ("2026-03", UTC start, UTC end), the
    first and last cut at ``low`` and ``high``."""
    first = local_day(low).replace(day=1)
    months = []
    while (start := local_day_bounds(first)[0]) < high:
        following = (first + timedelta(days=32)).replace(day=1)
        months.append((f"{first.year:04d}-{first.month:02d}", max(start, low),
                       min(local_day_bounds(following)[0], high)))
        first = following
    return months


def consultations(session, params) -> ReportTable:
    """Intakes, consultations, recommendations and follow-ups written, per month: counted by
    the database, month by month of the coop's calendar (each month's bounds sent as UTC
    instants, read from the index on form and time), not entry by entry in Python."""
    low, high = _period(params)
    forms = (INTAKE, CONSULTATION, RECOMMENDATION, FOLLOW_UP)
    kept = (Entry.form_id.in_(forms), Entry.supersedes_id.is_(None))
    if low < high and len(months := _months(low, high)) > _MONTHS_ASKED:
        first, last = session.execute(select(func.min(Entry.created_at), func.max(
            Entry.created_at)).where(*kept, Entry.created_at >= low, Entry.created_at < high)).one()
        low, high = (first, last + timedelta(microseconds=1)) if first else (high, high)
    months = _months(low, high) if low < high else []
    counts: Counter = Counter()
    if months:
        bounds = union_all(*(select(literal(n).label("n"), literal(start, UTCDateTime).label("low"),
                                    literal(end, UTCDateTime).label("high"))
                             for n, (_m, start, end) in enumerate(months))).subquery("months")
        for n, form_id, count in session.execute(
                select(bounds.c.n, Entry.form_id, func.count()).select_from(bounds)
                .join(Entry, and_(Entry.created_at >= bounds.c.low, Entry.created_at < bounds.c.high))
                .where(*kept).group_by(bounds.c.n, Entry.form_id)):
            counts[(months[n][0], form_id)] = count
    shown = sorted({m for m, _f in counts})
    table = [(m, *(counts[(m, f)] for f in forms)) for m in shown]
    return ReportTable((_("Month"), _("Intakes"), _("Consultations"), _("Recommendations"),
                        _("Follow-ups")), table,
                       chart={"type": "bar", "x": 0, "y": [1, 2, 3, 4]} if table else None)


def recommendations_by_herb(session, params) -> ReportTable:
    """Per herb: recommendations by what the check said, and attempts it blocked."""
    low, high = _period(params)
    counts: Counter = Counter()
    for herb, outcome in session.execute(select(Check.herb, Check.outcome).where(
            Check.trigger == "recommendation", Check.created_at >= low, Check.created_at < high)):
        counts[(herb, outcome)] += 1
    herbs = sorted({h for h, _o in counts})
    columns = ("clear", "informed", "warned", "overridden", "blocked", "not_run")
    table = [(h, sum(counts[(h, o)] for o in columns[:4]), *(counts[(h, o)] for o in columns))
             for h in herbs]
    return ReportTable((_("Herb"), _("Recommended"), *(OUTCOME_WORDS[o] for o in columns)), table,
                       chart={"type": "bar", "x": 0, "y": [1]} if table else None)


def alerts(session, params) -> ReportTable:
    """Every check that raised an alert, when, why, and the reason of each override."""
    low, high = _period(params)
    table = []
    for check in session.scalars(select(Check).where(
            Check.created_at >= low, Check.created_at < high).order_by(Check.created_at)):
        result = check.result or {}
        if not result.get("alerts") and result.get("ran", True) and not result.get("not_checked"):
            continue
        severities = Counter(a["severity"] for a in result.get("alerts", []))
        table.append((local_day(check.created_at).isoformat(), check.herb, str(TRIGGERS[check.trigger]),
                      severities["contraindicated"], severities["major"],
                      severities["moderate"] + severities["low"],
                      len(result.get("not_checked", [])), str(OUTCOME_WORDS[check.outcome]),
                      check.override_reason))
    return ReportTable((_("Day"), _("Herb"), _("Checked at"), _("Contraindicated"), _("Major"),
                        _("Moderate or low"), _("Not checked"), _("Outcome"),
                        _("Override reason")), table)


REPORTS = [
    ReportSpec("herbalism.consultations", _("Herbalism activity"), consultations, REPORTS,
               _("Intakes, consultations, recommendations and follow-ups, per month."),
               PeriodSchema),
    ReportSpec("herbalism.recommendations", _("Herbs recommended"), recommendations_by_herb,
               REPORTS, _("Per herb, by what the interaction check said; attempts it blocked."),
               PeriodSchema),
    ReportSpec("herbalism.alerts", _("Interaction alerts and overrides"), alerts, REPORTS,
               _("Every check that raised an alert, and the reason given for each override."),
               PeriodSchema),
]
