"""Core's tests run with the sample plugins registered next to whatever is installed."""

import pytest

from tests.record import recordtest_plugin
from tests.sample_plugins import badprefix, broken, misspelled, sample


@pytest.fixture(scope="session")
def soin_extra_plugins():
    return [("sample", sample), ("broken", broken), ("misspelled", misspelled),
            ("badprefix", badprefix), ("recordtest", recordtest_plugin)]
