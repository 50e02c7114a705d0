"""The coordination's side of the ledger: hours to confirm after each shift, hours given
outside a shift, the volunteers (profile, trainings, undertaking, hours, recognition).

Gated by ``core.volunteering.manage``; one commit per action; a refusal is shown next to its
field and nothing is kept.
"""

from __future__ import annotations

from datetime import date

from flask import Blueprint, g, redirect, render_template, request, url_for
from sqlalchemy import select

from core import db
from core.coop_time import today
from core.i18n import _
from core.identity.models import Person
from core.identity.service import search_people
from core.security.access import require
from core.volunteering import ledger, service
from core.volunteering.declarations import MANAGE
from core.volunteering.labels import recognition_titles
from core.volunteering.models import ShiftSignup, VolunteerProfile
from core.volunteering.programs import programs
from core.volunteering.schemas import (ConfirmSchema, HoursSchema, ProfileSchema, RecognitionSchema,
                                       TrainingsSchema, UndertakingSchema)
from core.web.lifecycle import act, attempt, form_page, get_or_404

bp = Blueprint("volunteering_hours", __name__, url_prefix="/volunteering")


@bp.route("/hours", methods=["GET", "POST"])
@require(MANAGE)
def to_confirm():
    """Past sign-ups waiting for their hours; the form for hours given outside a shift."""
    sess = db.session()
    outcome = None
    if request.method == "POST":
        def record():
            data = HoursSchema().load(request.form)
            person = sess.get(Person, data["person_id"])
            if person is None:
                raise service.VolunteeringError(_("Choose a person."), "person_id")
            return ledger.record_hours(sess, person, data["program"], data["worked_on"],
                                       data["hours"], g.user, data["note"])
        outcome = attempt(record)
        if outcome:
            return redirect(url_for(".to_confirm", recorded=1))
    query = request.args.get("q", "").strip()
    return form_page("volunteering/hours.html", outcome, waiting=ledger.to_confirm(sess),
                     programs=programs(active_only=False), query=query,
                     found=search_people(sess, query)[:10] if query else [],
                     values=request.form or {"worked_on": today().isoformat()})


@bp.route("/signups/<int:signup_id>/hours", methods=["POST"])
@require(MANAGE)
def confirm(signup_id: int):
    """Confirm a sign-up's hours (the shift's length unless another number is typed)."""
    signup = get_or_404(ShiftSignup, signup_id)

    def keep():
        data = ConfirmSchema().load(request.form)
        return ledger.confirm_hours(db.session(), signup, g.user, data["hours"], data["note"])
    return act(keep, _("Hours confirmed for %(name)s.", name=signup.person.addressed_name),
               url_for(".to_confirm"))


@bp.route("/signups/<int:signup_id>/absent", methods=["POST"])
@require(MANAGE)
def absent(signup_id: int):
    signup = get_or_404(ShiftSignup, signup_id)
    return act(lambda: ledger.mark_no_show(db.session(), signup),
               _("Noted: %(name)s did not come.", name=signup.person.addressed_name),
               url_for(".to_confirm"))


@bp.route("/volunteers")
@require(MANAGE)
def volunteers():
    """People with a volunteer profile, and whether their undertaking is current."""
    sess = db.session()
    profiles = list(sess.scalars(select(VolunteerProfile).join(Person).order_by(
        Person.last_name, Person.first_name)))
    query = request.args.get("q", "").strip()
    return render_template("volunteering/volunteers.html", profiles=profiles,
                           current=service.current_undertaking(), year=today().year,
                           totals={p.person_id: ledger.year_total(sess, p.person_id, today().year)
                                   for p in profiles},
                           query=query, found=search_people(sess, query)[:10] if query else [])


_FORMS = {"profile": ProfileSchema, "trainings": TrainingsSchema,
          "undertaking": UndertakingSchema, "recognition": RecognitionSchema}


@bp.route("/volunteers/<int:person_id>", methods=["GET", "POST"])
@require(MANAGE)
def volunteer(person_id: int):
    """One volunteer: profile, trainings, undertaking, hours by month, recognition."""
    sess = db.session()
    person = get_or_404(Person, person_id)
    form = request.form.get("form", "")
    outcome = None
    if request.method == "POST" and form in _FORMS:
        def save():
            data = _FORMS[form]().load(request.form)
            if form == "profile":
                service.save_profile(sess, person, data)
            elif form == "trainings":
                service.save_profile(sess, person, {"trainings": data["trainings"].split(",")})
            elif form == "undertaking":
                service.sign_undertaking(sess, person, data["signed_on"], data["version"] or None)
            else:
                ledger.recognise(sess, person, data["year"], data["kind"], data["hours"], g.user,
                                 data["note"])
        outcome = attempt(save)
        if outcome:
            return redirect(url_for(".volunteer", person_id=person.id, saved=form))
    profile = service.profile_of(sess, person.id)
    year = today().year
    values = {
        "likes": profile.likes, "skills": profile.skills, "availability": profile.availability,
        "languages": profile.languages, "reminders": "y" if profile.reminders else "",
        "trainings": ", ".join(profile.trainings or []), "signed_on": today().isoformat(),
        "version": service.current_undertaking(), "year": str(year)}
    if outcome is not None:  # the form refused shows what was typed
        values.update(request.form.to_dict())
    return form_page(
        "volunteering/volunteer.html", outcome, person=person, profile=profile, form=form,
        values=values, current=service.current_undertaking(),
        undertaking=service.has_current_undertaking(sess, person.id),
        months=ledger.monthly(sess, date(year - 1, 1, 1), today(), person.id),
        year=year, year_total=ledger.year_total(sess, person.id, year),
        recognised=ledger.recognised(sess, person.id, year),
        recognitions=ledger.recognitions_of(sess, person.id), kinds=recognition_titles(),
        signups=service.signups_of(sess, person.id))
