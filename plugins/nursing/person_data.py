"""The nursing rows about a person, for merges of duplicate records and Law 25 portability."""

from __future__ import annotations

from sqlalchemy import select, update

from plugins.nursing import _
from plugins.nursing.models import ImmunizationIndex, OcApplication, VitalSignsIndex

PERSON_TABLES = (OcApplication, VitalSignsIndex, ImmunizationIndex)


def merge_person(kept, merged, session) -> None:
    """Move every nursing row of ``merged`` to ``kept`` (same transaction, no commit)."""
    for model in PERSON_TABLES:
        session.execute(update(model).where(model.person_id == merged.id)
                        .values(person_id=kept.id))
    session.flush()


def export_person(person, session) -> dict:
    """The ordonnances collectives applied (or refused) for the person, for their export.

    Vital signs and immunizations are chart entries: core exports them with the chart.
    """
    rows = session.execute(select(OcApplication).where(OcApplication.person_id == person.id)
                           .order_by(OcApplication.applied_at)).scalars()
    return {str(_("Ordonnances collectives")): [
        {"date": r.applied_at.isoformat(), "code": r.oc_code, "outcome": r.outcome,
         "reason": r.reason} for r in rows]}
