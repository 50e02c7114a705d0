"""What the market's forms accept (translated messages, nothing written on error)."""

from __future__ import annotations

from plugins.food_security import _
from plugins.food_security.fields import FormSchema, amount, choice, day, flag, moment, text, whole
from plugins.food_security.market.models import TIER_BASES


class ProducerSchema(FormSchema):
    name = text(_("Farm or business name"), required=True)
    contact_name = text(_("Contact person"))
    phone = text(_("Phone"), max_length=40)
    email = text(_("E-mail"))
    address = text(_("Address"), max_length=300)
    grows = text(_("What they grow or make"), max_length=2000)
    local = flag(_("Local producer"))
    active = flag(_("Still selling to the coop"))


class ProductSchema(FormSchema):
    name = text(_("Product"), required=True)
    unit = text(_("Unit sold"), required=True, max_length=40)
    producer_price = amount(_("Producer's price per unit"), required=True)
    kg_per_unit = amount(_("Kilograms per unit"), places=3, high=1000)
    active = flag(_("Available"))


class CycleSchema(FormSchema):
    name = text(_("Name"), required=True)
    opens_at = moment(_("Orders open"), required=True)
    closes_at = moment(_("Orders close"), required=True)
    pickup_place = text(_("Pickup place"), required=True, max_length=300)
    pickup_starts_at = moment(_("Pickup starts"), required=True)
    pickup_ends_at = moment(_("Pickup ends"), required=True)
    standard_percent = whole(_("Standard price (percent of the producer's price)"), 1, 300,
                             default=100)
    solidarity_percent = whole(_("Solidarity price (percent of the producer's price)"), 1, 300,
                               default=60)
    notes = text(_("Notes"), max_length=2000)


class OfferSchema(FormSchema):
    product_id = whole(_("Product"), 1, 10**9, required=True)
    quantity = whole(_("Units available"), 1, 100000, required=True)


class QuantitySchema(FormSchema):
    quantity = whole(_("Units available"), 0, 100000, required=True)


class TierSchema(FormSchema):
    person = whole(_("Person"), 1, 10**9, required=True)
    agreed = flag(_("The person agrees to the solidarity tier"))
    basis = choice(_("Why (seen by coordinators only)"), TIER_BASES, default="request")
    review_on = day(_("Review with the person on"))
    note = text(_("Note (coordinators only)"), max_length=2000)


def quantities(form) -> dict[int, int]:
    """``qty-<offer id>`` fields of an order form as ``{offer id: units}`` (blanks ignored).

    Anything that is not a whole number is refused with the offer's field named.
    """
    from core.api import row_id

    from plugins.food_security.fields import ActionRefused

    wanted = {}
    for key, value in form.items():
        if not key.startswith("qty-") or not value.strip():
            continue
        offer_id, text = row_id(key[4:]), value.strip()
        # a count of units, not an id: "0" (or "00") is a whole number that orders nothing
        units = 0 if text.isascii() and text.isdigit() and not text.strip("0") else row_id(text)
        if offer_id is None or units is None:
            raise ActionRefused(_("Enter a whole number."), key)
        if units:
            wanted[offer_id] = units
    return wanted
