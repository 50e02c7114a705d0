"""The café's volunteer shifts go through core's volunteering, and the café's volunteer hours
come from core's ledger (confirmed hours only), in the funders' report and the annual report."""

from datetime import date, time, timedelta
from decimal import Decimal
from html import unescape

import pytest

from core.api import (annual_report, confirm_volunteer_hours, record_volunteer_hours, shifts_for,
                      today, utcnow, volunteer_sign_up)

from plugins.food_security import reports
from plugins.food_security.cafe import service as cafe, shifts
from plugins.food_security.kitchen import service as kitchen

C = "/p/food_security/cafe"


@pytest.fixture
def active(activate):
    activate("food_security")


def _menu(db, day):
    soup = kitchen.save_recipe(db, {"name": "Soupe", "yield_portions": 10})
    menu = cafe.create_menu(db, {"served_on": day, "standard_price": Decimal("8"),
                                 "solidarity_price": Decimal("4"), "recipes": [soup.id]})
    db.commit()
    return menu


def test_a_coordinator_publishes_the_days_shift_in_core(active, client, login, db,
                                                        make_person):
    menu = _menu(db, today() + timedelta(days=1))
    login(role="food_security.cafe_coordinator")
    page = f"{C}/days/{menu.id}"
    response = client.post(page, data={"form": "shift", "title": "Service du midi",
                                       "starts_at": "11:00", "ends_at": "14:00", "needed": "3"})
    assert response.status_code == 302
    (shift,) = shifts_for(db, source=shifts.source_of(menu))
    assert (shift.program, shift.needed, shift.hours) == ("food_security.cafe", 3, Decimal("3"))
    volunteer_sign_up(db, shift, make_person(first_name="Rosalie"))
    db.commit()
    shown = unescape(client.get(page).get_data(as_text=True))
    # times as every page writes them, with no-break spaces
    assert "Service du midi · 11\u00a0h\u00a000 – 14\u00a0h\u00a000" in shown
    assert "1 personne sur 3" in shown


@pytest.mark.parametrize("form, message", [
    ({"starts_at": "14:00", "ends_at": "11:00"}, "Le quart doit finir après son début."),
    ({"starts_at": "midi", "ends_at": "14:00"}, "Entrez une heure au format HH:MM."),
    ({"needed": "0"}, "Entrez un nombre entier entre 1 et 500."),
])
def test_a_bad_shift_is_refused_and_nothing_is_published(active, client, login, db, form,
                                                          message):
    menu = _menu(db, today() + timedelta(days=1))
    login(role="coordinator")
    data = {"form": "shift", "title": "Service", "starts_at": "11:00", "ends_at": "14:00",
            "needed": "2", **form}
    response = client.post(f"{C}/days/{menu.id}", data=data)
    assert response.status_code == 422
    assert message in unescape(response.get_data(as_text=True))
    assert shifts_for(db, source=shifts.source_of(menu), include_cancelled=True) == []


def test_a_past_day_gets_no_shift_and_a_volunteer_publishes_none(active, client, login, db):
    menu = _menu(db, today() - timedelta(days=1))
    login(role="coordinator")
    late = client.post(f"{C}/days/{menu.id}", data={"form": "shift", "title": "Service",
                                                    "starts_at": "11:00", "ends_at": "14:00"})
    assert "Un quart se publie avant son début." in late.get_data(as_text=True)
    login(role="volunteer")
    assert client.post(f"{C}/days/{menu.id}", data={"form": "shift"}).status_code == 403


def test_volunteer_hours_come_from_the_ledger(active, db, make_person):
    first = date(today().year, 1, 14)
    menu = _menu(db, first)
    cafe.record_meals(db, menu, {"meals_standard": 20, "meals_solidarity": 10,
                                 "meals_pay_what_you_can": 0,
                                 "pay_what_you_can_collected": Decimal("0")})
    helper, other = make_person(first_name="Rosalie"), make_person(first_name="Malik")
    record_volunteer_hours(db, helper, shifts.PROGRAM, first, Decimal("3"), None)
    record_volunteer_hours(db, other, shifts.PROGRAM, first, Decimal("2.5"), None)
    # a day without a menu (the deep clean) counts in the total, another program does not
    record_volunteer_hours(db, helper, shifts.PROGRAM, date(first.year, 2, 3), Decimal("2"), None)
    record_volunteer_hours(db, helper, "core.reception", first, Decimal("4"), None)
    db.commit()
    table = reports.reports()[-1].run(db, {"start": date(first.year, 1, 1),
                                           "end": date(first.year, 2, 28)})
    month, total = table.rows
    assert (month[0], month[-1], total[-1]) == (f"{first.year}-01", Decimal("5.50"),
                                                Decimal("7.50"))
    sections, _missing = annual_report(db, first.year)
    section = next(s for s in sections if s.id == "food_security.cafe")
    assert dict(section.table.rows)["Heures de bénévolat"] == Decimal("7.50")


def test_a_shift_signed_up_counts_once_its_hours_are_confirmed(active, db, make_person):
    menu = _menu(db, today() + timedelta(days=1))
    shift = shifts.publish(db, menu, {"title": "Service", "starts_at": time(11),
                                      "ends_at": time(13), "needed": 1})
    signup = volunteer_sign_up(db, shift, make_person(first_name="Rosalie"))
    assert shifts.hours(db, menu.served_on, menu.served_on) == Decimal("0.00")
    # the service took place (moved into the past, as the day after would see it)
    shift.starts_at, shift.ends_at = utcnow() - timedelta(hours=3), utcnow() - timedelta(hours=1)
    confirm_volunteer_hours(db, signup, None)
    assert shifts.hours(db, today() - timedelta(days=1), today()) == Decimal("2.00")
