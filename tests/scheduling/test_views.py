"""Reception's and practitioners' pages: what they see and what their clicks do."""

from datetime import time, timedelta

from core.api import book, cancel
from core.scheduling.models import Appointment
from tests.scheduling.conftest import at, next_weekday, on_the_day


def test_reception_books_from_the_form_and_sees_it_in_the_day_view(client, login, db, types_on,
                                                                   practitioner, make_person):
    login(role="reception")
    person = make_person("Hélène", "Tremblay")
    day = next_weekday(1)
    response = client.post("/schedule/book", data={
        "type_code": "schedtest.visit", "person_id": person.id, "practitioner_id": practitioner.id,
        "date": day.isoformat(), "time": "10:00"})
    assert response.status_code == 302
    visit = db.query(Appointment).filter_by(person_id=person.id).one()
    assert visit.starts_at == at(day, 10)
    page = client.get(f"/schedule/day?resource={practitioner.id}&date={day}").get_data(as_text=True)
    assert "Hélène Tremblay" in page and "Test visit" in page
    week = client.get(f"/schedule/week?resource={practitioner.id}&date={day}").get_data(as_text=True)
    assert "Hélène Tremblay" in week


def test_a_taken_slot_answers_409_with_the_message_and_writes_nothing(client, login, db, types_on,
                                                                      practitioner, make_person):
    """A time booked long before the form was opened is "already taken", not "just taken"
    (that wording claimed a race the desk never had), and who holds it is never said."""
    login(role="reception")
    day = next_weekday(1)
    book(db, type_code="schedtest.visit", start=at(day, 10), person=make_person())
    db.commit()
    other = make_person("Luc", "Bergeron")
    response = client.post("/schedule/book", data={
        "type_code": "schedtest.visit", "person_id": other.id, "practitioner_id": practitioner.id,
        "date": day.isoformat(), "time": "10:30"})
    assert response.status_code == 409
    page = response.get_data(as_text=True)
    assert "Cette plage est déjà prise. Veuillez choisir une autre heure." in page
    assert "vient d’être prise" not in page and "Tremblay" not in page
    assert db.query(Appointment).filter_by(person_id=other.id).count() == 0


def test_bad_input_is_shown_next_to_the_field(client, login, db, types_on, practitioner,
                                              make_person):
    login(role="reception")
    response = client.post("/schedule/book", data={
        "type_code": "schedtest.visit", "person_id": make_person().id, "date": "2026-13-40",
        "time": ""})
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert 'id="e-date"' in page and "AAAA-MM-JJ" in page
    assert 'id="e-time"' in page and "Ce champ est obligatoire." in page


def test_what_the_booking_refuses_is_said_next_to_the_field_it_concerns(
        client, login, db, types_on, practitioner, make_person, make_account):
    """The service's refusals (a time gone, a practitioner of another discipline) name its own
    fields; the form shows them next to its own, not nowhere."""
    from core.scheduling.availability import resource_for_account

    login(role="reception")
    person = make_person()
    past = client.post("/schedule/book", data={
        "type_code": "schedtest.visit", "person_id": person.id, "practitioner_id": practitioner.id,
        "date": "2020-03-02", "time": "10:00"})
    page = past.get_data(as_text=True)
    assert past.status_code == 422
    assert 'id="e-time"' in page and "Cette heure est déjà passée." in page
    nurse = resource_for_account(db, make_account(roles=["practitioner"], discipline="other"))
    db.commit()
    other = client.post("/schedule/book", data={
        "type_code": "schedtest.visit", "person_id": person.id, "practitioner_id": nurse.id,
        "date": next_weekday(1).isoformat(), "time": "10:00"})
    page = other.get_data(as_text=True)
    assert other.status_code == 422
    assert 'id="e-practitioner_id"' in page and "n’offre pas ce type de rendez-vous" in page
    assert db.query(Appointment).filter_by(person_id=person.id).count() == 0


