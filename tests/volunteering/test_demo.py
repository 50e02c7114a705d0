"""``soin demo`` shows a volunteer programme at work."""

from sqlalchemy import func, select

from core.volunteering.models import (HoursEntry, Recognition, ShiftSignup, VolunteerProfile,
                                      VolunteerShift)


def test_the_demo_has_volunteers_shifts_an_accompaniment_and_confirmed_hours(app, db):
    from core.demo import load_demo
    from core.volunteering import ledger

    assert load_demo(db, app, households=12)
    count = lambda model, *where: db.scalar(select(func.count()).select_from(model).where(*where))
    assert count(VolunteerProfile) == 5
    assert count(VolunteerShift, VolunteerShift.starts_at > func.now()) >= 6
    assert count(VolunteerShift, VolunteerShift.appointment_id.is_not(None)) == 1
    assert count(ShiftSignup) > 10 and count(HoursEntry) >= 10 and count(Recognition) == 1
    assert len(ledger.to_confirm(db)) == 2
