"""The governance plugin switched on for every test of this folder."""

import pytest


@pytest.fixture
def gov_on(activate):
    activate("governance")
