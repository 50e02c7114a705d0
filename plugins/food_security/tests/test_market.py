"""Market rules: prices by tier, open cycles only, never beyond the quantity left."""

from datetime import timedelta
from decimal import Decimal

import pytest

from core.api import utcnow

from plugins.food_security.market import service as market
from plugins.food_security.market.models import Offer, Order
from plugins.food_security.tests.helpers import offer, open_cycle, producer_with_product


def test_a_member_orders_at_the_standard_price_and_units_are_taken(db, make_person):
    person = make_person()
    cycle, item = offer(db, quantity=10)
    order = market.place_order(db, cycle.id, person.id, {item.id: 3})
    db.commit()
    assert order.tier == "standard"
    assert order.total == Decimal("9.00")
    assert db.get(Offer, item.id).remaining == 7


def test_the_solidarity_tier_pays_its_share_of_the_producer_price(db, make_person):
    person = make_person()
    market.grant_tier(db, person, {"agreed": True, "basis": "screening"})
    cycle, item = offer(db, price="3.00")
    order = market.place_order(db, cycle.id, person.id, {item.id: 2})
    assert order.tier == "solidarity"
    assert order.lines[0].unit_price == Decimal("1.80")
    # the producer is paid in full whatever the member's tier
    assert order.lines[0].producer_price == Decimal("3.00")


def test_the_tier_is_never_attached_without_the_persons_agreement(db, make_person):
    person = make_person()
    with pytest.raises(market.MarketError) as refused:
        market.grant_tier(db, person, {"agreed": False, "basis": "screening"})
    assert refused.value.field == "agreed"
    assert market.tier_of(db, person.id) == "standard"


def test_no_order_before_the_cycle_opens_or_after_it_closes(db, make_person):
    person = make_person()
    cycle, item = offer(db, quantity=5)
    db.commit()
    for moment in (cycle.opens_at - timedelta(minutes=1), cycle.closes_at):
        with pytest.raises(market.MarketError):
            market.place_order(db, cycle.id, person.id, {item.id: 1}, now=moment)
    db.rollback()
    assert db.get(Offer, item.id).remaining == 5
    assert db.query(Order).count() == 0


def test_an_order_beyond_what_is_left_is_refused_and_nothing_is_kept(db, make_person):
    person = make_person()
    cycle, small = offer(db, quantity=2)
    _producer, other = producer_with_product(db, name="Verger Lacroix", product="Pommes")
    big = market.add_offer(db, cycle, other, 50)
    db.commit()
    with pytest.raises(market.MarketError) as refused:
        market.place_order(db, cycle.id, person.id, {big.id: 4, small.id: 3})
    assert refused.value.field == f"qty-{small.id}"
    assert "2" in str(refused.value.message)
    db.rollback()
    assert (db.get(Offer, big.id).remaining, db.get(Offer, small.id).remaining) == (50, 2)
    assert db.query(Order).count() == 0


def test_an_offer_of_another_cycle_cannot_be_ordered(db, make_person):
    person = make_person()
    _cycle, item = offer(db)
    other = open_cycle(db, name="Autre marché")
    with pytest.raises(market.MarketError):
        market.place_order(db, other.id, person.id, {item.id: 1})


def test_cancelling_gives_the_units_back_while_the_cycle_is_open(db, make_person):
    person = make_person()
    cycle, item = offer(db, quantity=4)
    order = market.place_order(db, cycle.id, person.id, {item.id: 4})
    market.cancel_order(db, order)
    assert db.get(Offer, item.id).remaining == 4
    assert market.orders_of(db, cycle) == []
    with pytest.raises(market.MarketError):
        market.cancel_order(db, order)


def test_the_quantity_offered_cannot_fall_below_what_was_ordered(db, make_person):
    person = make_person()
    cycle, item = offer(db, quantity=10)
    market.place_order(db, cycle.id, person.id, {item.id: 6})
    with pytest.raises(market.MarketError):
        market.change_quantity(db, item, 5)
    market.change_quantity(db, item, 8)
    assert (item.quantity, item.remaining) == (8, 2)


def test_the_producer_summary_says_what_to_pay_whom(db, make_person):
    first, second = make_person(), make_person(first_name="Émile", last_name="Roy")
    market.grant_tier(db, second, {"agreed": True})
    cycle, carrots = offer(db, quantity=20, price="3.00")
    _producer, apples = producer_with_product(db, name="Verger Lacroix", product="Pommes",
                                              price="5.50")
    apples_offer = market.add_offer(db, cycle, apples, 10)
    market.place_order(db, cycle.id, first.id, {carrots.id: 2, apples_offer.id: 1})
    market.place_order(db, cycle.id, second.id, {carrots.id: 3})
    summary = {row["producer"].name: row for row in market.producer_summary(db, cycle)}
    assert summary["Ferme Sauvageau"]["total"] == Decimal("15.00")  # 5 units at the full price
    assert summary["Ferme Sauvageau"]["lines"][0]["quantity"] == 5
    assert summary["Verger Lacroix"]["total"] == Decimal("5.50")


def test_a_cycle_closes_after_it_opens_and_pickup_follows(db):
    now = utcnow()
    with pytest.raises(market.MarketError) as refused:
        market.create_cycle(db, {"name": "x", "opens_at": now, "closes_at": now,
                                 "pickup_place": "x", "pickup_starts_at": now,
                                 "pickup_ends_at": now + timedelta(hours=1)})
    assert refused.value.field == "closes_at"
    with pytest.raises(market.MarketError) as refused:
        market.create_cycle(db, {"name": "x", "opens_at": now, "closes_at": now + timedelta(days=1),
                                 "pickup_place": "x", "pickup_starts_at": now,
                                 "pickup_ends_at": now + timedelta(hours=1)})
    assert refused.value.field == "pickup_starts_at"


def test_member_price_rounds_to_the_cent():
    assert market.member_price(Decimal("2.99"), 60) == Decimal("1.79")
    assert market.member_price(Decimal("3.25"), 110) == Decimal("3.58")


def test_an_order_form_reads_zero_as_nothing_wanted_and_refuses_what_is_not_a_count():
    from plugins.food_security.fields import ActionRefused
    from plugins.food_security.market.schemas import quantities

    assert quantities({"qty-4": "0", "qty-5": " 3 ", "qty-6": "", "qty-7": "00"}) == {5: 3}
    for bad in ("-1", "1.5", "²", "9" * 5000):
        with pytest.raises(ActionRefused) as refused:
            quantities({"qty-4": bad})
        assert refused.value.field == "qty-4"
