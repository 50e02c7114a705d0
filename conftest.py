"""Every test of this repository (core's and the plugins') runs with core's sample plugins
registered next to whatever is installed.

It sits at the root, not in tests/, because the application is built once per test process by
whichever test asks first: under pytest-xdist a worker may start with a plugin's test, and the
app it builds must be the same as the one core's tests expect."""

import pytest

from tests.record import recordtest_plugin
from tests.sample_plugins import badprefix, broken, misspelled, sample


@pytest.fixture(scope="session")
def soin_extra_plugins():
    return [("sample", sample), ("broken", broken), ("misspelled", misspelled),
            ("badprefix", badprefix), ("recordtest", recordtest_plugin)]
