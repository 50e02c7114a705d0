"""The market's rules: prices by tier, order cycles, orders that never oversell, pickup.

Every function works inside the caller's transaction and never commits: the view (or job, or
test) commits once, or rolls everything back when a :class:`MarketError` is raised.

The one rule that must hold under concurrency — an order is placed only while its cycle is
open and only for units that are left — is decided by the database: ``remaining`` is lowered
by one conditional ``UPDATE ... WHERE remaining >= qty AND <cycle open>``, which only one of
two simultaneous buyers of the last unit can satisfy (PostgreSQL re-checks the condition on the
row it waited for; SQLite serialises writers with BEGIN IMMEDIATE). A CHECK constraint refuses
a negative ``remaining`` as a last guard.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from core.api import Person, today as coop_today, utcnow

from plugins.food_security import _
from plugins.food_security.fields import ActionRefused
from plugins.food_security.market.models import (Offer, Order, OrderCycle, OrderLine, Producer,
                                                 Product, SolidarityTier)

CENT = Decimal("0.01")


class MarketError(ActionRefused):
    """A rule of this activity refused the action (nothing is kept)."""


def member_price(producer_price: Decimal, percent: int) -> Decimal:
    """What a member pays for a unit: ``percent`` of the producer's price, to the cent."""
    return (Decimal(producer_price) * percent / 100).quantize(CENT, rounding=ROUND_HALF_UP)


# --- producers and products ---------------------------------------------------------------------


def save_producer(db: Session, data: dict, producer: Producer | None = None) -> Producer:
    """Create a producer, or update ``producer`` with ``data``."""
    producer = producer or Producer()
    for key, value in data.items():
        setattr(producer, key, value)
    db.add(producer)
    db.flush()
    return producer


def save_product(db: Session, producer: Producer, data: dict,
                 product: Product | None = None) -> Product:
    """Create or update one of ``producer``'s products. Open offers keep their price."""
    product = product or Product(producer=producer)
    for key, value in data.items():
        setattr(product, key, value)
    db.add(product)
    db.flush()
    return product


# --- order cycles ---------------------------------------------------------------------------


def create_cycle(db: Session, data: dict, by=None) -> OrderCycle:
    """Plan an order cycle; it closes after it opens and pickup comes after it closes."""
    if data["closes_at"] <= data["opens_at"]:
        raise MarketError(_("The cycle must close after it opens."), "closes_at")
    if data["pickup_starts_at"] < data["closes_at"]:
        raise MarketError(_("Pickup starts once orders are closed."), "pickup_starts_at")
    if data["pickup_ends_at"] <= data["pickup_starts_at"]:
        raise MarketError(_("Pickup must end after it starts."), "pickup_ends_at")
    cycle = OrderCycle(**data, created_by_id=by.id if by is not None else None)
    db.add(cycle)
    db.flush()
    return cycle


def add_offer(db: Session, cycle: OrderCycle, product: Product, quantity: int,
              now: datetime | None = None) -> Offer:
    """Offer ``quantity`` units of ``product`` in a cycle that has not closed yet."""
    if cycle.state(now or utcnow()) == "closed":
        raise MarketError(_("This order cycle is closed."))
    if db.scalar(select(Offer.id).where(Offer.cycle_id == cycle.id,
                                        Offer.product_id == product.id)):
        raise MarketError(_("This product is already offered in this cycle."), "product_id")
    offer = Offer(cycle=cycle, product=product, producer_price=product.producer_price,
                  quantity=quantity, remaining=quantity)
    db.add(offer)
    db.flush()
    return offer


def change_quantity(db: Session, offer: Offer, quantity: int) -> None:
    """Change what the producer supplies; never below what members already ordered."""
    delta = quantity - offer.quantity
    done = db.execute(update(Offer).where(Offer.id == offer.id, Offer.remaining + delta >= 0)
                      .values(quantity=quantity, remaining=Offer.remaining + delta)
                      .execution_options(synchronize_session=False))
    if done.rowcount != 1:
        raise MarketError(_("Members already ordered more than that."), "quantity")
    db.expire(offer)


