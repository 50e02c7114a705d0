"""The queries behind the reports: plain counts and sums over a period, nothing suppressed yet.

Periods are calendar dates in the coop's time zone, both ends included.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime, time, timedelta
from decimal import ROUND_HALF_UP, Decimal

from sqlalchemy import func, select

from core.api import HoursEntry, Person, ShiftSignup, VolunteerShift, age_on, coop_zone

from plugins.food_security import _
from plugins.food_security.gardens.service import chore_source
from plugins.food_security.models import (Allocation, Garden, GardenSeason, HarvestLog,
                                          KitchenGroup, KitchenParticipation, KitchenPurchase,
                                          KitchenSession, Offer, Order, OrderCycle, OrderLine, Plot,
                                          Producer, Product, ScreeningResult, WaitlistEntry)

ZERO = Decimal("0")


def bounds(start: date, end: date) -> tuple[datetime, datetime]:
    """[start 00:00, the day after end 00:00) in the coop's time zone, as aware datetimes."""
    zone = coop_zone()
    return (datetime.combine(start, time(), zone),
            datetime.combine(end + timedelta(days=1), time(), zone))


def age_group(born: date | None, on: date) -> str:
    age = age_on(born, on)
    if age is None:
        return "unknown"
    return "0-17" if age < 18 else ("18-64" if age < 65 else "65+")


def household_type(ages: list[str]) -> str:
    """From the ages on file: adults are 18 and over (unknown ages count as adults)."""
    children = sum(1 for a in ages if a == "0-17")
    adults = len(ages) - children
    if adults == 1:
        return "single" if not children else "single_parent"
    if adults == 2:
        return "two_parents" if children else "couple"
    return "other"


def served_people(session, start: date, end: date) -> set[int]:
    """People who ordered, cooked or gardened during the period."""
    low, high = bounds(start, end)
    market = select(Order.person_id).join(OrderCycle).where(
        Order.status != "cancelled", OrderCycle.closes_at >= low, OrderCycle.closes_at < high)
    kitchen = select(KitchenParticipation.person_id).join(KitchenSession).where(
        KitchenSession.status != "cancelled", KitchenSession.starts_at >= low,
        KitchenSession.starts_at < high)
    seasons = select(GardenSeason.id).where(GardenSeason.starts_on <= end,
                                            GardenSeason.ends_on >= start)
    plots = select(Allocation.gardener_id, Allocation.co_gardener_id).where(
        Allocation.season_id.in_(seasons), Allocation.allocated_on <= end)
    ids = set(session.scalars(market)) | set(session.scalars(kitchen))
    for gardener, co_gardener in session.execute(plots):
        ids |= {gardener, co_gardener} - {None}
    return ids


def reach(session, start: date, end: date):
    """(individuals by age group, (households, individuals) by household type, totals)."""
    served = served_people(session, start, end)
    people = list(session.scalars(select(Person).where(Person.id.in_(served)))) if served else []
    households = {p.household_id for p in people if p.household_id is not None}
    members = defaultdict(list)
    for person in session.scalars(select(Person).where(Person.household_id.in_(households))):
        members[person.household_id].append(age_group(person.date_of_birth, end))
    for person in people:
        if person.household_id is None:
            members[("alone", person.id)].append(age_group(person.date_of_birth, end))
    ages = dict.fromkeys(("0-17", "18-64", "65+", "unknown"), 0)
    types = {k: [0, 0] for k in ("single", "single_parent", "two_parents", "couple", "other")}
    for group in members.values():
        for age in group:
            ages[age] += 1
        counts = types[household_type(group)]
        counts[0] += 1
        counts[1] += len(group)
    individuals = sum(ages.values())
    return ages, {k: tuple(v) for k, v in types.items()}, (len(members), individuals)


def _line_sums(stmt):
    """(kilograms, dollars) of the order lines selected by ``stmt``'s joins and filters."""
    kg = func.coalesce(func.sum(OrderLine.quantity * Product.kg_per_unit), 0)
    paid = func.coalesce(func.sum(OrderLine.quantity * OrderLine.producer_price), 0)
    return stmt.add_columns(kg, paid)


