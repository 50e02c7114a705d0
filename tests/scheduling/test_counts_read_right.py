"""What the desk and members read agrees with its number: "1 sur 3 places prises" (was "1 places
prises sur 3"), "1 heure avant", a walk-in ticket that "vient d'arriver" (was "0 min") and one
waiting "1 h 05" (was "65 min"), in French and in English."""

from datetime import timedelta
from html import unescape

import pytest

from core.api import create_group_session, sign_up
from core.scheduling import walkin
from tests.scheduling.conftest import at, next_weekday

ENGLISH = {"Accept-Language": "en"}


def _read(client, url, headers=None):
    return unescape(client.get(url, headers=headers or {}).get_data(as_text=True))


def test_places_taken_agree_with_the_number_of_places(client, login, db, types_on, practitioner,
                                                     make_person):
    day = next_weekday(2)
    group = create_group_session(db, type_code="schedtest.group", start=at(day, 10),
                                 practitioner=practitioner, title="Cuisine collective")
    sign_up(db, group, make_person("Luc", "Bergeron"))
    db.commit()
    login(role="reception")
    for url in (f"/schedule/groups/{group.id}", "/schedule/groups/",
                f"/schedule/day?resource={practitioner.id}&date={day}"):
        page, english = _read(client, url), _read(client, url, ENGLISH)
        assert "1 sur 3 places prises" in page and "places prises sur" not in page, url
        assert "1 of 3 places" in english, url


def test_a_reminder_one_hour_before_reads_in_the_singular(client, login, make_account,
                                                         make_person, monkeypatch):
    from core.scheduling import reminders

    monkeypatch.setattr(reminders, "HOURS_CHOICES", (1, 24))
    login(make_account(roles=["member"], person=make_person("Maude", "Ouellet")))
    page = _read(client, "/portal/appointments/")
    assert ">1 heure avant</option>" in page and ">24 heures avant</option>" in page
    english = _read(client, "/portal/appointments/", ENGLISH)
    assert ">1 hour before</option>" in english and ">24 hours before</option>" in english


@pytest.fixture
def tickets(db):
    now = walkin.add_ticket(db, label="Marc")
    long = walkin.add_ticket(db, label="Ana")
    long.arrived_at -= timedelta(minutes=65, seconds=10)
    db.commit()
    return now, long


def test_a_walk_in_just_arrived_and_one_waiting_over_an_hour_read_right(client, login, db,
                                                                       tickets):
    login(role="reception")
    home, english = _read(client, "/"), _read(client, "/", ENGLISH)
    assert "<small>· vient d’arriver</small>" in home and "depuis 0" not in home
    assert "<small>· attend depuis 1\u00a0h\u00a005</small>" in home
    assert "arrived just now" in english and "waiting for 1\u00a0h\u00a005\u00a0min" in english
    queue = _read(client, "/schedule/walk-in/")
    assert ">vient d’arriver</td>" in queue and ">1\u00a0h\u00a005</td>" in queue
    assert ">just arrived</td>" in _read(client, "/schedule/walk-in/", ENGLISH)
    first = tickets[0]
    walkin.call(db, first, None)
    walkin.close(db, first, "done")
    db.commit()
    assert "attente de moins d’une minute" in _read(client, "/schedule/walk-in/")
    assert "waited less than a minute" in _read(client, "/schedule/walk-in/", ENGLISH)


@pytest.mark.parametrize("minutes, french, english", [
    (0, "vient d’arriver", "just arrived"), (1, "1\u00a0min", "1\u00a0min"),
    (59, "59\u00a0min", "59\u00a0min"), (60, "1\u00a0h", "1\u00a0h"),
    (125, "2\u00a0h\u00a005", "2\u00a0h\u00a005\u00a0min")])
def test_a_waiting_time_in_minutes_then_hours(app, minutes, french, english):
    from flask_babel import force_locale

    from core.scheduling.labels import waiting

    with app.test_request_context():
        for locale, text in (("fr_CA", french), ("en", english)):
            with force_locale(locale):
                assert waiting(timedelta(minutes=minutes, seconds=30)) == text


def test_a_persons_group_sessions_head_their_sign_up_not_a_place(client, login, db, types_on,
                                                                 practitioner, make_person):
    """The column holding "Confirmée" / "Liste d'attente" is headed "Inscription" (it read
    "Lieu", a room, over "Confirmée")."""
    person = make_person("Luc", "Bergeron")
    group = create_group_session(db, type_code="schedtest.group", start=at(next_weekday(2), 10),
                                 practitioner=practitioner, title="Cuisine collective")
    sign_up(db, group, person)
    db.commit()
    login(role="reception")
    page = _read(client, f"/schedule/people/{person.id}")
    assert '<th scope="col">Inscription</th>' in page and 'data-label="Inscription">Confirmé' in page
    assert ">Lieu<" not in page
    english = _read(client, f"/schedule/people/{person.id}", ENGLISH)
    assert '<th scope="col">Sign-up</th>' in english
