"""Fixtures for the nursing plugin's tests: the plugin active, a trained nurse, a person."""

from __future__ import annotations

from datetime import date

import pytest

from core.api import SummaryItem

TRAININGS = "oc-cystite contraception-inspq-2024 oc-warfarine"


@pytest.fixture
def nursing(activate):
    """The nursing plugin, active (its shipped OCs enter the register)."""
    activate("nursing")


@pytest.fixture
def nurse(make_account, nursing):
    """A nurse trained for the three shipped OCs."""
    return make_account(roles=["practitioner"], discipline="nursing",
                        practitioner={"trainings": TRAININGS})


@pytest.fixture
def patient(make_person):
    """An adult woman (born 1990)."""
    return make_person(first_name="Maude", last_name="Lavoie", date_of_birth=date(1990, 3, 2))


def summary_line(kind: str, label: str, code: str = "", natural: bool = False) -> SummaryItem:
    """A line of the shared clinical summary, for engine tests."""
    return SummaryItem(kind, label, code, natural)
