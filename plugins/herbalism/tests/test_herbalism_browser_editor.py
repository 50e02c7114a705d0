"""Browser: the coordinator corrects a monograph field by field (a caution and the review date),
and reads the passionflower–valerian rule on the monograph; the herbalist stops echinacea at
follow-up and the chart's summary no longer lists it. Screenshots at 1280 and 375 px go to
``$SOIN_SCREENSHOTS`` (default /tmp/herb_shots) to be looked at."""

import os
from pathlib import Path

import pytest

from core.registry import plugin_host
from core.testing.browser import SCREENS, browser_login, screenshots
from core.testing.factories import PASSWORD, Factories

pytestmark = pytest.mark.e2e
SHOTS = Path(os.environ.get("SOIN_SCREENSHOTS", "/tmp/herb_shots"))


def _setup(live_server):
    def make(session):
        from core.admin.service import set_active

        from plugins.herbalism import monographs

        host = plugin_host(live_server.app)
        for name in ("nursing", "herbalism"):
            set_active(session, host, name, True)
        monographs.seed(session)
        factories = Factories(live_server.app, session)
        person = factories.person("Mireille", "Lavoie")
        factories.account(roles=["practitioner"], discipline="herbalism", username="lou",
                          display_name="Lou Gagnon")
        factories.account(roles=["coordinator"], username="julie", display_name="Julie Bouchard")
        return person.id
    return live_server.setup(make)


def test_the_editor_the_herb_rule_and_a_stop_at_follow_up(live_server, page):
    person_id = _setup(live_server)
    page.set_viewport_size(SCREENS["wide"])
    browser_login(page, live_server, "julie", PASSWORD)
    page.goto(f"{live_server.url}/p/herbalism/monographs/ginkgo_biloba/edit")
    screenshots(page, SHOTS, "monograph-editor")
    page.fill("#f-note", "Mise en garde chirurgie")
    page.fill("#f-reviewed_on", "5 décembre")
    with page.expect_navigation():
        page.click("form.herb-editor button[type=submit]")
    assert "Écrivez la date ainsi\u202f: 2026-12-05." in page.locator("main").inner_text()
    screenshots(page, SHOTS, "monograph-editor-refused")
    page.fill("#f-reviewed_on", "2026-12-05")
    with page.expect_navigation():
        page.click("form.herb-editor button[type=submit]")
    assert "version 2" in page.locator("main").inner_text()
    page.goto(f"{live_server.url}/p/herbalism/monographs/passiflora_incarnata")
    assert "Valeriana officinalis" in page.locator("main").inner_text()
    screenshots(page, SHOTS, "monograph-herb-rule")
    page.context.clear_cookies()

    browser_login(page, live_server, "lou", PASSWORD)
    page.goto(f"{live_server.url}/p/herbalism/people/{person_id}/recommend")
    page.select_option("#f-herb", "echinacea_purpurea")
    page.fill("#f-preparation", "Teinture")
    page.fill("#f-dose", "2 mL, 3 fois par jour")
    page.fill("#f-duration", "10 jours")
    with page.expect_navigation():
        page.click("button[value=check]")
    with page.expect_navigation():
        page.click("button[value=save]")
    page.goto(f"{live_server.url}/people/{person_id}/chart/new/herbalism.follow_up")
    page.fill("[name=herb]", "Échinacée")
    page.select_option("[name=decision]", "stop")
    with page.expect_navigation():
        page.click("form.stack button[type=submit]")
    assert "Retirée du sommaire partagé" in page.locator("main").inner_text()
    screenshots(page, SHOTS, "follow-up-stop")
    page.goto(f"{live_server.url}/people/{person_id}/chart")
    summary = page.locator("#summary").inner_text()
    assert "Échinacée" not in summary
