"""What governance keeps about a person, for their own copy of their data (Law 25
portability): the assemblies they signed in to and the positions they took in their groups.
How anyone voted is kept nowhere (ballots are secret), so it is never exported: the sign-in
says only whether the person could vote ("Droit de vote", never a bare "Vote: oui" that would
read as their ballot)."""

from __future__ import annotations

from sqlalchemy import select

from core.api import Account, spreadsheet_moment

from plugins.governance import _
from plugins.governance.decisions import stance_titles
from plugins.governance.models import Assembly, Attendance, Group, Position, Proposal


def export(person, session) -> dict[str, list[dict]]:
    """The person's rows, under titles a spreadsheet reader understands."""
    attended = session.execute(select(Attendance, Assembly).join(
        Assembly, Attendance.assembly_id == Assembly.id).where(
        Attendance.person_id == person.id).order_by(Attendance.signed_in_at)).all()
    accounts = select(Account.id).where(Account.person_id == person.id)
    positions = session.execute(select(Position, Proposal, Group).join(
        Proposal, Position.proposal_id == Proposal.id).join(
        Group, Proposal.group_id == Group.id).where(Position.account_id.in_(accounts))
        .order_by(Position.updated_at)).all()
    stances = stance_titles()
    return {
        str(_("Assembly attendance")): [
            {str(_("Assembly")): assembly.title,
             str(_("Signed in at")): spreadsheet_moment(attendance.signed_in_at),
             str(_("May vote")): str(_("yes")) if attendance.votes else str(_("no"))}
            for attendance, assembly in attended],
        str(_("Positions taken")): [
            {str(_("Group")): group.name, str(_("Proposal")): proposal.title,
             str(_("Position")): str(stances[position.stance]), str(_("Why")): position.reason,
             str(_("Updated at")): spreadsheet_moment(position.updated_at)}
            for position, proposal, group in positions],
    }
