"""Community garden tables, after Montreal's conventions.

Plots (*jardinets*) are 3 m × 6 m, half plots 3 m × 3 m; raised beds where the soil is
contaminated; children's plots for families. A season runs roughly May to October; a plot not
planted by the deadline (1 June) is reallocated; one plot per household (civic address), with
at most one registered co-gardener.
"""

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import (Boolean, CheckConstraint, Date, ForeignKey, Index, Integer, Numeric, String,
                        Text, UniqueConstraint, text)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from core.api import Base, Household, Person, UTCDateTime, utcnow

PLOT_KINDS = ("full", "half", "raised", "children")
ALLOCATION_STATUSES = ("active", "forfeited", "released")
WAITLIST_STATUSES = ("waiting", "allocated", "withdrawn")
_ACTIVE = text("status = 'active'")


class Garden(Base):
    __tablename__ = "food_security_gardens"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    address: Mapped[str] = mapped_column(String(300), default="")
    #: contaminated soil: raised beds only
    raised_only: Mapped[bool] = mapped_column(Boolean, default=False)
    notes: Mapped[str] = mapped_column(Text, default="")
    active: Mapped[bool] = mapped_column(Boolean, default=True)

    plots: Mapped[list["Plot"]] = relationship(back_populates="garden", order_by="Plot.code")


class Plot(Base):
    __tablename__ = "food_security_plots"
    __table_args__ = (UniqueConstraint("garden_id", "code"),
                      CheckConstraint("size_m2 > 0", name="size_positive"))

    id: Mapped[int] = mapped_column(primary_key=True)
    garden_id: Mapped[int] = mapped_column(ForeignKey("food_security_gardens.id"), index=True)
    code: Mapped[str] = mapped_column(String(20))
    kind: Mapped[str] = mapped_column(String(20), default="full")
    size_m2: Mapped[Decimal] = mapped_column(Numeric(6, 2))
    active: Mapped[bool] = mapped_column(Boolean, default=True)

    garden: Mapped[Garden] = relationship(back_populates="plots")


class GardenSeason(Base):
    __tablename__ = "food_security_garden_seasons"
    __table_args__ = (CheckConstraint("ends_on > starts_on", name="ends_after_start"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    year: Mapped[int] = mapped_column(Integer, unique=True)
    starts_on: Mapped[date] = mapped_column(Date)
    ends_on: Mapped[date] = mapped_column(Date)
    #: a plot not planted by this date is reallocated
    planting_deadline: Mapped[date] = mapped_column(Date)


class Allocation(Base):
    """A plot given to a household for a season.

    The database keeps one active allocation per plot and per household in a season (partial
    unique indexes): two coordinators can never give the same plot twice.
    """

    __tablename__ = "food_security_plot_allocations"
    __table_args__ = (
        Index("ix_food_security_plot_allocations_one_per_plot", "plot_id", "season_id",
              unique=True, sqlite_where=_ACTIVE, postgresql_where=_ACTIVE),
        Index("ix_food_security_plot_allocations_one_per_household", "household_id",
              "season_id", unique=True, sqlite_where=_ACTIVE, postgresql_where=_ACTIVE),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    plot_id: Mapped[int] = mapped_column(ForeignKey("food_security_plots.id"), index=True)
    season_id: Mapped[int] = mapped_column(ForeignKey("food_security_garden_seasons.id"),
                                           index=True)
    household_id: Mapped[int] = mapped_column(ForeignKey("core_households.id"), index=True)
    gardener_id: Mapped[int] = mapped_column(ForeignKey("core_persons.id"), index=True)
    co_gardener_id: Mapped[int | None] = mapped_column(ForeignKey("core_persons.id"))
    allocated_on: Mapped[date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(20), default="active")
    planted_on: Mapped[date | None] = mapped_column(Date)
    ended_on: Mapped[date | None] = mapped_column(Date)
    waitlist_entry_id: Mapped[int | None] = mapped_column(ForeignKey("food_security_waitlist.id"))

    plot: Mapped[Plot] = relationship(lazy="joined")
    season: Mapped[GardenSeason] = relationship()
    household: Mapped[Household] = relationship()
    gardener: Mapped[Person] = relationship(foreign_keys=[gardener_id])
    co_gardener: Mapped[Person | None] = relationship(foreign_keys=[co_gardener_id])


class WaitlistEntry(Base):
    """A household waiting for a plot. Priority rule: see ``gardens.service.PRIORITY_RULE``."""

    __tablename__ = "food_security_waitlist"

    id: Mapped[int] = mapped_column(primary_key=True)
    household_id: Mapped[int] = mapped_column(ForeignKey("core_households.id"), index=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("core_persons.id"), index=True)
    #: None: any garden
    garden_id: Mapped[int | None] = mapped_column(ForeignKey("food_security_gardens.id"))
    #: a plot kind, or "any"
    kind: Mapped[str] = mapped_column(String(20), default="any")
    registered_on: Mapped[date] = mapped_column(Date, index=True)
    #: lives in the coop's territory (proof of residence seen for the current year)
    resident: Mapped[bool] = mapped_column(Boolean, default=True)
    status: Mapped[str] = mapped_column(String(20), default="waiting")
    allocated_on: Mapped[date | None] = mapped_column(Date)
    notes: Mapped[str] = mapped_column(Text, default="")

    household: Mapped[Household] = relationship()
    person: Mapped[Person] = relationship()
    garden: Mapped[Garden | None] = relationship()


class Tool(Base):
    __tablename__ = "food_security_tools"

    id: Mapped[int] = mapped_column(primary_key=True)
    garden_id: Mapped[int] = mapped_column(ForeignKey("food_security_gardens.id"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class ToolLoan(Base):
    """A shared tool lent to a gardener; one open loan per tool (partial unique index)."""

    __tablename__ = "food_security_tool_loans"
    __table_args__ = (
        Index("ix_food_security_tool_loans_one_open", "tool_id", unique=True,
              sqlite_where=text("returned_at IS NULL"),
              postgresql_where=text("returned_at IS NULL")),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    tool_id: Mapped[int] = mapped_column(ForeignKey("food_security_tools.id"), index=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("core_persons.id"), index=True)
    lent_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    due_on: Mapped[date | None] = mapped_column(Date)
    returned_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    tool: Mapped[Tool] = relationship(lazy="joined")
    person: Mapped[Person] = relationship()


class HarvestLog(Base):
    """Optional: kilograms harvested, and how many of them were given away."""

    __tablename__ = "food_security_harvests"
    __table_args__ = (CheckConstraint("kg_donated <= kg_grown", name="donated_within_grown"),
                      CheckConstraint("kg_donated >= 0", name="donated_not_negative"))

    id: Mapped[int] = mapped_column(primary_key=True)
    garden_id: Mapped[int] = mapped_column(ForeignKey("food_security_gardens.id"), index=True)
    allocation_id: Mapped[int | None] = mapped_column(
        ForeignKey("food_security_plot_allocations.id"))
    logged_on: Mapped[date] = mapped_column(Date, index=True)
    kg_grown: Mapped[Decimal] = mapped_column(Numeric(8, 2))
    kg_donated: Mapped[Decimal] = mapped_column(Numeric(8, 2), default=Decimal("0"))
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("core_accounts.id"))
