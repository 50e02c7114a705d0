"""Reception's and practitioners' calendar: day and week views, booking, the visit's page."""

from __future__ import annotations

from datetime import timedelta
from urllib.parse import quote

from flask import Blueprint, abort, flash, g, redirect, render_template, request, url_for
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from core import db
from core.coop_time import coop_zone, local_day_bounds, to_local
from core.i18n import _
from core.identity.models import Person
from core.scheduling import agenda, apptypes, service
from core.scheduling.availability import resources
from core.scheduling.declarations import BOOK, VIEW
from core.scheduling.errors import SchedulingError
from core.scheduling.labels import STATUS
from core.scheduling.models import CANCELLED, PRACTITIONER, ROOM, Appointment, Resource
from core.scheduling.schemas import BookingSchema, MoveSchema
from core.scheduling.timeutil import local_datetime
from core.scheduling.webutil import FORM_FIELDS, act, day_arg, int_arg, load, person_choice
from core.security.access import require
from core.web.formatting import clocks
from core.web.lifecycle import attempt, form_page, schema

bp = Blueprint("scheduling", __name__, url_prefix="/schedule", template_folder="templates")


def _resource_or_default() -> Resource | None:
    """The resource asked for, else the signed-in practitioner's own, else the first one."""
    sess = db.session()
    ident = int_arg("resource")
    if ident:
        return load(Resource, ident)
    own = sess.scalar(select(Resource).where(Resource.account_id == g.user.id))
    return own or next(iter(resources(sess)), None)


@bp.route("/")
@require(VIEW)
def index():
    return redirect(url_for("scheduling.day"))


@bp.route("/day")
@require(VIEW)
def day():
    """One resource's day: bookings in time order and free half-hours to book."""
    shown, ident = day_arg(), int_arg("resource")
    if ident:  # the resource named (404: none), its day and the picker's, in one statement
        everyone, resource, view = agenda.day_page(db.session(), ident, shown)
        if resource is None:
            abort(404)
    else:
        everyone = resources(db.session())  # first: the one shown is then found without a query
        resource = _resource_or_default()
        view = agenda.day_view(db.session(), resource, shown) if resource else None
    return render_template("scheduling/day.html", resource=resource, view=view, shown=shown,
                           all_resources=everyone, delta=timedelta(days=1),
                           lines=_lines(view) if view else [])


def _lines(view: agenda.Day) -> list[tuple]:
    """The day's rows as its table writes them, worked out once per page: ``(item or None,
    start's time, end's time or "", a free half-hour's local HH:MM quoted for its link)``
    (each of the filters the template applied per row looked up the zone and the language
    again)."""
    rows = view.rows()
    ends = [item.ends_at if item else None for _at, item in rows]
    starts, finishes = clocks([at for at, _item in rows]), clocks([e for e in ends if e])
    zone, finished = coop_zone(), iter(finishes)
    return [(item, start, next(finished), "") if item else
            (None, start, "", _quoted_hm(at.astimezone(zone)))
            for (at, item), start in zip(rows, starts, strict=True)]


#: a local time's ``HH:MM`` quoted for a link, by minute of the day (at most 1,440)
_HM: dict[int, str] = {}


def _quoted_hm(local) -> str:
    """``quote(local.strftime("%H:%M"))``, written once per minute of the day: an agenda
    writes one for each free half-hour."""
    minute = local.hour * 60 + local.minute
    text = _HM.get(minute)
    if text is None:
        text = _HM[minute] = quote(local.strftime("%H:%M"))
    return text


@bp.route("/day/all")
@require(VIEW)
def coop_day():
    """Every practitioner's visits of one day, in time order: where the home page's day panel,
    which shows eight, sends the desk for the others (one practitioner's day held a few)."""
    shown = day_arg()
    start, end = local_day_bounds(shown)
    visits = list(db.session().scalars(
        select(Appointment).where(Appointment.starts_at >= start, Appointment.starts_at < end,
                                  Appointment.status != CANCELLED)
        .options(joinedload(Appointment.person), joinedload(Appointment.practitioner))
        .order_by(Appointment.starts_at, Appointment.id)))
    return render_template("scheduling/coop_day.html", shown=shown, delta=timedelta(days=1),
                           type_title=apptypes.type_title, lines=list(zip(visits, clocks([v.starts_at for v in visits]),
                                          strict=True)))


@bp.route("/week")
@require(VIEW)
def week():
    """One resource's week, Monday to Sunday."""
    everyone = resources(db.session())
    resource = _resource_or_default()
    shown = day_arg()
    days = agenda.week_view(db.session(), resource, shown) if resource else []
    return render_template("scheduling/week.html", resource=resource, days=days, shown=shown,
                           all_resources=everyone, delta=timedelta(days=7))


