"""America/Montreal across daylight-saving changes: stored in UTC, shown in local time."""

from datetime import date, datetime, time, timedelta, timezone

import pytest

from core.api import SlotTaken, book, today as coop_today
from core.scheduling.availability import add_window, resource_for_account
from core.scheduling.errors import SchedulingError
from core.scheduling.events import occurrences, save_event
from core.scheduling.timeutil import local_datetime
from tests.scheduling.conftest import MONTREAL

UTC = timezone.utc


def _next_change(month: int) -> date:
    """The next Sunday when Montreal changes its clocks in ``month`` (3: March, 11: November)."""
    year = coop_today().year
    while True:
        day = date(year, month, 1)
        while True:
            before = datetime.combine(day, time(0), tzinfo=MONTREAL).utcoffset()
            after = datetime.combine(day + timedelta(days=1), time(0), tzinfo=MONTREAL).utcoffset()
            if before != after and day > coop_today():
                return day
            day += timedelta(days=1)
            if day.month != month:
                break
        year += 1


@pytest.fixture
def night_owl(db, make_account):
    """A practitioner open 00:00-06:00 every day (so bookings can span the change)."""
    resource = resource_for_account(db, make_account(discipline="schedtest"))
    for weekday in range(7):
        add_window(db, resource, weekday, time(0), time(6))
    return resource


def test_a_visit_spanning_the_november_change_lasts_its_real_duration(db, types_on, night_owl,
                                                                      make_person):
    sunday = _next_change(11)
    start = local_datetime(sunday, time(1, 30))  # the first 01:30 (EDT, UTC-4)
    assert start == datetime.combine(sunday, time(5, 30), tzinfo=UTC)
    visit = book(db, type_code="schedtest.visit", start=start, person=make_person(),
                 practitioner=night_owl)
    db.commit()
    db.expire_all()
    assert visit.ends_at - visit.starts_at == timedelta(hours=1)
    # it ends at the second 01:30 (EST, UTC-5): same wall clock, one real hour later
    end_local = visit.ends_at.astimezone(MONTREAL)
    assert (end_local.hour, end_local.minute, end_local.utcoffset()) == (1, 30, timedelta(hours=-5))
    # 01:15 EST falls inside it (06:15 UTC); 01:30 EST is free again
    with pytest.raises(SlotTaken):
        book(db, type_code="schedtest.short", person=make_person("Luc"), practitioner=night_owl,
             start=datetime.combine(sunday, time(1, 15), tzinfo=MONTREAL).replace(fold=1))
    book(db, type_code="schedtest.short", person=make_person("Luc"), practitioner=night_owl,
         start=datetime.combine(sunday, time(6, 30), tzinfo=UTC))


def test_a_night_in_march_is_an_hour_shorter_and_02_30_does_not_exist(db, types_on, night_owl,
                                                                      make_person):
    sunday = _next_change(3)
    with pytest.raises(SchedulingError, match="changement d’heure"):
        local_datetime(sunday, time(2, 30))
    # 01:30 EST + 1 hour = 03:30 EDT
    visit = book(db, type_code="schedtest.visit", start=local_datetime(sunday, time(1, 30)),
                 person=make_person(), practitioner=night_owl)
    end_local = visit.ends_at.astimezone(MONTREAL)
    assert (end_local.hour, end_local.minute) == (3, 30)


def test_opening_hours_keep_their_wall_clock_time_after_the_change(db, types_on, night_owl):
    from core.scheduling.availability import windows_on

    sunday = _next_change(11)
    before, after = sunday - timedelta(days=7), sunday + timedelta(days=7)
    assert windows_on(night_owl, before)[0][0].astimezone(MONTREAL).hour == 0
    assert windows_on(night_owl, after)[0][0].astimezone(MONTREAL).hour == 0
    # the change day itself is 7 hours long between 00:00 and 06:00
    open_at, close_at = windows_on(night_owl, sunday)[0]
    assert close_at - open_at == timedelta(hours=7)


def test_a_weekly_event_stays_at_9_local_across_the_change(db):
    sunday = _next_change(11)
    saturday = sunday - timedelta(days=15)
    event = save_event(db, {"title": "Marché", "starts_at": local_datetime(saturday, time(9)),
                            "duration_minutes": 180, "rrule": "FREQ=WEEKLY;BYDAY=SA;COUNT=4"})
    found = occurrences(event, local_datetime(saturday, time(0)),
                        local_datetime(saturday + timedelta(days=30), time(0)))
    assert len(found) == 4
    assert {o.starts_at.astimezone(MONTREAL).hour for o in found} == {9}
    assert {o.starts_at.hour for o in found} == {13, 14}  # 13:00 UTC in EDT, 14:00 UTC in EST
