"""Volunteering's rules: the undertaking, first come first served, swap and cancel."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from core.volunteering import service
from core.volunteering.models import CANCELLED, CONFIRMED, ShiftSignup
from core.volunteering.service import ShiftFull, UndertakingMissing, VolunteeringError


def test_a_shift_with_personal_information_needs_the_current_signed_undertaking(
        db, make_person, shift_of):
    reception = shift_of(program="core.reception", personal_info=True, needed=2)
    volunteer = make_person("Aline", "Roy")
    with pytest.raises(UndertakingMissing):
        service.sign_up(db, reception, volunteer)
    db.rollback()
    # an older text does not count: the coop changed it since
    service.sign_undertaking(db, volunteer, version="2019-1")
    with pytest.raises(UndertakingMissing):
        service.sign_up(db, reception, volunteer)
    db.rollback()
    service.sign_undertaking(db, volunteer, date(2026, 1, 15))
    assert service.sign_up(db, reception, volunteer).status == CONFIRMED
    assert reception.taken == 1


def test_a_shift_without_personal_information_is_open_to_anyone(db, make_person, shift_of):
    garden = shift_of(program="core.upkeep")
    assert service.sign_up(db, garden, make_person("Jo", "Bec")).status == CONFIRMED


def test_the_last_place_goes_to_the_first_and_the_next_is_told_it_is_full(
        db, make_person, shift_of):
    shift = shift_of(needed=1)
    first, second = make_person("Un", "A"), make_person("Deux", "B")
    service.sign_up(db, shift, first)
    with pytest.raises(ShiftFull) as refused:
        service.sign_up(db, shift, second)
    assert str(refused.value) == "Ce quart a toutes les personnes dont il a besoin."
    assert refused.value.status == 409


def test_signing_up_twice_is_refused_and_after_cancelling_the_place_is_free_again(
        db, make_person, shift_of):
    shift = shift_of(needed=1)
    person = make_person()
    signup = service.sign_up(db, shift, person)
    db.commit()
    with pytest.raises(VolunteeringError):
        service.sign_up(db, shift, person)
    db.rollback()
    service.cancel_signup(db, signup)
    assert signup.status == CANCELLED and shift.taken == 0
    other = make_person("Autre", "Personne")
    assert service.sign_up(db, shift, other).status == CONFIRMED


def test_a_swap_moves_the_volunteer_or_leaves_them_where_they_were(db, make_person, shift_of):
    mine, free, full = shift_of(days=2), shift_of(days=4), shift_of(days=5)
    person, someone = make_person(), make_person("Quelqu", "Un")
    signup = service.sign_up(db, mine, person)
    service.sign_up(db, full, someone)
    db.commit()
    with pytest.raises(ShiftFull):
        service.swap(db, signup, full)
    db.rollback()
    assert db.get(ShiftSignup, signup.id).status == CONFIRMED and mine.taken == 1
    moved = service.swap(db, db.get(ShiftSignup, signup.id), free)
    assert moved.shift_id == free.id and mine.taken == 0 and free.taken == 1


def test_a_training_asked_for_is_checked(db, make_person, shift_of):
    kitchen = shift_of(training="MAPAQ hygiène")
    cook = make_person()
    with pytest.raises(VolunteeringError, match="MAPAQ"):
        service.sign_up(db, kitchen, cook)
    db.rollback()
    service.save_profile(db, cook, {"trainings": ["MAPAQ hygiène"]})
    assert service.sign_up(db, kitchen, cook).status == CONFIRMED


def test_a_past_or_called_off_shift_takes_nobody(db, make_person, shift_of, past_shift):
    with pytest.raises(VolunteeringError):
        service.sign_up(db, past_shift(), make_person())
    db.rollback()
    shift = shift_of()
    signup = service.sign_up(db, shift, make_person("A", "B"))
    service.cancel_shift(db, shift)
    assert signup.status == CANCELLED and shift.taken == 0
    with pytest.raises(VolunteeringError):
        service.sign_up(db, shift, make_person("C", "D"))


def test_publishing_refuses_an_unknown_program_and_a_shift_ending_before_it_starts(
        db, shift_of):
    with pytest.raises(VolunteeringError) as refused:
        shift_of(program="nowhere.at_all")
    assert refused.value.field == "program"
    db.rollback()
    with pytest.raises(VolunteeringError) as refused:
        shift_of(hours=0)
    assert refused.value.field == "ends_at"


def test_the_database_refuses_more_people_than_needed(db, shift_of):
    from sqlalchemy.exc import IntegrityError

    shift = shift_of(needed=2)
    shift.taken = 3
    with pytest.raises(IntegrityError):
        db.flush()
    db.rollback()
    assert db.scalar(select(ShiftSignup.id)) is None
