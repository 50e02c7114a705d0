"""The last service is the later of the last entry and the last appointment the person
attended: a chart whose newest entry is old but who came to a visit last year is kept; a
booking, a no-show or a cancellation is no service."""

from datetime import timedelta

import pytest
from sqlalchemy import select

from core.coop_time import local_day
from core.db import utcnow
from core.privacy.models import RetentionCandidate
from core.privacy.retention import add_years, destroy, due_dates, refresh_candidates
from core.refusal import Refused
from core.scheduling.models import Appointment, Resource


@pytest.fixture
def practitioner(db, nurse):
    resource = Resource(kind="practitioner", name="Nadia Nurse", account_id=nurse.id,
                        discipline="recordtest")
    db.add(resource)
    db.commit()
    return resource


def _visit(db, person, years_ago, status, resource=None):
    start = utcnow().replace(microsecond=0) - timedelta(days=round(365.25 * years_ago))
    db.add(Appointment(type_code="sample.visit", person_id=person.id, starts_at=start,
                       ends_at=start + timedelta(minutes=30), status=status,
                       practitioner_id=resource.id if resource else None))
    db.commit()
    return start


def _listed(db):
    return {c.person_id for c in db.scalars(select(RetentionCandidate).where(
        RetentionCandidate.status == "pending"))}


def test_an_attended_visit_after_the_last_entry_keeps_the_chart(db, old_chart, practitioner):
    came = old_chart(3)                   # recordtest keeps 2 years after the last service
    when = _visit(db, came, 1, "done", practitioner)
    arrived = old_chart(3)
    _visit(db, arrived, 1.5, "arrived", practitioner)
    missed = old_chart(3)
    for status in ("no_show", "cancelled", "booked"):
        _visit(db, missed, 0.5, status, practitioner)
    refresh_candidates(db)
    listed = _listed(db)
    assert came.id not in listed and arrived.id not in listed and missed.id in listed
    due = due_dates(db, [came.id])[came.id]
    assert due.last_service_on == local_day(when)
    assert "Test rule" in due.rule


def test_a_visit_without_a_discipline_counts_under_the_coop_default(db, old_chart):
    person = old_chart(3)
    _visit(db, person, 1, "done")          # no practitioner: the coop's 5 years from the visit
    refresh_candidates(db)
    assert person.id not in _listed(db)
    due = due_dates(db, [person.id])[person.id]
    assert due.due_on == add_years(due.last_service_on, 5) and "coop" in due.rule


def test_a_visit_attended_after_the_chart_was_listed_stops_its_destruction(
        db, old_chart, practitioner, officer):
    person = old_chart(3)
    refresh_candidates(db)
    db.commit()
    [candidate] = db.scalars(select(RetentionCandidate).where(
        RetentionCandidate.person_id == person.id)).all()
    _visit(db, person, 0.1, "done", practitioner)
    with pytest.raises(Refused):
        destroy(db, candidate, by=officer)
    db.rollback()
    refresh_candidates(db)
    db.commit()
    db.expire_all()
    assert db.get(RetentionCandidate, candidate.id).status == "stale"


def test_people_with_visits_but_no_entry_have_no_chart_to_destroy(db, make_person, practitioner):
    person = make_person()
    _visit(db, person, 8, "done", practitioner)
    assert person.id not in due_dates(db)


def test_the_retention_page_says_which_periods_are_to_confirm_and_what_last_service_means(
        app, officer):
    from tests.privacy.conftest import client_of

    page = client_of(app, officer).get("/privacy/retention").get_data(as_text=True)
    assert 'id="rules-to-confirm"' in page and "aucun texte fixant cette durée" in page
    assert "dernière séance de groupe auxquels la personne s" in page
    rows = {row.split("</td>")[0]: row.split("</tr>")[0] for row in page.split("<tr><td>")[1:]}
    herbalism = next(r for name, r in rows.items() if "erbori" in name)
    psychology = next(r for name, r in rows.items() if "sycholog" in name)
    assert "à confirmer" not in herbalism and "à confirmer" not in psychology
    for name in ("Soins infirmiers", "Travail social", "Acupuncture", "Toute autre"):
        assert '<span class="badge">à confirmer</span>' in rows[name]


def test_a_group_session_led_by_a_practitioner_counts_a_community_activity_does_not(
        db, old_chart, practitioner):
    from core.scheduling.models import GroupSeat, GroupSession

    clinic, kitchen = old_chart(3), old_chart(3)
    start = utcnow().replace(microsecond=0) - timedelta(days=200)
    led = GroupSession(type_code="sample.group", practitioner_id=practitioner.id, capacity=10,
                       starts_at=start, ends_at=start + timedelta(hours=1), seats_taken=1)
    community = GroupSession(type_code="sample.kitchen", capacity=10, starts_at=start,
                             ends_at=start + timedelta(hours=2), seats_taken=1)
    db.add_all([led, community])
    db.flush()
    db.add_all([GroupSeat(group_session_id=led.id, person_id=clinic.id, status="confirmed",
                          attended=True),
                GroupSeat(group_session_id=community.id, person_id=kitchen.id,
                          status="confirmed", attended=True)])
    db.commit()
    refresh_candidates(db)
    listed = _listed(db)
    assert clinic.id not in listed and kitchen.id in listed
    assert due_dates(db, [clinic.id])[clinic.id].last_service_on == local_day(start)
