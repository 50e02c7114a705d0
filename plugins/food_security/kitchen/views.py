"""Collective kitchen pages: groups and recipes (coordinators), sessions (facilitators)."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from sqlalchemy import select

from core.api import attempt, current_session, get_or_404, has_permission, require, utcnow

from plugins.food_security import _, calendar
from plugins.food_security.kitchen import schemas, service as kitchen
from plugins.food_security.kitchen.models import (ALLERGENS, PURCHASE_SOURCES, THEMES, KitchenGroup,
                                                  KitchenSession, Recipe)
from plugins.food_security.market.models import Producer
from plugins.food_security.permissions import KITCHEN_MANAGE, KITCHEN_RUN
from plugins.food_security.web import person_search, picked_person

bp = Blueprint("kitchen", __name__)


def _page(template, **context):
    context.setdefault("errors", {})
    context.setdefault("values", {})
    context.setdefault("form", None)
    return render_template(f"food_security/kitchen/{template}", themes=THEMES,
                           allergens=ALLERGENS, sources=PURCHASE_SOURCES, **context), (
        422 if context["errors"] else 200)


def _manager():
    if not has_permission(KITCHEN_MANAGE):
        abort(403)


@bp.route("/", methods=["GET", "POST"])
@require(KITCHEN_RUN)
def index():
    db = current_session()
    errors, values = {}, {"capacity": 8}
    if request.method == "POST":
        _manager()
        values = request.form
        created = []
        errors = attempt(lambda: created.append(kitchen.save_group(
            db, schemas.GroupSchema().load(values)))).errors
        if not errors:
            return redirect(url_for(".group", group_id=created[0].id))
    groups = db.scalars(select(KitchenGroup).order_by(KitchenGroup.active.desc(),
                                                      KitchenGroup.name))
    recipes = db.scalars(select(Recipe).order_by(Recipe.name))
    return _page("index.html", groups=list(groups), recipes=list(recipes), errors=errors,
                 values=values)


@bp.route("/groups/<int:group_id>", methods=["GET", "POST"])
@require(KITCHEN_RUN)
def group(group_id: int):
    db = current_session()
    target = get_or_404(KitchenGroup, group_id)
    query, results = person_search()
    errors, form = {}, request.form.get("form")
    if request.method == "POST":
        _manager()
        if form == "member":
            def add():
                data = schemas.MemberSchema().load(request.form)
                person = picked_person() or abort(404)
                kitchen.add_member(db, target, person.id, data["household_size"])
                calendar.seat_in_upcoming(db, target, person.id)
            errors = attempt(add).errors
        else:
            def plan():
                data = schemas.SessionSchema().load(request.form)
                data["ends_at"] = data["starts_at"] + calendar.KITCHEN_DURATION
                session = kitchen.plan_session(db, target, data)
                if session.starts_at > utcnow():  # the calendar only takes future sessions
                    calendar.put_in_calendar(db, session)
            errors = attempt(plan).errors
        if not errors:
            flash(_("Saved."), "success")
            return redirect(url_for(".group", group_id=target.id))
    return _page("group.html", group=target, query=query, results=results,
                 person=picked_person(), errors=errors, values=request.form, form=form)


@bp.route("/sessions/<int:session_id>", methods=["GET", "POST"])
@require(KITCHEN_RUN)
def session(session_id: int):
    """A session: dishes cooked, purchases, who took home how many portions, the evaluation."""
    db = current_session()
    target = get_or_404(KitchenSession, session_id)
    errors, form = {}, request.form.get("form")
    if request.method == "POST":
        errors = attempt(lambda: _session_action(db, target, form)).errors
        if not errors:
            flash(_("Saved."), "success")
            return redirect(url_for(".session", session_id=target.id))
    producers = db.scalars(select(Producer).where(Producer.active.is_(True))
                           .order_by(Producer.name))
    recipes = db.scalars(select(Recipe).order_by(Recipe.name))
    return _page("session.html", session=target, costs=kitchen.costs(target),
                 recipe_choices=_choices((r.id, r.name) for r in recipes),
                 producer_choices=_choices((p.id, p.name) for p in producers),
                 member_choices=_choices((m.person_id, m.person.full_name)
                                         for m in target.group.members),
                 errors=errors, values=request.form, form=form)


def _choices(pairs) -> list[tuple]:
    return [("", "—"), *pairs]


def _session_action(db, target, form):
    if form == "dish":
        data = schemas.DishSchema().load(request.form)
        recipe = db.get(Recipe, data["recipe_id"])
        if recipe is None:
            raise kitchen.KitchenError(_("Choose a recipe."), "recipe_id")
        kitchen.add_dish(db, target, recipe, data["batches"])
    elif form == "purchase":
        kitchen.add_purchase(db, target, schemas.PurchaseSchema().load(request.form))
    elif form == "participant":
        data = schemas.ParticipationSchema().load(request.form)
        if data["person"] not in {m.person_id for m in target.group.members}:
            raise kitchen.KitchenError(_("Choose a member of the group."), "person")
        kitchen.record_participation(db, target, data["person"], data["portions"],
                                     data["contribution"])
    elif form == "close":
        kitchen.close_session(db, target, schemas.CloseSchema().load(request.form)["evaluation"])
    elif form == "cancel":
        _manager()
        kitchen.cancel_session(db, target)
        calendar.take_out_of_calendar(db, target)
    else:
        abort(400)


@bp.route("/recipes/new", methods=["GET", "POST"], defaults={"recipe_id": None})
@bp.route("/recipes/<int:recipe_id>", methods=["GET", "POST"])
@require(KITCHEN_RUN)
def recipe(recipe_id: int | None):
    db = current_session()
    target = get_or_404(Recipe, recipe_id) if recipe_id else None
    errors = {}
    values = request.form if request.method == "POST" else _recipe_values(target)
    if request.method == "POST":
        _manager()
        saved = []
        errors = attempt(lambda: saved.append(kitchen.save_recipe(
            db, schemas.RecipeSchema().load({**request.form,
                                             "allergens": request.form.getlist("allergens")}),
            target))).errors
        if not errors:
            flash(_("Recipe saved."), "success")
            return redirect(url_for(".recipe", recipe_id=saved[0].id))
    return _page("recipe.html", recipe=target, errors=errors, values=values,
                 chosen=set(request.form.getlist("allergens")) if request.method == "POST"
                 else set(target.allergens if target else []))


def _recipe_values(recipe) -> dict:
    if recipe is None:
        return {"yield_portions": 8}
    lines = [" ".join(x for x in (f"{i.quantity.normalize():f}" if i.quantity is not None
                                  else "", i.unit, i.name) if x) for i in recipe.ingredients]
    return {"name": recipe.name, "yield_portions": recipe.yield_portions,
            "ingredients": "\n".join(lines), "instructions": recipe.instructions}
