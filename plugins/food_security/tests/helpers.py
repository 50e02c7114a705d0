"""Small builders for the food security tests (real rows through the plugin's services)."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from core.api import today as coop_today, utcnow
from core.testing.concurrency import at_once as run_at_once

from plugins.food_security.fields import ActionRefused
from plugins.food_security.gardens import service as gardens
from plugins.food_security.market import service as market


def producer_with_product(db, *, name="Ferme Sauvageau", product="Carottes", price="3.00",
                          unit="sac de 2 kg", kg="2"):
    """A producer and one of its products."""
    producer = market.save_producer(db, {"name": name, "grows": "Légumes racines"})
    item = market.save_product(db, producer, {"name": product, "unit": unit,
                                              "producer_price": Decimal(price),
                                              "kg_per_unit": Decimal(kg) if kg else None})
    return producer, item


def open_cycle(db, *, name="Marché de la semaine", opened=timedelta(days=1),
               closes_in=timedelta(days=2), solidarity=60, standard=100):
    """An order cycle open now, picked up the day after it closes."""
    now = utcnow()
    return market.create_cycle(db, {
        "name": name, "opens_at": now - opened, "closes_at": now + closes_in,
        "pickup_place": "Salle communautaire, 2000 rue Ontario Est",
        "pickup_starts_at": now + closes_in + timedelta(hours=20),
        "pickup_ends_at": now + closes_in + timedelta(hours=23),
        "standard_percent": standard, "solidarity_percent": solidarity})


def offer(db, quantity=10, **kw):
    """An open cycle offering ``quantity`` units of a fresh product."""
    _producer, item = producer_with_product(db, **kw)
    cycle = open_cycle(db)
    return cycle, market.add_offer(db, cycle, item, quantity)


def season(db, year=None, deadline=None):
    """The garden season of ``year`` (this year by default), planting deadline 1 June."""
    year = year or coop_today().year
    return gardens.create_season(db, {"year": year, "starts_on": date(year, 5, 1),
                                      "ends_on": date(year, 10, 31),
                                      "planting_deadline": deadline or date(year, 6, 1)})


def garden_with_plots(db, codes=("A1", "A2"), kind="full"):
    garden = gardens.save_garden(db, {"name": "Jardin Sainte-Marie", "address": "rue Fullum"})
    plots = [gardens.add_plot(db, garden, {"code": c, "kind": kind, "size_m2": Decimal("18")})
             for c in codes]
    return garden, plots


def at_once(app, keys, action):
    """``action(db, key)`` for every key, each in its own thread and transaction, all at once."""
    return run_at_once(app, keys, action, refused=ActionRefused)
