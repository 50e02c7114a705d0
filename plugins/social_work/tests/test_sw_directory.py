"""The community resource directory: freshness, RRULE schedules read by icalendar, needs
matched by Open Eligibility terms, the coordinator's form refusing bad input, and the public
page with no personal data."""

from datetime import date, time, timedelta

import pytest

from core.api import today

from plugins.social_work import directory
from plugins.social_work.models import Referral, Schedule, Service


def test_a_service_not_verified_for_12_months_is_flagged(services):
    day = today()
    stale = {s.name for s in services if directory.is_stale(s, day)}
    assert stale == {"Défense des droits des locataires", "Aide contre les punaises de lit",
                     "Tarif réduit de transport collectif"}
    fresh = services[0]
    fresh.assured_date = day - timedelta(days=365)
    assert not directory.is_stale(fresh, day)
    fresh.assured_date = None
    assert directory.is_stale(fresh, day)


@pytest.mark.parametrize("text, canonical", [
    ("FREQ=WEEKLY;BYDAY=TU,TH", "FREQ=WEEKLY;BYDAY=TU,TH"),
    ("RRULE:FREQ=MONTHLY;BYDAY=1WE", "FREQ=MONTHLY;BYDAY=1WE"),
])
def test_rrules_are_read_by_icalendar(text, canonical):
    assert directory.parse_rrule(text) == canonical


@pytest.mark.parametrize("text", ["FREQ=SOMETIMES", "BYDAY=MO", "FREQ=WEEKLY;BYDAY=XX", ""])
def test_unreadable_rrules_are_refused(text):
    with pytest.raises(ValueError):
        directory.parse_rrule(text)


def test_a_schedule_reads_in_words_and_gives_its_next_opening(app):
    schedule = Schedule(rrule=directory.weekly_rrule(["TH", "TU"], interval=2),
                        valid_from=date(2026, 12, 1), opens_at=time(9), closes_at=time(12))
    assert schedule.rrule == "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,TH"
    with app.test_request_context(headers={"Accept-Language": "en-CA"}):
        assert directory.describe(schedule) == ("Every 2 weeks: Tuesday, Thursday, "
                                                "9:00\u202fAM–12:00\u202fPM")
    with app.test_request_context(headers={"Accept-Language": "fr-CA"}):
        assert directory.describe(schedule) == ("Toutes les 2 semaines\u202f: mardi, jeudi, "
                                                "09\u00a0h\u00a000–12\u00a0h\u00a000")
    assert directory.next_opening(schedule, date(2026, 12, 2)) == date(2026, 12, 3)
    assert directory.next_opening(schedule, date(2026, 12, 4)) == date(2026, 12, 15)


def test_a_schedule_writes_its_days_as_each_language_does(app):
    # French writes weekdays in lower case inside a sentence ("Lundi, Jeudi" read as names)
    weekly = Schedule(rrule=directory.weekly_rrule(["MO", "TH"]), valid_from=date(2026, 12, 1),
                      opens_at=time(9), closes_at=time(12))
    with app.test_request_context(headers={"Accept-Language": "fr-CA"}):
        assert directory.describe(weekly).startswith("Lundi, jeudi, 09\u00a0h\u00a000")
    with app.test_request_context(headers={"Accept-Language": "en-CA"}):
        assert directory.describe(weekly).startswith("Monday, Thursday, 9:00")


def test_services_matching_a_need_are_the_active_ones_with_its_terms(db, services):
    assert {s.name for s in directory.matching(db, "transport")} == {
        "Transport bénévole aux rendez-vous médicaux"}   # the Opus one is temporarily closed
    assert len(directory.matching(db, "food")) == 3


@pytest.fixture
def coordinator(login, sw_on):
    return login(role="coordinator")


def test_a_coordinator_adds_a_service_with_its_schedule(client, db, coordinator):
    response = client.post("/p/social_work/directory/new", data={
        "organization_name": "Popote roulante du Sud-Ouest", "name": "Repas livrés",
        "terms": ["food"], "languages": ["fr", "en"], "status": "active",
        "address_1": "2450, rue Centre", "postal_code": "h3k 1j9",
        "schedule_days": ["MO", "WE"], "opens_at": "11:00", "closes_at": "13:00",
        "assured_date": today().isoformat()})
    assert response.status_code == 302
    service = db.query(Service).filter_by(name="Repas livrés").one()
    assert service.organization.name == "Popote roulante du Sud-Ouest"
    assert service.location.postal_code == "H3K 1J9"
    assert [s.rrule for s in service.schedules] == ["FREQ=WEEKLY;BYDAY=MO,WE"]
    assert "Repas livrés" in client.get("/p/social_work/directory").get_data(as_text=True)


@pytest.mark.parametrize("changes, field", [
    ({"name": " "}, "name"),
    ({"organization_name": ""}, "organization_name"),
    ({"closes_at": "10:00"}, "closes_at"),
    ({"postal_code": "12345"}, "postal_code"),
    ({"email": "not-an-address"}, "email"),
    ({"status": "open-ish"}, "status"),
    ({"minimum_age": "40", "maximum_age": "20"}, "maximum_age"),
    ({"organization_id": "no-such-organization"}, "organization_id"),
])
def test_bad_input_is_refused_with_a_message_and_nothing_saved(client, db, coordinator,
                                                               changes, field):
    data = {"organization_name": "Org", "name": "Service X", "schedule_days": ["MO"],
            "opens_at": "11:00", "closes_at": "13:00", **changes}
    response = client.post("/p/social_work/directory/new", data=data)
    assert response.status_code == 422
    assert f'id="e-{field}"' in response.get_data(as_text=True) or \
        'role="alert"' in response.get_data(as_text=True)
    assert db.query(Service).filter_by(name="Service X").count() == 0


def test_verifying_a_service_clears_its_flag(client, db, coordinator, services):
    stale = next(s for s in services if s.name == "Aide contre les punaises de lit")
    assert client.post(f"/p/social_work/directory/{stale.id}/verify").status_code == 302
    db.expire_all()
    # the coop's day, not the machine's: from midnight UTC to midnight in Montréal they differ
    assert db.get(Service, stale.id).assured_date == today()


def test_the_public_page_lists_active_services_and_nobody(client, db, services, person):
    db.add(Referral(person_id=person.id, need="food", service=services[1]))
    db.commit()
    page = client.get("/p/social_work/services")
    assert page.status_code == 200
    text = page.get_data(as_text=True)
    assert "Dépannage alimentaire" in text
    assert "Tarif réduit de transport collectif" not in text      # temporarily closed
    assert "Lalonde" not in text and "Ginette" not in text


def test_directory_pages_need_the_directory_permission(client, login, sw_on):
    login(role="member")
    assert client.get("/p/social_work/directory").status_code == 403


def test_an_organization_that_is_not_one_is_said_next_to_its_list(client, db, coordinator):
    """The organization list had no place for its message: a 422 saying only "correct the
    fields shown"."""
    response = client.post("/p/social_work/directory/new", data={
        "organization_id": "99999", "organization_name": "", "name": "Service X",
        "schedule_days": ["MO"], "opens_at": "11:00", "closes_at": "13:00"})
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert 'id="e-organization_id">Choisissez une des options.' in page
    assert 'value="Service X"' in page
    assert db.query(Service).filter_by(name="Service X").count() == 0