def market_cycles(session, start: date, end: date) -> list[tuple]:
    """Per cycle closed in the period: name, closing date, orders, solidarity orders, members,
    kilograms from and dollars to local producers."""
    low, high = bounds(start, end)
    rows = []
    cycles = session.scalars(select(OrderCycle).where(OrderCycle.closes_at >= low,
                                                      OrderCycle.closes_at < high)
                             .order_by(OrderCycle.closes_at))
    for cycle in cycles:
        kept = select(Order).where(Order.cycle_id == cycle.id, Order.status != "cancelled")
        orders = session.scalar(select(func.count()).select_from(kept.subquery()))
        solidarity = session.scalar(select(func.count()).select_from(
            kept.where(Order.tier == "solidarity").subquery()))
        people = session.scalar(select(func.count(func.distinct(Order.person_id))).where(
            Order.cycle_id == cycle.id, Order.status != "cancelled"))
        base = (select().select_from(OrderLine).join(Order).join(Offer).join(Product)
                .join(Producer).where(Order.cycle_id == cycle.id, Order.status != "cancelled"))
        kg, local = session.execute(_line_sums(base.where(Producer.local.is_(True)))).one()
        rows.append((cycle.name, cycle.closes_at.astimezone(coop_zone()).date().isoformat(),
                     orders, solidarity, people, Decimal(kg).quantize(Decimal("0.1")),
                     Decimal(local).quantize(Decimal("0.01"))))
    return rows


def market_members(session, start: date, end: date) -> int:
    """Members who ordered in any cycle closed in the period, each counted once."""
    low, high = bounds(start, end)
    return session.scalar(select(func.count(func.distinct(Order.person_id))).join(OrderCycle)
                          .where(Order.status != "cancelled", OrderCycle.closes_at >= low,
                                 OrderCycle.closes_at < high))


def producers(session, start: date, end: date) -> list[tuple]:
    """Per producer: name, local, kilograms and dollars (market orders and direct purchases)."""
    low, high = bounds(start, end)
    totals: dict[int, list] = {}
    market = _line_sums(select(Producer).select_from(OrderLine).join(Order).join(OrderCycle)
                        .join(Offer, Offer.id == OrderLine.offer_id).join(Product).join(Producer)
                        .where(Order.status != "cancelled", OrderCycle.closes_at >= low,
                               OrderCycle.closes_at < high).group_by(Producer.id))
    for producer, kg, paid in session.execute(market):
        totals[producer.id] = [producer, Decimal(kg), Decimal(paid)]
    direct = (select(Producer, func.coalesce(func.sum(KitchenPurchase.kg), 0),
                     func.sum(KitchenPurchase.cost)).select_from(KitchenPurchase)
              .join(Producer).join(KitchenSession).where(KitchenPurchase.source == "producer",
                                          KitchenSession.starts_at >= low,
                                          KitchenSession.starts_at < high)
              .group_by(Producer.id))
    for producer, kg, paid in session.execute(direct):
        entry = totals.setdefault(producer.id, [producer, ZERO, ZERO])
        entry[1] += Decimal(kg)
        entry[2] += Decimal(paid)
    return [(p.name, p.local, kg.quantize(Decimal("0.1")), paid.quantize(Decimal("0.01")))
            for p, kg, paid in sorted(totals.values(), key=lambda t: t[0].name)]


def per_portion(cost: Decimal, portions: int) -> Decimal | None:
    if not portions:
        return None
    return (Decimal(cost) / portions).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def _held(low, high):
    return (KitchenSession.status == "done", KitchenSession.starts_at >= low,
            KitchenSession.starts_at < high)


def kitchens(session, start: date, end: date) -> list[tuple]:
    """Per group: sessions held, participants, portions cooked, cost, mean cost per portion."""
    low, high = bounds(start, end)
    rows = []
    for group in session.scalars(select(KitchenGroup).order_by(KitchenGroup.name)):
        held = list(session.scalars(select(KitchenSession).where(
            KitchenSession.group_id == group.id, *_held(low, high))))
        if not held:
            continue
        portions = sum(d.portions for s in held for d in s.dishes)
        cost = sum((p.cost for s in held for p in s.purchases), ZERO)
        people = len({p.person_id for s in held for p in s.participants})
        rows.append((group.name, len(held), people, portions, cost, per_portion(cost, portions)))
    return rows


