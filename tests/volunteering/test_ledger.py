"""The hours ledger: confirmed hours by person, program and month; recognition recorded."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import select

from core.coop_time import local_day, today
from core.volunteering import ledger, service
from core.volunteering.models import ShiftSignup
from core.volunteering.service import VolunteeringError


def test_confirmed_hours_add_up_by_program_and_month(db, make_person, make_account, past_shift):
    coordinator = make_account(roles=["coordinator"])
    ana, ben = make_person("Ana", "Lee"), make_person("Ben", "Roy")
    upkeep = past_shift(days_ago=2, hours=3, needed=2)  # 3 h each
    reception = past_shift(days_ago=1, program="core.reception", hours=2)
    for person in (ana, ben):
        upkeep.starts_at, upkeep.ends_at = (upkeep.starts_at + timedelta(days=10),
                                            upkeep.ends_at + timedelta(days=10))
        service.sign_up(db, upkeep, person)  # signed up while it was ahead
        upkeep.starts_at, upkeep.ends_at = (upkeep.starts_at - timedelta(days=10),
                                            upkeep.ends_at - timedelta(days=10))
    db.commit()
    assert [s.person_id for s in ledger.to_confirm(db)] == [ana.id, ben.id]
    first, second = ledger.to_confirm(db)
    ledger.confirm_hours(db, first, coordinator)                 # the shift's 3 hours
    ledger.confirm_hours(db, second, coordinator, hours="2,5")   # left early
    ledger.record_hours(db, ana, "core.reception", today() - timedelta(days=40), 4, coordinator)
    db.commit()
    assert ledger.to_confirm(db) == []
    assert reception.taken == 0
    start, end = today() - timedelta(days=60), today()
    assert ledger.hours_by_program(db, start, end) == {"core.upkeep": Decimal("5.50"),
                                                        "core.reception": Decimal("4.00")}
    mine = ledger.monthly(db, start, end, person_id=ana.id)
    assert sum(mine.values()) == Decimal("7.00")
    assert mine[(f"{today() - timedelta(days=40):%Y-%m}", "core.reception")] == Decimal("4")
    # the same function plugins and the annual report read, through core.api
    from core.api import volunteer_hours_by_program

    assert volunteer_hours_by_program(db, start, end)["core.upkeep"] == Decimal("5.50")
    assert volunteer_hours_by_program(db, end + timedelta(days=1), end + timedelta(days=9)) == {}


def test_hours_are_confirmed_once_and_only_after_the_shift(db, make_person, make_account,
                                                            shift_of):
    coordinator = make_account(roles=["coordinator"])
    shift = shift_of()
    signup = service.sign_up(db, shift, make_person())
    db.commit()
    with pytest.raises(VolunteeringError):
        ledger.confirm_hours(db, signup, coordinator)
    db.rollback()
    shift.starts_at, shift.ends_at = (shift.starts_at - timedelta(days=5),
                                      shift.ends_at - timedelta(days=5))
    db.commit()
    ledger.confirm_hours(db, signup, coordinator)
    db.commit()
    with pytest.raises(VolunteeringError):
        ledger.confirm_hours(db, signup, coordinator)


@pytest.mark.parametrize("hours", ["0", "-2", "25", "beaucoup", "NaN", "1e400"])
def test_impossible_hours_are_refused_with_a_reason(db, make_person, make_account, hours):
    with pytest.raises(VolunteeringError) as refused:
        ledger.record_hours(db, make_person(), "core.upkeep", today(), hours,
                            make_account(roles=["coordinator"]))
    assert refused.value.field == "hours"


def test_recognition_never_exceeds_the_years_confirmed_hours(db, make_person, make_account):
    coordinator = make_account(roles=["coordinator"])
    person = make_person()
    day = date(today().year, 1, 2)
    ledger.record_hours(db, person, "core.upkeep", day, 6, coordinator)
    ledger.record_hours(db, person, "core.reception", day, 4, coordinator)
    ledger.recognise(db, person, day.year, "dues", 8, coordinator)
    db.commit()
    with pytest.raises(VolunteeringError) as refused:
        ledger.recognise(db, person, day.year, "solidarity_tier", 3, coordinator)
    assert refused.value.field == "hours"
    db.rollback()
    row = ledger.recognise(db, person, day.year, "solidarity_tier", 2, coordinator)
    assert row.kind == "solidarity_tier" and ledger.recognised(db, person.id, day.year) == 10


def test_the_persons_own_export_carries_their_volunteering(db, make_person, make_account):
    from core.record.export import export_csv

    person = make_person("Export", "Bénévole")
    service.save_profile(db, person, {"languages": "français, wolof"})
    service.sign_undertaking(db, person)
    ledger.record_hours(db, person, "core.upkeep", today(), 3, make_account(roles=["coordinator"]))
    csv = export_csv(db, person)
    assert "Heures de bénévolat" in csv and "français, wolof" in csv
    assert "\nLa coopérative,1,,Heures de bénévolat," in csv  # core's part: the coop's own
    # in the reader's words, as the rest of the export (it read "program,core.upkeep",
    # "undertaking_signed_on", "languages")
    lines = csv.splitlines()
    hours = [line for line in lines if ",Heures de bénévolat," in line]
    assert any(",Programme," in line and "core.upkeep" not in line for line in hours)
    assert any(",Langues,français, wolof" in line.replace('"', "") for line in lines)
    assert any(",Engagement,Signé le " in line for line in lines)
    assert not {"program", "worked_on", "languages", "undertaking_signed_on"} & {
        cell for line in lines for cell in line.split(",")}


def test_a_merge_brings_the_duplicates_shifts_and_hours(db, make_person, make_account,
                                                        past_shift):
    from core.identity.merge import merge_people

    coordinator = make_account(roles=["coordinator"])
    kept, duplicate = make_person("Anne", "Roy"), make_person("Anne", "Roy")
    for person, days_ago in ((kept, 2), (duplicate, 4)):
        shift = past_shift(days_ago=days_ago)
        signup = service.sign_up(db, shift, person, after_the_fact=True)
        ledger.confirm_hours(db, signup, coordinator)
    service.sign_undertaking(db, duplicate)
    db.commit()
    merge_people(db, kept, duplicate)
    db.commit()
    assert ledger.year_total(db, kept.id, today().year) + ledger.year_total(
        db, kept.id, today().year - 1) == Decimal("6.00")
    assert service.has_current_undertaking(db, kept.id)


def test_a_merge_of_two_registrations_on_the_same_shift_keeps_one_place_and_every_hour(
        db, make_person, make_account, past_shift, shift_of):
    """Reception registered Anne twice and each registration took the same shift: after the
    merge Anne holds one place, the other is free again, and her confirmed hours stay."""
    from core.identity.merge import merge_people

    coordinator = make_account(roles=["coordinator"])
    kept, duplicate = make_person("Anne", "Roy"), make_person("Anne", "Roy")
    done = past_shift(needed=2)
    for person in (kept, duplicate):
        service.sign_up(db, done, person, after_the_fact=True)
    duplicate_signup = db.scalar(select(ShiftSignup).where(ShiftSignup.person_id == duplicate.id))
    ledger.confirm_hours(db, duplicate_signup, coordinator)  # confirmed on the duplicate only
    ahead = shift_of(needed=2, days=5)
    service.cancel_signup(db, service.sign_up(db, ahead, kept))  # the kept one cancelled
    service.sign_up(db, ahead, duplicate)                         # the duplicate still coming
    db.commit()
    merge_people(db, kept, duplicate)
    db.commit()
    db.expire_all()  # the merge repoints rows in bulk: read them again
    assert ledger.year_total(db, kept.id, local_day(done.starts_at).year) == Decimal("3.00")
    signups = {s.shift_id: s for s in db.scalars(select(ShiftSignup))}
    assert len(signups) == 2 and {s.person_id for s in signups.values()} == {kept.id}
    assert signups[ahead.id].status == "confirmed"       # she is still expected on the day
    assert (done.taken, ahead.taken) == (1, 1)            # one place each, the other free again


def test_a_merge_never_drops_hours_confirmed_on_both_registrations(db, make_person, make_account,
                                                                   past_shift):
    """Hours confirmed twice for one shift stay in the ledger, for the coordinator to correct."""
    from core.identity.merge import merge_people

    coordinator = make_account(roles=["coordinator"])
    kept, duplicate = make_person("Anne", "Roy"), make_person("Anne", "Roy")
    done = past_shift(needed=2)
    for person in (kept, duplicate):
        ledger.confirm_hours(db, service.sign_up(db, done, person, after_the_fact=True),
                             coordinator)
    db.commit()
    merge_people(db, kept, duplicate)
    db.commit()
    db.expire_all()
    year = local_day(done.starts_at).year
    assert ledger.year_total(db, kept.id, year) == Decimal("6.00")
    assert len(db.scalars(select(ShiftSignup)).all()) == 1
