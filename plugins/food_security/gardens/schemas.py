"""What the community gardens' forms accept."""

from __future__ import annotations

from plugins.food_security import _
from plugins.food_security.fields import FormSchema, amount, choice, day, flag, moment, text, whole
from plugins.food_security.gardens.models import PLOT_KINDS


class GardenSchema(FormSchema):
    name = text(_("Garden name"), required=True)
    address = text(_("Address"), max_length=300)
    raised_only = flag(_("Contaminated soil: raised beds only"))
    notes = text(_("Notes"), max_length=2000)


class PlotSchema(FormSchema):
    code = text(_("Plot number"), required=True, max_length=20)
    kind = choice(_("Kind of plot"), PLOT_KINDS, default="full")
    size_m2 = amount(_("Size (m²)"), required=True, high=500)


class SeasonSchema(FormSchema):
    year = whole(_("Year"), 2000, 2100, required=True)
    starts_on = day(_("Season starts"), required=True)
    ends_on = day(_("Season ends"), required=True)
    planting_deadline = day(_("Planted by"), required=True)


class AllocationSchema(FormSchema):
    person = whole(_("Gardener"), 1, 10**9, required=True)
    co_gardener = whole(_("Co-gardener"), 1, 10**9)


class WaitlistSchema(FormSchema):
    person = whole(_("Person"), 1, 10**9, required=True)
    garden_id = whole(_("Garden wished"), 1, 10**9)
    kind = choice(_("Kind of plot wished"), ("any", *PLOT_KINDS), default="any")
    registered_on = day(_("Registered on"))
    resident = flag(_("Lives in the coop's territory"))
    notes = text(_("Notes"), max_length=2000)


class ToolSchema(FormSchema):
    name = text(_("Tool"), required=True)


class LoanSchema(FormSchema):
    person = whole(_("Borrower"), 1, 10**9, required=True)
    due_on = day(_("Back by"))


class ShiftSchema(FormSchema):
    title = text(_("Chore"), required=True)
    starts_at = moment(_("Starts"), required=True)
    ends_at = moment(_("Ends"), required=True)


class HarvestSchema(FormSchema):
    logged_on = day(_("Date"), required=True)
    kg_grown = amount(_("Kilograms harvested"), required=True, high=10000)
    kg_donated = amount(_("Kilograms given away"), default=0, high=10000)
