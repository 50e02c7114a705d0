"""Browser: an acupuncturist treats with the body map and closes only once the needles are
accounted for; a pregnant person with LI4 gets the acknowledgement, and the record keeps it."""

import pytest

from core.registry import plugin_host
from core.testing.browser import browser_login, follow
from core.testing.factories import PASSWORD, Factories

pytestmark = pytest.mark.e2e


def _setup(live_server, pregnant=False):
    def make(session):
        from core.admin.service import set_active
        from core.api import add_summary_item

        set_active(session, plugin_host(live_server.app), "acupuncture", True)
        factories = Factories(live_server.app, session)
        person = factories.person("Julie", "Gagnon")
        who = factories.account(roles=["practitioner"], discipline="acupuncture",
                                username="minh", display_name="Tran Minh")
        add_summary_item(session, person_id=person.id, kind="medication", label="Warfarine",
                         detail="5 mg", author=who)
        if pregnant:
            add_summary_item(session, person_id=person.id, kind="pregnancy", label="pregnant",
                             author=who)
        return person.id
    return live_server.setup(make)


def _start(page, live_server, person_id):
    browser_login(page, live_server, "minh", PASSWORD)
    page.goto(f"{live_server.url}/people/{person_id}/chart")
    follow(page, "section[aria-label=Acupuncture] a")  # the chart panel
    with page.expect_navigation():
        page.click("text=Commencer une séance")


def test_a_session_with_the_body_map_closes_only_when_the_needles_are_accounted_for(
        live_server, page):
    person_id = _setup(live_server)
    _start(page, live_server, person_id)
    assert "Warfarine (5 mg)" in page.inner_text("main")
    assert "Anticoagulant ou antiplaquettaire" in page.inner_text("main")

    page.click("svg[data-view=front] a[data-code=ST36] >> nth=0")  # the map fills the form
    assert page.input_value("#f-query") == "ST36"
    with page.expect_navigation():
        page.click("text=Ajouter le point")
    assert page.locator("tr[data-code=ST36]").count() == 1
    assert page.locator("svg[data-view=front] a.used[data-code=ST36]").count() == 2  # both legs

    page.fill("#f-query", "gi4")
    page.select_option("#f-side", "right")
    with page.expect_navigation():
        page.click("text=Ajouter le point")
    assert "GI4 (LI4)" in page.inner_text("tr[data-code=LI4]")

    page.fill("#f-indication", "Nausées")
    page.select_option("#f-needle_type", "filiform")
    page.fill("#f-needle_brand", "Seirin")
    page.fill("#f-needle_lot", "J24")
    page.fill("#f-gauge_mm", "0.2")
    page.fill("#f-length_mm", "30")
    page.check("input[name=disinfection]")
    assert page.input_value("#f-needles_inserted") == "3"
    page.fill("#f-needles_removed", "2")
    with page.expect_navigation():
        page.click("text=Fermer la séance")
    assert "1 aiguille non retirée ou introuvable" in page.inner_text("main")
    assert "Ouverte" in page.inner_text("main")

    page.fill("#f-description", "Retrouvée au sol puis jetée au contenant; personne avisée.")
    with page.expect_navigation():
        page.click("text=Déclarer un incident")
    page.fill("#f-needles_removed", "2")
    with page.expect_navigation():
        page.click("text=Fermer la séance")
    main = page.inner_text("main")
    assert "Séance fermée et inscrite au dossier" in main
    assert "aiguille manquante au décompte" in main and "Warfarine (5 mg)" in main


def test_a_pregnant_person_with_li4_needs_an_acknowledgement_and_a_rationale(live_server, page):
    person_id = _setup(live_server, pregnant=True)
    _start(page, live_server, person_id)
    page.fill("#f-query", "hegu")
    with page.expect_navigation():
        page.click("text=Ajouter le point")
    alert = page.locator("#add [role=alert]")
    assert "Grossesse\u202f: GI4 (LI4)" in alert.inner_text()  # as the point table writes it
    assert page.locator("tr[data-code=LI4]").count() == 0  # nothing saved

    page.check("input[name=acknowledged]")
    page.fill("#f-rationale", "Travail à 41 semaines; discuté avec la sage-femme.")
    with page.expect_navigation():
        page.click("text=Ajouter le point")
    assert page.locator("tr[data-code=LI4]").count() == 1
    cautions = page.locator("[data-rule=pregnancy]").inner_text()
    assert "Pris acte\u202f: Travail à 41 semaines" in cautions
