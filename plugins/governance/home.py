"""What governance puts on a home page (a staff home, or a member's portal):

- the proposals of the viewer's groups still waiting for their position. A proposal closes on
  its date whether or not everyone spoke, and the board member who opened the software did not
  see them: they were one menu away, under "Decisions". Soonest closing first; a position
  taken, or the proposal closed, takes it off;
- the coop's next general assembly, for a member who may take part in it: when and where, and
  once it is in session, that it is (signing in and voting are on the member's assemblies page).
"""

from __future__ import annotations

from flask import url_for
from sqlalchemy import exists, or_, select

from core.api import PanelSpec, current_session, format_moment, utcnow

from plugins.governance import _, ngettext
from plugins.governance.assemblies import membership_of
from plugins.governance.models import CLOSED, OPEN, Assembly, GroupMember, Position, Proposal

#: proposals listed on the home page (the groups' page has them all)
SHOWN = 8


def waiting_for(session, account) -> list[Proposal]:
    """Open proposals of the account's groups on which it has taken no position yet."""
    taken = exists().where(Position.proposal_id == Proposal.id,
                           Position.account_id == account.id)
    return list(session.scalars(
        select(Proposal).join(GroupMember, GroupMember.group_id == Proposal.group_id)
        .where(GroupMember.account_id == account.id, Proposal.closes_at > utcnow(),
               Proposal.outcome == "", ~taken)
        .order_by(Proposal.closes_at, Proposal.id)))


def home_section(viewer) -> list[PanelSpec]:
    """Both of the module's sections, those that have something to say."""
    if viewer is None:
        return []
    return [*_proposals(viewer), *_next_assembly(viewer)]


def next_assembly(session) -> Assembly | None:
    """The assembly in session, else the next one convened (None: none is coming)."""
    return session.scalars(
        select(Assembly).where(Assembly.status != CLOSED,
                               or_(Assembly.status == OPEN, Assembly.starts_at > utcnow()))
        .order_by(Assembly.status != OPEN, Assembly.starts_at).limit(1)).first()


def _next_assembly(viewer) -> list[PanelSpec]:
    """"General assembly in session" (a warning: sign in now) or "Next general assembly"."""
    if membership_of(viewer.person) is None:
        return []
    assembly = next_assembly(current_session())
    if assembly is None:
        return []
    now_on = assembly.status == OPEN
    place = " · ".join(p for p in (format_moment(assembly.starts_at, "full"), assembly.place) if p)
    return [PanelSpec("governance.next_assembly",
                      _("General assembly in session") if now_on else _("Next general assembly"),
                      data={"items": [{"text": assembly.title,
                                       "url": url_for("governance.vote.mine"),
                                       "note": place, "urgent": False}],
                            "more": (_("Sign in and vote") if now_on else _("My assemblies"),
                                     url_for("governance.vote.mine"))},
                      severity="warning" if now_on else "info")]


def _proposals(viewer) -> list[PanelSpec]:
    """"Proposals awaiting your position (2)", each with its group and closing time."""
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
