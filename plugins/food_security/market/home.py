"""The member's market orders on their home (their portal, or a staff home): what they
ordered, what they pay, and when and where to pick it up.

The pickup is a few days after the order, and nothing reminded the member of it short of
opening the shop again. An order leaves the home once picked up, cancelled, or once its pickup
is over.
"""

from __future__ import annotations

from flask import url_for
from sqlalchemy import select

from core.api import PanelSpec, current_session, format_moment, utcnow

from plugins.food_security import _, ngettext
from plugins.food_security.market.models import Order, OrderCycle


def coming_orders(session, person_id: int) -> list[Order]:
    """The person's placed orders whose pickup is not over, soonest pickup first."""
    return list(session.scalars(
        select(Order).join(OrderCycle, OrderCycle.id == Order.cycle_id)
        .where(Order.person_id == person_id, Order.status == "placed",
               OrderCycle.pickup_ends_at > utcnow())
        .order_by(OrderCycle.pickup_starts_at, Order.id)))


def home_section(viewer) -> list[PanelSpec]:
    """"My market order": its lines, its total, the pickup's time and place."""
    if viewer is None or viewer.person_id is None:
        return []
    orders = coming_orders(current_session(), viewer.person_id)
    if not orders:
        return []
    return [PanelSpec("food_security.my_orders",
                      ngettext("My market order", "My market orders (%(num)s)", len(orders)),
                      template="food_security/market/_home_orders.html",
                      # the pickup in this plugin's words (the panel's template is drawn by
                      # core's home page, whose ``_`` knows core's catalog only)
                      data={"orders": [(o, _("Pickup: %(place)s, %(start)s.",
                                             place=o.cycle.pickup_place,
                                             start=format_moment(o.cycle.pickup_starts_at,
                                                                 "full"))) for o in orders],
                            "more": (_("Order from the market"),
                                     url_for("food_security.market.shop"))})]
