"""Group sessions: capacity, the waiting list moving up, attendance."""

from datetime import date

import pytest

from core.api import SessionFull, cancel, create_group_session, sign_up
from core.scheduling import groups
from core.scheduling.errors import InvalidTransition, SchedulingError, SlotTaken
from core.scheduling.models import GroupSeat
from tests.scheduling.conftest import at, next_weekday, on_the_day


def _session(db, capacity=2, **kw):
    return create_group_session(db, type_code="schedtest.group", start=at(next_weekday(2), 18),
                                capacity=capacity, **kw)


def test_capacity_then_waiting_list_then_moving_up_in_order(db, types_on, make_person):
    group = _session(db)
    people = [make_person(f"P{i}") for i in range(4)]
    seats = [sign_up(db, group, p) for p in people]
    assert [s.status for s in seats] == ["confirmed", "confirmed", "waiting", "waiting"]
    assert group.seats_taken == 2
    cancel(db, seats[1])
    assert seats[2].status == "confirmed" and seats[3].status == "waiting"
    assert group.seats_taken == 2
    cancel(db, seats[3])  # leaving the waiting list changes no count
    cancel(db, seats[0])
    assert group.seats_taken == 1
    assert [s.person_id for s in group.seats if s.status == "confirmed"] == [people[2].id]


def test_full_without_waiting_list_is_a_clear_409(db, types_on, make_person):
    group = _session(db)
    sign_up(db, group, make_person("A"))
    sign_up(db, group, make_person("B"))
    with pytest.raises(SessionFull) as full:
        sign_up(db, group, make_person("C"), waitlist=False)
    assert full.value.status == 409 and str(full.value) == "Cette séance de groupe est complète."
    assert db.query(GroupSeat).count() == 2


def test_the_same_person_cannot_sign_up_twice_but_may_come_back(db, types_on, make_person):
    group = _session(db)
    person = make_person()
    seat = sign_up(db, group, person)
    with pytest.raises(SchedulingError, match="déjà inscrite"):
        sign_up(db, group, person)
    cancel(db, seat)
    assert sign_up(db, group, person).status == "confirmed"
    assert group.seats_taken == 1


def test_a_group_session_holds_its_practitioner_and_room(db, types_on, practitioner, make_person):
    from core.api import book
    from core.scheduling.availability import create_room

    room = create_room(db, "Cuisine")
    group = create_group_session(db, type_code="schedtest.group", start=at(next_weekday(1), 10),
                                 practitioner=practitioner, room=room, title="Cuisine collective")
    assert group.title == "Cuisine collective" and group.capacity == 3
    with pytest.raises(SlotTaken):
        book(db, type_code="schedtest.visit", start=at(next_weekday(1), 11),
             person=make_person(), practitioner=practitioner)
    groups.cancel_group_session(db, group)
    book(db, type_code="schedtest.visit", start=at(next_weekday(1), 11), person=make_person(),
         practitioner=practitioner)


def test_attendance_is_recorded_for_confirmed_seats(db, types_on, make_person):
    group = _session(db, capacity=2)
    came, waiting = sign_up(db, group, make_person("A")), None
    sign_up(db, group, make_person("B"))
    waiting = sign_up(db, group, make_person("C"))
    on_the_day(db, group)  # attendance is taken on the day
    groups.mark_attendance(db, came, True)
    assert came.attended is True
    with pytest.raises(InvalidTransition):
        groups.mark_attendance(db, waiting, True)


