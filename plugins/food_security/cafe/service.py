"""Social café rules: the day's menu from kitchen recipes, prices, meals counted, produce used.

Functions act inside the caller's transaction and never commit; a :class:`CafeError` means
nothing of the action should be kept (the caller rolls back).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from core.api import today, utcnow

from plugins.food_security import _
from plugins.food_security.cafe.models import FROM_PRODUCER, CafeDish, CafeMenu, CafeProduce
from plugins.food_security.fields import ActionRefused, chosen
from plugins.food_security.gardens.models import Garden
from plugins.food_security.kitchen.models import ALLERGENS, Recipe
from plugins.food_security.market.models import Producer


class CafeError(ActionRefused):
    """A rule of the café refused the action (nothing is kept)."""


def _check_prices(standard: Decimal, solidarity: Decimal) -> None:
    if solidarity > standard:
        raise CafeError(_("The solidarity price cannot be above the standard price."),
                        "solidarity_price")


def create_menu(db: Session, data: dict) -> CafeMenu:
    """The menu of a day, with its dishes (recipe ids in ``data["recipes"]``), all or nothing."""
    data = dict(data)
    recipe_ids = list(dict.fromkeys(data.pop("recipes", []) or []))
    _check_prices(data["standard_price"], data["solidarity_price"])
    if db.scalar(select(CafeMenu.id).where(CafeMenu.served_on == data["served_on"])):
        raise CafeError(_("This day already has a menu."), "served_on")
    if not recipe_ids:
        raise CafeError(_("Choose at least one dish."), "recipes")
    recipes = [chosen(db, Recipe, ident, "recipes") for ident in recipe_ids]
    menu = CafeMenu(**data)
    menu.dishes = [CafeDish(recipe=recipe) for recipe in recipes]
    db.add(menu)
    db.flush()
    return menu


def update_prices(db: Session, menu: CafeMenu, data: dict) -> None:
    """Change the day's prices, pay-what-you-can and notes (the day itself stays)."""
    _check_prices(data["standard_price"], data["solidarity_price"])
    if not data["pay_what_you_can"] and menu.meals_pay_what_you_can:
        raise CafeError(_("Meals were already counted as pay what you can on this day."),
                        "pay_what_you_can")
    for key in ("standard_price", "solidarity_price", "pay_what_you_can", "notes"):
        setattr(menu, key, data[key])
    db.flush()


def add_dish(db: Session, menu: CafeMenu, recipe_id: int) -> None:
    """Put a kitchen recipe on the menu (once)."""
    recipe = chosen(db, Recipe, recipe_id, "recipe_id")
    if any(d.recipe_id == recipe.id for d in menu.dishes):
        raise CafeError(_("This dish is already on the menu."), "recipe_id")
    menu.dishes.append(CafeDish(recipe=recipe))
    db.flush()


def remove_dish(db: Session, menu: CafeMenu, dish_id: int) -> None:
    """Take a dish off the menu; the last one stays (a menu has at least one dish)."""
    dish = next((d for d in menu.dishes if d.id == dish_id), None)
    if dish is None:
        raise CafeError(_("Choose from the list."))
    if len(menu.dishes) == 1:
        raise CafeError(_("A menu keeps at least one dish."))
    menu.dishes.remove(dish)
    db.flush()


def allergens(menu: CafeMenu) -> list[str]:
    """Every allergen of the menu's recipes, once, in the order of ``ALLERGENS``."""
    found = {code for dish in menu.dishes for code in (dish.recipe.allergens or [])}
    return [code for code in ALLERGENS if code in found]


def record_meals(db: Session, menu: CafeMenu, data: dict, *, on: date | None = None) -> None:
    """Set the meals served that day at each price (a correction replaces the counts).

    Meals are counted from the day they are served, never before; pay-what-you-can meals only
    on a day that offered it.
    """
    if menu.served_on > (on or today()):
        raise CafeError(_("Meals can be counted from the day they are served."))
    if not menu.pay_what_you_can and (data["meals_pay_what_you_can"]
                                      or data["pay_what_you_can_collected"]):
        # about the whole form: the pay-what-you-can fields are not shown on such a day
        raise CafeError(_("Pay what you can was not offered on this day."))
    for key in ("meals_standard", "meals_solidarity", "meals_pay_what_you_can",
                "pay_what_you_can_collected"):
        setattr(menu, key, data[key])
    menu.counted_at = utcnow()
    db.flush()


def add_produce(db: Session, menu: CafeMenu, data: dict) -> CafeProduce:
    """Record produce the café used that day: a garden's or a producer's must name it."""
    data = dict(data)
    if data["kg"] <= 0:
        raise CafeError(_("Enter a weight above zero."), "kg")
    if data["source"] == "garden":
        chosen(db, Garden, data.get("garden_id"), "garden_id")
    else:
        data["garden_id"] = None
    if data["source"] in FROM_PRODUCER:
        chosen(db, Producer, data.get("producer_id"), "producer_id")
    else:
        data["producer_id"] = None
    produce = CafeProduce(**data)
    menu.produce.append(produce)
    db.flush()
    return produce


def last_prices(db: Session) -> dict:
    """The prices of the latest menu, to start the next one from (none yet: empty)."""
    menu = db.scalar(select(CafeMenu).order_by(CafeMenu.served_on.desc()).limit(1))
    if menu is None:
        return {"pay_what_you_can": True}
    return {"standard_price": menu.standard_price, "solidarity_price": menu.solidarity_price,
            "pay_what_you_can": menu.pay_what_you_can}
