"""Social café pages: the days' menus (coordinators), meals and produce (volunteers too)."""

from __future__ import annotations

from datetime import timedelta

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from sqlalchemy import select

from core.api import (attempt, current_account, current_session, get_or_404, has_permission,
                      require, row_id, today)

from plugins.food_security import _
from plugins.food_security.cafe import schemas, service as cafe, shifts
from plugins.food_security.cafe.models import CafeMenu
from plugins.food_security.gardens.models import Garden
from plugins.food_security.kitchen.models import Recipe
from plugins.food_security.market.models import Producer
from plugins.food_security.permissions import CAFE_MANAGE, CAFE_SERVE

bp = Blueprint("cafe", __name__)

#: the days listed on the café's page
RECENT = 30


def _manager():
    if not has_permission(CAFE_MANAGE):
        abort(403)


def _recipes(db) -> list[Recipe]:
    return list(db.scalars(select(Recipe).order_by(Recipe.name)))


@bp.route("/", methods=["GET", "POST"])
@require(CAFE_SERVE)
def index():
    """Today's menu (or the form to set it) and the latest days with their meals."""
    db = current_session()
    errors: dict = {}
    values = {"served_on": today().isoformat(), **cafe.last_prices(db)}
    chosen_recipes: set[str] = set()
    if request.method == "POST":
        _manager()
        values = request.form
        chosen_recipes = set(request.form.getlist("recipes"))
        created = []
        outcome = attempt(lambda: created.append(cafe.create_menu(db, schemas.MenuSchema().load(
            {**request.form, "recipes": request.form.getlist("recipes")}))))
        if outcome:
            flash(_("Menu saved."), "success")
            return redirect(url_for(".day", menu_id=created[0].id))
        errors = outcome.errors
    menus = list(db.scalars(select(CafeMenu).order_by(CafeMenu.served_on.desc()).limit(RECENT)))
    todays = next((m for m in menus if m.served_on == today()), None)
    if todays is not None and request.method == "GET":  # today is set: offer tomorrow
        values["served_on"] = (today() + timedelta(days=1)).isoformat()
    return render_template("food_security/cafe/index.html", menus=menus, todays=todays,
                           recipes=_recipes(db), errors=errors, values=values,
                           chosen=chosen_recipes, today=today(),
                           allergens_of=cafe.allergens), (422 if errors else 200)


@bp.route("/days/<int:menu_id>", methods=["GET", "POST"])
@require(CAFE_SERVE)
def day(menu_id: int):
    """One day: the menu with its allergens and prices, the meals served, the produce used."""
    db = current_session()
    menu = get_or_404(CafeMenu, menu_id)
    errors, form = {}, request.form.get("form")
    if request.method == "POST":
        outcome = attempt(lambda: _day_action(db, menu, form))
        if outcome:
            flash(_("Saved."), "success")
            return redirect(url_for(".day", menu_id=menu.id))
        errors = outcome.errors
    gardens = db.scalars(select(Garden).where(Garden.active.is_(True)).order_by(Garden.name))
    producers = db.scalars(select(Producer).where(Producer.active.is_(True))
                           .order_by(Producer.name))
    counted = {k: getattr(menu, k) for k in ("meals_standard", "meals_solidarity",
                                             "meals_pay_what_you_can",
                                             "pay_what_you_can_collected")}
    prices = {k: getattr(menu, k) for k in ("standard_price", "solidarity_price",
                                            "pay_what_you_can", "notes")}
    return render_template(
        "food_security/cafe/day.html", menu=menu, allergens=cafe.allergens(menu),
        dish_choices=[("", "—"), *((r.id, r.name) for r in _recipes(db)
                                   if r.id not in {d.recipe_id for d in menu.dishes})],
        garden_choices=[("", "—"), *((g.id, g.name) for g in gardens)],
        producer_choices=[("", "—"), *((p.id, p.name) for p in producers)],
        errors=errors, form=form,
        values=request.form if request.method == "POST" else {},
        counted=request.form if form == "meals" else counted,
        prices=request.form if form == "prices" else prices,
        countable=menu.served_on <= today(), shifts=shifts.of_day(db, menu),
        shift_values=request.form if form == "shift" else {"title": _("Café service"),
                                                           "needed": 2}), (
        422 if errors else 200)


def _day_action(db, menu: CafeMenu, form: str | None) -> None:
    if form == "meals":
        cafe.record_meals(db, menu, schemas.CountSchema().load(request.form))
    elif form == "produce":
        cafe.add_produce(db, menu, schemas.ProduceSchema().load(request.form))
    elif form == "prices":
        _manager()
        cafe.update_prices(db, menu, schemas.MenuSchema(only=(
            "standard_price", "solidarity_price", "pay_what_you_can", "notes")).load(request.form))
    elif form == "dish":
        _manager()
        cafe.add_dish(db, menu, schemas.DishSchema().load(request.form)["recipe_id"])
    elif form == "shift":
        _manager()
        shifts.publish(db, menu, schemas.ShiftSchema().load(request.form), by=current_account())
    elif form == "call_off":
        _manager()
        shifts.call_off(db, menu, row_id(request.form.get("shift")))
    elif form == "remove_dish":
        _manager()
        cafe.remove_dish(db, menu, row_id(request.form.get("dish")) or 0)
    else:
        abort(400)


@bp.route("/days/<int:menu_id>/board")
@require(CAFE_SERVE)
def board(menu_id: int):
    """The menu as the café shows it on the wall: dishes, allergens, prices (printable)."""
    menu = get_or_404(CafeMenu, menu_id)
    return render_template("food_security/cafe/board.html", menu=menu,
                           allergens=cafe.allergens(menu))
