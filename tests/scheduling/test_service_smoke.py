"""Booking through the service: the rules a plugin relies on."""

import pytest

from core.api import SlotTaken, book, cancel, create_group_session, sign_up
from tests.scheduling.conftest import at, next_weekday


def test_second_booking_of_the_same_slot_is_refused(db, types_on, practitioner, make_person):
    day = next_weekday(1)
    first = book(db, type_code="schedtest.visit", start=at(day, 10), person=make_person(),
                 practitioner=practitioner)
    assert first.ends_at - first.starts_at == __import__("datetime").timedelta(hours=1)
    with pytest.raises(SlotTaken):
        book(db, type_code="schedtest.short", start=at(day, 10, 30), person=make_person("Luc"),
             practitioner=practitioner)
    cancel(db, first)
    book(db, type_code="schedtest.short", start=at(day, 10, 30), person=make_person("Luc"),
         practitioner=practitioner)


def test_group_waiting_list_moves_up(db, types_on, make_person):
    group = create_group_session(db, type_code="schedtest.group", start=at(next_weekday(2), 18),
                                 capacity=2)
    seats = [sign_up(db, group, make_person(f"P{i}")) for i in range(3)]
    assert [s.status for s in seats] == ["confirmed", "confirmed", "waiting"]
    cancel(db, seats[0])
    assert seats[2].status == "confirmed" and group.seats_taken == 2
