"""A group member's home page: the proposals still waiting for their position.

A proposal closes on its date whether or not everyone spoke, and the board member who opens
the software to see the day's work did not see it: the proposals were one menu away, under
"Decisions". Soonest closing first; a position taken, or the proposal closed, takes it off.
"""

from __future__ import annotations

from flask import url_for
from sqlalchemy import exists, or_, select

from core.api import PanelSpec, current_session, format_moment, utcnow

from plugins.governance import _, ngettext
from plugins.governance.models import GroupMember, Position, Proposal

#: proposals listed on the home page (the groups' page has them all)
SHOWN = 8


def waiting_for(session, account) -> list[Proposal]:
    """Open proposals of the account's groups on which it has taken no position yet."""
    taken = exists().where(Position.proposal_id == Proposal.id,
                           Position.account_id == account.id)
    return list(session.scalars(
        select(Proposal).join(GroupMember, GroupMember.group_id == Proposal.group_id)
        .where(GroupMember.account_id == account.id, Proposal.closes_at > utcnow(),
               or_(Proposal.outcome == "", Proposal.outcome.is_(None)), ~taken)
        .order_by(Proposal.closes_at, Proposal.id)))


def home_section(viewer) -> list[PanelSpec]:
    """"Proposals awaiting your position (2)", each with its group and closing time."""
    if viewer is None:
        return []
    waiting = waiting_for(current_session(), viewer)
    if not waiting:
        return []
    items = [{"text": p.title,
              "url": url_for("governance.decisions.proposal", proposal_id=p.id),
              "note": _("%(group)s · closes %(when)s", group=p.group.name,
                        when=format_moment(p.closes_at, "long")),
              "urgent": False} for p in waiting[:SHOWN]]
    return [PanelSpec("governance.waiting", ngettext(
        "Proposal awaiting your position", "Proposals awaiting your position (%(num)s)",
        len(waiting)), data={"items": items, "more": (_("Decisions"),
                                                      url_for("governance.decisions.groups"))})]
