"""The coordination's shifts: publish, see who is on each, put someone on, call off, and ask
for an accompaniment to a member's appointment.

Every page loads or 404s, is gated by ``core.volunteering.manage``, acts through the services
(the same rules as the portal and the API: the undertaking, never over-filled) and commits
once.
"""

from __future__ import annotations

from datetime import timedelta

from flask import Blueprint, abort, g, redirect, render_template, request, url_for
from sqlalchemy import select

from core import db
from core.coop_time import today
from core.db import utcnow
from core.i18n import _
from core.identity.models import Person
from core.identity.service import search_people
from core.scheduling.models import BOOKED, Appointment
from core.scheduling.timeutil import local_datetime
from core.security.access import require
from core.volunteering import service
from core.volunteering.accompaniment import request_accompaniment, volunteer_view
from core.volunteering.declarations import MANAGE
from core.volunteering.labels import accompaniment_titles, signup_titles
from core.volunteering.models import ShiftSignup, VolunteerShift
from core.volunteering.programs import programs
from core.volunteering.schemas import AccompanySchema, PersonPick, ShiftSchema
from core.web.lifecycle import act, attempt, form_page, get_or_404

bp = Blueprint("volunteering", __name__, url_prefix="/volunteering")


def _publish(form) -> VolunteerShift:
    data = ShiftSchema().load(form)
    start = local_datetime(data["date"], data["start"], "start")
    end = local_datetime(data["date"], data["end"], "end")
    return service.publish_shift(
        db.session(), program=data["program"], title=data["title"], starts_at=start,
        ends_at=end, needed=data["needed"], place=data["place"],
        description=data["description"], training=data["training"],
        personal_info=data["personal_info"], by=g.user)


@bp.route("/", methods=["GET", "POST"])
@require(MANAGE)
def shifts():
    """The coming shifts with how full they are; the form to publish one."""
    sess = db.session()
    outcome = None
    if request.method == "POST":
        outcome = attempt(lambda: _publish(request.form))
        if outcome:
            return redirect(url_for(".shift", shift_id=outcome.result.id, published=1))
    wanted = request.args.get("program", "")
    coming = service.shifts_for(sess, program=wanted or None, start=utcnow(),
                                end=utcnow() + timedelta(days=60))
    values = request.form if request.method == "POST" else {
        "date": (today() + timedelta(days=7)).isoformat(), "needed": "1"}
    return form_page("volunteering/shifts.html", outcome, shifts=coming, programs=programs(),
                     wanted=wanted, values=values, rename=SHIFT_FIELDS)


#: the service's names for what it refuses, as the shift form names its fields
SHIFT_FIELDS = {"starts_at": "start", "ends_at": "end"}


@bp.route("/shifts/<int:shift_id>")
@require(MANAGE)
def shift(shift_id: int):
    """A shift: who is on it, and finding someone to put on it."""
    target = get_or_404(VolunteerShift, shift_id)
    query = request.args.get("q", "").strip()
    found = search_people(db.session(), query)[:10] if query else []
    return render_template("volunteering/shift.html", shift=target, v=volunteer_view(target),
                           query=query, found=found, statuses=signup_titles(), now=utcnow(),
                           undertaking={p.id: service.has_current_undertaking(db.session(), p.id)
                                        for p in found})


@bp.route("/shifts/<int:shift_id>/assign", methods=["POST"])
@require(MANAGE)
def assign(shift_id: int):
    """Put a person on the shift (the same rules as signing up oneself)."""
    target = get_or_404(VolunteerShift, shift_id)
    return act(lambda: service.sign_up(db.session(), target,
                                       PersonPick().load(request.form)["person_id"]),
               _("Put on the shift."), url_for(".shift", shift_id=target.id))


@bp.route("/shifts/<int:shift_id>/call-off", methods=["POST"])
@require(MANAGE)
def call_off(shift_id: int):
    target = get_or_404(VolunteerShift, shift_id)
    return act(lambda: service.cancel_shift(db.session(), target), _("The shift is called off."),
               url_for(".shift", shift_id=target.id))


@bp.route("/signups/<int:signup_id>/cancel", methods=["POST"])
@require(MANAGE)
def cancel_signup(signup_id: int):
    signup = get_or_404(ShiftSignup, signup_id)
    return act(lambda: service.cancel_signup(db.session(), signup),
               _("Taken off the shift; the place is free again."),
               url_for(".shift", shift_id=signup.shift_id))


@bp.route("/accompany/<int:person_id>", methods=["GET", "POST"])
@require(MANAGE, "core.schedule.view")
def accompany(person_id: int):
    """Ask a volunteer to accompany a member to one of their coming appointments (shown by
    day and time only: the coordination page says nothing of what they are for either)."""
    person = get_or_404(Person, person_id)
    sess = db.session()
    coming = list(sess.scalars(select(Appointment).where(
        Appointment.person_id == person.id, Appointment.status == BOOKED,
        Appointment.starts_at > utcnow()).order_by(Appointment.starts_at).limit(20)))
    outcome = None
    if request.method == "POST":
        def ask():
            data = AccompanySchema().load(request.form)
            visit = next((a for a in coming if a.id == data["appointment_id"]), None)
            if visit is None:
                abort(404)
            return request_accompaniment(
                sess, visit, data["kind"], place=data["place"], by=g.user,
                minutes_before=data["minutes_before"], minutes_after=data["minutes_after"],
                description=data["description"])
        outcome = attempt(ask)
        if outcome:
            return redirect(url_for(".shift", shift_id=outcome.result.id, published=1))
    return form_page("volunteering/accompany.html", outcome, person=person, coming=coming,
                     kinds=accompaniment_titles(),
                     values=request.form or {"minutes_before": "30", "minutes_after": "30"})
