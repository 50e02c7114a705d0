"""Social work switched on, a person, a social worker, a nurse and a small directory.
Everything is rolled back after each test (core's ``db`` fixture)."""


import pytest

from core.api import today as coop_today


@pytest.fixture
def sw_on(activate):
    activate("social_work")


@pytest.fixture
def person(make_person, sw_on):
    return make_person("Ginette", "Lalonde")


@pytest.fixture
def social_worker(make_account, sw_on):
    return make_account(roles=["practitioner"], discipline="social_work",
                        display_name="Nadia Côté")


@pytest.fixture
def nurse(make_account, sw_on):
    return make_account(roles=["practitioner"], discipline="nursing", display_name="Isa Roy")


@pytest.fixture
def services(db, sw_on):
    """The demo directory (20 services), built today."""
    from plugins.social_work.demo import build_directory
    made = build_directory(db, coop_today())
    db.commit()
    return made


@pytest.fixture
def hrsn():
    """``hrsn(**changes)``: HRSN answers with no need, changed as given."""
    def _answers(**changes):
        return {"housing_situation": "steady", "housing_problems": ["none"], "transport": "no",
                "utilities": "no", "hurt": 1, "insult": 1, "threaten": 1, "scream": 1, **changes}
    return _answers
