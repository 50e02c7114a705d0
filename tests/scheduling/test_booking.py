"""Booking rules through the service plugins use (core.api)."""

from datetime import time, timedelta

import pytest

from core.api import SchedulingError, SlotTaken, book, cancel
from core.scheduling import service
from core.scheduling.availability import add_exception, create_room
from core.scheduling.errors import InvalidTransition, Unavailable, UnknownType
from core.scheduling.models import Occupancy
from core.testing.contract_support import statements
from tests.scheduling.conftest import at, next_weekday, on_the_day
from tests.scheduling.schedtest_plugin import CHANGES


def test_an_overlapping_booking_is_refused_and_back_to_back_is_fine(db, types_on, practitioner,
                                                                   make_person):
    day = next_weekday(1)
    first = book(db, type_code="schedtest.visit", start=at(day, 10), person=make_person(),
                 practitioner=practitioner)
    assert first.ends_at - first.starts_at == timedelta(hours=1)
    with pytest.raises(SlotTaken) as refused:
        book(db, type_code="schedtest.short", start=at(day, 10, 30), person=make_person("Luc"),
             practitioner=practitioner)
    assert refused.value.status == 409
    assert str(refused.value) == "Cette plage est déjà prise. Veuillez choisir une autre heure."
    book(db, type_code="schedtest.short", start=at(day, 11), person=make_person("Luc"),
         practitioner=practitioner)
    book(db, type_code="schedtest.short", start=at(day, 9, 30), person=make_person("Léa"),
         practitioner=practitioner)


def test_cancelling_frees_the_slot(db, types_on, practitioner, make_person):
    day = next_weekday(1)
    first = book(db, type_code="schedtest.visit", start=at(day, 10), person=make_person(),
                 practitioner=practitioner)
    cancel(db, first)
    assert first.status == "cancelled"
    again = book(db, type_code="schedtest.visit", start=at(day, 10), person=make_person("Luc"),
                 practitioner=practitioner)
    assert again.status == "booked"
    with pytest.raises(InvalidTransition):
        cancel(db, first)


def test_a_room_is_never_double_booked_even_with_two_practitioners(db, types_on, practitioner,
                                                                   make_account, make_person):
    from core.scheduling.availability import resource_for_account

    other = resource_for_account(db, make_account(discipline="schedtest"))
    room = create_room(db, "Salle 2")
    day = next_weekday(2)
    book(db, type_code="schedtest.visit", start=at(day, 13), person=make_person(),
         practitioner=practitioner, room=room)
    with pytest.raises(SlotTaken):
        book(db, type_code="schedtest.visit", start=at(day, 13, 15), person=make_person("Luc"),
             practitioner=other, room=room.id)
    assert db.query(Occupancy).filter_by(resource_id=other.id).count() == 0  # nothing left behind


def test_opening_hours_and_closures_are_respected(db, types_on, practitioner, make_person):
    day = next_weekday(3)
    with pytest.raises(Unavailable):
        book(db, type_code="schedtest.visit", start=at(day, 16, 30), person=make_person(),
             practitioner=practitioner)
    with pytest.raises(Unavailable):  # Saturday: no opening hours
        book(db, type_code="schedtest.visit", start=at(next_weekday(5), 10),
             person=make_person(), practitioner=practitioner)
    add_exception(db, None, "holiday", day)  # the whole coop closes
    with pytest.raises(Unavailable) as closed:
        book(db, type_code="schedtest.visit", start=at(day, 10), person=make_person(),
             practitioner=practitioner)
    assert "fermé" in str(closed.value)


def test_without_a_practitioner_the_first_free_one_of_the_discipline_is_chosen(
        db, types_on, practitioner, make_account, make_person):
    from core.scheduling.availability import add_window, resource_for_account

    other = resource_for_account(db, make_account(discipline="schedtest", display_name="Zoé"))
    add_window(db, other, next_weekday(1).weekday(), time(9), time(12))
    day = next_weekday(1)
    first = book(db, type_code="schedtest.visit", start=at(day, 10), person=make_person())
    second = book(db, type_code="schedtest.visit", start=at(day, 10), person=make_person("Luc"))
    assert {first.practitioner_id, second.practitioner_id} == {practitioner.id, other.id}
    with pytest.raises(SlotTaken):
        book(db, type_code="schedtest.visit", start=at(day, 10), person=make_person("Léa"))


