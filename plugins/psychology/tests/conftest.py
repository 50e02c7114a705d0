"""The psychology plugin switched on, a client, two psychologists, a nurse, and the client's own
member account. Everything is rolled back after each test (core's ``db`` fixture)."""

import pytest


@pytest.fixture
def phq9():
    """``phq9(item9, others)``: PHQ-9 answers, items 1-8 all ``others``."""
    def _answers(item9=0, others=0):
        return {**{f"item_{i}": others for i in range(1, 9)}, "item_9": item9, "language": "fr"}
    return _answers


@pytest.fixture
def psy_on(activate):
    activate("psychology")


@pytest.fixture
def client_person(make_person, psy_on):
    return make_person("Mireille", "Lavoie")


@pytest.fixture
def psychologist(make_account, psy_on):
    return make_account(roles=["practitioner"], discipline="psychology",
                        display_name="Marc Lévesque")


@pytest.fixture
def colleague(make_account, psy_on):
    return make_account(roles=["practitioner"], discipline="psychology",
                        display_name="Anne Côté")


@pytest.fixture
def nurse(make_account, psy_on):
    return make_account(roles=["practitioner"], discipline="nursing", display_name="Isa Roy")


@pytest.fixture
def member_account(make_account, client_person):
    return make_account(roles=["member"], person=client_person)


@pytest.fixture
def write(db, client_person, psychologist):
    """``write(form_id, payload, author=...)``: record an entry through core and commit."""
    from core.api import record_entry

    def _write(form_id, payload, author=None, person=None, **kw):
        entry = record_entry(db, person=person or client_person, form_id=form_id,
                             payload=payload, author=author or psychologist, **kw)
        db.commit()
        return entry
    return _write
