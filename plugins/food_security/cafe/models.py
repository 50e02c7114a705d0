"""Social café tables: the menu of each day, its dishes, and the produce it used.

The café serves healthy, affordable meals on the days it opens. A day's menu is made of the
collective kitchen's recipes (their allergens are read from the recipes, so a corrected recipe
corrects every menu that serves it), sold at a standard price, a solidarity price and, when the
café offers it that day, pay-what-you-can. Meals are counted per day and price, never per
person: the café keeps no names.
"""

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import (Boolean, CheckConstraint, Date, ForeignKey, Integer, Numeric, String, Text,
                        UniqueConstraint)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from core.api import Base, UTCDateTime, utcnow

from plugins.food_security.gardens.models import Garden
from plugins.food_security.kitchen.models import Recipe
from plugins.food_security.market.models import Producer

#: where the produce came from; garden and the market's producers are what funders ask about
PRODUCE_SOURCES = ("garden", "market", "producer", "donation", "store")
#: the sources that name one of the market's producers
FROM_PRODUCER = ("market", "producer")


class CafeMenu(Base):
    """The café's menu of one day, its prices and the meals served at each price."""

    __tablename__ = "food_security_cafe_menus"
    __table_args__ = (
        CheckConstraint("solidarity_price >= 0 AND solidarity_price <= standard_price",
                        name="solidarity_within_standard"),
        CheckConstraint("meals_standard >= 0 AND meals_solidarity >= 0 "
                        "AND meals_pay_what_you_can >= 0", name="meals_not_negative"),
        CheckConstraint("pay_what_you_can_collected >= 0", name="collected_not_negative"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    #: one menu a day: the database refuses a second one
    served_on: Mapped[date] = mapped_column(Date, unique=True)
    standard_price: Mapped[Decimal] = mapped_column(Numeric(8, 2))
    solidarity_price: Mapped[Decimal] = mapped_column(Numeric(8, 2))
    pay_what_you_can: Mapped[bool] = mapped_column(Boolean, default=True)
    notes: Mapped[str] = mapped_column(Text, default="")
    meals_standard: Mapped[int] = mapped_column(Integer, default=0)
    meals_solidarity: Mapped[int] = mapped_column(Integer, default=0)
    meals_pay_what_you_can: Mapped[int] = mapped_column(Integer, default=0)
    #: what the pay-what-you-can meals brought in, all together
    pay_what_you_can_collected: Mapped[Decimal] = mapped_column(Numeric(10, 2),
                                                                default=Decimal("0"))
    #: when the meals were last counted (None: not counted yet)
    counted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    dishes: Mapped[list["CafeDish"]] = relationship(back_populates="menu", order_by="CafeDish.id",
                                                    cascade="all, delete-orphan")
    produce: Mapped[list["CafeProduce"]] = relationship(back_populates="menu",
                                                        order_by="CafeProduce.id",
                                                        cascade="all, delete-orphan")

    @property
    def meals(self) -> int:
        return self.meals_standard + self.meals_solidarity + self.meals_pay_what_you_can


class CafeDish(Base):
    """A kitchen recipe on a day's menu."""

    __tablename__ = "food_security_cafe_dishes"
    __table_args__ = (UniqueConstraint("menu_id", "recipe_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    menu_id: Mapped[int] = mapped_column(ForeignKey("food_security_cafe_menus.id"), index=True)
    recipe_id: Mapped[int] = mapped_column(ForeignKey("food_security_recipes.id"), index=True)

    menu: Mapped[CafeMenu] = relationship(back_populates="dishes")
    recipe: Mapped[Recipe] = relationship(lazy="joined")


class CafeProduce(Base):
    """Produce the café cooked with on a day, by source and weight."""

    __tablename__ = "food_security_cafe_produce"
    __table_args__ = (
        CheckConstraint("kg > 0", name="kg_positive"),
        CheckConstraint("source <> 'garden' OR garden_id IS NOT NULL", name="garden_named"),
        CheckConstraint("source NOT IN ('market', 'producer') OR producer_id IS NOT NULL",
                        name="producer_named"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    menu_id: Mapped[int] = mapped_column(ForeignKey("food_security_cafe_menus.id"), index=True)
    source: Mapped[str] = mapped_column(String(20))
    garden_id: Mapped[int | None] = mapped_column(ForeignKey("food_security_gardens.id"))
    producer_id: Mapped[int | None] = mapped_column(ForeignKey("food_security_producers.id"))
    description: Mapped[str] = mapped_column(String(300))
    kg: Mapped[Decimal] = mapped_column(Numeric(8, 2))

    menu: Mapped[CafeMenu] = relationship(back_populates="produce")
    garden: Mapped[Garden | None] = relationship()
    producer: Mapped[Producer | None] = relationship()
