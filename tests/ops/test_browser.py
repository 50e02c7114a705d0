"""Browser: the coordinator sees that the coop's data is not backed up, until a backup is made."""

import pytest

from core.testing.browser import browser_login
from core.testing.factories import PASSWORD

pytestmark = pytest.mark.e2e


def test_the_coordinator_sees_the_backup_warning_until_the_nightly_backup_runs(live_server, page):
    from core.identity.accounts import create_account
    from core.ops.schedule import run_backup_job

    live_server.setup(lambda s: create_account(s, username="julie", display_name="Julie Bouchard",
                                               password=PASSWORD, roles=["coordinator"]))
    browser_login(page, live_server, "julie", PASSWORD)
    page.goto(f"{live_server.url}/")
    warning = page.locator("#backup-warning")
    assert "Aucune sauvegarde des données de la coop" in warning.inner_text()
    assert warning.get_attribute("role") == "alert"

    with live_server.app.app_context():
        run_backup_job(live_server.app)
    page.reload()
    assert page.locator("#backup-warning").count() == 0
    assert page.locator("h1").inner_text() == "Bienvenue, Julie Bouchard"
