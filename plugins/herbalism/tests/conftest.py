"""Fixtures for the herbalism plugin's tests: the plugin active, an herbalist, a nurse, a person."""

from __future__ import annotations

from datetime import date

import pytest


@pytest.fixture
def herbalism(app, activate, db):
    """The herbalism plugin active (its shipped monographs enter the register) and nursing.

    The process keeps the register's names for a minute (``monographs.for_names``); each test's
    register is its own (rolled back after it), so the names are read from it, and what a test
    renamed is not left to the next."""
    app.extensions.pop("herbalism_names", None)
    activate("nursing")
    activate("herbalism")
    yield
    app.extensions.pop("herbalism_names", None)


@pytest.fixture
def herbalist(make_account, herbalism):
    return make_account(roles=["practitioner"], discipline="herbalism",
                        display_name="Lou Gagnon")


@pytest.fixture
def nurse(make_account, herbalism):
    return make_account(roles=["practitioner"], discipline="nursing", display_name="Isabelle Roy")


@pytest.fixture
def person(make_person):
    return make_person(first_name="Maude", last_name="Lavoie", date_of_birth=date(1990, 3, 2))
