"""How long herbalism records are kept, and their destruction once the privacy officer
approves it (``register_retention_rules``, ``chart_destroyed``)."""

from __future__ import annotations

from sqlalchemy import delete

from core.api import RetentionSpec

from plugins.herbalism import NAME, _
from plugins.herbalism.models import Check

#: herbalists are not a professional order in Quebec, so no regulation sets a period (§0.2:
#: "the only 'natural health' professions recognised ... are acupuncture, chiropractic and
#: midwifery", https://herbotheque.com/nos-formations/lois-et-reconnaissances-des-formations/).
#: The period is the coop's own choice, recorded in the governance policy Law 25 requires; five
#: years after the last service, as the regulated disciplines beside it. Nothing to confirm.
RULES = [RetentionSpec(NAME, 5, _("No professional order in Quebec: the coop's governance "
                                  "policy (five years, as the regulated disciplines)"))]


def destroy_person(person, session) -> dict[str, int]:
    """The interaction checks run for the person."""
    return {"herbalism_checks": session.execute(
        delete(Check).where(Check.person_id == person.id)).rowcount}
