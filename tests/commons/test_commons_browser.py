"""Browser: anyone reads the coop's shared protocols; a coordinator trusts another coop's key,
receives its package, reads what changed and adopts it. ``SOIN_SCREENSHOTS=DIR`` keeps the
screens."""

import json
import os

import pytest

from core.commons import service, signing
from core.registry import plugin_host
from core.testing.browser import browser_login, follow
from core.testing.factories import PASSWORD

pytestmark = pytest.mark.e2e


def _shot(page, name):
    folder = os.environ.get("SOIN_SCREENSHOTS")
    if folder:
        page.screenshot(path=os.path.join(folder, f"commons-{name}.png"), full_page=True)


def test_public_page_then_receive_diff_and_adopt(live_server, page, tmp_path):
    from core.admin.service import set_active
    from core.identity.accounts import create_account

    key_path = tmp_path / "key.pem"
    public = signing.new_key(key_path)
    live_server.app.config["SOIN_COMMONS_KEY"] = str(key_path)

    def make(session):
        for name in ("nursing", "herbalism"):
            set_active(session, plugin_host(live_server.app), name, True)
        create_account(session, username="coco", display_name="Claude Coordination",
                       password=PASSWORD, roles=["coordinator"])
        session.flush()
        package = service.build_package(session)["package"]
        oc = next(i for i in package["items"] if i["code"] == "OC-CYSTITE")
        oc["version"] = 2
        oc["document"] = {**oc["document"], "version": 2, "expires_on": "2029-01-15"}
        package["items"] = [oc]
        return json.dumps({"format": service.FORMAT, "package": package,
                           "signature": signing.sign(signing.load_key(key_path), package)})
    try:
        raw = live_server.setup(make)
        (tmp_path / "package.json").write_text(raw, encoding="utf-8")
        page.goto(f"{live_server.url}/commons")  # no sign-in
        assert page.locator("h1").inner_text() == "Protocoles que nous partageons"
        assert page.locator("tr[data-code='OC-CYSTITE']").count() == 1
        _shot(page, "public")

        browser_login(page, live_server, "coco", PASSWORD)
        page.click("summary:has-text('Administration')")
        follow(page, "text=Protocoles partagés")
        page.set_input_files("#f-package", str(tmp_path / "package.json"))
        follow(page, "button:has-text('Recevoir')")
        assert "ne fait pas partie des éditeurs acceptés" in page.locator("#e-package").inner_text()
        page.click("summary:has-text('Accepter un éditeur')")
        page.fill("#f-name", "Coop du Nord")
        page.fill("#f-public_key", public)
        follow(page, "button:has-text('Accepter')")
        page.set_input_files("#f-package", str(tmp_path / "package.json"))
        follow(page, "button:has-text('Recevoir')")
        assert "1 nouvelle version" in page.content()
        _shot(page, "received")
        follow(page, "tr[data-offer] a")
        assert "Comparée à la version 1" in page.content()
        row = page.locator("table.diff tr:has-text('expires_on')")
        assert "2028-01-15" in row.inner_text() and "2029-01-15" in row.inner_text()
        _shot(page, "diff")
        page.set_viewport_size({"width": 375, "height": 812})
        _shot(page, "diff-phone")
        follow(page, "button:has-text('Adopter cette version')")
        assert "Adoptée\u202f: cette version est maintenant celle de la coop." in page.content()
        assert page.locator("button:has-text('Adopter cette version')").count() == 0
    finally:
        live_server.app.config["SOIN_COMMONS_KEY"] = None
