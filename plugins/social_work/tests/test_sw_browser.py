"""Browser: a social worker writes an evaluation of social functioning (analysis and opinion
required), then a referral travels from a food-security screen to "sent" with the person's
consent, and the person reads it in their portal. Phone-sized screenshots go to
``$SOIN_SCREENSHOTS`` (default /tmp/sw_shots) to be looked at."""

import os
from pathlib import Path

import pytest

from core.api import today as coop_today
from core.registry import plugin_host
from core.testing.browser import browser_login
from core.testing.factories import PASSWORD, Factories

from plugins.social_work.tests.hrsn_browser import SAFETY_SCORES, submit_hrsn

pytestmark = pytest.mark.e2e
PHONE = {"width": 375, "height": 812}
SHOTS = Path(os.environ.get("SOIN_SCREENSHOTS", "/tmp/sw_shots"))


def _shot(page, name):
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def _setup(live_server, *plugins):
    def make(session):

        from core.admin.service import set_active

        from plugins.social_work.demo import build_directory

        for name in ("social_work", *plugins):
            set_active(session, plugin_host(live_server.app), name, True)
        factories = Factories(live_server.app, session)
        person = factories.person("Ginette", "Lalonde")
        factories.account(roles=["practitioner"], discipline="social_work", username="nadia",
                          display_name="Nadia Côté")
        factories.account(roles=["practitioner"], discipline="nursing", username="isa",
                          display_name="Isa Roy")
        factories.account(roles=["member"], person=person, username="ginette")
        build_directory(session, coop_today())
        return person.id
    return live_server.setup(make)


def test_an_evaluation_needs_the_analysis_and_the_opinion(live_server, page):
    person_id = _setup(live_server)
    page.set_viewport_size(PHONE)
    browser_login(page, live_server, "nadia", PASSWORD)
    page.goto(f"{live_server.url}/people/{person_id}/chart/new/social_work.evaluation")
    assert "Évaluation du fonctionnement social" in page.content()
    page.fill("[name=reason]", "Risque de perdre son logement après une perte d'emploi.")
    page.fill("[name=sources]", "Deux entrevues avec Mme Lalonde.")
    page.fill("[name=housing]", "Loyer impayé depuis deux mois.")
    with page.expect_navigation():
        page.click("form.stack button[type=submit]")
    body = page.locator("main").inner_text()
    assert body.count("Ce champ est obligatoire.") >= 2          # analysis and opinion
    _shot(page, "evaluation-refused-phone")
    page.fill("[name=analysis]", "La baisse de revenu et l'absence de réseau fragilisent le "
                                 "logement.")
    page.fill("[name=opinion]", "Fonctionnement social compromis sur le plan du logement; "
                                "intervention indiquée.")
    page.select_option("[name=referral_source]", "screening")
    with page.expect_navigation():
        page.click("form.stack button[type=submit]")
    assert "Veuillez corriger" not in page.locator("main").inner_text()
    page.goto(f"{live_server.url}/people/{person_id}/chart")
    timeline = page.locator("main").inner_text().split("Fil chronologique", 1)[1]
    assert "Évaluation du fonctionnement social\u202f: Risque de perdre son logement" in timeline
    _shot(page, "evaluation-on-chart-phone")


def test_a_food_screen_becomes_a_referral_sent_with_consent(live_server, page):
    person_id = _setup(live_server, "food_security")
    page.set_viewport_size(PHONE)
    browser_login(page, live_server, "isa", PASSWORD)
    page.goto(f"{live_server.url}/people/{person_id}/chart/new/food_security.hunger_vital_sign")
    page.check("input[name=hvs1][value=often]")
    page.check("input[name=hvs2][value=never]")
    with page.expect_navigation():
        page.click("form.stack button[type=submit]")
    page.context.clear_cookies()

    browser_login(page, live_server, "nadia", PASSWORD)
    page.goto(f"{live_server.url}/p/social_work/referrals")
    _shot(page, "referrals-list-phone")
    with page.expect_navigation():
        page.click("a:has-text('Ginette Lalonde')")
    assert "Référence\u202f: Alimentation" in page.content()
    page.check("input[name=service_id] >> nth=1")
    with page.expect_navigation():
        page.click("button:has-text('Choisir ce service')")
    page.select_option("#f-status", "sent")
    with page.expect_navigation():
        page.click("button:has-text(\"Enregistrer l’étape\")")
    assert "Consignez le consentement de la personne" in page.locator("main").inner_text()
    _shot(page, "referral-refused-without-consent-phone")
    page.fill("[name=consent_what]", "Nom, téléphone et besoin d'aide alimentaire")
    with page.expect_navigation():
        page.click("button:has-text('Consigner le consentement')")
    page.select_option("#f-status", "sent")
    with page.expect_navigation():
        page.click("button:has-text(\"Enregistrer l’étape\")")
    assert page.locator("[data-status=sent]").count() >= 1
    _shot(page, "referral-sent-phone")
    page.context.clear_cookies()

    browser_login(page, live_server, "ginette", PASSWORD)
    page.goto(f"{live_server.url}/p/social_work/my/referrals")
    text = page.locator("main").inner_text()
    assert "Votre travailleuse ou travailleur social a envoyé votre demande" in text
    assert "Nom, téléphone et besoin d'aide alimentaire" in text
    _shot(page, "portal-referrals-phone")


def test_a_screen_with_physically_hurt_rarely_shows_the_safety_follow_up(live_server, page):
    person_id = _setup(live_server)
    page.set_viewport_size(PHONE)
    browser_login(page, live_server, "isa", PASSWORD)
    submit_hrsn(page, live_server.url, person_id, {**SAFETY_SCORES, "hurt": "2"})
    urgent = page.locator("main").inner_text()
    assert "Blessures physiques\u202f: «\u202fRarement\u202f»" in urgent
    assert "quel que soit le total (5)" in urgent
    assert "Aide à la recherche de logement" in urgent            # matching services named
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    _shot(page, "hrsn-safety-phone")
