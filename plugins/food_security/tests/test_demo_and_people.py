"""Demo data loads through the rules; a person's rows are exported and follow a merge."""

import random
from datetime import date

from plugins.food_security import demo, people, reports
from plugins.food_security.market import service as market
from plugins.food_security.models import (Allocation, KitchenPurchase, Order, OrderCycle,
                                          Plot)
from plugins.food_security.tests.helpers import garden_with_plots, offer, season


def test_demo_has_a_season_of_markets_and_plots(db, make_person):
    persons = [make_person(first_name=f"D{i}", last_name=f"Démo{i}",
                           date_of_birth=date(1950 + i, 1, 1)) for i in range(30)]
    demo.load(db, random.Random(7), persons)
    db.commit()
    assert db.query(OrderCycle).count() == 12 and db.query(Order).count() > 50
    assert db.query(Plot).count() == 21 and db.query(Allocation).count() == 12
    sources = {p.source for p in db.query(KitchenPurchase)}
    assert {"store", "donation"} <= sources and sources & {"market", "producer"}
    period = {"start": date(2000, 1, 1), "end": date.today()}
    for spec in reports.reports():
        assert spec.run(db, period).rows is not None


def test_a_persons_rows_are_exported_and_moved_on_merge(db, make_person):
    kept, merged = make_person(), make_person(first_name="Hélène", last_name="Doublon")
    market.grant_tier(db, merged, {"agreed": True, "note": "note"})
    cycle, item = offer(db)
    market.place_order(db, cycle.id, merged.id, {item.id: 1})
    _garden, (plot, _other) = garden_with_plots(db)
    from plugins.food_security.gardens import service as gardens

    gardens.allocate(db, plot, season(db), merged)
    orders, tiers, plots, *_rest = people.export(merged, db).values()
    assert (len(orders), len(tiers), len(plots)) == (1, 1, 1)
    people.merge(kept, merged, db)
    db.expire_all()
    assert db.query(Order).one().person_id == kept.id
    assert db.query(Allocation).one().gardener_id == kept.id
    assert market.tier_of(db, kept.id) == "solidarity"
