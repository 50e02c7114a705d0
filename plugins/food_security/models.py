"""Every table of the plugin (``food_security_*``), gathered so migrations see them all.

The tables live beside the rules that use them: ``market/models.py``, ``kitchen/models.py``,
``gardens/models.py``. They reference core's people and households by table name; no core
table ever references them.
"""

from plugins.food_security.gardens.models import (Allocation, ChoreShift, Garden, GardenSeason,
                                                  HarvestLog, Plot, Tool, ToolLoan, WaitlistEntry)
from plugins.food_security.kitchen.models import (KitchenGroup, KitchenMember,
                                                  KitchenParticipation, KitchenPurchase,
                                                  KitchenSession, Recipe, RecipeIngredient,
                                                  SessionRecipe)
from plugins.food_security.market.models import (Offer, Order, OrderCycle, OrderLine, Producer,
                                                 Product, SolidarityTier)

__all__ = [
    "Allocation", "ChoreShift", "Garden", "GardenSeason", "HarvestLog", "Plot", "Tool",
    "ToolLoan", "WaitlistEntry", "KitchenGroup", "KitchenMember", "KitchenParticipation",
    "KitchenPurchase", "KitchenSession", "Recipe", "RecipeIngredient", "SessionRecipe", "Offer",
    "Order", "OrderCycle", "OrderLine", "Producer", "Product", "SolidarityTier",
]
