"""Demo data: a season of weekly markets, two community gardens, two kitchen groups, the café.

Everything goes through the plugin's services (orders are placed at a moment inside their
cycle, so the same rules hold as for real orders).
"""

from __future__ import annotations

from datetime import date, time, timedelta
from decimal import Decimal

from babel.dates import format_date

from core.api import (local_day, local_day_bounds, record_volunteer_hours, today as coop_today,
                      utcnow)

from plugins.food_security.cafe import service as cafe, shifts as cafe_shifts
from plugins.food_security.gardens import service as gardens
from plugins.food_security.kitchen import service as kitchen
from plugins.food_security.market import service as market

PRODUCERS = [
    ("Ferme Sauvageau", "Légumes racines et courges", [
        ("Carottes", "sac de 2 kg", "4.50", "2"), ("Pommes de terre", "sac de 5 kg", "6.00", "5"),
        ("Courge musquée", "unité", "2.75", "1.5")]),
    ("Les Jardins de la Pénélope", "Légumes feuilles bios", [
        ("Laitue frisée", "unité", "2.50", "0.4"), ("Kale", "botte", "3.00", "0.3"),
        ("Épinards", "sac de 250 g", "3.50", "0.25")]),
    ("Verger Lacroix", "Pommes et cidre", [
        ("Pommes Cortland", "sac de 3 lb", "5.00", "1.36"), ("Jus de pomme", "litre", "4.00", "1")]),
    ("Ferme Bord-du-Lac", "Œufs et volailles", [
        ("Œufs", "douzaine", "5.50", "0.7")]),
    ("Boulangerie Le Fournil", "Pain au levain", [
        ("Pain de campagne", "miche", "6.00", "0.8")], False),
]
RECIPES = [
    ("Soupe aux lentilles", 12, [], "500 g lentilles\n2 carottes\n1 oignon"),
    ("Chili végé", 10, [], "2 boîtes haricots rouges\n1 kg tomates\n2 poivrons"),
    ("Muffins aux pommes", 12, ["wheat", "eggs", "milk"], "2 pommes\n500 g farine\n2 oeufs"),
    ("Purée de courge pour bébé", 8, [], "1 courge musquée"),
]


def load(db, rng, people) -> None:
    """Add the demo rows (no commit)."""
    producers = _market(db, rng, people)
    garden = _gardens(db, rng, people)
    recipes = _kitchens(db, rng, people, producers)
    _cafe(db, rng, people, recipes, garden, producers)


