"""How long psychology records are kept, and their destruction once the privacy officer
approves it (``register_retention_rules``, ``chart_destroyed``)."""

from __future__ import annotations

from sqlalchemy import delete

from core.api import RetentionSpec

from plugins.psychology import NAME, _
from plugins.psychology.models import AccessDelay

#: the Ordre des psychologues' rule (disciplines.md §0.2, verified)
RULES = [RetentionSpec(NAME, 5, _("Regulation respecting the keeping of records by "
                                  "psychologists, C-26, r. 221, s. 8"))]


def destroy_person(person, session) -> dict[str, int]:
    """The access delays of the person's requests (the entries go with core's chart)."""
    gone = session.execute(delete(AccessDelay).where(AccessDelay.person_id == person.id)).rowcount
    return {"psychology_access_delays": gone}
