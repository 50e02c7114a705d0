"""Fixtures of the record tests: the test plugin active, a person, practitioners."""

import pytest

from tests.record import recordtest_plugin

VITALS = {"systolic": 128, "temperature": "36.8", "mood": "good"}


@pytest.fixture
def record_on(activate):
    activate("recordtest")
    recordtest_plugin.ACCESS_HOOK["fn"] = None
    yield
    recordtest_plugin.ACCESS_HOOK["fn"] = None


@pytest.fixture
def patient(make_person, record_on):
    return make_person("Aline", "Gagnon")


@pytest.fixture
def nurse(make_account, record_on):
    """A practitioner of the test plugin's discipline."""
    return make_account(roles=["practitioner"], discipline="recordtest", display_name="Nadia Nurse")


@pytest.fixture
def other_discipline(make_account, record_on):
    return make_account(roles=["practitioner"], discipline="psychology", display_name="Paul Psy")


@pytest.fixture
def write(db, nurse, patient):
    """``write(payload=..., author=..., form_id=...)``: record an entry and commit."""
    from core.api import record_entry

    def _write(payload=None, author=None, form_id="recordtest.vitals", **kw):
        entry = record_entry(db, person=patient, form_id=form_id, payload=payload or dict(VITALS),
                             author=author or nurse, **kw)
        db.commit()
        return entry
    return _write