def open_cycles(db: Session, now: datetime | None = None) -> list[OrderCycle]:
    """Cycles accepting orders right now, closing soonest first."""
    now = now or utcnow()
    return list(db.scalars(select(OrderCycle).where(OrderCycle.opens_at <= now,
                                                    OrderCycle.closes_at > now)
                           .order_by(OrderCycle.closes_at)))


# --- solidarity tier ------------------------------------------------------------------------


def current_tier(db: Session, person_id: int) -> SolidarityTier | None:
    """The person's solidarity tier in force (not revoked), if any."""
    return db.scalar(select(SolidarityTier).where(SolidarityTier.person_id == person_id,
                                                  SolidarityTier.revoked_on.is_(None)))


def tier_of(db: Session, person_id: int) -> str:
    """``solidarity`` or ``standard``: all a market volunteer ever learns."""
    return "solidarity" if current_tier(db, person_id) is not None else "standard"


def grant_tier(db: Session, person: Person, data: dict, by=None) -> SolidarityTier:
    """Attach the solidarity tier to ``person``; only with their recorded agreement."""
    if not data.get("agreed"):
        raise MarketError(_("The person must agree to the solidarity tier."), "agreed")
    if current_tier(db, person.id) is not None:
        raise MarketError(_("This person already has the solidarity tier."), "person_id")
    tier = SolidarityTier(person_id=person.id, granted_on=data.get("granted_on") or coop_today(),
                          review_on=data.get("review_on"), agreed=True,
                          basis=data.get("basis") or "request", note=data.get("note", ""),
                          granted_by_id=by.id if by is not None else None)
    db.add(tier)
    db.flush()
    return tier


def revoke_tier(db: Session, tier: SolidarityTier, on: date | None = None) -> None:
    """End a solidarity tier (orders already placed keep their price)."""
    tier.revoked_on = on or coop_today()
    db.flush()


# --- orders ---------------------------------------------------------------------------------


def place_order(db: Session, cycle_id: int, person_id: int, quantities: dict[int, int],
                by=None, now: datetime | None = None) -> Order:
    """Place an order of ``{offer id: units}`` for a person, at the tier they hold now.

    Raises :class:`MarketError` (nothing to keep: the caller rolls back) when the cycle is not
    open, an offer is not part of it, or fewer units are left than asked.
    """
    now = now or utcnow()
    wanted = {int(k): int(v) for k, v in quantities.items() if v}
    if any(q < 0 for q in wanted.values()):
        raise MarketError(_("Quantities cannot be negative."))
    if not wanted:
        raise MarketError(_("Choose at least one product."))
    cycle = db.get(OrderCycle, cycle_id)
    if cycle is None or cycle.state(now) != "open":
        raise MarketError(_("This order cycle is not open for orders."))
    offers = {o.id: o for o in db.scalars(select(Offer).where(Offer.id.in_(wanted),
                                                              Offer.cycle_id == cycle.id))}
    if set(offers) != set(wanted):
        raise MarketError(_("A product chosen is not offered in this cycle."))
    tier = tier_of(db, person_id)
    percent = cycle.percent_for(tier)
    order = Order(cycle_id=cycle.id, person_id=person_id, tier=tier, placed_at=now,
                  placed_by_id=by.id if by is not None else None)
    db.add(order)
    open_now = select(OrderCycle.id).where(OrderCycle.opens_at <= now, OrderCycle.closes_at > now)
    # always in the same order, so two orders never wait on each other's rows (no deadlock)
    for offer_id in sorted(wanted):
        units, offer = wanted[offer_id], offers[offer_id]
        taken = db.execute(update(Offer).where(
            Offer.id == offer_id, Offer.remaining >= units, Offer.cycle_id.in_(open_now))
            .values(remaining=Offer.remaining - units)
            .execution_options(synchronize_session=False))
        if taken.rowcount != 1:
            _refuse(db, offer, now)
        order.lines.append(OrderLine(offer_id=offer_id, quantity=units,
                                     unit_price=member_price(offer.producer_price, percent),
                                     producer_price=offer.producer_price))
    db.flush()
    for offer in offers.values():
        db.expire(offer, ["remaining"])
    return order