def test_wrong_discipline_past_times_group_types_and_inactive_services_are_refused(
        db, activate, practitioner, make_account, make_person):
    from core.scheduling.availability import resource_for_account

    person = make_person()
    with pytest.raises(UnknownType):  # the service declaring the type is not active
        book(db, type_code="schedtest.visit", start=at(next_weekday(1), 10), person=person)
    activate("schedtest")
    nurse = resource_for_account(db, make_account(discipline="nursing"))
    with pytest.raises(SchedulingError, match="n’offre pas"):
        book(db, type_code="schedtest.visit", start=at(next_weekday(1), 10), person=person,
             practitioner=nurse)
    with pytest.raises(SchedulingError, match="déjà passée"):
        book(db, type_code="schedtest.visit", start=at(next_weekday(1, -2), 10), person=person,
             practitioner=practitioner)
    with pytest.raises(SchedulingError, match="activité de groupe"):
        book(db, type_code="schedtest.group", start=at(next_weekday(1), 10), person=person)


def test_move_keeps_the_old_time_when_the_new_one_is_taken(db, types_on, practitioner,
                                                           make_person):
    day = next_weekday(1)
    visit = book(db, type_code="schedtest.visit", start=at(day, 10), person=make_person())
    book(db, type_code="schedtest.visit", start=at(day, 14), person=make_person("Luc"))
    with pytest.raises(SlotTaken):
        service.move(db, visit, at(day, 14, 30))
    db.refresh(visit)
    assert visit.starts_at == at(day, 10)
    service.move(db, visit, at(day, 15))
    assert visit.starts_at == at(day, 15) and visit.ends_at == at(day, 16)
    book(db, type_code="schedtest.visit", start=at(day, 10), person=make_person("Léa"))


def test_status_life_cycle_and_the_plugin_hook(db, types_on, practitioner, make_person):
    CHANGES.clear()
    visit = book(db, type_code="schedtest.visit", start=at(next_weekday(1), 10),
                 person=make_person(), practitioner=practitioner)
    on_the_day(db, visit)  # arrivals are recorded on the day
    service.set_status(db, visit, "arrived")
    assert visit.arrived_at is not None
    service.set_status(db, visit, "done")
    with pytest.raises(InvalidTransition):
        service.set_status(db, visit, "arrived")
    with pytest.raises(InvalidTransition):
        cancel(db, visit)
    assert CHANGES == [(visit.id, None, "booked"), (visit.id, "booked", "arrived"),
                       (visit.id, "arrived", "done")]


def test_appointments_for_person_lists_them_oldest_first(db, types_on, practitioner, make_person):
    person = make_person()
    later = book(db, type_code="schedtest.visit", start=at(next_weekday(2), 10), person=person)
    sooner = book(db, type_code="schedtest.visit", start=at(next_weekday(1), 10), person=person.id)
    cancel(db, later)
    assert [a.id for a in service.appointments_for_person(db, person.id)] == [sooner.id, later.id]
    assert [a.id for a in service.appointments_for_person(db, person.id, False)] == [sooner.id]
    assert service.FHIR_STATUS[later.status] == "cancelled"


def test_next_free_skips_taken_times_and_closed_days(db, types_on, practitioner, make_person):
    day = next_weekday(0)
    add_exception(db, practitioner, "leave", day - timedelta(days=7), day - timedelta(days=1))
    book(db, type_code="schedtest.visit", start=at(day, 9), person=make_person())
    slots = service.next_free(db, "schedtest.visit", after=at(day - timedelta(days=7), 0), limit=3)
    assert [s for s, _ in slots] == [at(day, 10), at(day, 10, 15), at(day, 10, 30)]
    assert all(r.id == practitioner.id for _, r in slots)


def test_by_ids_the_practitioner_hours_and_the_person_are_read_in_one_statement(
        db, types_on, practitioner, make_person):
    """Ids (as the booking page sends them): the practitioner, their opening hours, the
    closures and whether the person exists come in one statement, with the same refusals."""
    day, person = next_weekday(3), make_person()
    room = create_room(db, "Salle 2")
    add_exception(db, room, "closed", next_weekday(4))
    db.commit()
    for start, kwargs in ((at(day, 16, 30), {}), (at(next_weekday(5), 10), {}),
                          (at(next_weekday(4), 10), {"room": room.id})):
        with pytest.raises(Unavailable):
            book(db, type_code="schedtest.visit", start=start, person=person.id,
                 practitioner=practitioner.id, **kwargs)
    with pytest.raises(SchedulingError) as nobody:
        book(db, type_code="schedtest.visit", start=at(day, 10), person=person.id + 1000,
             practitioner=practitioner.id)
    assert nobody.value.field == "person" and str(nobody.value) == "Choisissez une personne."
    with pytest.raises(SchedulingError) as no_room:
        book(db, type_code="schedtest.visit", start=at(day, 10), person=person.id,
             practitioner=practitioner.id, room=practitioner.id)
    assert no_room.value.field == "room"
    with statements(db.connection()) as sent:
        visit = book(db, type_code="schedtest.visit", start=at(day, 10), person=person.id,
                     practitioner=practitioner.id)
    assert visit.practitioner is practitioner and visit.person_id == person.id
    if db.bind.dialect.name == "postgresql":  # read and written in one (core.scheduling.one_trip)
        assert len(sent) == 1, sent
    else:
        assert len([s for s in sent if s.upper().startswith("SELECT")]) == 1, sent
    add_exception(db, None, "holiday", day)  # the whole coop closes
    with pytest.raises(Unavailable) as closed:
        book(db, type_code="schedtest.visit", start=at(day, 11), person=person.id,
             practitioner=practitioner.id)
    assert "fermé" in str(closed.value)


