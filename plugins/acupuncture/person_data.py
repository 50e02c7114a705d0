"""The acupuncture rows about a person, for merges of duplicate records and Law 25 portability.

Closed sessions and adverse events are chart entries: core exports them with the chart. The
plugin adds what only it holds: sessions still open, the cautions acknowledged with their
rationale, and the incidents.
"""

from __future__ import annotations

from sqlalchemy import select, update

from plugins.acupuncture import _
from plugins.acupuncture.models import AcuSession, CautionAck, Incident

PERSON_TABLES = (AcuSession, Incident)


def merge_person(kept, merged, session) -> None:
    """Move every acupuncture row of ``merged`` to ``kept`` (same transaction, no commit)."""
    for model in PERSON_TABLES:
        session.execute(update(model).where(model.person_id == merged.id)
                        .values(person_id=kept.id))
    session.flush()


def export_person(person, session) -> dict:
    """Sessions (with their points), acknowledged cautions and incidents of the person."""
    sessions = list(session.scalars(select(AcuSession).where(AcuSession.person_id == person.id)
                                    .order_by(AcuSession.started_at)))
    acks = session.scalars(select(CautionAck).where(CautionAck.session_id.in_(
        [s.id for s in sessions])).order_by(CautionAck.at)) if sessions else []
    incidents = session.scalars(select(Incident).where(Incident.person_id == person.id)
                                .order_by(Incident.reported_at))
    return {
        str(_("Acupuncture sessions")): [
            {"started": s.started_at.isoformat(), "status": s.status,
             "indication": s.indication,
             "points": ", ".join(f"{p.code} ({p.side})" for p in s.points),
             "needles_inserted": s.needles_inserted, "needles_removed": s.needles_removed}
            for s in sessions],
        str(_("Cautions acknowledged")): [
            {"date": a.at.isoformat(), "point": a.code, "caution": a.rule,
             "rationale": a.rationale} for a in acks],
        str(_("Acupuncture incidents")): [
            {"date": i.reported_at.isoformat(), "kind": i.kind, "event_type": i.event_type,
             "description": i.description, "status": i.status,
             "closing_note": i.closing_note} for i in incidents],
    }
