"""The social café: a day's menu from kitchen recipes (allergens carried over), prices, meals
counted per day, produce by source, and the funders' figures."""

from datetime import date, timedelta
from decimal import Decimal
from html import unescape

import pytest

from core.api import annual_report, today

from plugins.food_security import reports
from plugins.food_security.cafe import service as cafe
from plugins.food_security.cafe.models import CafeDish, CafeMenu, CafeProduce
from plugins.food_security.kitchen import service as kitchen
from plugins.food_security.market import service as market
from plugins.food_security.tests.helpers import garden_with_plots

C = "/p/food_security/cafe"


@pytest.fixture
def active(activate):
    activate("food_security")


@pytest.fixture
def recipes(db):
    soup = kitchen.save_recipe(db, {"name": "Soupe aux lentilles", "yield_portions": 12,
                                    "allergens": []})
    muffins = kitchen.save_recipe(db, {"name": "Muffins aux pommes", "yield_portions": 12,
                                       "allergens": ["wheat", "eggs"]})
    gratin = kitchen.save_recipe(db, {"name": "Gratin de courge", "yield_portions": 8,
                                      "allergens": ["milk", "eggs"]})
    db.commit()
    return soup, muffins, gratin


def _menu(db, recipes, day=None, **extra):
    menu = cafe.create_menu(db, {"served_on": day or today(), "standard_price": Decimal("8"),
                                 "solidarity_price": Decimal("4"), "pay_what_you_can": True,
                                 "recipes": [r.id for r in recipes], **extra})
    db.commit()
    return menu


def test_the_menu_carries_the_recipes_allergens_over(active, client, login, db, recipes):
    soup, muffins, gratin = recipes
    login(role="food_security.cafe_coordinator")
    response = client.post(f"{C}/", data={
        "served_on": today().isoformat(), "recipes": [str(soup.id), str(muffins.id),
                                                      str(gratin.id)],
        "standard_price": "8.00", "solidarity_price": "4.00", "pay_what_you_can": "true"})
    assert response.status_code == 302
    menu = db.query(CafeMenu).one()
    assert cafe.allergens(menu) == ["milk", "eggs", "wheat"]  # once each, in Health Canada's order
    page = client.get(f"{C}/days/{menu.id}").get_data(as_text=True)
    assert "Allergènes\u202f:</strong> Lait, Œufs, Blé et triticale" in page
    # a recipe corrected in the kitchen corrects the menu that serves it
    kitchen.save_recipe(db, {"name": soup.name, "yield_portions": 12, "allergens": ["sesame"]},
                        soup)
    db.commit()
    board = client.get(f"{C}/days/{menu.id}/board").get_data(as_text=True)
    assert "Sésame, Lait, Œufs, Blé et triticale" in board
    assert "Tarif solidaire" in board and "4,00" in board


@pytest.mark.parametrize("form, field, message", [
    ({"recipes": ["999999"]}, "recipes", "Choisissez dans la liste."),
    ({"recipes": ["abc"]}, "recipes", "Choisissez dans la liste."),
    ({"recipes": []}, "recipes", "Choisissez au moins un plat."),
    ({"solidarity_price": "9.00"}, "solidarity_price",
     "Le tarif solidaire ne peut pas dépasser le tarif régulier."),
    ({"standard_price": "-1"}, "standard_price", "Entrez un nombre entre 0 et 1000."),
    ({"served_on": "demain"}, "served_on", "Entrez une date au format AAAA-MM-JJ."),
])
def test_a_bad_menu_is_refused_whole(active, client, login, db, recipes, form, field, message):
    login(role="food_security.cafe_coordinator")
    data = {"served_on": today().isoformat(), "recipes": [str(recipes[0].id)],
            "standard_price": "8.00", "solidarity_price": "4.00", **form}
    response = client.post(f"{C}/", data=data)
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert message in page and "Veuillez corriger les champs indiqués." in page
    assert db.query(CafeMenu).count() == 0 and db.query(CafeDish).count() == 0


def test_one_menu_a_day(active, client, login, db, recipes):
    _menu(db, recipes[:1])
    login(role="coordinator")
    response = client.post(f"{C}/", data={"served_on": today().isoformat(),
                                          "recipes": [str(recipes[1].id)],
                                          "standard_price": "8", "solidarity_price": "4"})
    assert response.status_code == 422
    assert "Ce jour a déjà un menu." in response.get_data(as_text=True)
    assert db.query(CafeDish).count() == 1


def test_meals_are_counted_per_day_without_names(active, client, login, db, recipes):
    menu = _menu(db, recipes[:2])
    login(role="volunteer")
    page = f"{C}/days/{menu.id}"
    response = client.post(page, data={"form": "meals", "meals_standard": "21",
                                       "meals_solidarity": "12", "meals_pay_what_you_can": "4",
                                       "pay_what_you_can_collected": "13.50"})
    assert response.status_code == 302
    db.expire_all()
    menu = db.get(CafeMenu, menu.id)
    assert (menu.meals, menu.meals_solidarity, menu.pay_what_you_can_collected) == (
        37, 12, Decimal("13.50"))
    listing = client.get(f"{C}/").get_data(as_text=True)
    assert '<span class="meals">37</span>' in listing
    # a count that is not a whole number from 0 is refused, and the counts stay as they were
    bad = client.post(page, data={"form": "meals", "meals_standard": "-3",
                                  "meals_solidarity": "50"})
    assert bad.status_code == 422
    assert "Entrez un nombre entier entre 0 et 2000." in bad.get_data(as_text=True)
    db.expire_all()
    assert db.get(CafeMenu, menu.id).meals == 37
    # a volunteer counts meals but does not set menus
    assert client.post(f"{C}/", data={"served_on": today().isoformat()}).status_code == 403


