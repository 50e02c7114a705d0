"""Arrival, absence and attendance are recorded when they happen: a visit weeks ahead cannot be
marked "Sur place", nor a session's participant absent before it begins; the pages do not
offer what the server would refuse."""

from datetime import timedelta

import pytest

from core.api import book, create_group_session, sign_up
from core.coop_time import local_day_bounds
from core.scheduling import groups, service
from core.scheduling.errors import InvalidTransition
from core.scheduling.on_the_day import refusal
from tests.scheduling.conftest import at, bearer, next_weekday, on_the_day
from tests.scheduling.schedtest_plugin import CHANGES

ARRIVAL = "L’arrivée ne peut être notée que le jour du rendez-vous."
ABSENCE = "Une absence ne peut être notée qu’une fois l’heure de début passée."
SEEN = "Un rendez-vous ne peut être noté «\u202fTerminé\u202f» qu’à partir de son jour."


def _ahead(db, make_person, weeks=3):
    return book(db, type_code="schedtest.visit", start=at(next_weekday(1, weeks), 10),
                person=make_person())


@pytest.mark.parametrize("status, message", [("arrived", ARRIVAL), ("no_show", ABSENCE),
                                             ("done", SEEN)])
def test_a_visit_weeks_ahead_is_refused_any_status_and_keeps_its_own(
        db, types_on, practitioner, make_person, status, message):
    visit = _ahead(db, make_person)
    CHANGES.clear()
    with pytest.raises(InvalidTransition) as refused:
        service.set_status(db, visit, status)
    assert str(refused.value) == message and refused.value.status == 409
    db.refresh(visit)
    assert (visit.status, visit.arrived_at, CHANGES) == ("booked", None, [])


def test_on_its_day_a_visit_may_arrive_be_absent_once_begun_and_be_seen(
        db, types_on, practitioner, make_person):
    visit = on_the_day(db, _ahead(db, make_person))
    assert service.statuses_offered(visit) == ["arrived", "done", "no_show"]
    service.set_status(db, visit, "no_show")
    service.set_status(db, visit, "arrived")  # came late, the same day
    service.set_status(db, visit, "done")
    assert visit.status == "done" and visit.arrived_at is not None


def test_a_past_days_visit_can_be_marked_absent_or_seen_but_no_longer_arrived(
        db, types_on, practitioner, make_person):
    visit = on_the_day(db, _ahead(db, make_person),
                       local_day_bounds(next_weekday(1, -2))[0] + timedelta(hours=14))
    assert service.statuses_offered(visit) == ["done", "no_show"]
    with pytest.raises(InvalidTransition, match=ARRIVAL):
        service.set_status(db, visit, "arrived")
    service.set_status(db, visit, "no_show")


def test_the_day_is_the_coops_not_utcs(db):
    """21:00 in Montreal is 01:00 UTC the next day: arrival is still noted that evening, and
    no longer the next morning."""
    day = next_weekday(2)
    evening = at(day, 21)
    assert evening.date() != day  # UTC's day is the next one
    assert refusal("arrived", evening, now=at(day, 8)) is None
    assert refusal("arrived", evening, now=at(day + timedelta(days=1), 0, 30)) == ARRIVAL
    assert refusal("no_show", evening, now=at(day, 20, 59)) == ABSENCE
    assert refusal("no_show", evening, now=at(day, 21, 1)) is None


def test_the_visit_page_offers_only_what_can_be_recorded_and_the_server_refuses_the_rest(
        client, login, db, types_on, practitioner, make_person):
    login(role="reception")
    visit = _ahead(db, make_person)
    db.commit()
    page = client.get(f"/schedule/appointments/{visit.id}").get_data(as_text=True)
    assert 'name="status"' not in page
    assert "Déplacer" in page and "Annuler le rendez-vous" in page  # still offered ahead
    refused = client.post(f"/schedule/appointments/{visit.id}/status",
                          data={"status": "arrived"}, follow_redirects=True)
    assert ARRIVAL in refused.get_data(as_text=True)
    db.refresh(visit)
    assert visit.status == "booked" and visit.arrived_at is None
    on_the_day(db, visit)
    db.commit()
    page = client.get(f"/schedule/appointments/{visit.id}").get_data(as_text=True)
    assert all(f'value="{s}"' in page for s in ("arrived", "done", "no_show"))


def test_the_api_refuses_an_arrival_weeks_ahead_with_the_reason(client, db, types_on,
                                                                 practitioner, make_person,
                                                                 make_account):
    headers = bearer(db, make_account(roles=["reception"]))
    visit = _ahead(db, make_person)
    db.commit()
    answer = client.post(f"/api/v1/appointments/{visit.id}/status", json={"status": "arrived"},
                         headers=headers)
    assert answer.status_code == 409
    assert answer.get_json()["error"]["message"] == ARRIVAL
    db.refresh(visit)
    assert visit.status == "booked"


def test_a_group_sessions_attendance_waits_for_its_day(client, login, db, types_on,
                                                       make_person):
    login(role="reception")
    group = create_group_session(db, type_code="schedtest.group",
                                 start=at(next_weekday(2, 3), 18), capacity=2)
    seat = sign_up(db, group, make_person())
    with pytest.raises(InvalidTransition, match="qu’à partir du jour de la séance"):
        groups.mark_attendance(db, seat, True)
    with pytest.raises(InvalidTransition, match=ABSENCE):
        groups.mark_attendance(db, seat, False)
    db.commit()
    page = client.get(f"/schedule/groups/{group.id}").get_data(as_text=True)
    assert 'name="attended"' not in page
    refused = client.post(f"/schedule/groups/seats/{seat.id}/attendance",
                          data={"attended": "1"}, follow_redirects=True)
    assert "La présence ne peut être notée" in refused.get_data(as_text=True)
    db.refresh(seat)
    assert seat.attended is None
    on_the_day(db, group)
    db.commit()
    page = client.get(f"/schedule/groups/{group.id}").get_data(as_text=True)
    assert 'name="attended" value="1"' in page and 'name="attended" value="0"' in page
