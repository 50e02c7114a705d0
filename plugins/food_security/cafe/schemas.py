"""What the social café's forms accept."""

from __future__ import annotations

from marshmallow import fields

from plugins.food_security import _
from plugins.food_security.cafe.models import PRODUCE_SOURCES
from plugins.food_security.fields import (REQUIRED, FormSchema, amount, choice, day, flag, text,
                                          whole)

#: more meals than this in one day at one price is a typing mistake, not a busy day
MAX_MEALS = 2000


class MenuSchema(FormSchema):
    served_on = day(_("Day"), required=True)
    standard_price = amount(_("Standard price"), required=True, high=1000)
    solidarity_price = amount(_("Solidarity price"), required=True, high=1000)
    pay_what_you_can = flag(_("Pay what you can is offered"))
    #: recipe ids as typed; the service refuses one that names no recipe (``chosen``)
    recipes = fields.List(fields.String(), load_default=list, metadata={"label": _("Dishes")})
    notes = text(_("Notes"), max_length=2000)


class DishSchema(FormSchema):
    recipe_id = whole(_("Recipe"), 1, 10**9, required=True)


class CountSchema(FormSchema):
    meals_standard = whole(_("Meals at the standard price"), 0, MAX_MEALS, default=0)
    meals_solidarity = whole(_("Meals at the solidarity price"), 0, MAX_MEALS, default=0)
    meals_pay_what_you_can = whole(_("Meals paid what people could"), 0, MAX_MEALS, default=0)
    pay_what_you_can_collected = amount(_("Collected for pay-what-you-can meals"), default=0,
                                        high=100000)


def clock(label, *, required=False):
    """A time of day typed in a form (HH:MM), the coop's local time."""
    return fields.Time(**({"required": True} if required else {"load_default": None}),
                       error_messages={**REQUIRED, "invalid": _("Enter a time as HH:MM.")},
                       metadata={"label": label})


class ShiftSchema(FormSchema):
    title = text(_("Shift"), required=True)
    starts_at = clock(_("From"), required=True)
    ends_at = clock(_("To"), required=True)
    needed = whole(_("People needed"), 1, 500, default=1)
    place = text(_("Place"), max_length=300)


class ProduceSchema(FormSchema):
    source = choice(_("Where it comes from"), PRODUCE_SOURCES, required=True)
    garden_id = whole(_("Garden"), 1, 10**9)
    producer_id = whole(_("Producer"), 1, 10**9)
    description = text(_("What"), required=True, max_length=300)
    kg = amount(_("Kilograms"), required=True, high=10000)
