"""General assemblies: convening, the agenda, sign-in on the day, the live quorum, minutes.

Who may vote is the register's answer (``core.api.voting_rights``) at the moment a member signs
in: a member whose dues lapsed attends, but does not vote nor count toward the quorum. One
membership signs in once (the database refuses a second row), whoever comes for the household.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from core.api import Membership, Person, Refused, eligible_ids, voting_rights

from plugins.governance import _
from plugins.governance.models import (ADOPTED, CLOSED, OPEN, PLANNED, AgendaItem, Assembly,
                                       Attendance, Motion)

#: no 0/O, 1/I/L: read aloud in a room and typed on a phone
_ROOM_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"


class GovernanceError(Refused):
    """A governance action refused; ``message`` is translated, ``field`` names the input."""


def convene(session, data: dict, by=None) -> Assembly:
    """Create an assembly with its agenda (one point per line of ``data["agenda"]``)."""
    agenda = [line.strip() for line in data.pop("agenda", "").splitlines() if line.strip()]
    assembly = Assembly(**data, room_code="".join(secrets.choice(_ROOM_ALPHABET)
                                                  for _ in range(6)),
                        created_by_id=by.id if by else None)
    assembly.agenda = [AgendaItem(position=i, title=t[:300]) for i, t in enumerate(agenda, 1)]
    session.add(assembly)
    session.flush()
    return assembly


def notice_deadline(assembly: Assembly) -> datetime:
    """The last moment the notice may go out under the bylaws' notice period."""
    return assembly.starts_at - timedelta(days=assembly.notice_days)


def open_assembly(session, assembly: Assembly) -> None:
    """Open sign-in and votes (on the day)."""
    if assembly.status != PLANNED:
        raise GovernanceError(_("This assembly is already open or closed."))
    assembly.status = OPEN
    session.flush()


def close_assembly(session, assembly: Assembly) -> None:
    """Close the assembly: every vote must be closed first."""
    if assembly.status != OPEN:
        raise GovernanceError(_("Only an open assembly can be closed."))
    if any(m.status == OPEN for m in assembly.motions):
        raise GovernanceError(_("Close every vote before closing the assembly."))
    assembly.status = CLOSED
    session.flush()


def membership_of(person: Person | None) -> Membership | None:
    """The membership a person belongs to through their household."""
    if person is None or person.household is None:
        return None
    return person.household.membership


def sign_in(session, assembly: Assembly, membership: Membership, person: Person | None,
            by=None, code: str | None = None) -> Attendance:
    """Sign a member household in; ``code`` (the room code) is required when the member signs
    themselves in from their phone. Refuses a second sign-in of the same membership."""
    if assembly.status != OPEN:
        raise GovernanceError(_("Sign-in opens when the assembly opens."))
    if code is not None and code.strip().upper() != assembly.room_code:
        raise GovernanceError(_("This is not the code shown in the room."), "code")
    if membership is None or membership.status != "active":
        raise GovernanceError(_("Only members of the coop sign in."))
    votes, _why = voting_rights(membership)
    attendance = Attendance(assembly_id=assembly.id, membership_id=membership.id,
                            person_id=person.id if person else None, votes=votes,
                            signed_in_by_id=by.id if by else None)
    try:
        with session.begin_nested():
            session.add(attendance)
            session.flush()
    except IntegrityError:
        raise GovernanceError(_("This member is already signed in.")) from None
    return attendance


def attendance_of(session, assembly: Assembly, membership: Membership | None) -> Attendance | None:
    """The membership's sign-in at this assembly, if any."""
    if membership is None:
        return None
    return session.scalar(select(Attendance).where(Attendance.assembly_id == assembly.id,
                                                   Attendance.membership_id == membership.id))


@dataclass(frozen=True)
class Quorum:
    """The live count: voting members present, the quorum, the members who may vote."""

    present: int
    required: int
    eligible: int
    attending: int

    @property
    def reached(self) -> bool:
        return self.present >= self.required


def quorum(session, assembly: Assembly) -> Quorum:
    """Members present who may vote, against the quorum set for this assembly."""
    rows = session.execute(select(Attendance.votes, func.count()).where(
        Attendance.assembly_id == assembly.id).group_by(Attendance.votes)).all()
    counts = {bool(votes): n for votes, n in rows}
    return Quorum(present=counts.get(True, 0), required=assembly.quorum,
                  eligible=len(eligible_ids(session)),
                  attending=counts.get(True, 0) + counts.get(False, 0))


def save_minutes(session, assembly: Assembly, text: str) -> None:
    """Draft the minutes; once adopted by a later assembly they no longer change."""
    if minutes_adoption(session, assembly) is not None:
        raise GovernanceError(_("These minutes were adopted; they can no longer change."),
                              "minutes")
    assembly.minutes = text
    session.flush()


def minutes_adoption(session, assembly: Assembly) -> Motion | None:
    """The resolution that adopted this assembly's minutes, if any."""
    return session.scalar(select(Motion).where(Motion.adopts_minutes_of_id == assembly.id,
                                               Motion.result == ADOPTED))
