"""Every table of the plugin (``food_security_*``), gathered so migrations see them all.

The tables live beside the rules that use them: ``market/models.py``, ``kitchen/models.py``,
``gardens/models.py``; the screening fact is here. They reference core's people and households
by table name; no core table ever references them.
"""

from datetime import date

from sqlalchemy import Boolean, Date, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from core.api import Base

from plugins.food_security.cafe.models import CafeDish, CafeMenu, CafeProduce
from plugins.food_security.gardens.models import (Allocation, Garden, GardenSeason, HarvestLog,
                                                  Plot, Tool, ToolLoan, WaitlistEntry)
from plugins.food_security.kitchen.models import (KitchenGroup, KitchenMember, KitchenParticipation,
                                                  KitchenPurchase, KitchenSession, Recipe,
                                                  RecipeIngredient, SessionRecipe)
from plugins.food_security.market.models import (Offer, Order, OrderCycle, OrderLine, Producer,
                                                 Product, SolidarityTier)

__all__ = [
    "Allocation", "Garden", "GardenSeason", "HarvestLog", "Plot", "Tool",
    "ToolLoan", "WaitlistEntry", "KitchenGroup", "KitchenMember", "KitchenParticipation",
    "KitchenPurchase", "KitchenSession", "Recipe", "RecipeIngredient", "SessionRecipe", "Offer",
    "Order", "OrderCycle", "OrderLine", "Producer", "Product", "SolidarityTier",
    "ScreeningResult", "CafeMenu", "CafeDish", "CafeProduce",
]


class ScreeningResult(Base):
    """One screening's outcome, for aggregate reports only (never shown per person).

    Written when a screening entry is saved, amended or marked in error (``entry_saved``); the
    answers themselves stay on the chart. ``lineage_id`` is the entry's first version.
    """

    __tablename__ = "food_security_screening_results"

    id: Mapped[int] = mapped_column(primary_key=True)
    lineage_id: Mapped[int] = mapped_column(Integer, unique=True)
    #: the current version's id (no foreign key: the record is another area's)
    entry_id: Mapped[int] = mapped_column(Integer)
    person_id: Mapped[int] = mapped_column(ForeignKey("core_persons.id"), index=True)
    instrument: Mapped[str] = mapped_column(String(10))
    screened_on: Mapped[date] = mapped_column(Date, index=True)
    positive: Mapped[bool] = mapped_column(Boolean, default=False)
    category: Mapped[str] = mapped_column(String(20), default="")
    in_error: Mapped[bool] = mapped_column(Boolean, default=False)
