"""Market pages as volunteers, coordinators and members use them."""

from datetime import timedelta
from decimal import Decimal

import pytest

from core.api import utcnow

from plugins.food_security.market import service as market
from plugins.food_security.market.models import Offer, Order, OrderCycle
from plugins.food_security.tests.helpers import offer, producer_with_product

M = "/p/food_security/market"


@pytest.fixture
def active(activate):
    activate("food_security")


def test_pages_answer_404_while_the_program_is_inactive(client, login):
    login(role="admin")
    assert client.get(f"{M}/").status_code == 404


@pytest.mark.parametrize("role, path, status", [
    ("volunteer", "/", 200), ("volunteer", "/producers", 403), ("volunteer", "/tiers", 403),
    ("volunteer", "/cycles/new", 403), ("coordinator", "/tiers", 200),
    ("food_security.market_volunteer", "/", 200),
    ("food_security.market_volunteer", "/tiers", 403), ("member", "/", 403),
    ("reception", "/", 403), ("food_security.market_coordinator", "/producers", 200),
])
def test_who_reaches_which_market_page(active, client, login, role, path, status):
    login(role=role)
    assert client.get(f"{M}{path}").status_code == status


def test_a_volunteer_takes_an_order_for_a_member(active, client, login, db, make_person):
    person = make_person(first_name="Chloé", last_name="Bérubé")
    cycle, item = offer(db, quantity=6)
    db.commit()
    login(role="volunteer")
    found = client.get(f"{M}/cycles/{cycle.id}/order?q=chloe").get_data(as_text=True)
    assert f'data-person="{person.id}"' in found
    response = client.post(f"{M}/cycles/{cycle.id}/order?person={person.id}",
                           data={"person": person.id, f"qty-{item.id}": "2"})
    assert response.status_code == 302
    db.expire_all()
    assert db.get(Offer, item.id).remaining == 4
    assert db.query(Order).filter_by(person_id=person.id).one().total == Decimal("6.00")


def test_too_many_units_are_refused_next_to_the_product_and_nothing_is_written(
        active, client, login, db, make_person):
    person = make_person()
    cycle, item = offer(db, quantity=2)
    db.commit()
    login(role="volunteer")
    response = client.post(f"{M}/cycles/{cycle.id}/order?person={person.id}",
                           data={"person": person.id, f"qty-{item.id}": "3"})
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert f'id="e-qty-{item.id}"' in page and "Il ne reste que 2 de Carottes" in page
    db.expire_all()
    assert db.get(Offer, item.id).remaining == 2 and db.query(Order).count() == 0


@pytest.mark.parametrize("role", ["volunteer", "food_security.market_volunteer"])
def test_volunteers_see_the_tier_never_its_reason(active, client, login, db, make_person, role):
    person = make_person(first_name="Anaïs", last_name="Lévesque")
    market.grant_tier(db, person, {"agreed": True, "basis": "screening",
                                   "note": "Dépistage positif le 3 mai"})
    cycle, item = offer(db)
    market.place_order(db, cycle.id, person.id, {item.id: 1})
    db.commit()
    login(role=role)
    page = client.get(f"{M}/cycles/{cycle.id}/pickup").get_data(as_text=True)
    assert "Anaïs Lévesque" in page and 'data-tier="solidarity"' in page
    assert "Dépistage" not in page and "dépistage" not in page
    order_page = client.get(f"{M}/cycles/{cycle.id}/order?person={person.id}")
    assert "Dépistage" not in order_page.get_data(as_text=True)
    assert client.get(f"{M}/tiers").status_code == 403
    assert client.get(f"/people/{person.id}/chart").status_code == 403  # nor the screen itself


def test_a_coordinator_sees_why_and_attaches_the_tier_only_with_agreement(
        active, client, login, db, make_person):
    person = make_person(first_name="Émile", last_name="Roy")
    login(role="food_security.market_coordinator")
    refused = client.post(f"{M}/tiers?person={person.id}",
                          data={"person": person.id, "basis": "screening"})
    assert refused.status_code == 422
    assert "doit accepter" in refused.get_data(as_text=True)
    assert market.tier_of(db, person.id) == "standard"
    client.post(f"{M}/tiers?person={person.id}",
                data={"person": person.id, "agreed": "y", "basis": "screening"})
    assert market.tier_of(db, person.id) == "solidarity"
    assert "Dépistage de l’insécurité alimentaire" in client.get(f"{M}/tiers").get_data(
        as_text=True)


def test_a_coordinator_plans_a_cycle_in_local_time(active, client, login, db):
    login(role="coordinator")
    bad = client.post(f"{M}/cycles/new", data={
        "name": "Marché", "opens_at": "2031-06-05T09:00", "closes_at": "2031-06-04T09:00",
        "pickup_place": "Salle", "pickup_starts_at": "2031-06-06T16:00",
        "pickup_ends_at": "2031-06-06T19:00"})
    assert bad.status_code == 422 and db.query(OrderCycle).count() == 0
    good = client.post(f"{M}/cycles/new", data={
        "name": "Marché", "opens_at": "2031-06-01T09:00", "closes_at": "2031-06-04T09:00",
        "pickup_place": "Salle", "pickup_starts_at": "2031-06-06T16:00",
        "pickup_ends_at": "2031-06-06T19:00", "solidarity_percent": "50"})
    assert good.status_code == 302
    cycle = db.query(OrderCycle).one()
    assert cycle.opens_at.hour == 13  # 09:00 in Montreal (EDT) is 13:00 UTC
    assert cycle.solidarity_percent == 50


