"""Volunteering fixtures: shifts ahead and behind, volunteers with or without an undertaking."""

from __future__ import annotations

from datetime import datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from core.coop_time import today

MONTREAL = ZoneInfo("America/Montreal")


def at(days: int, hour: int, minute: int = 0) -> datetime:
    """Local wall-clock time ``days`` from today in Montreal, as aware UTC."""
    return datetime.combine(today() + timedelta(days=days), time(hour, minute),
                            tzinfo=MONTREAL).astimezone(timezone.utc)


@pytest.fixture
def shift_of(db):
    """``shift_of(program="core.upkeep", days=3, needed=1, **kw)``: a published shift."""
    from core.volunteering.service import publish_shift

    def make(program="core.upkeep", days=3, hour=9, hours=3, needed=1, title="Peinture", **kw):
        shift = publish_shift(db, program=program, title=title, starts_at=at(days, hour),
                              ends_at=at(days, hour) + timedelta(hours=hours), needed=needed,
                              **kw)
        db.commit()
        return shift
    return make


@pytest.fixture
def past_shift(db, shift_of):
    """A shift that took place (published ahead, then moved into the past as time passes)."""
    def make(days_ago=3, **kw):
        shift = shift_of(**kw)
        length = shift.ends_at - shift.starts_at
        shift.starts_at = at(-days_ago, 9)
        shift.ends_at = shift.starts_at + length
        db.commit()
        return shift
    return make


@pytest.fixture
def signed(db):
    """``signed(person)``: the person signed the current confidentiality undertaking."""
    from core.volunteering.service import sign_undertaking

    def make(person):
        sign_undertaking(db, person)
        db.commit()
        return person
    return make
