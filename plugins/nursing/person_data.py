"""The nursing rows about a person, for merges of duplicate records and Law 25 portability."""

from __future__ import annotations

from sqlalchemy import select, update

from core.api import reader_language, spreadsheet_moment

from plugins.nursing import _
from plugins.nursing.forms import OUTCOMES
from plugins.nursing.models import ImmunizationIndex, OcApplication, VitalSignsIndex
from plugins.nursing.oc.document import text

PERSON_TABLES = (OcApplication, VitalSignsIndex, ImmunizationIndex)


def merge_person(kept, merged, session) -> None:
    """Move every nursing row of ``merged`` to ``kept`` (same transaction, no commit)."""
    for model in PERSON_TABLES:
        session.execute(update(model).where(model.person_id == merged.id)
                        .values(person_id=kept.id))
    session.flush()


def export_person(person, session) -> dict:
    """The ordonnances collectives applied (or refused) for the person, for their export, as
    the chart entry names them (the OC's name in the reader's language, the outcome's word).

    Vital signs and immunizations are chart entries: core exports them with the chart.
    """
    rows = session.execute(select(OcApplication).where(OcApplication.person_id == person.id)
                           .order_by(OcApplication.applied_at)).scalars()
    locale, outcomes = reader_language(), dict(OUTCOMES)
    return {str(_("Ordonnances collectives")): [
        {str(_("Date")): spreadsheet_moment(r.applied_at),
         str(_("Ordonnance collective")): f"{r.oc_code} v{r.oc_version.version} — "
                                          f"{text(r.oc_version.document.get('name'), locale)}",
         str(_("Outcome")): str(outcomes.get(r.outcome, r.outcome)),
         str(_("Reason")): r.reason} for r in rows]}
