"""Fixtures for the herbalism plugin's tests: the plugin active, an herbalist, a nurse, a person."""

from __future__ import annotations

from datetime import date

import pytest


@pytest.fixture
def herbalism(activate, db):
    """The herbalism plugin active (its shipped monographs enter the register) and nursing."""
    activate("nursing")
    activate("herbalism")


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