def test_status_buttons_move_the_visit_through_its_life_cycle(client, login, db, types_on,
                                                              practitioner, make_person):
    login(role="practitioner", discipline="schedtest")
    visit = on_the_day(db, book(db, type_code="schedtest.visit", start=at(next_weekday(1), 10),
                                person=make_person()))
    db.commit()
    arrived = client.post(f"/schedule/appointments/{visit.id}/status",
                          data={"status": "arrived"}, follow_redirects=True)
    # who and what was marked, where it said "Statut mis à jour."
    assert "Hélène Tremblay\u202f: Sur place." in arrived.get_data(as_text=True)
    client.post(f"/schedule/appointments/{visit.id}/status", data={"status": "done"})
    db.refresh(visit)
    assert visit.status == "done"
    page = client.post(f"/schedule/appointments/{visit.id}/cancel",
                       follow_redirects=True).get_data(as_text=True)
    assert "pas possible dans l’état actuel" in page
    db.refresh(visit)
    assert visit.status == "done"


def test_move_and_cancel_from_the_appointment_page(client, login, db, types_on, practitioner,
                                                   make_person):
    login(role="reception")
    day = next_weekday(2)
    visit = book(db, type_code="schedtest.visit", start=at(day, 10), person=make_person())
    db.commit()
    gone = client.post(f"/schedule/appointments/{visit.id}/move",
                       data={"date": "2020-03-02", "time": "14:00"})
    assert gone.status_code == 422 and 'id="e-time"' in gone.get_data(as_text=True)
    response = client.post(f"/schedule/appointments/{visit.id}/move",
                           data={"date": day.isoformat(), "time": "14:00",
                                 "practitioner_id": practitioner.id})
    assert response.status_code == 302
    db.refresh(visit)
    assert visit.starts_at == at(day, 14)
    client.post(f"/schedule/appointments/{visit.id}/cancel")
    db.refresh(visit)
    assert visit.status == "cancelled"


def test_find_lists_the_next_free_times_with_booking_links(client, login, types_on, practitioner):
    login(role="reception")
    page = client.get("/schedule/find?type_code=schedtest.visit").get_data(as_text=True)
    assert "Dre Gagnon" in page and "/schedule/book?" in page


def test_coordinators_set_up_rooms_hours_and_closures(client, login, db, types_on):
    from core.scheduling.models import AvailabilityException, Resource

    login(role="coordinator")
    client.post("/schedule/setup/rooms", data={"name": "Salle bleue"})
    room = db.query(Resource).filter_by(name="Salle bleue").one()
    response = client.post(f"/schedule/setup/resources/{room.id}/windows",
                           data={"weekday": "0", "starts": "12:00", "ends": "09:00"})
    assert response.status_code == 422 and "La fin doit être après le début." in response.get_data(as_text=True)
    client.post(f"/schedule/setup/resources/{room.id}/windows",
                data={"weekday": "0", "starts": "09:00", "ends": "12:00"})
    db.refresh(room)
    assert len(room.availability) == 1
    client.post("/schedule/setup/closures", data={"kind": "holiday", "first_day": "2030-06-24"})
    assert db.query(AvailabilityException).filter_by(resource_id=None).count() == 1


def test_the_coop_can_stop_online_booking_of_a_type(client, login, db, types_on):
    from core.scheduling import apptypes

    login(role="coordinator")
    client.post("/schedule/setup/types/schedtest.visit", data={"online": "0"})
    assert "schedtest.visit" not in {t.code for t in apptypes.online_types(db)}


def test_who_may_do_what(client, login, make_account, make_person, types_on):
    login(role="volunteer")
    assert client.get("/schedule/day").status_code == 403
    assert client.get("/schedule/walk-in/").status_code == 403
    client.post("/logout")
    login(role="reception")
    assert client.get("/schedule/setup/").status_code == 403
    assert client.get("/schedule/day").status_code == 200
    client.post("/logout")
    member = make_account(roles=["member"], person=make_person())
    login(member)
    assert client.get("/schedule/day").status_code == 403
    assert client.get("/portal/appointments/").status_code == 200


def test_the_person_page_links_to_their_appointments(client, login, make_person):
    login(role="reception")
    person = make_person()
    page = client.get(f"/people/{person.id}").get_data(as_text=True)
    assert f"/schedule/people/{person.id}" in page


