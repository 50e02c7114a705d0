"""The member's volunteering from the portal (made for a phone): shifts that need people,
their own shifts (cancel, swap), their hours and recognitions, their profile and the
confidentiality undertaking.

A member acts only on their own sign-ups: anything else answers 404.
"""

from __future__ import annotations

from datetime import date

from flask import Blueprint, abort, g, redirect, render_template, request, url_for

from core import db
from core.coop_time import today
from core.i18n import _
from core.security.access import member
from core.volunteering import ledger, service
from core.volunteering.accompaniment import volunteer_view
from core.volunteering.labels import recognition_titles
from core.volunteering.models import ShiftSignup, VolunteerShift
from core.volunteering.programs import program_title, programs
from core.volunteering.schemas import ProfileSchema
from core.web.lifecycle import act, attempt, form_page, get_or_404, row_id

bp = Blueprint("volunteering_portal", __name__, url_prefix="/portal/volunteering")


def _mine(signup_id: int) -> ShiftSignup:
    return get_or_404(ShiftSignup, signup_id, lambda s: s.person_id == g.user.person_id
                      or abort(404))


@bp.route("/")
@member
def home():
    """Shifts that need people (by program), the member's next shifts, hours, recognitions."""
    sess, person_id = db.session(), g.user.person_id
    wanted = request.args.get("program", "")
    mine = service.coming_signups(sess, person_id)
    taken = {s.shift_id for s in mine}
    open_ = [s for s in service.open_shifts(sess) if s.id not in taken
             and (not wanted or s.program == wanted)][:40]
    year = today().year
    return render_template(
        "volunteering/portal.html", mine=[(s, volunteer_view(s.shift)) for s in mine],
        open_shifts=[volunteer_view(s, reveal=False) for s in open_], programs=programs(),
        wanted=wanted,
        program_title=program_title, undertaking=service.has_current_undertaking(sess, person_id),
        months=ledger.monthly(sess, date(year - 1, 1, 1), today(), person_id),
        year_total=ledger.year_total(sess, person_id, year), year=year,
        recognitions=ledger.recognitions_of(sess, person_id), kinds=recognition_titles(),
        swaps={s.id: [o for o in open_ if o.program == s.shift.program] for s in mine})


@bp.route("/shifts/<int:shift_id>/signup", methods=["POST"])
@member
def sign_up(shift_id: int):
    shift = get_or_404(VolunteerShift, shift_id)
    return act(lambda: service.sign_up(db.session(), shift, g.user.person_id),
               _("You are signed up. Thank you!"), url_for(".home"))


@bp.route("/signups/<int:signup_id>/cancel", methods=["POST"])
@member
def cancel(signup_id: int):
    signup = _mine(signup_id)
    return act(lambda: service.cancel_signup(db.session(), signup),
               _("Your shift is cancelled; its place is free for someone else."),
               url_for(".home"))


@bp.route("/signups/<int:signup_id>/swap", methods=["POST"])
@member
def swap(signup_id: int):
    """Trade one's shift for another one in one step (or keep it when the other is full)."""
    signup = _mine(signup_id)
    other = db.session().get(VolunteerShift, row_id(request.form.get("shift_id")) or 0)

    def move():
        if other is None:
            raise service.VolunteeringError(_("Choose another shift."), "shift")
        return service.swap(db.session(), signup, other)
    return act(move, _("Your shift is swapped."), url_for(".home"))


@bp.route("/profile", methods=["GET", "POST"])
@member
def profile():
    """What the member likes to do, can do, when, in which languages; the undertaking."""
    sess, person = db.session(), g.user.person
    current = service.profile_of(sess, person.id)
    values = request.form if request.method == "POST" else {
        "likes": current.likes, "skills": current.skills, "availability": current.availability,
        "languages": current.languages, "reminders": "y" if current.reminders else ""}
    outcome = None
    if request.method == "POST":
        outcome = attempt(lambda: service.save_profile(
            sess, person, ProfileSchema().load(request.form)))
        if outcome:
            return redirect(url_for(".home", saved=1))
    return form_page("volunteering/portal_profile.html", outcome, values=values,
                     profile=current, current_version=service.current_undertaking(),
                     undertaking=service.has_current_undertaking(sess, person.id))


@bp.route("/undertaking", methods=["POST"])
@member
def undertaking():
    """The member signs the confidentiality undertaking they just read (its current text)."""
    def sign():
        if request.form.get("agree") != "y":
            raise service.VolunteeringError(
                _("Tick the box to say you have read the undertaking and agree to it."), "agree")
        service.sign_undertaking(db.session(), g.user.person)
    return act(sign, _("Thank you: your confidentiality undertaking is signed."),
               url_for(".profile"))
