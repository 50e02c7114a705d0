"""Voting: the member's own phone (sign in with the room code, then vote) and the staff tablet
(the member chosen by staff, the ballot filled by the member).

A cast ballot is never shown back, not even to the voter: the page says it was counted. Results
appear on the assembly's page once the vote is closed.
"""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from sqlalchemy import select

from core.api import current_account, current_session, member, require

from plugins.governance import _, assemblies, ballots
from plugins.governance.models import Assembly, Attendance, Motion
from plugins.governance.permissions import RUN
from plugins.governance.web import attempt, load, my_membership

bp = Blueprint("vote", __name__, url_prefix="/vote")


@bp.route("/")
@member
def mine():
    """The member's assemblies: coming ones, the one in session (sign in, vote), past ones."""
    session = current_session()
    membership = my_membership()
    listing = session.scalars(select(Assembly).order_by(Assembly.starts_at.desc()).limit(10)).all()
    present = {a.id: assemblies.attendance_of(session, a, membership) for a in listing}
    voted = {m.id: ballots.has_voted(session, m, membership)
             for a in listing if a.status == "open" for m in a.motions}
    return render_template("governance/my_assemblies.html", assemblies=listing,
                           membership=membership, present=present, voted=voted, errors={})


@bp.route("/<int:assembly_id>/sign-in", methods=["POST"])
@member
def sign_in(assembly_id: int):
    """The member signs in from their phone with the code shown in the room."""
    session = current_session()
    assembly = load(Assembly, assembly_id)
    account = current_account()
    errors = attempt(lambda: assemblies.sign_in(session, assembly, my_membership(),
                                                account.person, account,
                                                code=request.form.get("code", "")))
    if errors:
        for messages in errors.values():
            flash(messages[0], "error")
    else:
        flash(_("You are signed in. Welcome to the assembly."), "success")
    return redirect(url_for(".mine"))


def _ballot(motion: Motion, membership, done_url: str, template_args: dict):
    """Show the ballot, or cast it (POST) for ``membership``; the choice is never echoed."""
    session = current_session()
    if request.method == "POST":
        choice = (request.form.getlist("choice") if motion.candidates
                  else request.form.get("choice", ""))
        errors = attempt(lambda: ballots.cast_secret(session, motion.id, membership, choice))
        if not errors:
            flash(_("Your ballot is counted. Results will be shown when the vote closes."),
                  "success")
            return redirect(done_url)
    else:
        errors = {}
    allowed, why = ballots.may_vote(session, motion, membership)
    return render_template("governance/ballot.html", motion=motion, allowed=allowed, why=why,
                           voted=ballots.has_voted(session, motion, membership),
                           errors=errors, **template_args), 422 if errors else 200


@bp.route("/motions/<int:motion_id>", methods=["GET", "POST"])
@member
def ballot(motion_id: int):
    """The member's secret ballot on their own phone."""
    motion = load(Motion, motion_id)
    if motion.method != "secret":
        abort(404)
    return _ballot(motion, my_membership(), url_for(".mine"), {"for_whom": None})


@bp.route("/motions/<int:motion_id>/tablet")
@require(RUN)
def tablet(motion_id: int):
    """The tablet: members present who may vote and have not voted yet."""
    session = current_session()
    motion = load(Motion, motion_id)
    present = session.scalars(select(Attendance).where(
        Attendance.assembly_id == motion.assembly_id, Attendance.votes.is_(True))).all()
    waiting = sorted((a for a in present if not ballots.has_voted(session, motion, a.membership)),
                     key=lambda a: a.membership.household.name)
    return render_template("governance/tablet.html", motion=motion, waiting=waiting,
                           turnout=ballots.turnout(session, motion))


@bp.route("/motions/<int:motion_id>/tablet/<int:attendance_id>", methods=["GET", "POST"])
@require(RUN)
def tablet_ballot(motion_id: int, attendance_id: int):
    """The ballot handed to one member on the tablet."""
    motion = load(Motion, motion_id)
    attendance = load(Attendance, attendance_id)
    if attendance.assembly_id != motion.assembly_id or motion.method != "secret":
        abort(404)
    return _ballot(motion, attendance.membership, url_for(".tablet", motion_id=motion.id),
                   {"for_whom": attendance})
