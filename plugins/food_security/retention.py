"""Food-security screens are chart entries: their figures go when the privacy officer
destroys the chart (``chart_destroyed``). The programme is not a discipline and declares no
retention rule of its own; the chart's disciplines decide."""

from __future__ import annotations

from sqlalchemy import delete

from plugins.food_security.models import ScreeningResult


def destroy_person(person, session) -> dict[str, int]:
    """The screening results drawn from the person's entries."""
    return {"food_security_screening_results": session.execute(
        delete(ScreeningResult).where(ScreeningResult.person_id == person.id)).rowcount}
