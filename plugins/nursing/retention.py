"""How long nursing records are kept, and their destruction once the privacy officer approves
it (``register_retention_rules``, ``chart_destroyed``)."""

from __future__ import annotations

from sqlalchemy import delete

from core.api import RetentionSpec

from plugins.nursing import NAME, _
from plugins.nursing.person_data import PERSON_TABLES

#: OIIQ's regulation I-8, r. 14; its period is not confirmed yet (disciplines.md §0.2 [U])
RULES = [RetentionSpec(NAME, 5, _("OIIQ regulation I-8, r. 14 (period to confirm)"),
                       verified=False)]


def destroy_person(person, session) -> dict[str, int]:
    """The ordonnances collectives applied and the vital-sign and immunization indexes."""
    return {model.__tablename__: session.execute(
        delete(model).where(model.person_id == person.id)).rowcount for model in PERSON_TABLES}
