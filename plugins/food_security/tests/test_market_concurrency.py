"""Members ordering the last units at the same instant: the database sells each unit once.

These tests commit for real from several threads (``fresh_app``), on SQLite and on PostgreSQL
(``SOIN_TEST_DATABASE_URL``).
"""

import pytest

from core.api import Person, current_session

from plugins.food_security.market import service as market
from plugins.food_security.market.models import Offer, Order, OrderLine
from plugins.food_security.tests.helpers import at_once, offer

pytestmark = pytest.mark.concurrency


def _setup(app, quantity, buyers):
    with app.app_context():
        db = current_session()
        people = [Person(first_name=f"Membre {i}", last_name="Concurrent") for i in range(buyers)]
        db.add_all(people)
        cycle, item = offer(db, quantity=quantity)
        db.commit()
        return cycle.id, item.id, [p.id for p in people]


def _race(app, cycle_id, offer_id, person_ids, units):
    """Every person orders ``units`` at once; returns (successes, refusals, unexpected errors)."""
    return at_once(app, person_ids, lambda db, person_id: market.place_order(
        db, cycle_id, person_id, {offer_id: units}))


def _sold(app, offer_id):
    with app.app_context():
        db = current_session()
        remaining = db.get(Offer, offer_id).remaining
        units = sum(line.quantity for line in db.query(OrderLine).filter_by(offer_id=offer_id))
        orders = db.query(Order).filter(Order.lines.any(OrderLine.offer_id == offer_id)).count()
        return remaining, units, orders


def test_two_members_ordering_the_last_units_at_once_only_one_gets_them(fresh_app):
    cycle_id, offer_id, people = _setup(fresh_app, quantity=2, buyers=2)
    results = _race(fresh_app, cycle_id, offer_id, people, units=2)
    assert results == {"ok": 1, "refused": 1, "errors": []}
    assert _sold(fresh_app, offer_id) == (0, 2, 1)


def test_many_members_at_once_never_buy_more_than_was_offered(fresh_app):
    cycle_id, offer_id, people = _setup(fresh_app, quantity=5, buyers=12)
    results = _race(fresh_app, cycle_id, offer_id, people, units=1)
    assert results == {"ok": 5, "refused": 7, "errors": []}
    assert _sold(fresh_app, offer_id) == (0, 5, 5)


def test_an_order_cancelled_twice_at_once_gives_its_units_back_once(fresh_app):
    cycle_id, offer_id, (person_id,) = _setup(fresh_app, quantity=5, buyers=1)
    with fresh_app.app_context():
        db = current_session()
        order_id = market.place_order(db, cycle_id, person_id, {offer_id: 3}).id
        db.commit()
    # the member on the shop page and a volunteer at the counter press "cancel" together
    results = at_once(fresh_app, ["member", "volunteer"], lambda db, _who: market.cancel_order(
        db, db.get(Order, order_id)))
    assert results == {"ok": 1, "refused": 1, "errors": []}
    with fresh_app.app_context():
        db = current_session()
        assert db.get(Offer, offer_id).remaining == 5
        assert db.get(Order, order_id).status == "cancelled"
