"""What the collective kitchen's forms accept."""

from __future__ import annotations

from marshmallow import fields, validate

from plugins.food_security import _
from plugins.food_security.fields import FormSchema, amount, choice, moment, text, whole
from plugins.food_security.kitchen.models import ALLERGENS, PURCHASE_SOURCES, THEMES


class GroupSchema(FormSchema):
    name = text(_("Group name"), required=True)
    theme = choice(_("Theme"), THEMES, default="other")
    description = text(_("Description"), max_length=2000)
    place = text(_("Usual place"))
    capacity = whole(_("Places"), 3, 30, default=8)


class MemberSchema(FormSchema):
    person = whole(_("Person"), 1, 10**9, required=True)
    household_size = whole(_("People fed at home"), 1, 20, default=1)


class SessionSchema(FormSchema):
    starts_at = moment(_("Starts"), required=True)
    place = text(_("Place"))
    animator = text(_("Facilitator"))


class RecipeSchema(FormSchema):
    name = text(_("Recipe"), required=True)
    yield_portions = whole(_("Yield (portions)"), 1, 1000, required=True)
    allergens = fields.List(fields.String(validate=validate.OneOf(
        ALLERGENS, error=_("Choose only from the list."))), load_default=list,
        metadata={"label": _("Allergens")})
    ingredients = text(_("Ingredients, one per line"), max_length=5000)
    instructions = text(_("Instructions"), max_length=10000)


class DishSchema(FormSchema):
    recipe_id = whole(_("Recipe"), 1, 10**9, required=True)
    batches = whole(_("Batches"), 1, 50, default=1)


class PurchaseSchema(FormSchema):
    source = choice(_("Where it comes from"), PURCHASE_SOURCES, required=True)
    producer_id = whole(_("Producer"), 1, 10**9)
    description = text(_("What"), required=True, max_length=300)
    cost = amount(_("Cost"), default=0)
    kg = amount(_("Kilograms"))


class ParticipationSchema(FormSchema):
    person = whole(_("Person"), 1, 10**9, required=True)
    portions = whole(_("Portions taken home"), 0, 200, required=True)
    contribution = amount(_("Contribution paid"), default=0)


class CloseSchema(FormSchema):
    evaluation = text(_("The group's evaluation"), max_length=5000)