@bp.route("/find")
@require(VIEW)
def find():
    """The next free times for a type of appointment (optionally with one practitioner)."""
    sess = db.session()
    code = request.args.get("type_code", "")
    slots, error = [], None
    if code:
        try:
            slots = service.next_free(sess, code, practitioner=int_arg("practitioner"), limit=10)
        except SchedulingError as exc:
            error = str(exc)
    return render_template("scheduling/find.html", types=_individual_types(), code=code,
                           slots=slots, error=error, person_id=int_arg("person_id"),
                           practitioners=resources(sess, PRACTITIONER),
                           chosen=int_arg("practitioner"))


@bp.route("/book", methods=["GET", "POST"])
@require(BOOK)
def book():
    """Book a visit: type, person, practitioner and/or room, local date and time."""
    sess = db.session()
    values = request.form if request.method == "POST" else {
        "type_code": request.args.get("type_code", ""), "person_id": request.args.get("person_id", ""),
        "practitioner_id": request.args.get("resource", ""), "date": request.args.get("date", ""),
        "time": request.args.get("time", ""), "room_id": request.args.get("room", "")}
    outcome = None
    if request.method == "POST":
        outcome = attempt(lambda: _book(sess))
        if outcome:
            flash(_("The appointment is booked."), "success")
            return redirect(url_for("scheduling.appointment", appointment_id=outcome.result.id))
    person, query, matches = person_choice(values)
    return form_page(
        "scheduling/book.html", outcome, values=values, person=person, query=query,
        matches=matches,
        types=_individual_types(), practitioners=resources(sess, PRACTITIONER),
        rooms=resources(sess, ROOM), rename=FORM_FIELDS)



def _book(sess) -> Appointment:
    """The visit posted, booked (refused: bad input, or a time that is not free)."""
    data = schema(BookingSchema).load(request.form)
    start = local_datetime(data["date"], data["time"], field="time")
    return service.book(sess, type_code=data["type_code"], start=start,
                        person=data["person_id"],  # checked with the practitioner's hours
                        practitioner=data["practitioner_id"],
                        room=data["room_id"], booked_by=g.user)


@bp.route("/appointments/<int:appointment_id>")
@require(VIEW)
def appointment(appointment_id: int):
    visit = load(Appointment, appointment_id)
    return render_template("scheduling/appointment.html", visit=visit,
                           title=apptypes.type_title(visit.type_code),
                           offered=service.statuses_offered(visit))


@bp.route("/appointments/<int:appointment_id>/status", methods=["POST"])
@require(BOOK)
def set_status(appointment_id: int):
    """Mark arrived, done or no-show."""
    visit = load(Appointment, appointment_id)
    status = request.form.get("status", "")
    # who and what, not "status updated": the desk sees at once it marked the right person
    done = _("%(person)s: %(status)s.", person=visit.person.addressed_name,
             status=STATUS.get(status, status))
    return act(lambda: service.set_status(db.session(), visit, status), done, _visit_url(visit))


@bp.route("/appointments/<int:appointment_id>/cancel", methods=["POST"])
@require(BOOK)
def cancel(appointment_id: int):
    visit = load(Appointment, appointment_id)
    return act(lambda: service.cancel(db.session(), visit, by=g.user),
               _("The appointment is cancelled."),
               _visit_url(visit))


@bp.route("/appointments/<int:appointment_id>/move", methods=["GET", "POST"])
@require(BOOK)
def move(appointment_id: int):
    """Move a visit to another time (and optionally another practitioner or room)."""
    sess = db.session()
    visit = load(Appointment, appointment_id)
    local = to_local(visit.starts_at)
    values = request.form if request.method == "POST" else {
        "date": local.date().isoformat(), "time": local.strftime("%H:%M"),
        "practitioner_id": visit.practitioner_id or "", "room_id": visit.room_id or ""}
    outcome = None
    if request.method == "POST":
        def move_it():
            data = MoveSchema().load(request.form)
            start = local_datetime(data["date"], data["time"], field="time")
            service.move(sess, visit, start, practitioner=data["practitioner_id"],
                         room=data["room_id"])
        outcome = attempt(move_it)
        if outcome:
            flash(_("The appointment is moved."), "success")
            return redirect(url_for("scheduling.appointment", appointment_id=visit.id))
    return form_page("scheduling/move.html", outcome, visit=visit, values=values,
                     practitioners=resources(sess, PRACTITIONER), rooms=resources(sess, ROOM),
                     title=apptypes.type_title(visit.type_code), rename=FORM_FIELDS)


@bp.route("/people/<int:person_id>")
@require(VIEW)
def person(person_id: int):
    """A person's visits and group sign-ups."""
    sess = db.session()
    target = load(Person, person_id)
    return render_template("scheduling/person.html", person=target,
                           visits=service.appointments_for_person(sess, target.id),
                           seats=service.seats_for_person(sess, target.id),
                           type_title=apptypes.type_title)



def _individual_types():
    return [t for t in apptypes.declared_types() if t.capacity == 1]


def _visit_url(visit) -> str:
    return url_for("scheduling.appointment", appointment_id=visit.id)
