"""The member's own appointments: book the types the coop allows online, cancel, reminders.

Members act only on their own person record: anything else answers 404 (never a hint that it
exists).
"""

from __future__ import annotations

from flask import Blueprint, abort, flash, g, redirect, render_template, request, url_for
from sqlalchemy import select

from core import db
from core.coop_time import to_local
from core.db import utcnow
from core.i18n import _
from core.scheduling import apptypes, groups, reminders, service
from core.scheduling.errors import SchedulingError
from core.scheduling.models import Appointment, GroupSeat, GroupSession
from core.scheduling.schemas import PortalBookingSchema, ReminderSchema
from core.scheduling.webutil import act, load
from core.security.access import member
from core.web.lifecycle import attempt, form_page

bp = Blueprint("scheduling_portal", __name__, url_prefix="/portal/appointments",
               template_folder="templates")


def _home(errors=None, status=200):
    sess = db.session()
    person = g.user.person
    now = utcnow()
    visits = [v for v in service.appointments_for_person(sess, person.id) if v.status != "cancelled"]
    online_codes = [t.code for t in apptypes.online_types(sess) if t.capacity > 1]
    open_groups = sess.scalars(select(GroupSession).where(
        GroupSession.type_code.in_(online_codes), GroupSession.cancelled.is_(False),
        GroupSession.starts_at > now).order_by(GroupSession.starts_at)).all() if online_codes else []
    seats = {s.group_session_id: s for s in groups.seats_for_person(sess, person.id)
             if s.status != "cancelled"}
    return render_template(
        "scheduling/portal.html", upcoming=[v for v in visits if v.starts_at >= now],
        past=[v for v in visits if v.starts_at < now][-10:], seats=seats, open_groups=open_groups,
        pref=reminders.preference_of(sess, person.id), hours=reminders.HOURS_CHOICES,
        type_title=apptypes.type_title, person=person, errors=errors or {},
        individual=[t for t in apptypes.online_types(sess) if t.capacity == 1]), status


@bp.route("/")
@member
def home():
    return _home()


@bp.route("/book", methods=["GET", "POST"])
@member
def book():
    """Choose a type, then one of the next free times, and book it for yourself."""
    sess = db.session()
    outcome = None
    code = request.values.get("type_code", "")
    if request.method == "POST":
        outcome = attempt(lambda: _book_online(sess))
        if outcome:
            flash(_("Your appointment is booked."), "success")
            return redirect(url_for("scheduling_portal.home", booked=outcome.result.id))
    slots = []
    spec = next((t for t in apptypes.online_types(sess) if t.code == code and t.capacity == 1), None)
    if spec is not None:
        slots = service.next_free(sess, spec.code, limit=12)
    # each free time with its local day, for the page to show them under their day
    slots = [{"start": start, "who": who, "day": to_local(start).date()} for start, who in slots]
    return form_page("scheduling/portal_book.html", outcome, spec=spec, slots=slots,
                     types=[t for t in apptypes.online_types(sess) if t.capacity == 1])


def _book_online(sess) -> Appointment:
    """The member's own visit, of a type the coop offers online (refused otherwise)."""
    data = PortalBookingSchema().load(request.form)
    spec = apptypes.get_type(data["type_code"])
    if not apptypes.online_allowed(sess, spec) or spec.capacity > 1:
        raise SchedulingError(field="type_code")
    return service.book(sess, type_code=spec.code, start=data["start"],
                        person=g.user.person, practitioner=data["practitioner_id"],
                        booked_by=g.user, online=True)


@bp.route("/<int:appointment_id>/cancel", methods=["POST"])
@member
def cancel(appointment_id: int):
    """Cancel one of your own future appointments."""
    visit = _own(load(Appointment, appointment_id))
    return act(lambda: service.cancel(db.session(), _future(visit), by=g.user),
               _("Your appointment is cancelled."), url_for("scheduling_portal.home"))


@bp.route("/groups/<int:group_id>/signup", methods=["POST"])
@member
def sign_up(group_id: int):
    """Sign yourself up for a group session offered online (or join its waiting list)."""
    group = load(GroupSession, group_id)
    allowed = {t.code for t in apptypes.online_types(db.session()) if t.capacity > 1}
    if group.type_code not in allowed:
        abort(404)

    def change():
        sess = db.session()
        seat = groups.sign_up(sess, group, g.user.person)
        if seat.status == "waiting":
            flash(_("The session is full: you are on the waiting list."), "info")
    return act(change, _("You are signed up."), url_for("scheduling_portal.home"))


@bp.route("/seats/<int:seat_id>/cancel", methods=["POST"])
@member
def cancel_seat(seat_id: int):
    seat = _own(load(GroupSeat, seat_id))
    return act(lambda: service.cancel(db.session(), seat), _("Your sign-up is cancelled."),
               url_for("scheduling_portal.home"))


@bp.route("/reminders", methods=["POST"])
@member
def set_reminders():
    """Choose whether and how to be reminded (none by default)."""
    def choose():
        data = ReminderSchema().load(request.form)
        reminders.set_preference(db.session(), g.user.person, data["channel"],
                                 data["hours_before"])
    outcome = attempt(choose)
    if not outcome:
        return _home(outcome.errors, outcome.status)
    flash(_("Your reminder choice is saved."), "success")
    return redirect(url_for("scheduling_portal.home"))


def _own(obj):
    if obj.person_id != g.user.person_id:
        abort(404)
    return obj


def _future(visit):
    if visit.starts_at <= utcnow():
        raise SchedulingError(_("This appointment has already started."))
    return visit

