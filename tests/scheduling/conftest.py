"""Scheduling fixtures: a test plugin with appointment types, practitioners, dates ahead."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from core.api import today as coop_today
from core.registry import plugin_host
from tests.scheduling import schedtest_plugin

MONTREAL = ZoneInfo("America/Montreal")


@pytest.fixture(scope="session", autouse=True)
def schedtest(app):
    """Register the test plugin on the shared application for these tests only."""
    host = plugin_host(app)
    host.add("schedtest", schedtest_plugin)
    yield schedtest_plugin
    host._unregister("schedtest")
    host.plugins.pop("schedtest", None)


@pytest.fixture
def types_on(activate):
    activate("schedtest")


def next_weekday(weekday: int, weeks_ahead: int = 1) -> date:
    """A date on ``weekday`` at least a week ahead (so bookings are in the future)."""
    day = coop_today() + timedelta(days=7 * weeks_ahead)
    return day + timedelta(days=(weekday - day.weekday()) % 7)


def at(day: date, hour: int, minute: int = 0, fold: int = 0) -> datetime:
    """Local wall-clock time in Montreal, as aware UTC."""
    return datetime.combine(day, time(hour, minute), tzinfo=MONTREAL).replace(
        fold=fold).astimezone(timezone.utc)


def on_the_day(db, booked, start: datetime | None = None):
    """``booked`` (a visit or a group session, booked ahead: the past cannot be booked) as if
    its day had come: starting at ``start``, by default the coop's midnight today (begun, and
    today, whatever the hour the test runs). Its holds stay where they were: only the rules of
    what can be recorded on the day read this."""
    from core.coop_time import local_day_bounds

    start = start or local_day_bounds(coop_today())[0]
    booked.starts_at, booked.ends_at = start, start + (booked.ends_at - booked.starts_at)
    db.flush()
    return booked


@pytest.fixture
def practitioner(make_account, db):
    """A practitioner of the test discipline, open Monday to Friday 9:00-17:00."""
    from core.scheduling.availability import add_window, resource_for_account

    account = make_account(roles=["practitioner"], discipline="schedtest",
                           display_name="Dre Gagnon")
    resource = resource_for_account(db, account)
    for weekday in range(5):
        add_window(db, resource, weekday, time(9), time(17))
    db.commit()
    return resource


def bearer(db, account) -> dict:
    """Authorization header of a fresh API token for ``account`` (the caller commits)."""
    import hashlib
    import secrets

    from core.identity.models import ApiToken

    raw = secrets.token_urlsafe(24)
    db.add(ApiToken(account_id=account.id, name="tests",
                    token_hash=hashlib.sha256(raw.encode()).hexdigest()))
    return {"Authorization": f"Bearer {raw}"}
