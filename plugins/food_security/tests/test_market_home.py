"""A member's coming market orders on their home (what, how much, when and where to pick up),
and the producers' phones on the coordinator's page."""

from datetime import timedelta

import pytest

from core.api import utcnow

from plugins.food_security.market import service as market
from plugins.food_security.market.models import OrderCycle
from plugins.food_security.tests.helpers import offer


@pytest.fixture
def active(activate):
    activate("food_security")


def test_a_member_finds_their_order_and_its_pickup_on_their_home(active, client, login, db,
                                                                  make_person, make_account):
    me, other = make_person(), make_person(first_name="Léa", last_name="Côté")
    cycle, item = offer(db, quantity=5, product="Pommes Cortland", price="2.50")
    market.place_order(db, cycle.id, other.id, {item.id: 1})
    db.commit()
    login(make_account(roles=["member"], person=me))
    assert "commande au marché" not in client.get("/portal/").get_data(as_text=True)
    client.post("/p/food_security/market/shop", data={"cycle": cycle.id, f"qty-{item.id}": "2"})
    portal = client.get("/portal/").get_data(as_text=True)
    assert "Ma commande au marché" in portal
    assert "2 × Pommes Cortland" in portal and "5,00\u00a0$" in portal
    assert "Cueillette\u202f: Salle communautaire, 2000 rue Ontario Est" in portal
    assert "1 × Pommes Cortland" not in portal  # Léa's order is hers
    # once the pickup is over the order leaves the home
    past, days = db.get(OrderCycle, cycle.id), timedelta(days=1)
    past.opens_at, past.closes_at = utcnow() - 10 * days, utcnow() - 5 * days
    past.pickup_starts_at, past.pickup_ends_at = utcnow() - 4 * days, utcnow() - 3 * days
    db.commit()
    assert "commande au marché" not in client.get("/portal/").get_data(as_text=True)


def test_the_coordinator_calls_a_producer_from_the_producers_page(active, client, login, db):
    """The list of producers: the contact's phone is one tap away, its extension not dialled."""
    market.save_producer(db, {"name": "Verger Lacroix", "grows": "Pommes",
                              "contact_name": "Marie Lacroix", "phone": "450 555-0142 poste 3"})
    db.commit()
    login(role="coordinator")
    page = client.get("/p/food_security/market/producers").get_data(as_text=True)
    assert 'href="tel:+14505550142"' in page and "poste 3" in page
