"""``soin demo`` fills the calendar: hours, visits, group sessions, events, a queue."""

from sqlalchemy import func, select

from core.scheduling.extra_models import CommunityEvent, WalkInTicket
from core.scheduling.models import Appointment, Availability, GroupSession


def test_the_demo_has_a_lived_in_calendar(app, db, schedtest):
    from core.demo import load_demo

    assert load_demo(db, app, households=12)
    count = lambda model: db.scalar(select(func.count()).select_from(model))
    assert count(Availability) > 0 and count(CommunityEvent) == 2 and count(WalkInTicket) == 3
    assert count(Appointment) > 0 and count(GroupSession) > 0


def test_most_demo_people_agreed_to_statistics_so_reports_show_something(app, db, schedtest,
                                                                         make_person):
    from core.api import PrivacySettings
    from core.demo import load_demo

    assert load_demo(db, app, households=12)
    consenting = db.scalar(select(func.count()).select_from(PrivacySettings)
                           .where(PrivacySettings.allow_statistics.is_(True)))
    assert consenting > 0
    agreed = make_person("Nadia", "Ouellet", allow_statistics=True)
    assert db.get(PrivacySettings, agreed.id).allow_statistics
    assert db.get(PrivacySettings, make_person("Marc", "Gagnon").id) is None  # never chose
