"""The market's tables: producers, products, order cycles, offers, orders, solidarity tiers.

Vocabulary from the Open Food Network: an *order cycle* is the period during which members can
order for a pickup at a given place and time; the products a cycle offers (OFN's incoming
exchange) are *offers*, each with the quantity the producers can supply and what is left of it.
"""

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import (Boolean, CheckConstraint, Date, ForeignKey, Index, Integer, Numeric, String,
                        Text, UniqueConstraint, text)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from core.api import Base, Person, UTCDateTime, utcnow

TIERS = ("standard", "solidarity")
ORDER_STATUSES = ("placed", "picked_up", "cancelled")
TIER_BASES = ("screening", "social_work", "request")


class Producer(Base):
    """A farm or maker the coop buys from."""

    __tablename__ = "food_security_producers"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    contact_name: Mapped[str] = mapped_column(String(200), default="")
    phone: Mapped[str] = mapped_column(String(40), default="")
    email: Mapped[str] = mapped_column(String(200), default="")
    address: Mapped[str] = mapped_column(String(300), default="")
    #: what they grow or make, in their words
    grows: Mapped[str] = mapped_column(Text, default="")
    #: counted in "paid to local producers" (the coop decides what local means)
    local: Mapped[bool] = mapped_column(Boolean, default=True)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    products: Mapped[list["Product"]] = relationship(back_populates="producer",
                                                     order_by="Product.name")