def test_pay_what_you_can_and_future_days_are_refused_when_they_cannot_be(
        active, client, login, db, recipes):
    closed = _menu(db, recipes[:1], pay_what_you_can=False)
    later = _menu(db, recipes[:1], day=today() + timedelta(days=2))
    login(role="coordinator")
    refused = client.post(f"{C}/days/{closed.id}", data={
        "form": "meals", "meals_standard": "10", "meals_pay_what_you_can": "3"})
    assert refused.status_code == 422
    assert "Le prix selon ses moyens n’était pas offert ce jour-là." in unescape(
        refused.get_data(as_text=True))
    early = client.post(f"{C}/days/{later.id}", data={"form": "meals", "meals_standard": "10"})
    assert early.status_code == 422
    assert "Les repas se comptent à partir du jour où ils sont servis." in early.get_data(
        as_text=True)
    db.expire_all()
    assert db.get(CafeMenu, closed.id).counted_at is None
    assert db.get(CafeMenu, later.id).counted_at is None


def test_produce_names_its_garden_or_producer(active, client, login, db, recipes):
    menu = _menu(db, recipes[:1])
    garden, _plots = garden_with_plots(db)
    db.commit()
    login(role="volunteer")
    page = f"{C}/days/{menu.id}"
    missing = client.post(page, data={"form": "produce", "source": "garden",
                                      "description": "Tomates", "kg": "4"})
    assert missing.status_code == 422
    assert "Choisissez dans la liste." in missing.get_data(as_text=True)
    nothing = client.post(page, data={"form": "produce", "source": "garden",
                                      "garden_id": str(garden.id), "description": "Tomates",
                                      "kg": "0"})
    assert "Entrez un poids supérieur à zéro." in nothing.get_data(as_text=True)
    assert db.query(CafeProduce).count() == 0
    kept = client.post(page, data={"form": "produce", "source": "garden",
                                   "garden_id": str(garden.id), "description": "Tomates",
                                   "kg": "4.5"})
    assert kept.status_code == 302
    shown = client.get(page).get_data(as_text=True)
    assert "Tomates · 4.50 kg · Les jardins de la coop (Jardin Sainte-Marie)" in shown


def _served_month(db, recipes):
    """Two days of one month: 30 and 20 meals, 9 and 6 at the solidarity price; produce from
    the garden (5 kg), a local producer (7 kg), a producer that is not local (3 kg), a gift."""
    garden, _plots = garden_with_plots(db)
    local = market.save_producer(db, {"name": "Ferme Sauvageau"})
    far = market.save_producer(db, {"name": "Grossiste", "local": False})
    first = date(today().year, 1, 14)
    days = [_menu(db, recipes[:2], day=first), _menu(db, recipes[1:], day=first + timedelta(1))]
    for menu, (standard, solidarity, pwyc) in zip(days, ((18, 9, 3), (12, 6, 2)), strict=True):
        cafe.record_meals(db, menu, {"meals_standard": standard, "meals_solidarity": solidarity,
                                     "meals_pay_what_you_can": pwyc,
                                     "pay_what_you_can_collected": Decimal("5")})
    for source, ident, kg in (("garden", {"garden_id": garden.id}, "5"),
                              ("market", {"producer_id": local.id}, "7"),
                              ("producer", {"producer_id": far.id}, "3"),
                              ("donation", {}, "2")):
        cafe.add_produce(db, days[0], {"source": source, **ident, "description": source,
                                       "kg": Decimal(kg)})
    db.commit()
    return first


def test_the_funders_report(active, client, login, db, recipes):
    first = _served_month(db, recipes)
    table = reports.reports()[-1].run(db, {"start": date(first.year, 1, 1),
                                           "end": date(first.year, 1, 31)})
    month, total = table.rows
    assert month == (f"{first.year}-01", 2, 50, 15, Decimal("30.0"), 5, Decimal("5.00"),
                     Decimal("7.00"), Decimal("0.00"))
    assert total[1:] == month[1:]
    login(role="coordinator")
    page = client.get(f"/p/food_security/reports/cafe?start={first.year}-01-01"
                      f"&end={first.year}-01-31").get_data(as_text=True)
    assert "Part au tarif solidaire (%)" in page and "Kilogrammes des jardins de la coop" in page


def test_the_annual_report_has_the_food_programmes(active, db, recipes):
    first = _served_month(db, recipes)
    sections, missing = annual_report(db, first.year)
    assert missing == []
    mine = {s.id: dict(s.table.rows) for s in sections if s.id.startswith("food_security.")}
    assert set(mine) == {"food_security.market", "food_security.kitchen",
                         "food_security.gardens", "food_security.cafe"}
    assert mine["food_security.cafe"]["Repas servis"] == 50
    assert mine["food_security.cafe"]["Part au tarif solidaire (%)"] == Decimal("30.0")
    assert mine["food_security.cafe"]["Kilogrammes de la production locale"] == Decimal("7.00")
    assert mine["food_security.market"]["Commandes"] == 0