def test_a_room_has_its_own_day_view(client, login, db, types_on, practitioner, make_person):
    from core.scheduling.availability import create_room

    login(role="reception")
    room = create_room(db, "Salle bleue")
    day = next_weekday(4)
    book(db, type_code="schedtest.visit", start=at(day, 11), person=make_person("Rita", "Roy"),
         practitioner=practitioner, room=room)
    db.commit()
    page = client.get(f"/schedule/day?resource={room.id}&date={day}").get_data(as_text=True)
    assert "Salle bleue" in page and "Rita Roy" in page
    week = client.get(f"/schedule/week?resource={room.id}&date={day}").get_data(as_text=True)
    assert "Salle bleue" in week and "Rita Roy" in week
    # no opening hours: a room shows what is booked, and the practitioner's day shows it too
    assert "Rita Roy" in client.get(f"/schedule/day?resource={practitioner.id}&date={day}").get_data(as_text=True)


def test_coordinators_give_a_practitioner_leave_then_take_it_back(client, login, db, types_on,
                                                                  practitioner, make_person):
    from core.scheduling.models import AvailabilityException

    login(role="coordinator")
    day = next_weekday(3)
    page = f"/schedule/setup/resources/{practitioner.id}"
    bad = client.post("/schedule/setup/closures", data={
        "resource_id": practitioner.id, "kind": "leave", "first_day": day.isoformat(),
        "last_day": "2000-01-01", "back": page})
    assert bad.status_code == 422  # shown on the practitioner's page, next to its form
    assert "Retirer du calendrier" in bad.get_data(as_text=True)
    assert "Le dernier jour ne peut pas précéder le premier." in bad.get_data(as_text=True)
    client.post("/schedule/setup/closures", data={
        "resource_id": practitioner.id, "kind": "leave", "first_day": day.isoformat(),
        "note": "Congé", "back": page})
    leave = db.query(AvailabilityException).filter_by(resource_id=practitioner.id).one()
    assert "Fermé ce jour-là." in client.get(
        f"/schedule/day?resource={practitioner.id}&date={day}").get_data(as_text=True)
    refused = client.post("/schedule/book", data={
        "type_code": "schedtest.visit", "person_id": make_person().id,
        "practitioner_id": practitioner.id, "date": day.isoformat(), "time": "10:00"})
    assert refused.status_code == 422 and "fermé" in refused.get_data(as_text=True)
    assert f"/schedule/setup/closures/{leave.id}/delete" in client.get(page).get_data(as_text=True)
    back = client.post(f"/schedule/setup/closures/{leave.id}/delete", data={"back": page})
    assert back.headers["Location"].endswith(page)
    assert db.query(AvailabilityException).count() == 0
    assert client.post("/schedule/book", data={
        "type_code": "schedtest.visit", "person_id": make_person().id,
        "practitioner_id": practitioner.id, "date": day.isoformat(),
        "time": "10:00"}).status_code == 302


def test_a_visit_marked_no_show_can_still_be_marked_arrived_when_they_come_late(
        client, login, db, types_on, practitioner, make_person):
    login(role="reception")
    visit = on_the_day(db, book(db, type_code="schedtest.visit", start=at(next_weekday(1), 10),
                                person=make_person()))
    db.commit()
    client.post(f"/schedule/appointments/{visit.id}/status", data={"status": "no_show"})
    db.refresh(visit)
    assert visit.status == "no_show"
    page = client.get(f"/schedule/appointments/{visit.id}").get_data(as_text=True)
    assert 'value="arrived"' in page and 'value="done"' not in page
    client.post(f"/schedule/appointments/{visit.id}/status", data={"status": "arrived"})
    db.refresh(visit)
    assert visit.status == "arrived" and visit.arrived_at is not None


