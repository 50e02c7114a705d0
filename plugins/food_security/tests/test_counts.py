"""A count agrees with its number in both languages: "1 personne", "2 personnes", "0 portion";
"1 person", "2 people" (never "1 personnes" nor "portion(s)")."""

from datetime import date, timedelta
from decimal import Decimal
from html import unescape

import pytest
from flask_babel import force_locale

from core.api import shifts_for, today as coop_today, utcnow, volunteer_sign_up

from plugins.food_security.cafe import service as cafe, shifts
from plugins.food_security.gardens import service as gardens
from plugins.food_security.kitchen import service as kitchen
from plugins.food_security.tests.helpers import garden_with_plots, season

P = "/p/food_security"
ENGLISH = {"Accept-Language": "en"}


@pytest.fixture
def active(activate):
    activate("food_security")


def _both(client, url):
    """The page in French, then in English (no language chosen: the browser's is taken)."""
    return (unescape(client.get(url).get_data(as_text=True)),
            unescape(client.get(url, headers=ENGLISH).get_data(as_text=True)))


def test_a_cafe_shift_counts_its_volunteers_in_the_singular_and_the_plural(
        active, client, login, db, make_person):
    soup = kitchen.save_recipe(db, {"name": "Soupe", "yield_portions": 10})
    menu = cafe.create_menu(db, {"served_on": coop_today() + timedelta(days=1),
                                 "standard_price": Decimal("8"),
                                 "solidarity_price": Decimal("4"), "recipes": [soup.id]})
    db.commit()
    login(role="food_security.cafe_coordinator")
    page = f"{P}/cafe/days/{menu.id}"
    for title in ("Midi", "Soir", "Vaisselle"):
        client.post(page, data={"form": "shift", "title": title, "starts_at": "11:00",
                                "ends_at": "14:00", "needed": "3"})
    by_title = {s.title: s for s in shifts_for(db, source=shifts.source_of(menu))}
    volunteer_sign_up(db, by_title["Soir"], make_person(first_name="Rosalie"))
    for name in ("Malik", "Inès"):
        volunteer_sign_up(db, by_title["Vaisselle"], make_person(first_name=name))
    db.commit()
    french, english = _both(client, page)
    for title, fr, en in (("Midi", "0 personne sur 3", "0 people out of 3"),
                          ("Soir", "1 personne sur 3", "1 person out of 3"),
                          ("Vaisselle", "2 personnes sur 3", "2 people out of 3")):
        assert (f'{title} · 11\u00a0h\u00a000 – 14\u00a0h\u00a000 · '
                f'<span class="places">{fr}</span>') in french  # times never broken
        assert f'<span class="places">{en}</span>' in english


def test_a_kitchen_counts_people_at_home_and_portions(active, client, login, db, make_person):
    group = kitchen.save_group(db, {"name": "Cuisine du mardi", "theme": "vegetarian",
                                    "capacity": 8})
    kitchen.add_member(db, group, make_person(last_name="Seule").id, 1)
    kitchen.add_member(db, group, make_person(last_name="Famille").id, 4)
    kitchen.save_recipe(db, {"name": "Pouding chômeur", "yield_portions": 1})
    kitchen.save_recipe(db, {"name": "Chili végé", "yield_portions": 10})
    db.commit()
    login(role="food_security.kitchen_coordinator")
    french, english = _both(client, f"{P}/kitchen/groups/{group.id}")
    assert "1 personne à la maison" in french and "4 personnes à la maison" in french
    assert "1 person at home" in english and "4 people at home" in english
    french, english = _both(client, f"{P}/kitchen/")
    assert "Pouding chômeur</a> · 1 portion</li>" in french and "10 portions</li>" in french
    assert "Pouding chômeur</a> · 1 portion</li>" in english and "10 portions</li>" in english


def test_the_portions_left_to_share_agree_with_their_number(app, db, make_person):
    group = kitchen.save_group(db, {"name": "Cuisine", "theme": "vegetarian", "capacity": 8})
    start = utcnow() + timedelta(days=3)
    session = kitchen.plan_session(db, group, {"starts_at": start,
                                               "ends_at": start + timedelta(hours=3)})
    kitchen.add_dish(db, session, kitchen.save_recipe(db, {"name": "Muffins",
                                                           "yield_portions": 12}))
    kitchen.record_participation(db, session, make_person().id, 11)
    second = make_person(last_name="Gagnon").id
    for locale, text in (("fr_CA", "Il ne reste que 1 portion à partager."),
                         ("en", "Only 1 portion is left to share.")):
        with app.test_request_context(), force_locale(locale):
            with pytest.raises(kitchen.KitchenError) as refused:
                kitchen.record_participation(db, session, second, 5)
            assert str(refused.value.message) == text


def test_taking_back_one_unplanted_plot_says_so_in_the_singular(active, client, login, db,
                                                                make_person):
    year = coop_today().year - 1
    current = season(db, year)  # last year's: its planting deadline has passed
    _garden, (plot, _other) = garden_with_plots(db)
    gardens.allocate(db, plot, current, make_person(last_name="Oisif"), on=date(year, 4, 1))
    gardens.add_to_waitlist(db, make_person(last_name="Attente"),
                            {"registered_on": date(year - 1, 5, 1)})
    db.commit()
    login(role="coordinator")
    done = client.post(f"{P}/gardens/seasons/{current.id}/unplanted", follow_redirects=True)
    assert "1 jardinet repris et offert à la liste d'attente." in unescape(
        done.get_data(as_text=True)).replace("\u2019", "'")
    # the plot given to the next in line is past the deadline too: taken back again
    again = client.post(f"{P}/gardens/seasons/{current.id}/unplanted", headers=ENGLISH,
                        follow_redirects=True)
    assert "1 plot taken back and offered to the waiting list." in again.get_data(as_text=True)
