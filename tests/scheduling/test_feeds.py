"""Community events on a public page, and iCalendar feeds validated with icalendar."""

from datetime import time, timedelta

from icalendar import Calendar

from core.api import book
from core.scheduling.events import save_event
from core.scheduling.feeds import issue_token
from core.scheduling.timeutil import local_datetime
from tests.scheduling.conftest import at, next_weekday


def _market(db, **kw):
    data = {"title": "Marché solidaire", "location": "Parc Molson", "duration_minutes": 180,
            "starts_at": local_datetime(next_weekday(5), time(9)),
            "rrule": "FREQ=WEEKLY;BYDAY=SA;UNTIL=20991231", "published": True, **kw}
    return save_event(db, data)


def test_the_public_page_shows_events_to_anyone_and_no_personal_data(client, db, types_on,
                                                                     practitioner, make_person):
    _market(db)
    _market(db, title="Réunion interne", published=False)
    book(db, type_code="schedtest.visit", start=at(next_weekday(1), 10),
         person=make_person("Hélène", "Tremblay"))
    db.commit()
    page = client.get("/events").get_data(as_text=True)
    assert page.count("Marché solidaire") >= 6  # every Saturday of the next 60 days
    assert "Réunion interne" not in page
    assert "Hélène" not in page and "Tremblay" not in page and "Dre Gagnon" not in page


def test_the_public_feed_is_valid_icalendar_with_its_recurrence(client, db):
    _market(db)
    db.commit()
    response = client.get("/events.ics")
    assert response.mimetype == "text/calendar"
    cal = Calendar.from_ical(response.data)
    events = cal.walk("VEVENT")
    assert len(events) == 1
    event = events[0]
    assert str(event["SUMMARY"]) == "Marché solidaire"
    assert event.decoded("DTSTART").tzinfo is not None
    assert str(event["DTSTART"].params["TZID"]) == "America/Montreal"
    rule = event["RRULE"]
    assert rule["FREQ"] == ["WEEKLY"] and rule["UNTIL"][0].tzinfo is not None  # RFC 5545: UTC
    assert cal.walk("VTIMEZONE"), "the zone is described for calendar apps"


def test_a_bad_repetition_rule_is_refused_next_to_the_field(client, login, db):
    login(role="coordinator")
    response = client.post("/schedule/events/new", data={
        "title": "Atelier", "date": next_weekday(2).isoformat(), "time": "18:00",
        "duration_minutes": "90", "rrule": "FREQ=SOMETIMES"})
    assert response.status_code == 422
    assert "Cette règle de répétition n’est pas valide." in response.get_data(as_text=True)
    ok = client.post("/schedule/events/new", data={
        "title": "Atelier", "date": next_weekday(2).isoformat(), "time": "18:00",
        "duration_minutes": "90", "rrule": "FREQ=MONTHLY;BYDAY=1TU", "published": "1"})
    assert ok.status_code == 302
    assert "Atelier" in client.get("/events").get_data(as_text=True)


def test_a_practitioner_feed_lives_at_a_secret_url_and_can_be_revoked(client, login, db, types_on,
                                                                      practitioner, make_person):

    book(db, type_code="schedtest.visit", start=at(next_weekday(1), 10),
         person=make_person("Hélène", "Tremblay"), practitioner=practitioner)
    token = issue_token(db, practitioner)
    db.commit()
    assert practitioner.feed_token_hash != token and len(practitioner.feed_token_hash) == 64
    response = client.get(f"/calendar/{token}.ics")
    assert response.status_code == 200
    cal = Calendar.from_ical(response.data)
    (event,) = cal.walk("VEVENT")
    assert str(event["SUMMARY"]) == "Test visit"
    assert event.decoded("DTEND") - event.decoded("DTSTART") == timedelta(hours=1)
    assert b"Tremblay" not in response.data and b"H\xc3\xa9l\xc3\xa8ne" not in response.data
    assert client.get("/calendar/not-the-token.ics").status_code == 404
    # the practitioner makes a new address: the old one stops working
    login(practitioner.account)
    page = client.post("/schedule/my-feed", data={"action": "issue"}).get_data(as_text=True)
    assert "/calendar/" in page
    assert client.get(f"/calendar/{token}.ics").status_code == 404
    client.post("/schedule/my-feed", data={"action": "revoke"})
    db.refresh(practitioner)
    assert practitioner.feed_token_hash is None