def kitchen_participants(session, start: date, end: date) -> int:
    low, high = bounds(start, end)
    return session.scalar(select(func.count(func.distinct(KitchenParticipation.person_id)))
                          .join(KitchenSession).where(*_held(low, high)))


def gardens(session, start: date, end: date) -> list[tuple]:
    """Per garden: plots, plots allocated, households waiting for it, kilograms harvested and
    given, volunteer hours of chores done."""
    low, high = bounds(start, end)
    seasons = select(GardenSeason.id).where(GardenSeason.starts_on <= end,
                                            GardenSeason.ends_on >= start)
    rows = []
    for garden in session.scalars(select(Garden).order_by(Garden.name)):
        plots = session.scalar(select(func.count(Plot.id)).where(Plot.garden_id == garden.id,
                                                                 Plot.active.is_(True)))
        allocated = session.scalar(select(func.count(func.distinct(Allocation.plot_id)))
                                   .join(Plot).where(Plot.garden_id == garden.id,
                                                     Allocation.season_id.in_(seasons),
                                                     Allocation.status != "forfeited"))
        waiting = session.scalar(select(func.count(WaitlistEntry.id)).where(
            WaitlistEntry.garden_id == garden.id, WaitlistEntry.status == "waiting"))
        grown, given = session.execute(select(
            func.coalesce(func.sum(HarvestLog.kg_grown), 0),
            func.coalesce(func.sum(HarvestLog.kg_donated), 0)).where(
            HarvestLog.garden_id == garden.id, HarvestLog.logged_on >= start,
            HarvestLog.logged_on <= end)).one()
        # chores are core's volunteer shifts; their confirmed hours are in core's ledger
        hours = Decimal(session.scalar(select(func.coalesce(func.sum(HoursEntry.hours), 0))
                                       .join(ShiftSignup).join(VolunteerShift).where(
            VolunteerShift.source == chore_source(garden), VolunteerShift.starts_at >= low,
            VolunteerShift.starts_at < high)) or 0)
        rows.append((garden.name, plots, allocated, waiting, Decimal(grown), Decimal(given),
                     hours))
    return rows


def waiting_total(session) -> int:
    return session.scalar(select(func.count(WaitlistEntry.id))
                          .where(WaitlistEntry.status == "waiting"))


def waits(session, start: date, end: date) -> list[int]:
    """Days waited by each household that got a plot from the waiting list in the period."""
    rows = session.execute(select(WaitlistEntry.registered_on, WaitlistEntry.allocated_on).where(
        WaitlistEntry.status == "allocated", WaitlistEntry.allocated_on >= start,
        WaitlistEntry.allocated_on <= end))
    return [(allocated - registered).days for registered, allocated in rows]


def median(values: list[int]):
    import statistics  # the reports alone need statistics: not loaded by every start

    return statistics.median(values) if values else None


def quarters(start: date, end: date):
    """(label, first day, last day) of each calendar quarter touching the period."""
    year, q = start.year, (start.month - 1) // 3
    while date(year, 3 * q + 1, 1) <= end:
        first = date(year, 3 * q + 1, 1)
        last = (date(year + (q == 3), (3 * q + 3) % 12 + 1, 1) - timedelta(days=1))
        yield str(_("%(year)s Q%(n)s", year=year, n=q + 1)), max(first, start), min(last, end)
        year, q = (year + 1, 0) if q == 3 else (year, q + 1)


def screenings(session, start: date, end: date) -> list[tuple]:
    """Per quarter: members screened and members whose latest screen was positive."""
    rows = []
    for label, first, last in quarters(start, end):
        latest: dict[int, tuple] = {}
        results = session.execute(select(ScreeningResult.person_id, ScreeningResult.screened_on,
                                         ScreeningResult.id, ScreeningResult.positive).where(
            ScreeningResult.in_error.is_(False), ScreeningResult.screened_on >= first,
            ScreeningResult.screened_on <= last))
        for person_id, screened_on, ident, positive in results:
            if person_id not in latest or (screened_on, ident) > latest[person_id][:2]:
                latest[person_id] = (screened_on, ident, positive)
        rows.append((label, len(latest), sum(1 for v in latest.values() if v[2])))
    return rows
