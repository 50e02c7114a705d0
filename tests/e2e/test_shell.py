"""Browser: sign in, switch language, see the service catalogue."""

import pytest

from core.testing.browser import browser_login, follow
from core.testing.factories import PASSWORD

pytestmark = pytest.mark.e2e


def _admin(live_server):
    from core.identity.accounts import create_account

    live_server.setup(lambda s: create_account(s, username="ada", display_name="Ada Admin",
                                               password=PASSWORD, roles=["admin"]))


def test_sign_in_switch_language_and_see_catalogue(live_server, page):
    _admin(live_server)
    browser_login(page, live_server, "ada", PASSWORD)
    page.goto(f"{live_server.url}/admin/services")
    assert page.locator("h1").inner_text() == "Services de la coopérative"
    assert page.locator("tr[data-plugin=sample]").count() == 1
    follow(page, "button[name=locale][value=en]")
    assert page.locator("h1").inner_text() == "Services of the coop"
    # the choice is remembered on the account: a new sign-in keeps English
    follow(page, "text=Sign out")
    browser_login(page, live_server, "ada", PASSWORD)
    page.goto(f"{live_server.url}/admin/services")
    assert page.locator("h1").inner_text() == "Services of the coop"


def test_activate_a_service_from_the_catalogue(live_server, page):
    _admin(live_server)
    browser_login(page, live_server, "ada", PASSWORD)
    page.goto(f"{live_server.url}/admin/services")
    row = page.locator("tr[data-plugin=sample]")
    follow(page, row.locator("button[type=submit]"))
    assert "Actif" in page.locator("tr[data-plugin=sample] td.state").inner_text()
    page.goto(f"{live_server.url}/p/sample/")
    assert "sample page" in page.content()
