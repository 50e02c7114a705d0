"""The service's figures: is the loop closed, which needs, how fresh is the directory.

* **Closing the loop**: positive screens and the share with a referral; referrals made and the
  share of those ended that closed with the service received; median days from proposal to
  closure.
* **Needs by domain over time**: people screened positive per need and quarter (the HRSN and
  UCLA-3 of this plugin; food from food security's screens is in that program's reports).
* **Directory freshness**: services by status, and how many went unverified for 12 months.

People are counted only when they allowed their de-identified data in the coop's statistics.
Small cells are hidden as in the other plugins: a count from 1 to 4 shows "< 5", a second cell
of the column is hidden when one alone would be worked out from the total, and a share or a
median over fewer than 5 people shows "< 5". The computations are pure functions over plain
facts; ``run_*`` read the facts. Reports only read.
"""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta

from marshmallow import Schema, ValidationError, fields, validates_schema
from sqlalchemy import select

from core.api import (HIDDEN, SMALL_CELL, PrivacySettings, ReportSpec, ReportTable, hide_column,
                      hide_small, local_day, today)

from plugins.social_work import _
from plugins.social_work.directory import STATUSES, is_stale
from plugins.social_work.models import Referral, ScreenFact, Service
from plugins.social_work.needs import NEEDS
from plugins.social_work.permissions import REPORTS

SMALL_NOTE = _("Counts from 1 to 4 are shown as \"< 5\", and so is a share or a median of fewer "
               "than 5 people.")
CONSENTING = _("Only people who allowed their de-identified data in the coop's statistics are "
               "counted.")




def share(part: int, whole: int):
    """A percentage, hidden when the whole or the part is a small cell."""
    if not whole:
        return "—"
    if whole < SMALL_CELL or 0 < part < SMALL_CELL:
        return HIDDEN
    return f"{round(100 * part / whole)} %"


# --- Closing the loop ------------------------------------------------------------------------


def loop_figures(screens: list[ScreenFact], referrals: list[Referral]) -> dict:
    """The raw figures of the loop report (before suppression)."""
    positive = [s for s in screens if s.positives]
    referred_entries = {r.source_entry_id for r in referrals if r.source_entry_id is not None}
    with_referral = [s for s in positive
                     if s.lineage_id in referred_entries or s.entry_id in referred_entries]
    ended = [r for r in referrals if r.status in ("closed", "declined", "lost")]
    received = [r for r in ended if r.status == "closed"
                and any(e.status == "service_received" for e in r.events)]
    days = [(r.closed_at - r.created_at).days for r in received if r.closed_at and r.created_at]
    return {"positive": len(positive), "with_referral": len(with_referral),
            "referrals": len(referrals), "ended": len(ended), "received": len(received),
            "days": days}


def loop_table(figures: dict) -> ReportTable:
    """The loop report, small cells hidden."""
    from statistics import median  # the reports alone need statistics: not loaded by every start

    days = figures["days"]
    median_days = (round(median(days)) if len(days) >= SMALL_CELL else (HIDDEN if days else "—"))
    rows = [(_("Positive social-needs screens"), hide_small(figures["positive"])),
            (_("Share of positive screens with a referral"),
             share(figures["with_referral"], figures["positive"])),
            (_("Referrals proposed"), hide_small(figures["referrals"])),
            (_("Referrals ended"), hide_small(figures["ended"])),
            (_("Share of ended referrals closed with the service received"),
             share(figures["received"], figures["ended"])),
            (_("Median days from proposal to closure"), median_days)]
    return ReportTable(columns=(_("Measure"), _("Value")), rows=rows,
                       notes=(SMALL_NOTE, CONSENTING))


# --- Needs over time ---------------------------------------------------------------------------


def quarter(day: date) -> str:
    """"2026 T4" style label of the day's quarter."""
    return f"{day.year} T{(day.month - 1) // 3 + 1}"


