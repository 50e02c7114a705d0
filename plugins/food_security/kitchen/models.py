"""Collective kitchen tables: groups, sessions, recipes, purchases and portions taken home.

The RCCQ model: a small group (3 people at least, 4 to 8 usually) pools time, money and skills
to plan, buy, cook and evaluate dishes its members take home. The cost per portion is the cost
of what was bought divided by the portions cooked.
"""

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import (Boolean, CheckConstraint, Date, ForeignKey, Integer, Numeric, String, Text,
                        UniqueConstraint)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from core.api import Base, JSONType, Person, UTCDateTime, utcnow

THEMES = ("multicultural", "vegetarian", "baby_food", "health", "budget", "batch", "other")
SESSION_STATUSES = ("planned", "done", "cancelled")
PURCHASE_SOURCES = ("market", "producer", "donation", "store")
#: Health Canada's priority food allergens (and gluten), as codes
ALLERGENS = ("peanuts", "tree_nuts", "sesame", "milk", "eggs", "fish", "shellfish", "soy",
             "wheat", "gluten", "mustard", "sulphites")


class KitchenGroup(Base):
    """A collective kitchen group and its theme."""

    __tablename__ = "food_security_kitchen_groups"
    __table_args__ = (CheckConstraint("capacity >= 3", name="capacity_at_least_three"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    theme: Mapped[str] = mapped_column(String(30), default="other")
    description: Mapped[str] = mapped_column(Text, default="")
    place: Mapped[str] = mapped_column(String(200), default="")
    capacity: Mapped[int] = mapped_column(Integer, default=8)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    members: Mapped[list["KitchenMember"]] = relationship(back_populates="group",
                                                          order_by="KitchenMember.id")
    sessions: Mapped[list["KitchenSession"]] = relationship(back_populates="group",
                                                            order_by="KitchenSession.starts_at")


class KitchenMember(Base):
    """Someone who cooks with a group; the portions they need follow their household's size."""

    __tablename__ = "food_security_kitchen_members"
    __table_args__ = (UniqueConstraint("group_id", "person_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    group_id: Mapped[int] = mapped_column(ForeignKey("food_security_kitchen_groups.id"), index=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("core_persons.id"), index=True)
    joined_on: Mapped[date] = mapped_column(Date)
    #: people fed at home (portions taken home usually follow it)
    household_size: Mapped[int] = mapped_column(Integer, default=1)

    group: Mapped[KitchenGroup] = relationship(back_populates="members")
    person: Mapped[Person] = relationship()


class KitchenSession(Base):
    """A cooking session of a group.

    ``calendar_ref`` names the coop calendar's group session (``calendar.put_in_calendar``),
    where the room is booked and the members are seated; a session recorded after the fact
    (already past) has none.
    """

    __tablename__ = "food_security_kitchen_sessions"
    __table_args__ = (CheckConstraint("ends_at > starts_at", name="ends_after_start"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    group_id: Mapped[int] = mapped_column(ForeignKey("food_security_kitchen_groups.id"), index=True)
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    ends_at: Mapped[datetime] = mapped_column(UTCDateTime)
    place: Mapped[str] = mapped_column(String(200), default="")
    animator: Mapped[str] = mapped_column(String(200), default="")
    status: Mapped[str] = mapped_column(String(20), default="planned")
    #: the group's evaluation (the fourth step of the RCCQ model)
    evaluation: Mapped[str] = mapped_column(Text, default="")
    calendar_ref: Mapped[int | None] = mapped_column(Integer)

    group: Mapped[KitchenGroup] = relationship(back_populates="sessions")
    dishes: Mapped[list["SessionRecipe"]] = relationship(back_populates="session",
                                                         order_by="SessionRecipe.id")
    purchases: Mapped[list["KitchenPurchase"]] = relationship(back_populates="session",
                                                              order_by="KitchenPurchase.id")
    participants: Mapped[list["KitchenParticipation"]] = relationship(
        back_populates="session", order_by="KitchenParticipation.id")


class Recipe(Base):
    """A recipe the groups cook: ingredients, yield in portions, allergens."""

    __tablename__ = "food_security_recipes"
    __table_args__ = (CheckConstraint("yield_portions > 0", name="yield_positive"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    yield_portions: Mapped[int] = mapped_column(Integer)
    #: codes from ``ALLERGENS``
    allergens: Mapped[list] = mapped_column(JSONType, default=list)
    instructions: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    ingredients: Mapped[list["RecipeIngredient"]] = relationship(
        back_populates="recipe", order_by="RecipeIngredient.id", cascade="all, delete-orphan")


class RecipeIngredient(Base):
    __tablename__ = "food_security_recipe_ingredients"

    id: Mapped[int] = mapped_column(primary_key=True)
    recipe_id: Mapped[int] = mapped_column(ForeignKey("food_security_recipes.id"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    quantity: Mapped[Decimal | None] = mapped_column(Numeric(10, 3))
    unit: Mapped[str] = mapped_column(String(40), default="")

    recipe: Mapped[Recipe] = relationship(back_populates="ingredients")


class SessionRecipe(Base):
    """A recipe cooked in a session, possibly in several batches."""

    __tablename__ = "food_security_session_recipes"
    __table_args__ = (UniqueConstraint("session_id", "recipe_id"),
                      CheckConstraint("batches > 0", name="batches_positive"))

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("food_security_kitchen_sessions.id"),
                                            index=True)
    recipe_id: Mapped[int] = mapped_column(ForeignKey("food_security_recipes.id"), index=True)
    batches: Mapped[int] = mapped_column(Integer, default=1)

    session: Mapped[KitchenSession] = relationship(back_populates="dishes")
    recipe: Mapped[Recipe] = relationship(lazy="joined")

    @property
    def portions(self) -> int:
        return self.recipe.yield_portions * self.batches


class KitchenPurchase(Base):
    """What the group bought (or received) for a session."""

    __tablename__ = "food_security_kitchen_purchases"
    __table_args__ = (CheckConstraint("cost >= 0", name="cost_not_negative"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("food_security_kitchen_sessions.id"),
                                            index=True)
    source: Mapped[str] = mapped_column(String(20))
    #: the market's producer, when bought from one (directly or through the market)
    producer_id: Mapped[int | None] = mapped_column(ForeignKey("food_security_producers.id"))
    description: Mapped[str] = mapped_column(String(300))
    #: what it cost the group (0 for a donation)
    cost: Mapped[Decimal] = mapped_column(Numeric(10, 2), default=Decimal("0"))
    kg: Mapped[Decimal | None] = mapped_column(Numeric(10, 2))

    session: Mapped[KitchenSession] = relationship(back_populates="purchases")


class KitchenParticipation(Base):
    """A person who cooked in a session and the portions they took home."""

    __tablename__ = "food_security_kitchen_participations"
    __table_args__ = (UniqueConstraint("session_id", "person_id"),
                      CheckConstraint("portions >= 0", name="portions_not_negative"))

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("food_security_kitchen_sessions.id"),
                                            index=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("core_persons.id"), index=True)
    portions: Mapped[int] = mapped_column(Integer, default=0)
    #: what they paid toward the session
    contribution: Mapped[Decimal] = mapped_column(Numeric(10, 2), default=Decimal("0"))

    session: Mapped[KitchenSession] = relationship(back_populates="participants")
    person: Mapped[Person] = relationship()
