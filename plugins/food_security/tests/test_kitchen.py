"""Collective kitchen: groups, recipes, purchases, portions and the cost per portion."""

from datetime import timedelta
from decimal import Decimal

import pytest

from core.api import utcnow

from plugins.food_security.kitchen import service as kitchen


def _session(db, capacity=8):
    group = kitchen.save_group(db, {"name": "Cuisine du mardi", "theme": "vegetarian",
                                    "capacity": capacity, "place": "Cuisine du sous-sol"})
    start = utcnow() + timedelta(days=3)
    return group, kitchen.plan_session(db, group, {"starts_at": start,
                                                   "ends_at": start + timedelta(hours=3)})


def test_ingredients_are_read_one_per_line():
    assert kitchen.parse_ingredients("2 kg carottes\n1,5 L lait\nsel\n\n3 oignons") == [
        {"name": "carottes", "quantity": Decimal("2"), "unit": "kg"},
        {"name": "lait", "quantity": Decimal("1.5"), "unit": "L"},
        {"name": "sel", "quantity": None, "unit": ""},
        {"name": "oignons", "quantity": Decimal("3"), "unit": ""},
    ]


def test_cost_per_portion_comes_from_purchases_and_portions_cooked(db, make_person):
    _group, session = _session(db)
    soup = kitchen.save_recipe(db, {"name": "Soupe aux lentilles", "yield_portions": 12,
                                    "allergens": ["sulphites"], "ingredients": "500 g lentilles"})
    stew = kitchen.save_recipe(db, {"name": "Chili végé", "yield_portions": 10, "allergens": []})
    kitchen.add_dish(db, session, soup, batches=2)
    kitchen.add_dish(db, session, stew)
    kitchen.add_purchase(db, session, {"source": "store", "description": "Épicerie",
                                       "cost": Decimal("42.50")})
    kitchen.add_purchase(db, session, {"source": "donation", "description": "Courges données",
                                       "cost": Decimal("99")})
    figures = kitchen.costs(session)
    assert figures.portions == 34
    assert figures.total == Decimal("42.50")  # a donation costs the group nothing
    assert figures.per_portion == Decimal("1.25")


def test_portions_taken_home_never_exceed_portions_cooked(db, make_person):
    _group, session = _session(db)
    recipe = kitchen.save_recipe(db, {"name": "Muffins", "yield_portions": 12})
    kitchen.add_dish(db, session, recipe)
    first, second = make_person(), make_person(last_name="Gagnon")
    kitchen.record_participation(db, session, first.id, 8)
    with pytest.raises(kitchen.KitchenError) as refused:
        kitchen.record_participation(db, session, second.id, 5)
    assert refused.value.field == "portions" and "4" in str(refused.value.message)
    kitchen.record_participation(db, session, first.id, 6)  # a correction, not a second row
    kitchen.record_participation(db, session, second.id, 6)
    assert kitchen.costs(session).taken_home == 12


def test_a_group_has_a_capacity_and_a_session_needs_three_cooks(db, make_person):
    group, session = _session(db, capacity=3)
    people = [make_person(last_name=f"P{i}") for i in range(4)]
    for person in people[:3]:
        kitchen.add_member(db, group, person.id, household_size=2)
    with pytest.raises(kitchen.KitchenError):
        kitchen.add_member(db, group, people[3].id)
    kitchen.record_participation(db, session, people[0].id, 2)
    with pytest.raises(kitchen.KitchenError):
        kitchen.close_session(db, session, "Bien")
    for person in people[1:3]:
        kitchen.record_participation(db, session, person.id, 2)
    kitchen.close_session(db, session, "Très bien")
    assert session.status == "done"


def test_a_purchase_from_a_producer_names_the_producer(db):
    _group, session = _session(db)
    with pytest.raises(kitchen.KitchenError) as refused:
        kitchen.add_purchase(db, session, {"source": "producer", "description": "Courges",
                                           "cost": Decimal("10")})
    assert refused.value.field == "producer_id"
