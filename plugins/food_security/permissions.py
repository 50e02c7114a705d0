"""Who does what in the food programs: coordinators and trained volunteers, none clinical.

Each activity has a coordinator permission (set things up) and a volunteer permission (run the
day). Core's ``coordinator`` and ``volunteer`` roles get them too, so a small coop need not
create the finer roles. The solidarity tier's *reason* sits behind its own permission, which no
volunteer role holds: at the counter a volunteer sees "solidarity price", never why.
"""

from __future__ import annotations

from core.api import PermissionSpec, RoleSpec

from plugins.food_security import _

MARKET_MANAGE = "food_security.market.manage"
MARKET_SERVE = "food_security.market.serve"
TIERS_MANAGE = "food_security.tiers.manage"
KITCHEN_MANAGE = "food_security.kitchen.manage"
KITCHEN_RUN = "food_security.kitchen.run"
GARDENS_MANAGE = "food_security.gardens.manage"
GARDENS_HELP = "food_security.gardens.help"
CAFE_MANAGE = "food_security.cafe.manage"
CAFE_SERVE = "food_security.cafe.serve"
REPORTS_VIEW = "food_security.reports.view"

MARKET_COORDINATOR = "food_security.market_coordinator"
MARKET_VOLUNTEER = "food_security.market_volunteer"
KITCHEN_COORDINATOR = "food_security.kitchen_coordinator"
KITCHEN_VOLUNTEER = "food_security.kitchen_volunteer"
GARDEN_COORDINATOR = "food_security.garden_coordinator"
GARDEN_VOLUNTEER = "food_security.garden_volunteer"
CAFE_COORDINATOR = "food_security.cafe_coordinator"
CAFE_VOLUNTEER = "food_security.cafe_volunteer"

_LEADS = ("admin", "coordinator")
_COORDINATORS = (MARKET_COORDINATOR, KITCHEN_COORDINATOR, GARDEN_COORDINATOR, CAFE_COORDINATOR)


def roles() -> list[RoleSpec]:
    """The program's roles; ``clinical`` stays False for every one of them."""
    return [
        RoleSpec(MARKET_COORDINATOR, _("Market coordinator"),
                 _("Plans order cycles, deals with producers, attaches the solidarity tier.")),
        RoleSpec(MARKET_VOLUNTEER, _("Market volunteer"),
                 _("Takes members' orders and hands out the pickup; sees the tier, not why.")),
        RoleSpec(KITCHEN_COORDINATOR, _("Collective kitchen coordinator"),
                 _("Runs the groups, their sessions and recipes.")),
        RoleSpec(KITCHEN_VOLUNTEER, _("Collective kitchen facilitator"),
                 _("Records purchases, participants and portions of a session.")),
        RoleSpec(GARDEN_COORDINATOR, _("Community garden coordinator"),
                 _("Allocates plots, keeps the waiting list and the seasons.")),
        RoleSpec(GARDEN_VOLUNTEER, _("Community garden volunteer"),
                 _("Lends tools, keeps chore shifts and the harvest log.")),
        RoleSpec(CAFE_COORDINATOR, _("Social café coordinator"),
                 _("Sets the menu of the day and its prices, counts the meals served.")),
        RoleSpec(CAFE_VOLUNTEER, _("Social café volunteer"),
                 _("Counts the meals served and records the produce used.")),
    ]


def permissions() -> list[PermissionSpec]:
    """The program's permissions and the roles that get them on a new installation."""
    return [
        PermissionSpec(MARKET_MANAGE, _("Manage the market: producers, products, order cycles"),
                       default_roles=(*_LEADS, MARKET_COORDINATOR)),
        PermissionSpec(MARKET_SERVE, _("Take market orders and hand out the pickup"),
                       default_roles=(*_LEADS, "volunteer", MARKET_COORDINATOR,
                                      MARKET_VOLUNTEER)),
        PermissionSpec(TIERS_MANAGE, _("Attach the solidarity tier and see its reason"),
                       default_roles=(*_LEADS, MARKET_COORDINATOR)),
        PermissionSpec(KITCHEN_MANAGE, _("Manage collective kitchen groups and recipes"),
                       default_roles=(*_LEADS, KITCHEN_COORDINATOR)),
        PermissionSpec(KITCHEN_RUN, _("Record collective kitchen sessions"),
                       default_roles=(*_LEADS, "volunteer", KITCHEN_COORDINATOR,
                                      KITCHEN_VOLUNTEER)),
        PermissionSpec(GARDENS_MANAGE, _("Manage community gardens, plots and the waiting list"),
                       default_roles=(*_LEADS, GARDEN_COORDINATOR)),
        PermissionSpec(GARDENS_HELP, _("Lend garden tools, keep chores and harvests"),
                       default_roles=(*_LEADS, "volunteer", GARDEN_COORDINATOR,
                                      GARDEN_VOLUNTEER)),
        PermissionSpec(CAFE_MANAGE, _("Set the social café's menus and prices"),
                       default_roles=(*_LEADS, CAFE_COORDINATOR)),
        PermissionSpec(CAFE_SERVE, _("Count the café's meals and record the produce used"),
                       default_roles=(*_LEADS, "volunteer", CAFE_COORDINATOR, CAFE_VOLUNTEER)),
        PermissionSpec(REPORTS_VIEW, _("View food security reports"),
                       default_roles=(*_LEADS, *_COORDINATORS)),
    ]
