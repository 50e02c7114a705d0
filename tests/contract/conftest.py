"""The hook test plugin, registered on the shared application for these tests only."""

import pytest

from core.registry import plugin_host
from tests.contract import hooktest_plugin


@pytest.fixture(scope="package", autouse=True)
def hooktest(app):
    """Add the plugin the way start-up does (validated, declarations collected), then remove it."""
    from core.identity.accounts import sync_roles_and_permissions

    host = plugin_host(app)
    assert host.add("hooktest", hooktest_plugin), host.refused.get("hooktest")
    with app.app_context():
        from core import db as dbmod

        sess = dbmod.session()
        sync_roles_and_permissions(sess, host)  # what `soin db upgrade` does for a new plugin
        sess.commit()
    yield hooktest_plugin
    host._unregister("hooktest")
    host.plugins.pop("hooktest", None)


@pytest.fixture
def hooks_on(activate):
    """The hook test plugin active for one test, with a clean record of calls."""
    activate("hooktest")
    hooktest_plugin.CALLS.clear()
    yield hooktest_plugin
    hooktest_plugin.CALLS.clear()


@pytest.fixture
def person(make_person):
    """Someone whose chart the hook tests write in."""
    return make_person("Rosalie", "Hook")


@pytest.fixture
def author(make_account, hooks_on):
    """A practitioner of the hook test discipline, the plugin active."""
    return make_account(discipline="hooktest", display_name="Hook Author")