def _market(db, rng, people):
    """Producers and their products, a few solidarity tiers, twelve weekly cycles; returns the
    producers (the kitchens buy from them too)."""
    products, producers = [], []
    for name, grows, items, *local in PRODUCERS:
        producer = market.save_producer(db, {"name": name, "grows": grows,
                                             "local": local[0] if local else True,
                                             "contact_name": "Équipe " + name.split()[-1]})
        producers.append(producer)
        for item, unit, price, kg in items:
            products.append(market.save_product(db, producer, {
                "name": item, "unit": unit, "producer_price": Decimal(price),
                "kg_per_unit": Decimal(kg)}))
    for person in rng.sample(people, max(1, len(people) // 7)):
        market.grant_tier(db, person, {"agreed": True,
                                       "basis": rng.choice(["screening", "social_work",
                                                            "request"])})
    now = utcnow()
    first = coop_today() - timedelta(weeks=10, days=3)
    for week in range(12):
        # at 9 h, the coop's clock: hours a coordinator would set, not the demo's minute
        opens = local_day_bounds(first + timedelta(weeks=week))[0] + timedelta(hours=9)
        cycle = market.create_cycle(db, {
            "name": _market_name(local_day(opens + timedelta(days=6))),
            "opens_at": opens, "closes_at": opens + timedelta(days=5),
            "pickup_place": "Salle communautaire, 2000 rue Ontario Est",
            "pickup_starts_at": opens + timedelta(days=6, hours=2),
            "pickup_ends_at": opens + timedelta(days=6, hours=5)})
        offered = [market.add_offer(db, cycle, p, rng.randrange(10, 40), now=opens)
                   for p in rng.sample(products, 7)]
        if opens > now:
            continue
        when = min(opens + timedelta(days=1), now)
        for person in rng.sample(people, min(len(people), rng.randrange(8, 16))):
            wanted = {o.id: rng.randrange(1, 3) for o in rng.sample(offered, rng.randrange(1, 4))}
            try:
                order = market.place_order(db, cycle.id, person.id, wanted, now=when)
            except market.MarketError:
                continue  # sold out: the demo member orders nothing this week
            if cycle.closes_at < now:
                market.mark_picked_up(db, order, cycle.pickup_starts_at)
    return producers


def _market_name(day: date) -> str:
    """"Marché du 10 décembre" ("1er" on the first), as a coordinator names a market."""
    words = format_date(day, "d MMMM", locale="fr_CA")
    return "Marché du " + (f"1er{words[1:]}" if day.day == 1 else words)


def _gardens(db, rng, people):
    year = coop_today().year  # the coop's: on 31 December evening, UTC is in the next year
    season = gardens.create_season(db, {"year": year, "starts_on": date(year, 5, 1),
                                        "ends_on": date(year, 10, 31),
                                        "planting_deadline": date(year, 6, 1)})
    sainte_marie = gardens.save_garden(db, {"name": "Jardin Sainte-Marie",
                                            "address": "rue Fullum et rue Ontario"})
    havre = gardens.save_garden(db, {"name": "Jardin du Havre", "address": "rue du Havre",
                                     "raised_only": True})
    plots = [gardens.add_plot(db, sainte_marie, {"code": f"A{i}", "size_m2": Decimal("18"),
                                                 "kind": "half" if i > 10 else "full"})
             for i in range(1, 15)]
    plots.append(gardens.add_plot(db, sainte_marie, {"code": "E1", "kind": "children",
                                                     "size_m2": Decimal("9")}))
    plots += [gardens.add_plot(db, havre, {"code": f"B{i}", "kind": "raised",
                                           "size_m2": Decimal("4")}) for i in range(1, 7)]
    households = {}
    for person in people:
        households.setdefault(person.household_id, person)
    applicants = list(households.values())
    rng.shuffle(applicants)
    for plot, gardener in zip(plots[:12], applicants[:12], strict=False):
        allocation = gardens.allocate(db, plot, season, gardener, on=date(year, 4, 15))
        if rng.random() < 0.85:
            gardens.mark_planted(db, allocation, date(year, 5, rng.randrange(5, 30)))
    for i, person in enumerate(applicants[12:22]):
        gardens.add_to_waitlist(db, person, {
            "registered_on": date(year - 1, 1, 1) + timedelta(days=40 * i),
            "resident": rng.random() < 0.8, "kind": rng.choice(["any", "full", "raised"])})
    for name in ("Brouette", "Fourche bêche", "Arrosoir", "Sécateur"):
        gardens.add_tool(db, sainte_marie, name)
    now = utcnow()
    for week in range(1, 6):
        start = now - timedelta(weeks=week)
        shift = gardens.add_shift(db, sainte_marie, {"title": "Compost et allées",
                                                     "starts_at": start,
                                                     "ends_at": start + timedelta(hours=2)})
        gardens.sign_up(db, shift, rng.choice(applicants[:12]).id)
        gardens.mark_done(db, shift)
        grown = Decimal(rng.randrange(5, 40))
        gardens.log_harvest(db, sainte_marie, {"logged_on": local_day(start), "kg_grown": grown,
                                               "kg_donated": (grown / 4).quantize(Decimal("0.1"))})
    return sainte_marie


def _kitchens(db, rng, people, producers):
    recipes = [kitchen.save_recipe(db, {"name": n, "yield_portions": y,
                                        "allergens": allergens,
                                        "ingredients": ingredients})
               for n, y, allergens, ingredients in RECIPES]
    now = utcnow()
    for name, theme in (("Cuisine du mardi", "vegetarian"), ("Petits pots", "baby_food")):
        group = kitchen.save_group(db, {"name": name, "theme": theme, "capacity": 8,
                                        "place": "Cuisine du sous-sol"})
        members = rng.sample(people, 6)
        for person in members:
            kitchen.add_member(db, group, person.id, rng.randrange(1, 5))
        for week in range(6, 0, -1):
            start = now - timedelta(weeks=week * 2)
            session = kitchen.plan_session(db, group, {"starts_at": start,
                                                       "ends_at": start + timedelta(hours=3)})
            kitchen.add_dish(db, session, rng.choice(recipes), 2)
            kitchen.add_purchase(db, session, {"source": "store", "description": "Épicerie",
                                               "cost": Decimal(rng.randrange(15, 35))})
            # what the RCCQ groups do: buy local at the market or the farm, accept donations
            farm = rng.choice(producers)
            kitchen.add_purchase(db, session, {
                "source": rng.choice(["market", "producer"]), "producer_id": farm.id,
                "description": farm.grows, "cost": Decimal(rng.randrange(10, 25)),
                "kg": Decimal(rng.randrange(2, 8))})
            if week % 3 == 0:
                kitchen.add_purchase(db, session, {"source": "donation", "kg": Decimal("3"),
                                                   "description": "Don de la banque alimentaire"})
            share = kitchen.costs(session).portions // len(members)
            for person in members:
                kitchen.record_participation(db, session, person.id, share)
            kitchen.close_session(db, session, "Belle session.")
    return recipes


def _cafe(db, rng, people, recipes, garden, producers):
    """The café's last three weeks, Tuesday to Thursday: menus, meals, produce, volunteers'
    confirmed hours; today's menu is set, not yet counted; tomorrow's has a shift to fill."""
    today = coop_today()
    local = [p for p in producers if p.local]
    helpers = rng.sample(people, min(4, len(people)))
    tomorrow = cafe.create_menu(db, {
        "served_on": today + timedelta(days=1), "standard_price": Decimal("8.00"),
        "solidarity_price": Decimal("4.00"), "pay_what_you_can": True,
        "recipes": [r.id for r in rng.sample(recipes, 2)]})
    cafe_shifts.publish(db, tomorrow, {"title": "Service du café", "starts_at": time(11),
                                       "ends_at": time(14), "needed": 3,
                                       "place": "Café, rez-de-chaussée"})
    for back in range(21, -1, -1):
        day = today - timedelta(days=back)
        if day.weekday() not in (1, 2, 3) and day != today:
            continue
        menu = cafe.create_menu(db, {
            "served_on": day, "standard_price": Decimal("8.00"),
            "solidarity_price": Decimal("4.00"), "pay_what_you_can": True,
            "recipes": [r.id for r in rng.sample(recipes, 2)]})
        farm = rng.choice(local)
        cafe.add_produce(db, menu, {"source": "market", "producer_id": farm.id,
                                    "description": farm.grows,
                                    "kg": Decimal(rng.randrange(3, 9))})
        cafe.add_produce(db, menu, {"source": "garden", "garden_id": garden.id,
                                    "description": "Légumes du jardin",
                                    "kg": Decimal(rng.randrange(1, 5))})
        if day == today:
            continue
        for person in rng.sample(helpers, 2):
            record_volunteer_hours(db, person, cafe_shifts.PROGRAM, day, Decimal("3"), None,
                                   "Service du midi")
        cafe.record_meals(db, menu, {
            "meals_standard": rng.randrange(15, 30), "meals_solidarity": rng.randrange(8, 20),
            "meals_pay_what_you_can": rng.randrange(2, 8),
            "pay_what_you_can_collected": Decimal(rng.randrange(5, 30))}, on=today)