def test_the_producer_summary_downloads_as_csv(active, client, login, db, make_person):
    person = make_person()
    cycle, item = offer(db, quantity=10, price="2.50")
    _far, bananas = producer_with_product(db, name="Grossiste", product="Bananes", price="1.00")
    market.save_producer(db, {"local": False}, bananas.producer)
    far_offer = market.add_offer(db, cycle, bananas, 10)
    market.place_order(db, cycle.id, person.id, {item.id: 4, far_offer.id: 3})
    db.commit()
    login(role="coordinator")
    page = client.get(f"{M}/cycles/{cycle.id}/producers").get_data(as_text=True)
    assert '<dd class="cycle-total">13,00' in page and '<dd class="local-total">10,00' in page
    csv = client.get(f"{M}/cycles/{cycle.id}/producers?format=csv")
    assert csv.mimetype == "text/csv"
    assert "Ferme Sauvageau,Carottes,sac de 2 kg,4,2.50,10.00" in csv.get_data(as_text=True)


def test_a_member_orders_and_cancels_only_their_own(active, client, login, db, make_person,
                                                  make_account):
    me, other = make_person(), make_person(first_name="Léa", last_name="Côté")
    cycle, item = offer(db, quantity=5)
    theirs = market.place_order(db, cycle.id, other.id, {item.id: 1})
    db.commit()
    login(make_account(roles=["member"], person=me))
    assert client.post(f"{M}/shop", data={"cycle": cycle.id, f"qty-{item.id}": "2"}).status_code \
        == 302
    assert client.post(f"{M}/shop/orders/{theirs.id}/cancel").status_code == 404
    mine = db.query(Order).filter_by(person_id=me.id).one()
    client.post(f"{M}/shop/orders/{mine.id}/cancel")
    db.expire_all()
    assert db.get(Order, mine.id).status == "cancelled" and db.get(Offer, item.id).remaining == 4


def test_a_closed_cycle_takes_no_order_from_the_shop(active, client, login, db, make_person,
                                                   make_account):
    me = make_person()
    cycle, item = offer(db, quantity=5)
    cycle.closes_at = utcnow() - timedelta(minutes=1)
    db.commit()
    login(make_account(roles=["member"], person=me))
    response = client.post(f"{M}/shop", data={"cycle": cycle.id, f"qty-{item.id}": "1"})
    assert response.status_code == 422
    # the closed cycle's form is no longer drawn: the reason is said at the top of the page
    page = response.get_data(as_text=True)
    assert "pas ouvert aux commandes." in page[:page.index("<h1>")]
    assert db.query(Order).count() == 0


def test_ids_beyond_any_row_are_refused_not_crashed(active, client, login, db, make_person,
                                                    make_account):
    me = make_person()
    cycle, item = offer(db, quantity=5)
    db.commit()
    huge = "99999999999"  # more than an INTEGER holds: PostgreSQL refuses even to compare
    login(make_account(roles=["member"], person=me))
    assert client.post(f"{M}/shop", data={"cycle": huge}).status_code == 404
    forged = client.post(f"{M}/shop", data={"cycle": cycle.id, f"qty-{huge}": "1"})
    assert forged.status_code == 422
    login(role="volunteer")
    assert client.get(f"{M}/cycles/{huge}/pickup").status_code == 404
    assert client.get(f"{M}/cycles/{cycle.id}/order?person={huge}").status_code == 200
    assert db.query(Order).count() == 0


def test_a_member_reads_the_shops_days_written_out_and_each_product_as_a_card(
        active, client, login, db, make_person, make_account):
    """The member's shop read "Commandez avant le 2026-12-08 21 h 15" and its six columns were
    cut after the price on a phone, the quantity boxes out of sight: now the days are written
    out ("mardi 8 décembre 2026, 21 h 15") and on a phone each product is a card whose values,
    the quantity box's included, are labelled."""
    from babel.dates import format_date

    from core.api import to_local

    cycle, item = offer(db, quantity=5)
    db.commit()
    login(make_account(roles=["member"], person=make_person()))
    closes, pickup = to_local(cycle.closes_at).date(), to_local(cycle.pickup_starts_at).date()
    for lang, locale in (("fr-CA", "fr_CA"), ("en", "en")):
        page = client.get(f"{M}/shop", headers={"Accept-Language": lang}).get_data(as_text=True)
        section = page.split(f'data-cycle="{cycle.id}"')[1].split("</section>")[0]
        sentence = section.split("<p>")[1].split("</p>")[0]
        assert format_date(closes, "full", locale=locale) + ", " in sentence
        assert format_date(pickup, "full", locale=locale) + ", " in sentence
        assert closes.isoformat() not in sentence and pickup.isoformat() not in sentence
    page = client.get(f"{M}/shop").get_data(as_text=True)
    assert '<table class="cards-on-phone">' in page
    assert f'<td data-label="Quantité\u202f:"><input id="f-qty-{item.id}"' in page
