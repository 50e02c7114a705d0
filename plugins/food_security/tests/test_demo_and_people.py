"""Demo data loads through the rules; a person's rows are exported and follow a merge."""

import random
import re
from datetime import date, datetime, timezone

from core.api import to_local, today as coop_today

from plugins.food_security import demo, people, reports
from plugins.food_security.market import service as market
from plugins.food_security.models import Allocation, KitchenPurchase, Order, OrderCycle, Plot
from plugins.food_security.tests.helpers import garden_with_plots, offer, season


def test_demo_has_a_season_of_markets_and_plots(db, make_person, activate):
    activate("food_security")  # core calls demo_data for active plugins only (café shifts need it)
    persons = [make_person(first_name=f"D{i}", last_name=f"Démo{i}",
                           date_of_birth=date(1950 + i, 1, 1)) for i in range(30)]
    demo.load(db, random.Random(7), persons)
    db.commit()
    assert db.query(OrderCycle).count() == 12 and db.query(Order).count() > 50
    # a member reads the cycle's name and hours: "Marché du 10 décembre" on the hour, not
    # "Marché du 2026-12-10" picked up at 8 h 17 (the minute the demo was loaded)
    for cycle in db.query(OrderCycle):
        assert re.fullmatch(r"Marché du \d{1,2}(er)? [a-zéû]+", cycle.name), cycle.name
        for moment in (cycle.opens_at, cycle.closes_at, cycle.pickup_starts_at):
            assert (to_local(moment).minute, to_local(moment).second) == (0, 0)
    assert db.query(Plot).count() == 21 and db.query(Allocation).count() == 12
    sources = {p.source for p in db.query(KitchenPurchase)}
    assert {"store", "donation"} <= sources and sources & {"market", "producer"}
    period = {"start": date(2000, 1, 1), "end": coop_today()}
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
    exported = people.export(merged, db)
    assert [len(exported[title]) for title in ("Commandes au marché", "Tarif solidaire",
                                               "Jardinets")] == [1, 1, 1]
    people.merge(kept, merged, db)
    db.expire_all()
    assert db.query(Order).one().person_id == kept.id
    assert db.query(Allocation).one().gardener_id == kept.id
    assert market.tier_of(db, kept.id) == "solidarity"


def test_the_persons_export_reads_in_french_words_at_the_coops_clock(db, make_person):
    """A member reads their export in a spreadsheet: labels, a status and a price by their
    words, one row per product, the moment at the coop's clock (it read "status",
    "picked_up", "solidarity", "basis", a list of dicts in a cell and a UTC time)."""
    from flask_babel import force_locale

    from plugins.food_security.gardens import service as gardens

    member = make_person(first_name="Hélène", last_name="Marché")
    market.grant_tier(db, member, {"agreed": True, "basis": "screening", "note": ""})
    cycle, item = offer(db, product="Carottes", unit="sac de 2 kg")
    order = market.place_order(db, cycle.id, member.id, {item.id: 2})
    order.placed_at = datetime(2026, 12, 6, 3, 30, tzinfo=timezone.utc)  # 22 h 30 the day before
    market.mark_picked_up(db, order)
    _garden, (plot, _other) = garden_with_plots(db)
    gardens.allocate(db, plot, season(db), member)
    db.flush()
    with force_locale("fr_CA"):
        exported = people.export(member, db)
    [placed] = exported["Commandes au marché"]
    assert placed == {"Cycle de commande": "Marché de la semaine",
                      "Passée le": "2026-12-05T22:30-05:00", "Statut": "Récupérée",
                      "Prix": "Tarif solidaire"}
    [line] = exported["Produits commandés"]
    assert (line["Produit"], line["Quantité"]) == ("Carottes (sac de 2 kg)", 2)
    [tier] = exported["Tarif solidaire"]
    assert tier["Raison"] == "Dépistage de l’insécurité alimentaire"
    [allocation] = exported["Jardinets"]
    assert (allocation["Numéro du jardinet"], allocation["Statut"]) == ("A1", "Attribué")
    cells = {str(c) for rows in exported.values() for r in rows for c in (*r, *r.values())}
    assert not cells & {"status", "picked_up", "solidarity", "screening", "active", "basis",
                        "placed_at", "lines", "cycle"}
    assert not any("+00:00" in c or "{" in c for c in cells)


def test_the_chart_panel_names_each_program_the_person_takes_part_in(app, db, make_person):
    from plugins.food_security.gardens import service as gardens
    from plugins.food_security.kitchen import service as kitchen

    cook, gardener, nobody = make_person(), make_person(last_name="Jardin"), make_person()
    market.grant_tier(db, cook, {"agreed": True, "note": "note"})
    group = kitchen.save_group(db, {"name": "Cuisine du mardi", "theme": "vegetarian",
                                    "capacity": 8, "place": "Cuisine du sous-sol"})
    kitchen.add_member(db, group, cook.id)
    _garden, (plot, other) = garden_with_plots(db)
    gardens.allocate(db, plot, season(db, year=coop_today().year - 1), gardener)
    db.flush()
    with app.test_request_context():
        from core.api import format_day

        (panel,) = people.panels(cook, db)
        assert str(coop_today()) not in str(panel.lines[0])  # a day in words, not "2026-12-07"
        assert [str(line) for line in panel.lines] == [
            f"Tarif solidaire au marché depuis le {format_day(coop_today(), 'long')}",
            "Cuisine avec un groupe de cuisine collective"]
        # until this year's season exists, the latest season is the one that counts
        (panel,) = people.panels(gardener, db)
        assert [str(line) for line in panel.lines] == [
            "Cultive un jardinet communautaire cette saison"]
        gardens.allocate(db, other, season(db), cook)
        db.flush()
        assert people.panels(gardener, db) == []  # last year's plot no longer counts
        assert "Cultive un jardinet communautaire cette saison" in [
            str(line) for line in people.panels(cook, db)[0].lines]
        assert people.panels(nobody, db) == []
