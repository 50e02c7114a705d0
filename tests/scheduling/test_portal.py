"""Members book online the types the coop allows, cancel their own, choose reminders."""

import pytest

from core.api import book, create_group_session
from core.scheduling.extra_models import ReminderPreference
from core.scheduling.models import Appointment, GroupSeat
from tests.scheduling.conftest import at, next_weekday


@pytest.fixture
def member(client, login, make_account, make_person):
    person = make_person("Maude", "Ouellet", email="maude@example.org")
    login(make_account(roles=["member"], person=person))
    return person


def test_the_portal_menu_lists_my_appointments(client, member):
    page = client.get("/portal/").get_data(as_text=True)
    assert "/portal/appointments/" in page and "Mes rendez-vous" in page


def test_a_member_books_one_of_the_free_times_offered(client, db, types_on, practitioner, member):
    page = client.get("/portal/appointments/book?type_code=schedtest.visit").get_data(as_text=True)
    assert "Dre Gagnon" in page
    start = at(next_weekday(1), 9)
    response = client.post("/portal/appointments/book", data={
        "type_code": "schedtest.visit", "start": start.isoformat(), "practitioner_id": practitioner.id})
    assert response.status_code == 302
    visit = db.query(Appointment).filter_by(person_id=member.id).one()
    assert visit.online and visit.starts_at == start
    assert "Test visit" in client.get("/portal/appointments/").get_data(as_text=True)


def test_the_free_times_are_shown_under_their_day(client, db, types_on, practitioner, member):
    """Twelve buttons each read "lundi 7 décembre 2026 · 10 h 30 · …", bulleted and touching
    on a phone: now each day is written once, as a heading, its times as buttons under it."""
    import re
    from datetime import datetime

    from babel.dates import format_date

    from core.coop_time import to_local

    page = client.get("/portal/appointments/book?type_code=schedtest.visit").get_data(as_text=True)
    slots = page.split('<div id="slots">')[1].split("</div>")[0]
    days = re.findall(r'<h2 class="slot-day">(.*?)</h2>', slots)
    buttons = re.findall(r'<button type="submit">(.*?)</button>', slots)
    starts = re.findall(r'name="start" value="(.*?)"', slots)
    assert len(buttons) == len(starts) > 1 and len(days) == len(set(days)) >= 1
    local = [to_local(datetime.fromisoformat(s)) for s in starts]
    assert days == list(dict.fromkeys(format_date(d.date(), "full", locale="fr_CA")
                                      for d in local))
    assert all(button.endswith(" · Dre Gagnon") and "2026" not in button
               and not any(day in button for day in days) for button in buttons)


def test_types_not_offered_online_are_refused(client, db, types_on, practitioner, member):
    start = at(next_weekday(1), 9).isoformat()
    response = client.post("/portal/appointments/book", data={
        "type_code": "schedtest.short", "start": start, "practitioner_id": practitioner.id})
    assert response.status_code == 422
    from core.scheduling.apptypes import set_online

    set_online(db, "schedtest.visit", False)
    db.commit()
    response = client.post("/portal/appointments/book", data={
        "type_code": "schedtest.visit", "start": start, "practitioner_id": practitioner.id})
    assert response.status_code == 422
    assert db.query(Appointment).count() == 0


def test_a_taken_time_answers_409(client, db, types_on, practitioner, member, make_person):
    start = at(next_weekday(1), 9)
    book(db, type_code="schedtest.visit", start=start, person=make_person())
    db.commit()
    response = client.post("/portal/appointments/book", data={
        "type_code": "schedtest.visit", "start": start.isoformat(), "practitioner_id": practitioner.id})
    assert response.status_code == 409
    assert "Cette plage est déjà prise" in response.get_data(as_text=True)


def test_members_cancel_their_own_and_never_someone_elses(client, db, types_on, practitioner,
                                                          member, make_person):
    mine = book(db, type_code="schedtest.visit", start=at(next_weekday(1), 9), person=member)
    theirs = book(db, type_code="schedtest.visit", start=at(next_weekday(1), 11),
                  person=make_person("Autre"))
    db.commit()
    assert client.post(f"/portal/appointments/{theirs.id}/cancel").status_code == 404
    client.post(f"/portal/appointments/{mine.id}/cancel")
    db.refresh(mine), db.refresh(theirs)
    assert (mine.status, theirs.status) == ("cancelled", "booked")


def test_members_sign_up_for_group_activities_offered_online(client, db, types_on, member):
    group = create_group_session(db, type_code="schedtest.group", start=at(next_weekday(2), 18))
    db.commit()
    assert "Test workshop" in client.get("/portal/appointments/").get_data(as_text=True)
    client.post(f"/portal/appointments/groups/{group.id}/signup")
    seat = db.query(GroupSeat).filter_by(person_id=member.id).one()
    assert seat.status == "confirmed"
    client.post(f"/portal/appointments/seats/{seat.id}/cancel")
    db.refresh(seat)
    assert seat.status == "cancelled"


def test_reminders_are_off_until_the_member_chooses(client, db, member):
    page = client.get("/portal/appointments/").get_data(as_text=True)
    assert 'value="none" checked' in page
    assert db.get(ReminderPreference, member.id) is None
    client.post("/portal/appointments/reminders", data={"channel": "email", "hours_before": "24"})
    assert db.get(ReminderPreference, member.id).channel == "email"
    bad = client.post("/portal/appointments/reminders", data={"channel": "sms", "hours_before": "5"})
    assert bad.status_code == 422 and "Choisissez comment recevoir vos rappels." in bad.get_data(as_text=True)
    assert 'id="e-hours_before">Choisissez quand recevoir vos rappels.' in bad.get_data(as_text=True)
    assert db.get(ReminderPreference, member.id).channel == "email"


def test_a_members_own_export_holds_their_group_activities(client, db, types_on, member):
    """The CSV a member downloads (Law 25 portability) listed their appointments but not the
    workshop they signed up for, nor the waiting list they were on."""
    from core.scheduling.groups import sign_up

    workshop = create_group_session(db, type_code="schedtest.group", start=at(next_weekday(2), 18),
                                    title="Atelier sur les plantes médicinales")
    sign_up(db, workshop, member)
    db.commit()
    export = client.get("/portal/export.csv").get_data(as_text=True)
    line = next(row for row in export.splitlines() if "Atelier sur les plantes" in row)
    assert "Activités de groupe" in line
    assert "Confirmée" in export
