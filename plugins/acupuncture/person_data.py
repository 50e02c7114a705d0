"""The acupuncture rows about a person, for merges of duplicate records and Law 25 portability.

Closed sessions and adverse events are chart entries: core exports them with the chart. The
plugin adds what only it holds: sessions still open, the cautions acknowledged with their
rationale, and the incidents.
"""

from __future__ import annotations

from sqlalchemy import select, update

from core.api import reader_language, spreadsheet_moment

from plugins.acupuncture import _, points
from plugins.acupuncture.cautions import RULE_TITLES
from plugins.acupuncture.forms import EVENT_TYPES, SIDES
from plugins.acupuncture.models import AcuSession, CautionAck, Incident

PERSON_TABLES = (AcuSession, Incident)
#: the words the session list and the incident list show for a status and a kind
STATUSES = {"open": _("Open"), "closed": _("Closed"), "superseded": _("Corrected since")}
#: an incident's own: French says "une séance fermée" but "un incident fermé" (the English
#: msgids differ for that; translations/en reads them "Open" and "Closed")
INCIDENT_STATUSES = {"open": _("Open (incident)"), "closed": _("Closed (incident)")}
KINDS = {"needle_unaccounted": _("Needle not accounted for"),
         "adverse_event": _("Serious adverse event")}


def merge_person(kept, merged, session) -> None:
    """Move every acupuncture row of ``merged`` to ``kept`` (same transaction, no commit)."""
    for model in PERSON_TABLES:
        session.execute(update(model).where(model.person_id == merged.id)
                        .values(person_id=kept.id))
    session.flush()


def export_person(person, session) -> dict:
    """Sessions (with their points), acknowledged cautions and incidents of the person, in
    the words the plugin's pages show (moments at the coop's clock)."""
    sessions = list(session.scalars(select(AcuSession).where(AcuSession.person_id == person.id)
                                    .order_by(AcuSession.started_at)))
    acks = session.scalars(select(CautionAck).where(CautionAck.session_id.in_(
        [s.id for s in sessions])).order_by(CautionAck.at)) if sessions else []
    incidents = session.scalars(select(Incident).where(Incident.person_id == person.id)
                                .order_by(Incident.reported_at))
    locale, sides, events = reader_language(), dict(SIDES), dict(EVENT_TYPES)
    return {
        str(_("Acupuncture sessions")): [
            {str(_("Started")): spreadsheet_moment(s.started_at), str(_("Status")): _word(STATUSES, s.status),
             str(_("Indication")): s.indication,
             str(_("Points")): "; ".join(f"{_point(p.code, locale)}, {_word(sides, p.side).lower()}"
                                         for p in s.points),
             str(_("Needles inserted")): s.needles_inserted,
             str(_("Needles removed")): s.needles_removed}
            for s in sessions],
        str(_("Cautions acknowledged")): [
            {str(_("Acknowledged on")): spreadsheet_moment(a.at), str(_("Point")): _point(a.code, locale),
             str(_("Caution")): _word(RULE_TITLES, a.rule), str(_("Rationale")): a.rationale}
            for a in acks],
        str(_("Acupuncture incidents")): [
            {str(_("Reported")): spreadsheet_moment(i.reported_at), str(_("Kind")): _word(KINDS, i.kind),
             str(_("Type of event")): _word(events, i.event_type),
             str(_("What happened")): i.description, str(_("Status")): _word(INCIDENT_STATUSES, i.status),
             str(_("How it was resolved")): i.closing_note} for i in incidents],
    }


def _word(labels: dict, code: str) -> str:
    """The label the pages show for ``code``; empty for none, the code itself if unknown."""
    return str(labels.get(code, code)) if code else ""


#: the point as the session page names it ("E36 (ST36)" in French)
_point = points.shown