def test_a_days_agenda_shows_visits_and_group_sessions_in_time_order(client, login, db, types_on,
                                                                     practitioner, make_person):
    """Visits with the person as they are addressed, group sessions with their places taken,
    a cancelled visit or session left out; the free half-hours between them."""
    from core.scheduling import groups
    from core.scheduling.groups import create_group_session, sign_up

    login(role="reception")
    day = next_weekday(2)
    person = make_person("Éloïse", "Bénard", preferred_name="Élo", pronouns="elle")
    visit = book(db, type_code="schedtest.visit", start=at(day, 9), person=person,
                 practitioner=practitioner)
    gone = book(db, type_code="schedtest.visit", start=at(day, 13), person=make_person("Zoé", "Roy"),
                practitioner=practitioner)
    cancel(db, gone)
    group = create_group_session(db, type_code="schedtest.group", start=at(day, 10),
                                 practitioner=practitioner, title="Cuisine collective")
    sign_up(db, group, make_person("Luc", "Bergeron"))
    dropped = create_group_session(db, type_code="schedtest.group", start=at(day, 15),
                                   practitioner=practitioner, title="Atelier annulé")
    groups.cancel_group_session(db, dropped)
    db.commit()
    page = client.get(f"/schedule/day?resource={practitioner.id}&date={day}").get_data(as_text=True)
    assert "Test visit · Élo Bénard (elle)" in page
    assert f'href="/schedule/appointments/{visit.id}"' in page
    assert "Cuisine collective" in page and f"/schedule/groups/{group.id}" in page
    assert "1 sur 3 places prises" in page
    assert "Zoé Roy" not in page and "Atelier annulé" not in page
    assert page.index("Élo Bénard") < page.index("Cuisine collective")
    assert "Libre\u202f: réserver</a>" in page
    week = client.get(f"/schedule/week?resource={practitioner.id}&date={day}").get_data(as_text=True)
    assert "Élo Bénard (elle)" in week and "Cuisine collective" in week


def test_the_week_says_which_days_have_no_opening_hours(client, login, db, types_on,
                                                       practitioner):
    """Open Monday to Friday: the weekend's two days said nothing at all under their
    headings, where the day view says there are no opening hours."""
    login(role="reception")
    monday = next_weekday(0)
    week = client.get(f"/schedule/week?resource={practitioner.id}&date={monday}")
    days = week.get_data(as_text=True).split('<section class="weekday">')[1:]
    said = [("Aucune réservation et aucune heure d’ouverture ce jour-là." in day) for day in days]
    assert said == [False] * 5 + [True] * 2


def test_the_booking_form_lists_the_types_in_alphabetical_order_accents_aside(
        client, login, activate):
    """"Travail social : évaluation" came after "Travail social : suivi" (é sorted after z)."""
    activate("social_work")
    login(role="reception")
    page = client.get("/schedule/book").get_data(as_text=True)
    assert (page.index("Travail social\u202f: évaluation")
            < page.index("Travail social\u202f: suivi"))


def test_the_home_page_writes_todays_times_as_the_agenda_does(client, login, db, types_on,
                                                              practitioner, make_person):
    """The desk read "9 h 00" at home and "09 h 00" in the agenda: one formatter writes both,
    with no-break spaces (a time is never broken across two lines of a phone)."""
    from core.api import today

    login(role="reception")
    visit = book(db, type_code="schedtest.visit", start=at(next_weekday(1), 10),
                 person=make_person())
    on_the_day(db, visit, at(today(), 9))
    db.commit()
    home = client.get("/").get_data(as_text=True)
    assert "09\u00a0h\u00a000 — Hélène Tremblay" in home and "9 h 00" not in home
    agenda = client.get(f"/schedule/day?resource={practitioner.id}").get_data(as_text=True)
    assert "09\u00a0h\u00a000–10\u00a0h\u00a000" in agenda


def test_the_day_offers_only_half_hours_still_to_come(client, login, db, practitioner):
    """A half-hour that has begun is not offered: booking it could only be refused ("this time
    has already passed"), a dead end for a busy desk. Last week's Tuesday offers none, next
    week's all sixteen; the week page counts the same."""
    from core.coop_time import today
    from core.scheduling.availability import add_window

    for weekday in (5, 6):  # every day open, so that the days compared all have hours
        add_window(db, practitioner, weekday, time(9), time(17))
    db.commit()
    login(role="reception")
    past, ahead = today() - timedelta(days=7), today() + timedelta(days=7)
    before = client.get(f"/schedule/day?resource={practitioner.id}&date={past}").get_data(
        as_text=True)
    after = client.get(f"/schedule/day?resource={practitioner.id}&date={ahead}").get_data(
        as_text=True)
    assert before.count('class="free"') == 0 and "&amp;time=" not in before
    assert after.count('class="free"') == 16
    week = client.get(f"/schedule/week?resource={practitioner.id}&date={past}").get_data(
        as_text=True)
    assert "Demi-heures libres" not in week and "Free half-hours" not in week
