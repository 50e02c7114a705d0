"""Assemblies for the secretary, the chair and reception: convene, sign in, quorum, motions,
votes, minutes, resolutions. Every request checks its permission on the server, acts through
``assemblies``/``ballots``/``notices`` and commits once."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from sqlalchemy import or_, select

from core.api import (DecisionRecord, Household, Membership, Person, current_account,
                      current_session, has_permission, local_day, require, search_people)

from plugins.governance import _, assemblies, ballots
from plugins.governance.models import Assembly, Attendance, Motion
from plugins.governance.permissions import CONVENE, RUN, VIEW
from plugins.governance.schemas import AssemblySchema, HandsSchema, MotionSchema
from plugins.governance.web import attempt, load

bp = Blueprint("assemblies", __name__, url_prefix="/assemblies")


@bp.route("/", methods=["GET", "POST"])
@require(VIEW)
def index():
    """Assemblies, newest first, and the form to convene one."""
    session = current_session()
    errors: dict = {}
    if request.method == "POST":
        if not has_permission(CONVENE):
            abort(403)
        created = []
        errors = attempt(lambda: created.append(assemblies.convene(
            session, AssemblySchema().load(request.form), current_account())))
        if not errors:
            flash(_("Assembly convened. Send the notices next."), "success")
            return redirect(url_for(".show", assembly_id=created[0].id))
    listing = session.scalars(select(Assembly).order_by(Assembly.starts_at.desc())).all()
    return render_template("governance/assemblies.html", assemblies=listing, errors=errors,
                           values=request.form), 422 if errors else 200


@bp.route("/<int:assembly_id>")
@require(VIEW)
def show(assembly_id: int):
    """The assembly: agenda, quorum, motions with their results once closed, minutes."""
    return _page(load(Assembly, assembly_id), {}, {})


def _page(assembly, errors, values, status=200, refused=None):
    """The assembly's page; ``refused`` names the form to draw again with what was typed and
    its reasons: "motion" (a new motion) or a motion's id (its show of hands)."""
    session = current_session()
    earlier = session.scalars(select(Assembly).where(
        Assembly.starts_at < assembly.starts_at, Assembly.status == "closed").order_by(
        Assembly.starts_at.desc())).all()
    return render_template(
        "governance/assembly.html", assembly=assembly, quorum=assemblies.quorum(session, assembly),
        turnout={m.id: ballots.turnout(session, m) for m in assembly.motions
                 if m.method == "secret"},
        adoption=assemblies.minutes_adoption(session, assembly),
        agenda_choices=[(str(i.position), f"{i.position}. {i.title}") for i in assembly.agenda],
        motion_choices=[(str(m.id), m.title) for m in assembly.motions],
        earlier_choices=[(str(a.id), a.title) for a in earlier],
        deadline=assemblies.notice_deadline(assembly), errors=errors, values=values,
        refused=refused), status


def _act(assembly_id: int, action, done, refused=None):
    """Run one action on an assembly; back to its page, or the page with the errors (422)."""
    assembly = load(Assembly, assembly_id)
    errors = attempt(lambda: action(current_session(), assembly))
    if errors:
        return _page(assembly, errors, request.form, 422, refused)
    flash(done, "success")
    return redirect(url_for(".show", assembly_id=assembly.id))


@bp.route("/<int:assembly_id>/open", methods=["POST"])
@require(RUN)
def open_(assembly_id: int):
    return _act(assembly_id, assemblies.open_assembly, _("The assembly is open."))


@bp.route("/<int:assembly_id>/close", methods=["POST"])
@require(RUN)
def close(assembly_id: int):
    return _act(assembly_id, assemblies.close_assembly, _("The assembly is closed."))


@bp.route("/<int:assembly_id>/minutes", methods=["POST"])
@require(CONVENE)
def minutes(assembly_id: int):
    return _act(assembly_id, lambda s, a: assemblies.save_minutes(
        s, a, request.form.get("minutes", "")[:100000]), _("Minutes saved."))


@bp.route("/<int:assembly_id>/motions", methods=["POST"])
@require(RUN)
def add_motion(assembly_id: int):
    return _act(assembly_id, lambda s, a: ballots.add_motion(
        s, a, MotionSchema().load(request.form)), _("Motion added."), refused="motion")


