"""Keep the report indexes in step with the chart (called from ``entry_saved``).

An amendment replaces the index row of the version it supersedes; an entry marked entered in
error leaves the index. Only what reports count is copied: scores, classes, products, dates.
"""

from __future__ import annotations

from datetime import date

from plugins.nursing.forms import IMMUNIZATION, VITALS
from plugins.nursing.models import ImmunizationIndex, VitalSignsIndex
from plugins.nursing.protocols import classify_bp, hypertensive_urgency, news2

NEWS2_MEASURED = ("respiratory_rate", "spo2", "systolic", "pulse", "consciousness", "temperature")


def on_entry_saved(entry, session) -> None:
    """Update the vital-signs or immunization index for a nursing entry just saved."""
    model = {VITALS: VitalSignsIndex, IMMUNIZATION: ImmunizationIndex}.get(entry.form_id)
    if model is None:
        return
    if entry.supersedes_id is not None:
        old = session.get(model, entry.supersedes_id)
        if old is not None:
            session.delete(old)
    if entry.status == "entered_in_error":
        session.flush()
        return
    row = _vitals_row(entry) if model is VitalSignsIndex else _immunization_row(entry)
    session.add(row)
    session.flush()


def _vitals_row(entry) -> VitalSignsIndex:
    p = entry.payload
    score = news2(p)
    complete = not score.missing
    bp = (p.get("systolic"), p.get("diastolic"))
    has_bp = None not in bp
    return VitalSignsIndex(
        entry_id=entry.id, person_id=entry.person_id,
        recorded_at=getattr(entry, "occurred_at", None) or entry.created_at,
        # a partial score is a lower bound: its risk band is kept, its total is not
        news2=score.total if complete else None,
        risk=score.risk if len(score.missing) < len(NEWS2_MEASURED) else None,
        red_flag=score.red_flag, bp_class=classify_bp(*bp) if has_bp else None,
        hypertensive_urgency=has_bp and hypertensive_urgency(*bp))


def _immunization_row(entry) -> ImmunizationIndex:
    p = entry.payload
    return ImmunizationIndex(entry_id=entry.id, person_id=entry.person_id,
                             administered_on=date.fromisoformat(p["administered_on"]),
                             product=p["product"], product_other=p.get("product_other") or "")
