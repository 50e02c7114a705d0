"""Fixtures of the privacy tests: the record's test plugin active, practitioners, an officer,
and charts whose entries are made old (a destruction test needs years to have passed)."""

from datetime import timedelta

import pytest
from sqlalchemy import update

from tests.record import recordtest_plugin

PASSWORD = "correct horse battery staple"
VITALS = {"systolic": 128, "mood": "good"}


@pytest.fixture
def record_on(activate):
    activate("recordtest")
    recordtest_plugin.DESTROY_FAILS["error"] = None
    recordtest_plugin.DESTROYED.clear()
    yield
    recordtest_plugin.DESTROY_FAILS["error"] = None


@pytest.fixture
def nurse(make_account, record_on):
    return make_account(roles=["practitioner"], discipline="recordtest", display_name="Nadia Nurse")


@pytest.fixture
def officer(make_account):
    return make_account(roles=["privacy_officer"], display_name="Olga Officière")


@pytest.fixture
def old_chart(db, nurse, make_person):
    """``old_chart(years_ago, person=None, discipline=None)``: a person with one entry written
    ``years_ago`` (in the recordtest discipline, or as if by ``discipline``)."""
    from core.api import record_entry
    from core.db import utcnow
    from core.record.models import Entry

    def _old(years_ago: float, person=None, discipline=None):
        person = person or make_person()
        entry = record_entry(db, person=person, form_id="recordtest.vitals", payload=dict(VITALS),
                             author=nurse)
        when = utcnow() - timedelta(days=round(365.25 * years_ago))
        values = {"occurred_at": when, "created_at": when}
        if discipline:
            values["discipline"] = discipline
        # entries are immutable in the app; a test moves one back in time with a bulk update
        db.execute(update(Entry).where(Entry.id == entry.id).values(**values))
        db.commit()
        return person
    return _old


def client_of(app, account):
    other = app.test_client()
    other.post("/login", data={"username": account.username, "password": PASSWORD})
    return other