def _motion_act(motion_id: int, action, done):
    motion = load(Motion, motion_id)
    return _act(motion.assembly_id, lambda s, a: action(s, motion), done, refused=motion.id)


@bp.route("/motions/<int:motion_id>/open", methods=["POST"])
@require(RUN)
def open_vote(motion_id: int):
    return _motion_act(motion_id, ballots.open_vote, _("The vote is open."))


@bp.route("/motions/<int:motion_id>/hands", methods=["POST"])
@require(RUN)
def hands(motion_id: int):
    return _motion_act(motion_id, lambda s, m: ballots.record_hands(
        s, m, HandsSchema().load(request.form)), _("Counts recorded; the vote is closed."))


@bp.route("/motions/<int:motion_id>/close", methods=["POST"])
@require(RUN)
def close_vote(motion_id: int):
    response = _motion_act(motion_id, lambda s, m: ballots.close_secret(s, m.id),
                           _("The vote is closed; the results are below."))
    if response.status_code == 302:
        ballots.vacuum_ballots(current_session())
    return response


@bp.route("/<int:assembly_id>/sign-in", methods=["GET", "POST"])
@require(RUN)
def sign_in(assembly_id: int):
    """The tablet at the door: find the member, sign them in; the live count beside."""
    session = current_session()
    assembly = load(Assembly, assembly_id)
    errors: dict = {}
    if request.method == "POST":
        person = session.get(Person, request.form.get("person_id", type=int) or 0)
        membership = assemblies.membership_of(person)
        errors = attempt(lambda: assemblies.sign_in(session, assembly, membership, person,
                                                    current_account()))
        if not errors:
            flash(_("%(name)s is signed in.", name=person.full_name), "success")
            return redirect(url_for(".sign_in", assembly_id=assembly.id))
    query = request.args.get("q", "").strip()
    found = _members_matching(session, query) if query else []
    present = session.scalars(select(Attendance).where(
        Attendance.assembly_id == assembly.id).order_by(Attendance.signed_in_at.desc())).all()
    signed = {a.membership_id for a in present}
    return render_template("governance/sign_in.html", assembly=assembly, query=query,
                           found=found, signed=signed, present=present, errors=errors,
                           quorum=assemblies.quorum(session, assembly)), 422 if errors else 200


def _members_matching(session, query: str) -> list:
    """People of member households whose name or member number matches."""
    by_number = session.scalars(select(Person).join(Household).join(Membership).where(
        Membership.number == query).limit(10)).all()
    return by_number + [p for p in search_people(session, query)
                        if assemblies.membership_of(p) is not None and p not in by_number]


@bp.route("/<int:assembly_id>/screen")
@require(RUN)
def screen(assembly_id: int):
    """For the room's screen: the code to sign in from a phone and the quorum, refreshed."""
    session = current_session()
    assembly = load(Assembly, assembly_id)
    return render_template("governance/screen.html", assembly=assembly,
                           quorum=assemblies.quorum(session, assembly),
                           open_motions=[m for m in assembly.motions if m.status == "open"])


def decision_records(session) -> list[DecisionRecord]:
    """Every numbered resolution, for a change that cites one (the services page)."""
    motions = session.scalars(select(Motion).where(Motion.number.is_not(None))
                              .order_by(Motion.number.desc())).all()
    # the full endpoint: this runs inside core's services page, not a governance page
    return [DecisionRecord(m.number, m.title,
                           url_for("governance.assemblies.resolutions", q=m.number,
                                   _anchor=f"r-{m.number}"),
                           local_day(m.closed_at) if m.closed_at else None) for m in motions]


@bp.route("/resolutions")
@require(VIEW)
def resolutions():
    """Every resolution adopted and every election held, with their counts and meeting."""
    session = current_session()
    query = request.args.get("q", "").strip()
    stmt = select(Motion).where(Motion.number.is_not(None)).order_by(Motion.number.desc())
    if query:
        like = f"%{query}%"
        stmt = stmt.where(or_(Motion.title.ilike(like), Motion.text.ilike(like),
                              Motion.number.ilike(like)))
    return render_template("governance/resolutions.html", motions=session.scalars(stmt).all(),
                           query=query)