def _refuse(db: Session, offer: Offer, now: datetime):
    """Say why the conditional update took nothing: the cycle closed, or too few units left."""
    left = db.scalar(select(Offer.remaining).where(Offer.id == offer.id))
    closes_at = db.scalar(select(OrderCycle.closes_at).where(OrderCycle.id == offer.cycle_id))
    if closes_at <= now:
        raise MarketError(_("This order cycle is not open for orders."))
    message = (_("%(product)s is sold out.", product=offer.product.name) if not left else
               _("Only %(n)s left of %(product)s.", n=left, product=offer.product.name))
    raise MarketError(message, f"qty-{offer.id}")


def cancel_order(db: Session, order: Order, now: datetime | None = None) -> None:
    """Cancel an order while its cycle is open; its units go back on offer."""
    now = now or utcnow()
    if order.status != "placed" or order.cycle.state(now) != "open":
        raise MarketError(_("Only an order of an open cycle can be cancelled."))
    # conditional, like ordering: of two cancellations at once (member and volunteer) only one
    # gives the units back
    done = db.execute(update(Order).where(Order.id == order.id, Order.status == "placed")
                      .values(status="cancelled").execution_options(synchronize_session=False))
    if done.rowcount != 1:
        raise MarketError(_("Only an order of an open cycle can be cancelled."))
    for line in order.lines:
        db.execute(update(Offer).where(Offer.id == line.offer_id)
                   .values(remaining=Offer.remaining + line.quantity)
                   .execution_options(synchronize_session=False))
        db.expire(line.offer, ["remaining"])
    db.expire(order, ["status"])
    db.flush()


def mark_picked_up(db: Session, order: Order, now: datetime | None = None) -> None:
    """Record that the member collected their order."""
    if order.status == "cancelled":
        raise MarketError(_("This order was cancelled."))
    order.status, order.picked_up_at = "picked_up", now or utcnow()
    db.flush()


def orders_of(db: Session, cycle: OrderCycle, person_id: int | None = None) -> list[Order]:
    """Orders of a cycle not cancelled (one person's when given), by name then time."""
    stmt = (select(Order).join(Person, Person.id == Order.person_id)
            .where(Order.cycle_id == cycle.id, Order.status != "cancelled"))
    if person_id is not None:
        stmt = stmt.where(Order.person_id == person_id)
    return list(db.scalars(stmt.order_by(Person.last_name, Person.first_name, Order.placed_at)))


def producer_summary(db: Session, cycle: OrderCycle) -> list[dict]:
    """What to pay whom for a cycle: per producer, the units of each product and the amount."""
    rows = db.execute(
        select(Producer, Product, OrderLine.quantity, OrderLine.producer_price)
        .join(Order, Order.id == OrderLine.order_id).join(Offer, Offer.id == OrderLine.offer_id)
        .join(Product, Product.id == Offer.product_id).join(Producer)
        .where(Order.cycle_id == cycle.id, Order.status != "cancelled")
        .order_by(Producer.name, Product.name))
    summary: dict[int, dict] = {}
    for producer, product, quantity, price in rows:
        entry = summary.setdefault(producer.id, {"producer": producer, "lines": {},
                                                 "total": Decimal("0.00")})
        line = entry["lines"].setdefault(product.id, {"product": product, "quantity": 0,
                                                      "price": price, "amount": Decimal("0.00")})
        line["quantity"] += quantity
        line["amount"] += price * quantity
        entry["total"] += price * quantity
    return [{**e, "lines": list(e["lines"].values())} for e in summary.values()]
