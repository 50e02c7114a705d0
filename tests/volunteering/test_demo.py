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


def test_the_demo_volunteer_signs_in_to_their_own_shifts_and_hours(app, db, client):
    # the demo's `benevole` account is one of its volunteers: without a person it met a
    # refusal on every volunteering page
    from core.demo import load_demo
    from core.identity.models import Account

    assert load_demo(db, app, households=12)
    db.commit()
    account = db.scalar(select(Account).where(Account.username == "benevole"))
    assert db.scalar(select(VolunteerProfile).where(
        VolunteerProfile.person_id == account.person_id)) is not None
    client.post("/login", data={"username": "benevole", "password": "demo-soin-commun"})
    page = client.get("/portal/volunteering/")
    assert page.status_code == 200 and "Mes heures" in page.get_data(as_text=True)
