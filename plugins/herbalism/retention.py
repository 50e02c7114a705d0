"""How long herbalism records are kept, and their destruction once the privacy officer
approves it (``register_retention_rules``, ``chart_destroyed``)."""

from __future__ import annotations

from sqlalchemy import delete

from core.api import RetentionSpec

from plugins.herbalism import NAME, _
from plugins.herbalism.models import Check

#: herbalists are not an order in Quebec: no legal period, the coop's policy (§0.2)
RULES = [RetentionSpec(NAME, 5, _("No professional order: the coop's policy"), verified=False)]


def destroy_person(person, session) -> dict[str, int]:
    """The interaction checks run for the person."""
    return {"herbalism_checks": session.execute(
        delete(Check).where(Check.person_id == person.id)).rowcount}