def needs_table(screens: list[ScreenFact]) -> ReportTable:
    """People screened positive per quarter and need (each person once per quarter and need)."""
    seen = {(quarter(s.screened_on), need, s.person_id) for s in screens for need in s.positives}
    counts = Counter((q, need) for q, need, _person in seen)
    quarters = sorted({q for q, _n in counts})
    rows = []
    for q in quarters:
        needs = [n for n in NEEDS if (q, n) in counts]
        shown = hide_column([counts[(q, n)] for n in needs])
        rows += [(q, NEEDS[n], value) for n, value in zip(needs, shown, strict=False)]
    return ReportTable(columns=(_("Quarter"), _("Need"), _("People")), rows=rows,
                       chart={"type": "bar", "x": [0, 1], "y": [2]},
                       notes=(SMALL_NOTE, CONSENTING,
                              _("Food is screened by the Hunger Vital Sign: see the food "
                                "security reports.")))


# --- Directory freshness -----------------------------------------------------------------------


def freshness_table(services: list[Service], today: date) -> ReportTable:
    """Services by status, and those not verified for 12 months (no personal data)."""
    rows = []
    for code, label in STATUSES.items():
        of_status = [s for s in services if s.status == code]
        rows.append((label, len(of_status), sum(1 for s in of_status if is_stale(s, today))))
    return ReportTable(columns=(_("Status"), _("Services"), _("Not verified for 12 months")),
                       rows=rows, chart={"type": "bar", "x": 0, "y": [1, 2]})


# --- Reading ---------------------------------------------------------------------------------


class PeriodSchema(Schema):
    """The period a report covers (the last twelve months unless chosen)."""

    # the coop's days (core.api.today), not the machine's: they differ every evening
    start = fields.Date(load_default=lambda: today() - timedelta(days=365),
                        metadata={"label": _("From"), "widget": "date"})
    end = fields.Date(load_default=today, metadata={"label": _("To"), "widget": "date"})

    @validates_schema
    def _ordered(self, data, **kwargs):
        if data.get("start") and data.get("end") and data["end"] < data["start"]:
            raise ValidationError({"end": [_("The end of the period comes before its start.")]})


def _consenting():
    return select(PrivacySettings.person_id).where(PrivacySettings.allow_statistics.is_(True))


def period_screens(session, start: date, end: date) -> list[ScreenFact]:
    """Screening facts of the period, of consenting people, not entered in error."""
    return list(session.execute(select(ScreenFact).where(
        ScreenFact.screened_on >= start, ScreenFact.screened_on <= end,
        ScreenFact.in_error.is_(False), ScreenFact.person_id.in_(_consenting()))).scalars())


def period_referrals(session, start: date, end: date) -> list[Referral]:
    """Referrals proposed in the period, of consenting people."""
    rows = session.execute(select(Referral).where(Referral.person_id.in_(_consenting())))
    return [r for r in rows.scalars()
            if r.created_at and start <= local_day(r.created_at) <= end]


def run_loop(session, params: dict) -> ReportTable:
    """Closing the loop over the period."""
    return loop_table(loop_figures(period_screens(session, params["start"], params["end"]),
                                   period_referrals(session, params["start"], params["end"])))


def run_needs(session, params: dict) -> ReportTable:
    """Needs by domain and quarter over the period."""
    return needs_table(period_screens(session, params["start"], params["end"]))


def run_freshness(session, params: dict) -> ReportTable:
    """The directory today."""
    return freshness_table(list(session.execute(select(Service)).scalars()), today())


REPORTS = [
    ReportSpec("social_work.loop", _("Social work: closing the loop"), run_loop, REPORTS,
               _("Positive screens with a referral, referrals closed with the service received, "
                 "median days to closure."), params_schema=PeriodSchema),
    ReportSpec("social_work.needs", _("Social work: needs by domain over time"), run_needs,
               REPORTS, _("People screened positive per need and quarter."),
               params_schema=PeriodSchema),
    ReportSpec("social_work.freshness", _("Social work: directory freshness"), run_freshness,
               REPORTS, _("Services by status; those not verified for 12 months.")),
]
