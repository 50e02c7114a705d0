"""The café's figures for funders: meals served, share at the solidarity price, kilograms of
garden and local produce, month by month (plain sums; meals carry no names, nothing to hide),
and the volunteer hours core's ledger confirmed for the café."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy import select

from plugins.food_security.cafe import shifts
from plugins.food_security.cafe.models import FROM_PRODUCER, CafeMenu, CafeProduce
from plugins.food_security.market.models import Producer

ZERO = Decimal("0")


@dataclass
class Month:
    """One month of the café (or a whole period, for the totals)."""

    label: str
    days: int = 0
    meals: int = 0
    solidarity: int = 0
    pay_what_you_can: int = 0
    collected: Decimal = ZERO
    kg_garden: Decimal = ZERO
    kg_local: Decimal = ZERO
    #: volunteer hours, when the coop's volunteer ledger gives them (None: not known)
    volunteer_hours: Decimal | None = None
    menus: list[int] = field(default_factory=list)

    @property
    def solidarity_share(self) -> Decimal | None:
        """Percentage of meals served at the solidarity price (None when no meal)."""
        if not self.meals:
            return None
        return (Decimal(100) * self.solidarity / self.meals).quantize(Decimal("0.1"))

    def add(self, other: Month) -> None:
        for key in ("days", "meals", "solidarity", "pay_what_you_can", "collected",
                    "kg_garden", "kg_local"):
            setattr(self, key, getattr(self, key) + getattr(other, key))
        self.menus += other.menus


def months(session, start: date, end: date) -> list[Month]:
    """Per calendar month with a menu between ``start`` and ``end`` (both included)."""
    menus = session.scalars(select(CafeMenu).where(CafeMenu.served_on >= start,
                                                   CafeMenu.served_on <= end)
                            .order_by(CafeMenu.served_on))
    found: dict[str, Month] = {}
    by_menu: dict[int, Month] = {}
    for menu in menus:
        label = menu.served_on.strftime("%Y-%m")
        month = found.setdefault(label, Month(label))
        month.days += 1
        month.meals += menu.meals
        month.solidarity += menu.meals_solidarity
        month.pay_what_you_can += menu.meals_pay_what_you_can
        month.collected += menu.pay_what_you_can_collected
        month.menus.append(menu.id)
        by_menu[menu.id] = month
    kg: dict[tuple[int, str], Decimal] = defaultdict(lambda: ZERO)
    if by_menu:
        rows = session.execute(select(CafeProduce.menu_id, CafeProduce.source, CafeProduce.kg,
                                      Producer.local)
                               .outerjoin(Producer, Producer.id == CafeProduce.producer_id)
                               .where(CafeProduce.menu_id.in_(by_menu)))
        for menu_id, source, weight, local in rows:
            if source == "garden":
                kg[(menu_id, "garden")] += weight
            elif source in FROM_PRODUCER and local:
                kg[(menu_id, "local")] += weight
    for (menu_id, kind), weight in kg.items():
        month = by_menu[menu_id]
        if kind == "garden":
            month.kg_garden += weight
        else:
            month.kg_local += weight
    for label, month in found.items():
        first = date(int(label[:4]), int(label[5:]), 1)
        last = (first + timedelta(days=32)).replace(day=1) - timedelta(days=1)
        month.volunteer_hours = shifts.hours(session, max(first, start), min(last, end))
    return list(found.values())


def total(session, rows: list[Month], label: str, start: date, end: date) -> Month:
    """The months added up; volunteer hours over the whole period (a shift can fall on a day
    without a menu: a meeting, a cleaning day)."""
    whole = Month(label)
    for row in rows:
        whole.add(row)
    whole.volunteer_hours = shifts.hours(session, start, end)
    return whole
