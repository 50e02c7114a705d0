"""Reception's pages: find a person, register people and households, memberships and shares."""

from __future__ import annotations

from flask import Blueprint, abort, flash, g, redirect, render_template, request, url_for

from core import db
from core.i18n import _
from core.identity import service
from core.identity.models import Household, Person
from core.identity.schemas import HouseholdSchema, MembershipSchema, PaymentSchema, PersonSchema
from core.security.access import require
from core.web.lifecycle import attempt, form_page, get_or_404, schema

bp = Blueprint("identity", __name__)
VIEW, EDIT = "core.people.view", "core.people.edit"


@bp.route("/people")
@require(VIEW)
def people():
    query = request.args.get("q", "")
    results = service.search_rows(db.session(), query) if query else []
    return render_template("identity/people.html", query=query, results=results)


@bp.route("/people/new", methods=["GET", "POST"])
@require(EDIT)
def register():
    """Register a person, in an existing household or a new one (with its membership)."""
    sess = db.session()
    values = request.form if request.method == "POST" else {"household_id": request.args.get("household", "")}
    if request.method == "GET":
        return form_page("identity/register.html", values=values, schema=PersonSchema())
    outcome = attempt(lambda: _register(sess))
    if outcome:
        flash(_("%(name)s is registered.", name=outcome.result.full_name), "success")
        return redirect(url_for("identity.person", person_id=outcome.result.id))
    return form_page("identity/register.html", outcome, values=values, schema=PersonSchema())


def _register(sess) -> Person:
    """The person posted, in the household chosen, a new one, or none."""
    person_data = schema(PersonSchema).load(request.form)
    household, new = service.chosen_household(sess, person_data), None
    if household is None and request.form.get("new_household"):
        new = schema(HouseholdSchema).load(  # written with the person
            {"name": request.form.get("household_name") or request.form.get("last_name", "")})
    return service.register_person(sess, person_data, household, alone=True,
                                   new_household=new)  # attempt rolls back


@bp.route("/people/<int:person_id>")
@require(VIEW)
def person(person_id: int):
    found = get_or_404(Person, person_id)
    if found.merged_into_id:  # an old link to a duplicate leads to the person kept
        flash(_("This registration was a duplicate: it was merged into this person."), "info")
        return redirect(url_for("identity.person", person_id=found.merged_into_id))
    return render_template("identity/person.html", person=found)


@bp.route("/people/<int:person_id>/edit", methods=["GET", "POST"])
@require(EDIT)
def edit_person(person_id: int):
    sess = db.session()
    target = get_or_404(Person, person_id)
    values = request.form if request.method == "POST" else {
        f: ("" if getattr(target, f) is None else getattr(target, f)) for f in PersonSchema().fields
        if hasattr(target, f)}
    if request.method == "POST":
        outcome = attempt(lambda: service.update_person(sess, target,
                                                        PersonSchema().load(request.form)))
        if outcome:
            flash(_("Changes saved."), "success")
            return redirect(url_for("identity.person", person_id=target.id))
    else:
        outcome = None
    return form_page("identity/edit.html", outcome, person=target, values=values,
                     schema=PersonSchema())


@bp.route("/households/<int:household_id>")
@require(VIEW)
def household(household_id: int):
    return render_template("identity/household.html",
                           household=get_or_404(Household, household_id), errors={}, values={})


@bp.route("/households/<int:household_id>/membership", methods=["POST"])
@require(EDIT)
def open_membership(household_id: int):
    """Open the household's membership, written without reading the household first (the
    service says when it is not there, or already a member)."""
    sess = db.session()
    outcome = attempt(lambda: service.open_membership(
        sess, household_id, schema(MembershipSchema).load(request.form), by=g.user))
    if isinstance(outcome.refusal, service.NoHousehold):
        abort(404)
    if isinstance(outcome.refusal, service.AlreadyMember):
        flash(str(outcome.refusal), "error")
        return redirect(url_for("identity.household", household_id=household_id))
    return _household_done(outcome, household_id, _("Membership opened."))


@bp.route("/households/<int:household_id>/payments", methods=["POST"])
@require(EDIT)
def record_payment(household_id: int):
    sess = db.session()
    target = get_or_404(Household, household_id)
    if target.membership is None:
        abort(404)
    outcome = attempt(lambda: service.record_payment(sess, target.membership,
                                                     PaymentSchema().load(request.form), g.user))
    return _household_done(outcome, target.id, _("Payment recorded."))


def _household_done(outcome, household_id: int, message):
    """Back to the household with ``message``, or its page again with the errors (the
    household read then, when the action did not read it)."""
    if outcome:
        flash(message, "success")
        return redirect(url_for("identity.household", household_id=household_id))
    return form_page("identity/household.html", outcome,
                     household=get_or_404(Household, household_id), values=request.form)