def test_a_visit_and_its_holds_are_written_together_and_a_refusal_leaves_neither(
        db, types_on, practitioner, make_person):
    """The visit is written with Core (with its holds in one statement on PostgreSQL, in two
    elsewhere); the object returned is the row as written; a time taken leaves no visit, no
    hold, and the transaction usable."""
    from sqlalchemy import func, select

    from core.scheduling.models import Appointment

    day, person = next_weekday(2), make_person()
    room = create_room(db, "Salle 3")
    with statements(db.connection()) as sent:
        visit = book(db, type_code="schedtest.visit", start=at(day, 10), person=person.id,
                     practitioner=practitioner, room=room)
    inserts = [s for s in sent if s.upper().lstrip().startswith(("INSERT", "WITH"))]
    assert len(inserts) == (1 if db.bind.dialect.name == "postgresql" else 2), sent
    if db.bind.dialect.name == "postgresql":  # two round trips a booking would wait for
        assert not [s for s in sent if "SAVEPOINT" in s.upper()], sent
    row = db.execute(select(Appointment.__table__).where(Appointment.id == visit.id)).one()
    assert {key: getattr(visit, key) for key in row._mapping} == dict(row._mapping)
    assert visit.practitioner is practitioner and visit.room is room and visit in db
    assert db.query(Occupancy).filter_by(appointment_id=visit.id).count() == 2
    counts = db.scalar(select(func.count(Appointment.id))), db.query(Occupancy).count()
    with pytest.raises(SlotTaken):
        book(db, type_code="schedtest.short", start=at(day, 10, 30), person=person.id,
             practitioner=practitioner.id, room=room.id)
    assert (db.scalar(select(func.count(Appointment.id))), db.query(Occupancy).count()) == counts


def test_a_booking_by_ids_refused_for_any_reason_leaves_no_visit_nor_hold(
        db, types_on, practitioner, make_account, make_person):
    """By ids (on PostgreSQL read and written in one statement, the checks after it): each
    refusal says why, as before, leaves nothing, and the transaction goes on."""
    from sqlalchemy import func, select

    from core.scheduling.availability import resource_for_account
    from core.scheduling.models import Appointment

    day, person = next_weekday(3), make_person()
    nurse = resource_for_account(db, make_account(discipline="nursing"))
    room = create_room(db, "Salle 4")
    book(db, type_code="schedtest.visit", start=at(day, 10), person=person.id,
         practitioner=practitioner.id)
    add_exception(db, practitioner, "leave", next_weekday(4))
    counts = db.scalar(select(func.count(Appointment.id))), db.query(Occupancy).count()
    refusals = [
        (at(day, 10, 30), practitioner.id, person.id, SlotTaken, None),
        (at(day, 16, 30), practitioner.id, person.id, Unavailable, None),
        (at(next_weekday(4), 10), practitioner.id, person.id, Unavailable, None),
        (at(day, 13), practitioner.id, person.id + 1000, SchedulingError, "person"),
        (at(day, 13), nurse.id, person.id, SchedulingError, "practitioner"),
        (at(day, 13), room.id, person.id, SchedulingError, "practitioner"),
        (at(day, 13), practitioner.id + 1000, person.id, SchedulingError, "practitioner"),
    ]
    for start, resource_id, person_id, refusal, field in refusals:
        with pytest.raises(refusal) as refused:
            book(db, type_code="schedtest.visit", start=start, person=person_id,
                 practitioner=resource_id)
        assert str(refused.value) and refused.value.field == field, (start, refused.value.field)
        assert (db.scalar(select(func.count(Appointment.id))),
                db.query(Occupancy).count()) == counts, (start, resource_id, person_id)
    book(db, type_code="schedtest.visit", start=at(day, 13), person=person.id,
         practitioner=practitioner.id)