class Product(Base):
    """Something a producer sells, by unit, at the producer's price."""

    __tablename__ = "food_security_products"
    __table_args__ = (CheckConstraint("producer_price >= 0", name="price_not_negative"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    producer_id: Mapped[int] = mapped_column(ForeignKey("food_security_producers.id"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    #: the unit sold ("kg", "botte", "douzaine", "sac de 2 kg")
    unit: Mapped[str] = mapped_column(String(40))
    producer_price: Mapped[Decimal] = mapped_column(Numeric(10, 2))
    #: kilograms in one unit, for the kilograms reported to funders (unknown: not counted)
    kg_per_unit: Mapped[Decimal | None] = mapped_column(Numeric(10, 3))
    active: Mapped[bool] = mapped_column(Boolean, default=True)

    producer: Mapped[Producer] = relationship(back_populates="products")


class OrderCycle(Base):
    """A period when members order, and the pickup that follows."""

    __tablename__ = "food_security_order_cycles"
    __table_args__ = (
        CheckConstraint("closes_at > opens_at", name="closes_after_opening"),
        CheckConstraint("pickup_ends_at > pickup_starts_at", name="pickup_ends_after_start"),
        CheckConstraint("standard_percent > 0 AND solidarity_percent > 0", name="percents_positive"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    opens_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    closes_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    pickup_place: Mapped[str] = mapped_column(String(300))
    pickup_starts_at: Mapped[datetime] = mapped_column(UTCDateTime)
    pickup_ends_at: Mapped[datetime] = mapped_column(UTCDateTime)
    #: what members pay, in percent of the producer's price (above 100: the coop's costs)
    standard_percent: Mapped[int] = mapped_column(Integer, default=100)
    #: what members of the solidarity tier pay (below 100: the coop pays the difference)
    solidarity_percent: Mapped[int] = mapped_column(Integer, default=60)
    notes: Mapped[str] = mapped_column(Text, default="")
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("core_accounts.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    offers: Mapped[list["Offer"]] = relationship(back_populates="cycle", order_by="Offer.id")

    def state(self, now: datetime) -> str:
        """``upcoming``, ``open`` or ``closed`` at ``now``."""
        if now < self.opens_at:
            return "upcoming"
        return "open" if now < self.closes_at else "closed"

    def percent_for(self, tier: str) -> int:
        return self.solidarity_percent if tier == "solidarity" else self.standard_percent


class Offer(Base):
    """A product offered in a cycle: how many units the producer supplies, how many are left.

    ``remaining`` only ever changes through a conditional UPDATE (see ``market.service``), and
    the database refuses a negative value: the last unit is sold once.
    """

    __tablename__ = "food_security_offers"
    __table_args__ = (
        UniqueConstraint("cycle_id", "product_id"),
        CheckConstraint("remaining >= 0", name="remaining_not_negative"),
        CheckConstraint("remaining <= quantity", name="remaining_within_quantity"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    cycle_id: Mapped[int] = mapped_column(ForeignKey("food_security_order_cycles.id"), index=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("food_security_products.id"), index=True)
    #: the producer's price for this cycle (a later price change does not rewrite history)
    producer_price: Mapped[Decimal] = mapped_column(Numeric(10, 2))
    quantity: Mapped[int] = mapped_column(Integer)
    remaining: Mapped[int] = mapped_column(Integer)

    cycle: Mapped[OrderCycle] = relationship(back_populates="offers")
    product: Mapped[Product] = relationship(lazy="joined")


class SolidarityTier(Base):
    """A person's solidarity price tier. Market volunteers see that it exists, never ``basis``
    or ``note``: the reason (often a screen on the chart) stays with coordinators."""

    __tablename__ = "food_security_solidarity_tiers"
    __table_args__ = (
        Index("ix_food_security_solidarity_tiers_one_current", "person_id", unique=True,
              sqlite_where=text("revoked_on IS NULL"),
              postgresql_where=text("revoked_on IS NULL")),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("core_persons.id"), index=True)
    granted_on: Mapped[date] = mapped_column(Date)
    #: the date to review it with the person (None: no review planned)
    review_on: Mapped[date | None] = mapped_column(Date)
    #: the person agreed to it (the tier is never attached without their agreement)
    agreed: Mapped[bool] = mapped_column(Boolean, default=False)
    basis: Mapped[str] = mapped_column(String(20), default="request")
    note: Mapped[str] = mapped_column(Text, default="")
    granted_by_id: Mapped[int | None] = mapped_column(ForeignKey("core_accounts.id"))
    revoked_on: Mapped[date | None] = mapped_column(Date)

    person: Mapped[Person] = relationship()


class Order(Base):
    """A member's order in one cycle, at the tier they held when ordering."""

    __tablename__ = "food_security_orders"

    id: Mapped[int] = mapped_column(primary_key=True)
    cycle_id: Mapped[int] = mapped_column(ForeignKey("food_security_order_cycles.id"), index=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("core_persons.id"), index=True)
    tier: Mapped[str] = mapped_column(String(20), default="standard")
    status: Mapped[str] = mapped_column(String(20), default="placed")
    placed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    placed_by_id: Mapped[int | None] = mapped_column(ForeignKey("core_accounts.id"))
    picked_up_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    cycle: Mapped[OrderCycle] = relationship()
    person: Mapped[Person] = relationship()
    lines: Mapped[list["OrderLine"]] = relationship(back_populates="order", lazy="selectin",
                                                    order_by="OrderLine.id")

    @property
    def total(self) -> Decimal:
        """What the member pays."""
        return sum((line.amount for line in self.lines), Decimal("0.00"))


class OrderLine(Base):
    """Units of one offer in an order, with the prices of that moment."""

    __tablename__ = "food_security_order_lines"
    __table_args__ = (CheckConstraint("quantity > 0", name="quantity_positive"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("food_security_orders.id"), index=True)
    offer_id: Mapped[int] = mapped_column(ForeignKey("food_security_offers.id"), index=True)
    quantity: Mapped[int] = mapped_column(Integer)
    #: what the member pays per unit
    unit_price: Mapped[Decimal] = mapped_column(Numeric(10, 2))
    #: what the producer gets per unit
    producer_price: Mapped[Decimal] = mapped_column(Numeric(10, 2))

    order: Mapped[Order] = relationship(back_populates="lines")
    offer: Mapped[Offer] = relationship(lazy="joined")

    @property
    def amount(self) -> Decimal:
        return self.unit_price * self.quantity
