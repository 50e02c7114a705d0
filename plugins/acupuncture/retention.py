"""How long acupuncture records are kept, and their destruction once the privacy officer
approves it (``register_retention_rules``, ``chart_destroyed``)."""

from __future__ import annotations

from sqlalchemy import delete, select

from core.api import RetentionSpec

from plugins.acupuncture import NAME, _
from plugins.acupuncture.models import AcuSession, CautionAck, Incident, SessionPoint

#: the OAQ's regulation A-5.1, r. 5 (disciplines.md §0.2). Searched (December 2026): its text on
#: LégisQuébec (https://legisquebec.gouv.qc.ca/fr/document/rc/A-5.1,%20r.%205%20/20160101: contents
#: s. 2, electronic records s. 5) and the Order's guide "Tenue des dossiers par les acupuncteurs"
#: (2018) name no period in what we could read: the coop's policy of five years after the last
#: service, until the Order confirms (the privacy officer's retention page marks it "to confirm").
RULES = [RetentionSpec(NAME, 5, _("OAQ regulation A-5.1, r. 5 sets no period: the coop's "
                                  "policy"), verified=False)]


def destroy_person(person, session) -> dict[str, int]:
    """Sessions with their points and acknowledged cautions, and the person's clinical
    incidents (adverse events and needle counts belong to the chart they were noted in)."""
    sessions = select(AcuSession.id).where(AcuSession.person_id == person.id).scalar_subquery()
    counts = {
        "acupuncture_caution_acks": session.execute(
            delete(CautionAck).where(CautionAck.session_id.in_(sessions))).rowcount,
        "acupuncture_session_points": session.execute(
            delete(SessionPoint).where(SessionPoint.session_id.in_(sessions))).rowcount,
        "acupuncture_incidents": session.execute(
            delete(Incident).where(Incident.person_id == person.id)).rowcount,
    }
    counts["acupuncture_sessions"] = session.execute(
        delete(AcuSession).where(AcuSession.person_id == person.id)).rowcount
    return counts
