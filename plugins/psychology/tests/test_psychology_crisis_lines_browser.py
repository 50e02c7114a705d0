"""Browser: a psychologist corrects a crisis line and the suicide-risk rule shows it on a PHQ-9
whose item 9 is above "not at all"; the coordinator of a coop that still has the old line
receives the package, reads what changed (number, review date, source) and adopts it.
``SOIN_SCREENSHOTS=DIR`` keeps the screens (desktop and 375 px)."""

import json
import os

import pytest
from sqlalchemy import select

from core.registry import plugin_host
from core.testing.browser import browser_login, follow
from core.testing.factories import PASSWORD, Factories

pytestmark = pytest.mark.e2e


def _shot(page, name):
    folder = os.environ.get("SOIN_SCREENSHOTS")
    if folder:
        page.screenshot(path=os.path.join(folder, f"crisis-{name}.png"), full_page=True)
        page.set_viewport_size({"width": 375, "height": 812})
        page.screenshot(path=os.path.join(folder, f"crisis-{name}-phone.png"), full_page=True)
        page.set_viewport_size({"width": 1280, "height": 900})


def _seed(session):
    """The lines the migration seeds (a browser test empties every table after it runs)."""
    from plugins.psychology.crisis_lines import save_line
    from plugins.psychology.models import CrisisLine

    if session.scalar(select(CrisisLine.id).where(CrisisLine.code == "ca_988")):
        return
    for code, fr, number, dial in (
            ("qc_suicide_prevention", "Ligne québécoise de prévention du suicide",
             "1 866 APPELLE (1-866-277-3553)", "tel:+18662773553"),
            ("ca_988", "Ligne d’aide en cas de crise de suicide", "9-8-8", "tel:988")):
        save_line(session, None, {"title_fr": fr, "number": number, "dial": dial,
                                  "source": "https://988.ca", "reviewed_on": "2026-12-05"},
                  actor=None, code=code)


def test_edit_a_line_see_it_on_the_safety_rule_then_another_coop_adopts_it(live_server, page,
                                                                            tmp_path):
    from core.commons import service, signing

    key_path = tmp_path / "key.pem"
    public = signing.new_key(key_path)
    live_server.app.config["SOIN_COMMONS_KEY"] = str(key_path)

    def make(session):
        from core.admin.service import set_active

        set_active(session, plugin_host(live_server.app), "psychology", True)
        factories = Factories(live_server.app, session)
        factories.account(roles=["practitioner"], discipline="psychology", username="marc",
                          display_name="Marc Lévesque")
        factories.account(roles=["coordinator"], username="coco", display_name="Claude C.")
        _seed(session)
        return factories.person("Mireille", "Lavoie").id
    try:
        person_id = live_server.setup(make)
        page.set_viewport_size({"width": 1280, "height": 900})
        browser_login(page, live_server, "marc", PASSWORD)
        page.click("summary:has-text('Administration')")
        follow(page, "text=Lignes de crise")
        _shot(page, "list")
        follow(page, "tr[data-line='ca_988'] a")
        page.fill("#f-number", "9-8-8 (appels et textos)")
        page.fill("#f-reviewed_on", "5 décembre")
        with page.expect_navigation():
            page.click("form.stack button:has-text('Enregistrer')")
        assert "2026-12-05" in page.locator("#e-reviewed_on").inner_text()
        _shot(page, "error")
        page.fill("#f-reviewed_on", "2026-12-06")
        page.fill("#f-source", "https://988.ca/fr")
        with page.expect_navigation():
            page.click("form.stack button:has-text('Enregistrer')")
        assert "La ligne de crise est enregistrée" in page.content()
        assert "9-8-8 (appels et textos)" in page.locator("tr[data-line='ca_988']").inner_text()

        page.goto(f"{live_server.url}/people/{person_id}/chart/new/psychology.phq9")
        for item in range(1, 9):
            page.check(f"input[name=item_{item}][value='0']")
        page.check("input[name=item_9][value='1']")
        with page.expect_navigation():
            page.click("form.stack button[type=submit]")
        alert = page.locator("[role=alert]").filter(has_text="énoncé 9").inner_text()
        assert "9-8-8 (appels et textos)" in alert and "1-866-277-3553" in alert
        _shot(page, "finding")

        def other_coop(session):
            """The package as published now; then this database plays a coop that still has
            the old line (the number and source it had before the edit)."""
            from plugins.psychology.models import CrisisLine

            package = service.build_package(session)
            line = session.scalar(select(CrisisLine).where(CrisisLine.code == "ca_988"))
            line.number, line.version, line.source = "9-8-8", 1, "https://988.ca"
            return json.dumps(package)
        (tmp_path / "package.json").write_text(live_server.setup(other_coop), encoding="utf-8")

        follow(page, "button:has-text('Se déconnecter')")
        browser_login(page, live_server, "coco", PASSWORD)
        page.goto(f"{live_server.url}/admin/commons")
        page.click("summary:has-text('Accepter un éditeur')")
        page.fill("#f-name", "Coop du Nord")
        page.fill("#f-public_key", public)
        follow(page, "button:has-text('Accepter')")
        page.set_input_files("#f-package", str(tmp_path / "package.json"))
        follow(page, "button:has-text('Recevoir')")
        assert "1 nouvelle version à lire" in page.content()
        follow(page, "tr[data-offer] a")
        standing = page.locator("table.standing").inner_text()
        assert "2026-12-06" in standing and "https://988.ca/fr" in standing
        row = page.locator("table.diff:not(.standing) tr:has-text('number')").inner_text()
        assert "9-8-8 (appels et textos)" in row
        _shot(page, "offer")
        follow(page, "button:has-text('Adopter cette version')")
        assert "Adoptée" in page.content()
        page.goto(f"{live_server.url}/p/psychology/crisis-lines")
        assert "9-8-8 (appels et textos)" in page.locator("tr[data-line='ca_988']").inner_text()
    finally:
        live_server.app.config["SOIN_COMMONS_KEY"] = None
