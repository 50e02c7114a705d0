"""How long nursing records are kept, and their destruction once the privacy officer approves
it (``register_retention_rules``, ``chart_destroyed``)."""

from __future__ import annotations

from sqlalchemy import delete

from core.api import RetentionSpec

from plugins.nursing import NAME, _
from plugins.nursing.person_data import PERSON_TABLES

#: OIIQ's regulation I-8, r. 14 (disciplines.md §0.2). Searched (December 2026): its text on
#: LégisQuébec (https://www.legisquebec.gouv.qc.ca/fr/document/rc/I-8,%20r.%2014%20) shows the
#: record's contents (s. 2) and electronic records (s. 4), but no article we read sets how long
#: the record is kept. Five years after the last service, as most orders' rules say (psychologists
#: C-26, r. 221, s. 8; occupational therapists C-26, r. 121, s. 4), until the OIIQ confirms: the
#: privacy officer's retention page marks it "to confirm".
RULES = [RetentionSpec(NAME, 5, _("OIIQ regulation I-8, r. 14 (period to confirm)"),
                       verified=False)]


def destroy_person(person, session) -> dict[str, int]:
    """The ordonnances collectives applied and the vital-sign and immunization indexes."""
    return {model.__tablename__: session.execute(
        delete(model).where(model.person_id == person.id)).rowcount for model in PERSON_TABLES}
