"""The acupuncture plugin switched on, a person, an acupuncturist, a coordinator, and a helper to
put lines on the person's shared clinical summary. Rolled back after each test."""

import pytest


@pytest.fixture
def acu_on(activate):
    activate("acupuncture")


@pytest.fixture
def patient(make_person, acu_on):
    return make_person("Julie", "Gagnon")


@pytest.fixture
def acupuncturist(make_account, acu_on):
    return make_account(roles=["practitioner"], discipline="acupuncture",
                        display_name="Li Tremblay")


@pytest.fixture
def summary_line(db, patient, acupuncturist):
    """``summary_line(kind, label, code="")``: add a line to the patient's summary and commit."""
    from core.api import add_summary_item

    def _add(kind, label, code="", detail=""):
        add_summary_item(db, person_id=patient.id, kind=kind, label=label, code=code,
                         detail=detail, author=acupuncturist)
        db.commit()
    return _add


@pytest.fixture
def acu_session(db, patient, acupuncturist):
    """An open session for the patient."""
    from plugins.acupuncture.sessions import open_session

    acu = open_session(db, person=patient, author=acupuncturist)
    db.commit()
    return acu
