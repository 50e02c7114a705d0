"""Reception's pages: find a person, register people and households, memberships and shares."""

from __future__ import annotations

from flask import Blueprint, abort, flash, g, redirect, render_template, request, url_for
from marshmallow import ValidationError
from sqlalchemy import select

from core import db
from core.i18n import _
from core.identity import service
from core.identity.models import Household, Membership, Person
from core.identity.schemas import HouseholdSchema, MembershipSchema, PaymentSchema, PersonSchema
from core.security.access import require

bp = Blueprint("identity", __name__)
VIEW, EDIT = "core.people.view", "core.people.edit"


def _load(model, ident):
    obj = db.session().get(model, ident)
    if obj is None:
        abort(404)
    return obj


def form_errors(exc: ValidationError) -> dict:
    """marshmallow messages keyed by field, in the reader's language (marshmallow's own are
    English), for the template."""
    from core.record.forms import translate_messages

    return translate_messages(exc.messages)


@bp.route("/people")
@require(VIEW)
def people():
    query = request.args.get("q", "")
    results = service.search_people(db.session(), query) if query else []
    return render_template("identity/people.html", query=query, results=results)


@bp.route("/people/new", methods=["GET", "POST"])
@require(EDIT)
def register():
    """Register a person, in an existing household or a new one (with its membership)."""
    sess = db.session()
    values = request.form if request.method == "POST" else {"household_id": request.args.get("household", "")}
    errors: dict = {}
    if request.method == "POST":
        try:
            person_data = PersonSchema().load(request.form)
            household = None
            if person_data.get("household_id"):
                household = sess.get(Household, person_data["household_id"])
                if household is None:
                    raise ValidationError({"household_id": [_("Choose a household.")]})
            elif request.form.get("new_household"):
                household = service.create_household(sess, HouseholdSchema().load(
                    {"name": request.form.get("household_name") or request.form.get("last_name", "")}))
            person = service.register_person(sess, person_data, household)
        except ValidationError as exc:
            sess.rollback()
            errors = form_errors(exc)
        except service.DuplicateRamq:
            sess.rollback()
            errors = {"ramq": [str(_("Another person already has this RAMQ number."))]}
        else:
            sess.commit()
            flash(_("%(name)s is registered.", name=person.full_name), "success")
            return redirect(url_for("identity.person", person_id=person.id))
    return render_template("identity/register.html", values=values, errors=errors,
                           schema=PersonSchema()), (422 if errors else 200)


@bp.route("/people/<int:person_id>")
@require(VIEW)
def person(person_id: int):
    found = _load(Person, person_id)
    if found.merged_into_id:  # an old link to a duplicate leads to the person kept
        flash(_("This registration was a duplicate: it was merged into this person."), "info")
        return redirect(url_for("identity.person", person_id=found.merged_into_id))
    return render_template("identity/person.html", person=found)


@bp.route("/people/<int:person_id>/edit", methods=["GET", "POST"])
@require(EDIT)
def edit_person(person_id: int):
    sess = db.session()
    target = _load(Person, person_id)
    errors: dict = {}
    values = request.form if request.method == "POST" else {
        f: ("" if getattr(target, f) is None else getattr(target, f)) for f in PersonSchema().fields
        if hasattr(target, f)}
    if request.method == "POST":
        try:
            service.update_person(sess, target, PersonSchema().load(request.form))
        except ValidationError as exc:
            sess.rollback()
            errors = form_errors(exc)
        except service.DuplicateRamq:
            sess.rollback()
            errors = {"ramq": [str(_("Another person already has this RAMQ number."))]}
        else:
            sess.commit()
            flash(_("Changes saved."), "success")
            return redirect(url_for("identity.person", person_id=target.id))
    return render_template("identity/edit.html", person=target, values=values, errors=errors,
                           schema=PersonSchema()), (422 if errors else 200)


@bp.route("/households/<int:household_id>")
@require(VIEW)
def household(household_id: int):
    return render_template("identity/household.html", household=_load(Household, household_id),
                           errors={}, values={})


@bp.route("/households/<int:household_id>/membership", methods=["POST"])
@require(EDIT)
def open_membership(household_id: int):
    sess = db.session()
    target = _load(Household, household_id)
    if target.membership is not None:
        flash(_("This household is already a member."), "error")
        return redirect(url_for("identity.household", household_id=target.id))
    try:
        service.open_membership(sess, target, MembershipSchema().load(request.form))
    except ValidationError as exc:
        sess.rollback()
        return render_template("identity/household.html", household=target,
                               errors=form_errors(exc), values=request.form), 422
    sess.commit()
    flash(_("Membership opened."), "success")
    return redirect(url_for("identity.household", household_id=target.id))


@bp.route("/households/<int:household_id>/payments", methods=["POST"])
@require(EDIT)
def record_payment(household_id: int):
    sess = db.session()
    target = _load(Household, household_id)
    if target.membership is None:
        abort(404)
    try:
        service.record_payment(sess, target.membership, PaymentSchema().load(request.form), g.user)
    except ValidationError as exc:
        sess.rollback()
        return render_template("identity/household.html", household=target,
                               errors=form_errors(exc), values=request.form), 422
    sess.commit()
    flash(_("Payment recorded."), "success")
    return redirect(url_for("identity.household", household_id=target.id))