def test_the_group_page_signs_people_up_and_shows_the_waiting_list(client, login, db, types_on,
                                                                   make_person):
    login(role="reception")
    group = _session(db, capacity=2)
    db.commit()
    names = [("Alice", "Roy"), ("Bruno", "Roy"), ("Chloé", "Roy")]
    people = [make_person(f, l) for f, l in names]
    for person in people:
        assert client.post(f"/schedule/groups/{group.id}/signups",
                           data={"person_id": person.id}).status_code == 302
    page = client.get(f"/schedule/groups/{group.id}").get_data(as_text=True)
    waiting_part = page[page.index('id="waiting"'):]
    assert "Chloé Roy" in waiting_part and "Alice Roy" not in waiting_part
    seat = db.query(GroupSeat).filter_by(person_id=people[0].id).one()
    client.post(f"/schedule/groups/seats/{seat.id}/cancel")
    page = client.get(f"/schedule/groups/{group.id}").get_data(as_text=True)
    participants = page[page.index('id="participants"'):page.index("Liste d’attente")]
    assert "Chloé Roy" in participants and "Alice Roy" not in participants
    assert "Personne n’attend." in page


def test_the_sign_up_search_tells_two_namesakes_apart_by_their_date_of_birth(
        client, login, db, types_on, make_person):
    """Two Ève Lévesque found for a group session: each shows a date of birth, so reception
    signs up the right one."""
    login(role="reception")
    group = _session(db)
    db.commit()
    make_person("Ève", "Lévesque", date_of_birth=date(2008, 1, 29))
    make_person("Ève", "Lévesque", date_of_birth=date(1958, 12, 15))
    page = client.get(f"/schedule/groups/{group.id}?q=levesque").get_data(as_text=True)
    matches = page[page.index('<ul class="matches">'):]
    assert "Lévesque, Ève (29 janv. 2008)" in matches
    assert "Lévesque, Ève (15 déc. 1958)" in matches


def test_attendance_is_taken_from_the_group_page(client, login, db, types_on, make_person):
    login(role="practitioner", discipline="schedtest")
    group = _session(db, capacity=2)
    came, absent = (sign_up(db, group, make_person(f, "Roy")) for f in ("Alice", "Bruno"))
    on_the_day(db, group)  # attendance is taken on the day
    db.commit()
    page = client.post(f"/schedule/groups/seats/{came.id}/attendance", data={"attended": "1"},
                       follow_redirects=True).get_data(as_text=True)
    assert "Présence notée." in page
    client.post(f"/schedule/groups/seats/{absent.id}/attendance", data={"attended": "0"})
    db.refresh(came)
    db.refresh(absent)
    assert (came.attended, absent.attended) == (True, False)
    rows = client.get(f"/schedule/groups/{group.id}").get_data(as_text=True)
    alice = rows[rows.index("Alice Roy"):rows.index("Bruno Roy")]
    cell = '<td data-label="Participation\u202f:">{}</td>'  # labelled: a card on a phone
    assert cell.format("Présence") in alice
    assert cell.format("Absence") in rows[rows.index("Bruno Roy"):]


def test_what_scheduling_a_group_session_refuses_is_said_next_to_the_field_it_concerns(
        client, login, db, types_on, practitioner):
    """The service names the time ``start`` and the practitioner ``practitioner``; the form
    calls them ``time`` and ``practitioner_id``: the message is shown there, what was typed is
    kept, and nothing is scheduled."""
    from core.scheduling.models import GroupSession

    login(role="coordinator")
    typed = {"type_code": "schedtest.group", "title": "Atelier du mardi", "date": "2020-03-03",
             "time": "18:00", "capacity": "4", "practitioner_id": practitioner.id}
    past = client.post("/schedule/groups/new", data=typed)
    page = past.get_data(as_text=True)
    assert past.status_code == 422
    assert 'id="e-time"' in page and "Cette heure est déjà passée." in page
    assert 'value="Atelier du mardi"' in page and 'value="2020-03-03"' in page
    practitioner.active = False
    db.commit()
    gone = client.post("/schedule/groups/new", data={**typed, "date": str(next_weekday(2))})
    page = gone.get_data(as_text=True)
    assert gone.status_code == 422
    assert 'id="e-practitioner_id"' in page and "Choisissez une personne intervenante." in page
    assert db.query(GroupSession).count() == 0
