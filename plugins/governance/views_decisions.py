"""Groups and their proposals: any signed-in account sees its own groups; a group's pages
answer 403 to someone outside it (unless they manage groups)."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from sqlalchemy import select

from core.api import Account, authenticated, current_account, current_session, has_permission

from plugins.governance import _, decisions
from plugins.governance.models import Group, Proposal
from plugins.governance.permissions import GROUPS
from plugins.governance.schemas import ProposalSchema
from plugins.governance.web import attempt, load

bp = Blueprint("decisions", __name__, url_prefix="/groups")


def _visible_groups(session) -> list[Group]:
    if has_permission(GROUPS):
        return session.scalars(select(Group).order_by(Group.name)).all()
    return decisions.groups_of(session, current_account())


def _group(group_id: int) -> Group:
    group = load(Group, group_id)
    if not (has_permission(GROUPS) or decisions.is_member(current_session(), group,
                                                          current_account())):
        abort(403)
    return group


@bp.route("/", methods=["GET", "POST"])
@authenticated
def groups():
    """My groups and the decision log across them (searchable); admins create groups here."""
    session = current_session()
    errors: dict = {}
    if request.method == "POST":
        if not has_permission(GROUPS):
            abort(403)
        ids = [int(i) for i in request.form.getlist("members") if i.isdigit()]
        errors = attempt(lambda: decisions.create_group(
            session, request.form.get("name", ""), request.form.get("description", "")[:5000],
            ids))
        if not errors:
            flash(_("Group created."), "success")
            return redirect(url_for(".groups"))
    visible = _visible_groups(session)
    query = request.args.get("q", "").strip()
    accounts = session.scalars(select(Account).where(Account.active.is_(True)).order_by(
        Account.display_name)).all() if has_permission(GROUPS) else []
    return render_template("governance/groups.html", groups=visible, query=query,
                           log=decisions.search(session, visible, query), accounts=accounts,
                           errors=errors, values=request.form,
                           is_open=decisions.is_open), 422 if errors else 200


@bp.route("/<int:group_id>", methods=["GET", "POST"])
@authenticated
def group(group_id: int):
    """A group's proposals; its members put a new one."""
    session = current_session()
    found = _group(group_id)
    errors: dict = {}
    if request.method == "POST":
        created = []
        errors = attempt(lambda: created.append(decisions.propose(
            session, found, ProposalSchema().load(request.form), current_account())))
        if not errors:
            flash(_("Proposal sent to the group."), "success")
            return redirect(url_for(".proposal", proposal_id=created[0].id))
    return render_template("governance/group.html", group=found,
                           proposals=decisions.search(session, [found]), errors=errors,
                           values=request.form, is_open=decisions.is_open,
                           member=decisions.is_member(session, found, current_account())), \
        422 if errors else 200


@bp.route("/proposals/<int:proposal_id>", methods=["GET", "POST"])
@authenticated
def proposal(proposal_id: int):
    """A proposal: the positions and reasons, mine to take or change, the outcome once closed."""
    session = current_session()
    found = load(Proposal, proposal_id)
    _group(found.group_id)
    errors: dict = {}
    if request.method == "POST":
        if request.form.get("outcome") is not None:
            errors = attempt(lambda: decisions.close(session, found, request.form["outcome"],
                                                     current_account()))
        else:
            errors = attempt(lambda: decisions.take_position(
                session, found, current_account(), request.form.get("stance", ""),
                request.form.get("reason", "")))
        if not errors:
            flash(_("Saved."), "success")
            return redirect(url_for(".proposal", proposal_id=found.id))
    mine = next((p for p in found.positions if p.account_id == current_account().id), None)
    return render_template("governance/proposal.html", proposal=found, errors=errors,
                           values=request.form or ({"stance": mine.stance, "reason": mine.reason}
                                                   if mine else {}),
                           tally=decisions.tally(found), stances=decisions.stance_titles(),
                           open=decisions.is_open(found),
                           member=decisions.is_member(session, found.group, current_account())), \
        422 if errors else 200
