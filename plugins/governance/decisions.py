"""Everyday decisions of teams, committees and the board, as Loomio does them.

A proposal goes to a group with a closing date. Each member of the group takes a position —
agree, abstain, disagree or block — with a reason (required to disagree or block: the group
needs to know why), and may change it until the proposal closes. Once closed, the author or
any member writes the outcome: what the group decided. The log of proposals and outcomes is
searchable by every member of the group.
"""

from __future__ import annotations

from collections import Counter

from sqlalchemy import or_, select

from core.api import Account, utcnow

from plugins.governance import _
from plugins.governance.assemblies import GovernanceError
from plugins.governance.models import Group, GroupMember, Position, Proposal

STANCES = ("agree", "abstain", "disagree", "block")


def stance_titles() -> dict:
    """Translated names of the four positions."""
    return {"agree": _("Agree"), "abstain": _("Abstain"), "disagree": _("Disagree"),
            "block": _("Block")}


def create_group(session, name: str, description: str, account_ids: list[int]) -> Group:
    """A group with its members (accounts of the coop)."""
    if not name.strip():
        raise GovernanceError(_("Give the group a name."), "name")
    if session.scalar(select(Group.id).where(Group.name == name.strip())):
        raise GovernanceError(_("Another group has this name."), "name")
    members = session.scalars(select(Account).where(Account.id.in_(account_ids))).all()
    group = Group(name=name.strip()[:200], description=description, members=list(members))
    session.add(group)
    session.flush()
    return group


def is_member(session, group: Group, account) -> bool:
    """Whether the account belongs to the group."""
    return account is not None and session.get(GroupMember, (group.id, account.id)) is not None


def groups_of(session, account) -> list[Group]:
    """The groups an account belongs to."""
    return session.scalars(select(Group).join(GroupMember).where(
        GroupMember.account_id == account.id).order_by(Group.name)).all()


def propose(session, group: Group, data: dict, by) -> Proposal:
    """A member of the group puts a proposal to it."""
    if not is_member(session, group, by):
        raise GovernanceError(_("Only members of the group make proposals to it."))
    proposal = Proposal(group_id=group.id, created_by_id=by.id, **data)
    session.add(proposal)
    session.flush()
    return proposal


def is_open(proposal: Proposal) -> bool:
    """Positions are taken until the closing date."""
    return utcnow() < proposal.closes_at and not proposal.outcome


def take_position(session, proposal: Proposal, account, stance: str, reason: str) -> Position:
    """Record (or change) where a member stands; a reason is needed to disagree or block."""
    if not is_member(session, proposal.group, account):
        raise GovernanceError(_("Only members of the group take a position."))
    if not is_open(proposal):
        raise GovernanceError(_("This proposal is closed."))
    if stance not in STANCES:
        raise GovernanceError(_("Choose a position."), "stance")
    reason = (reason or "").strip()
    if stance in ("disagree", "block") and not reason:
        raise GovernanceError(_("Say why: the group needs your reason to disagree or block."),
                              "reason")
    position = session.scalar(select(Position).where(Position.proposal_id == proposal.id,
                                                     Position.account_id == account.id))
    if position is None:
        position = Position(proposal_id=proposal.id, account_id=account.id)
        session.add(position)
    position.stance, position.reason = stance, reason[:5000]
    session.flush()
    return position


def close(session, proposal: Proposal, outcome: str, by) -> None:
    """Close the proposal (early, if its author or any member decides so) with its outcome."""
    if not is_member(session, proposal.group, by):
        raise GovernanceError(_("Only members of the group close its proposals."))
    if proposal.outcome:
        raise GovernanceError(_("This proposal already has its outcome."))
    if not outcome.strip():
        raise GovernanceError(_("Write the outcome: what the group decided."), "outcome")
    proposal.outcome = outcome.strip()[:10000]
    proposal.closes_at = min(proposal.closes_at, utcnow())
    session.flush()


def tally(proposal: Proposal) -> dict:
    """How many members took each position."""
    counts = Counter(p.stance for p in proposal.positions)
    return {s: counts.get(s, 0) for s in STANCES}


def search(session, groups: list[Group], query: str = "") -> list[Proposal]:
    """Proposals of these groups, newest first; words match title, details or outcome."""
    stmt = select(Proposal).where(Proposal.group_id.in_([g.id for g in groups]))
    if query:
        like = f"%{query}%"
        stmt = stmt.where(or_(Proposal.title.ilike(like), Proposal.details.ilike(like),
                              Proposal.outcome.ilike(like)))
    return session.scalars(stmt.order_by(Proposal.closes_at.desc()).limit(200)).all()
