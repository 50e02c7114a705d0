"""Reports for funders: figures, small cells suppressed, HTML with a chart, CSV."""

from datetime import date, timedelta
from decimal import Decimal

import pytest

from core.api import utcnow

from plugins.food_security import reports
from plugins.food_security.market import service as market
from plugins.food_security.market.models import Order
from plugins.food_security.tests.helpers import offer, producer_with_product

R = "/p/food_security/reports"


def test_small_counts_are_hidden_and_so_is_the_one_that_would_give_them_away():
    assert reports.hide_small(0) == 0 and reports.hide_small(4) == "< 5" and reports.hide_small(5) == 5
    # the complementary cell is 5 or more: it is hidden as "x", never called "< 5"
    assert reports.suppress_column([12, 3, 40, 9]) == [12, "< 5", 40, "x"]
    assert reports.suppress_column([12, 3, 2, 9]) == [12, "< 5", "< 5", 9]
    assert reports.suppress_column([12, 0, 7]) == [12, 0, 7]
    assert reports.share(3, 20) == "x" and reports.share(6, 24) == 25.0


def _orders(db, make_person, buyers, solidarity=0):
    cycle, item = offer(db, quantity=100, price="2.00", kg="1")
    _producer, far = producer_with_product(db, name="Grossiste", product="Bananes", price="1.00")
    market.save_producer(db, {"local": False}, far.producer)
    far_offer = market.add_offer(db, cycle, far, 100)
    for i in range(buyers):
        person = make_person(first_name=f"M{i}", last_name="Membre",
                             date_of_birth=date(1990, 1, 1))
        if i < solidarity:
            market.grant_tier(db, person, {"agreed": True})
        market.place_order(db, cycle.id, person.id, {item.id: 2, far_offer.id: 1})
    cycle.closes_at = utcnow() - timedelta(minutes=5)
    db.commit()
    return cycle


def test_market_report_counts_kilograms_and_dollars_to_local_producers(db, make_person):
    _orders(db, make_person, buyers=6, solidarity=2)
    table = reports.reports()[1].run(db, reports.default_period())
    cycle_row, total = table.rows
    assert cycle_row[2:] == (6, "< 5", 6, Decimal("12.0"), Decimal("24.00"))
    assert total[2] == 6 and total[6] == Decimal("24.00")


def test_a_member_ordering_in_two_cycles_counts_once_in_the_total(db, make_person):
    first = _orders(db, make_person, buyers=6)
    again, item = offer(db, quantity=100, name="Ferme Voisine")
    for order in db.query(Order).filter_by(cycle_id=first.id):
        market.place_order(db, again.id, order.person_id, {item.id: 1})
    again.closes_at = utcnow() - timedelta(minutes=1)
    db.commit()
    rows = reports.reports()[1].run(db, reports.default_period()).rows
    assert [r[2] for r in rows] == [6, 6, 12]  # orders add up
    assert [r[4] for r in rows] == [6, 6, 6]  # the same six members


def test_reach_counts_households_and_individuals(db, make_person):
    _orders(db, make_person, buyers=6)
    rows = reports.reports()[0].run(db, reports.default_period()).rows
    young, adults, seniors, unknown, single, *_others, total = rows
    assert total[2:] == (6, 6)
    assert (young[3], adults[3], seniors[3], unknown[3]) == (0, 6, 0, 0)
    assert single[2:] == (6, 6)


@pytest.mark.parametrize("key", ["reach", "market", "producers", "kitchen", "gardens",
                                 "screening"])
def test_every_report_shows_as_html_and_csv(activate, client, login, db, make_person, key):
    activate("food_security")
    _orders(db, make_person, buyers=5)
    login(role="coordinator")
    page = client.get(f"{R}/{key}")
    assert page.status_code == 200 and f'data-report="{key}"' in page.get_data(as_text=True)
    csv = client.get(f"{R}/{key}?format=csv")
    assert csv.mimetype == "text/csv" and len(csv.get_data(as_text=True).splitlines()) >= 2


def test_the_market_report_draws_its_chart_and_hides_small_counts(activate, client, login, db,
                                                                   make_person):
    activate("food_security")
    _orders(db, make_person, buyers=3)
    login(role="coordinator")
    page = client.get(f"{R}/market").get_data(as_text=True)
    assert "<svg" in page and "<rect" in page and "&lt; 5" in page


def test_a_bad_period_is_refused_next_to_the_field(activate, client, login):
    activate("food_security")
    login(role="coordinator")
    response = client.get(f"{R}/market?start=2026-05-01&end=2026-04-01")
    assert response.status_code == 422 and 'id="e-end"' in response.get_data(as_text=True)


def test_volunteers_do_not_see_reports(activate, client, login):
    activate("food_security")
    login(role="volunteer")
    assert client.get(f"{R}").status_code == 403


def test_the_charts_numbers_are_written_as_the_reader_does(activate, client, login, db,
                                                           make_person):
    """A bar's tooltip printed the raw float ("12.5" paid to local producers, "20.0"
    people): a French reader reads "12,5" and "6", like the table below it."""
    activate("food_security")
    cycle, item = offer(db, quantity=100, price="1.25", kg="1")
    for i in range(5):
        person = make_person(first_name=f"M{i}", last_name="Membre")
        market.place_order(db, cycle.id, person.id, {item.id: 2})
    cycle.closes_at = utcnow() - timedelta(minutes=5)
    db.commit()
    login(role="coordinator")
    for accept, paid in (("fr-CA", "12,5"), ("en", "12.5")):
        page = client.get(f"{R}/market", headers={"Accept-Language": accept})
        bars = page.get_data(as_text=True).split("<svg")[1].split("</svg>")[0]
        assert f" {paid}</title></rect>" in bars, (accept, bars)
    bars = client.get(f"{R}/reach").get_data(as_text=True).split("<svg")[1].split("</svg>")[0]
    assert " 5</title>" in bars and ".0</title>" not in bars
