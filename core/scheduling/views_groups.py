"""Group sessions: schedule one, sign people up, the waiting list, attendance."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from sqlalchemy import select

from core import db
from core.db import utcnow
from core.i18n import _
from core.identity.models import Person
from core.scheduling import apptypes, groups
from core.scheduling.availability import resources
from core.scheduling.declarations import BOOK, MANAGE, VIEW
from core.scheduling.models import PRACTITIONER, ROOM, GroupSeat, GroupSession
from core.scheduling.on_the_day import attendance_refusal
from core.scheduling.schemas import GroupSessionSchema, SignUpSchema
from core.scheduling.timeutil import local_datetime
from core.scheduling.webutil import FORM_FIELDS, act, load, person_choice
from core.security.access import require
from core.web.lifecycle import attempt, form_page

bp = Blueprint("scheduling_groups", __name__, url_prefix="/schedule/groups",
               template_folder="templates")


def _list_page(outcome=None, values=None):
    sess = db.session()
    upcoming = sess.scalars(select(GroupSession).where(
        GroupSession.ends_at >= utcnow()).order_by(GroupSession.starts_at)).all()
    group_types = [t for t in apptypes.declared_types() if t.capacity > 1]
    return form_page("scheduling/groups.html", outcome, sessions=upcoming, types=group_types,
                     practitioners=resources(sess, PRACTITIONER), rooms=resources(sess, ROOM),
                     values=values or {}, rename=FORM_FIELDS)


@bp.route("/")
@require(VIEW)
def sessions():
    return _list_page()


@bp.route("/new", methods=["POST"])
@require(MANAGE)
def create():
    def schedule():
        data = GroupSessionSchema().load(request.form)
        return groups.create_group_session(
            db.session(), type_code=data["type_code"],
            start=local_datetime(data["date"], data["time"], "time"),
            capacity=data["capacity"], practitioner=data["practitioner_id"], room=data["room_id"],
            title=data["title"] or None)
    outcome = attempt(schedule)
    if not outcome:
        return _list_page(outcome, request.form)
    flash(_("The group session is scheduled."), "success")
    return redirect(url_for("scheduling_groups.session", group_id=outcome.result.id))


def _session_page(group, errors=None, status=200):
    _nobody, query, matches = person_choice()
    # the attendance buttons that can be used now: none before the session's day
    marks = [came for came in (True, False) if attendance_refusal(came, group.starts_at) is None]
    return render_template("scheduling/group.html", group=group, marks=marks,
                           confirmed=[s for s in group.seats if s.status == "confirmed"],
                           waiting=groups.waiting_list(group), query=query, matches=matches,
                           errors=errors or {}), status


@bp.route("/<int:group_id>")
@require(VIEW)
def session(group_id: int):
    return _session_page(load(GroupSession, group_id))


@bp.route("/<int:group_id>/signups", methods=["POST"])
@require(BOOK)
def sign_up(group_id: int):
    """Sign a person up: a seat, or the waiting list when the session is full."""
    group = load(GroupSession, group_id)
    outcome = attempt(lambda: groups.sign_up(db.session(), group, load(
        Person, SignUpSchema().load(request.form)["person_id"])))
    if not outcome:
        return _session_page(group, outcome.errors, outcome.status)
    flash(_("Signed up.") if outcome.result.status == "confirmed" else
          _("The session is full: added to the waiting list."), "success")
    return redirect(url_for("scheduling_groups.session", group_id=group.id))


@bp.route("/seats/<int:seat_id>/cancel", methods=["POST"])
@require(BOOK)
def cancel_seat(seat_id: int):
    """Cancel a seat; the first person waiting moves up."""
    seat = load(GroupSeat, seat_id)

    def change():
        sess = db.session()
        promoted = groups.cancel_seat(sess, seat)
        if promoted is not None:
            flash(_("%(name)s moves up from the waiting list.", name=promoted.person.full_name),
                  "info")
    return act(change, _("Sign-up cancelled."),
               url_for("scheduling_groups.session", group_id=seat.group_session_id))


@bp.route("/seats/<int:seat_id>/attendance", methods=["POST"])
@require(BOOK)
def attendance(seat_id: int):
    seat = load(GroupSeat, seat_id)
    came = request.form.get("attended") == "1"
    return act(lambda: groups.mark_attendance(db.session(), seat, came),
               _("Attendance recorded."),
               url_for("scheduling_groups.session", group_id=seat.group_session_id))


@bp.route("/<int:group_id>/cancel", methods=["POST"])
@require(MANAGE)
def cancel(group_id: int):
    group = load(GroupSession, group_id)
    return act(lambda: groups.cancel_group_session(db.session(), group),
               _("The group session is cancelled."),
               url_for("scheduling_groups.session", group_id=group.id))

