"""Browser: a recommendation of St John's wort blocked by sertraline, then overridden with a
reason; and a nurse adding sertraline later, who sees the alert on the chart."""

import pytest

from core.registry import plugin_host
from core.testing.browser import browser_login, follow
from core.testing.factories import PASSWORD, Factories

pytestmark = pytest.mark.e2e


def _setup(live_server, *, sertraline: bool):
    def make(session):
        from core.admin.service import set_active
        from core.api import add_summary_item

        host = plugin_host(live_server.app)
        for name in ("nursing", "herbalism"):
            set_active(session, host, name, True)
        factories = Factories(live_server.app, session)
        person = factories.person("Mireille", "Lavoie")
        factories.account(roles=["practitioner"], discipline="herbalism", username="lou",
                          display_name="Lou Gagnon")
        nurse = factories.account(roles=["practitioner"], discipline="nursing",
                                  username="isabelle", display_name="Isabelle Roy")
        if sertraline:
            add_summary_item(session, person_id=person.id, kind="medication", label="sertraline",
                             code="ATC:N06AB06", author=nurse)
        return person.id
    return live_server.setup(make)


def _fill_st_johns_wort(page):
    page.select_option("#f-herb", "hypericum_perforatum")
    page.fill("#f-preparation", "Extrait sec")
    page.fill("#f-dose", "300 mg, 3 fois par jour")
    page.fill("#f-duration", "6 semaines")


def test_a_recommendation_blocked_by_sertraline_and_its_override(live_server, page):
    person_id = _setup(live_server, sertraline=True)
    browser_login(page, live_server, "lou", PASSWORD)
    page.goto(f"{live_server.url}/people/{person_id}/chart")
    with page.expect_navigation():
        page.click("text=Recommander une plante")
    _fill_st_johns_wort(page)
    with page.expect_navigation():
        page.click("button[value=check]")
    alert = page.locator("[role=alert]").filter(has_text="Bloqué")
    assert alert.count() == 1
    findings = page.locator("ul.findings").inner_text()
    assert "sertraline" in findings and "syndrome sérotoninergique" in findings
    assert "Health Canada NNHPD monograph" in findings
    assert page.locator("button[value=save]").inner_text() == "Déroger et recommander"

    with page.expect_navigation():  # no reason: still blocked, nothing recorded
        page.click("button[value=save]")
    assert page.locator("[role=alert]").filter(has_text="Bloqué").count() == 1
    page.fill("#f-override_reason", "Sertraline arrêtée par son médecin; sevrage terminé.")
    with page.expect_navigation():
        page.click("button[value=save]")
    main = page.locator("main").inner_text()
    assert "Recommandation inscrite au sommaire partagé" in main
    assert "Sertraline arrêtée par son médecin; sevrage terminé." in main
    assert "Recommandée malgré une contre-indication." in main and "Bloqué" not in main

    with page.expect_navigation():
        page.click("text=Imprimer pour la personne")
    printed = page.locator("main").inner_text()
    assert "Votre recommandation de plante" in printed and "Prudence, dans votre cas" in printed

    page.goto(f"{live_server.url}/people/{person_id}/chart")
    chart = page.locator("main").inner_text()
    assert "Millepertuis (Hypericum perforatum L.)" in chart and "produit de santé naturel" in chart


def test_a_nurse_adding_sertraline_later_sees_the_alert(live_server, page):
    person_id = _setup(live_server, sertraline=False)
    browser_login(page, live_server, "lou", PASSWORD)
    page.goto(f"{live_server.url}/p/herbalism/people/{person_id}/recommend")
    _fill_st_johns_wort(page)
    with page.expect_navigation():
        page.click("button[value=check]")
    with page.expect_navigation():
        page.click("button[value=save]")
    page.goto(f"{live_server.url}/logout")
    page.context.clear_cookies()

    browser_login(page, live_server, "isabelle", PASSWORD)
    page.set_viewport_size({"width": 375, "height": 812})
    page.goto(f"{live_server.url}/people/{person_id}/chart")
    with page.expect_navigation():
        page.click("text=Ajouter un médicament par son nom (code ATC)")
    page.fill("#f-drug", "sertraline — N06AB06")
    with page.expect_navigation():
        page.click("form.stack button[type=submit]")
    alert = page.locator("[role=alert]").filter(has_text="sertraline")
    assert alert.count() >= 1 and "Contre-indiqué" in alert.first.inner_text()


def test_a_coordinator_corrects_a_monograph_and_both_versions_stay(live_server, page):
    _setup(live_server, sertraline=False)
    live_server.setup(lambda s: Factories(live_server.app, s).account(
        roles=["coordinator"], username="julie", display_name="Julie Bouchard"))
    browser_login(page, live_server, "julie", PASSWORD)
    page.goto(f"{live_server.url}/p/herbalism/monographs/valeriana_officinalis")
    with page.expect_navigation():
        page.click("text=Corriger cette monographie")
    with page.expect_navigation():  # the whole document, as JSON
        page.click("text=Modifier le document complet (JSON)")
    document = page.input_value("#f-document")
    page.fill("#f-note", "Cannabis ajouté aux mises en garde")
    page.fill("#f-document", document.replace('"advice": "caution"', '"advice": "maybe"', 1))
    with page.expect_navigation():  # not a valid monograph: refused, nothing saved
        page.click("form.stack button[type=submit]")
    refused = page.locator("[role=alert]").inner_text()
    assert "pregnancy.advice" in refused and "Choisissez une des options." in refused
    page.fill("#f-document", document.replace("Éviter l’alcool", "Éviter l’alcool et le cannabis"))
    with page.expect_navigation():
        page.click("form.stack button[type=submit]")
    main = page.locator("main").inner_text()
    assert "version 2" in main and "Éviter l’alcool et le cannabis" in main
    assert "Cannabis ajouté aux mises en garde" in main
    follow(page, "text=version 1")
    older = page.locator("main").inner_text()
    assert "version antérieure" in older and "cannabis" not in older
