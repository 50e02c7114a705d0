"""Browser: the privacy officer imports a member's record from another coop, decides who an
ambiguous bundle is about, and a practitioner confirms a proposed summary line on the chart.
``SOIN_SCREENSHOTS=DIR`` keeps the screens (the review also at phone width)."""

import json
import os
from datetime import date

import pytest

from core.registry import plugin_host
from core.testing.browser import browser_login, follow
from core.testing.factories import PASSWORD

pytestmark = pytest.mark.e2e

COOP = "urn:soin-commun:coop:coop-du-sud"
ORIGIN = [{"system": "urn:soin-commun:origin", "code": COOP, "display": "Coop santé du Sud"}]


def _shot(page, name):
    folder = os.environ.get("SOIN_SCREENSHOTS")
    if folder:
        page.screenshot(path=os.path.join(folder, f"transfer-{name}.png"), full_page=True)


def bundle() -> dict:
    """A record as another Soin commun coop exports it: a visit, a note, two summary lines."""
    def meta(n, **extra):
        return {"source": f"{COOP}#{n}", "tag": ORIGIN, **extra}
    patient = "urn:uuid:00000000-0000-4000-8000-000000000001"
    visit = "urn:uuid:00000000-0000-4000-8000-000000000002"
    return {"resourceType": "Bundle", "type": "collection", "meta": {"source": COOP}, "entry": [
        {"fullUrl": patient, "resource": {
            "resourceType": "Patient", "meta": meta(1),
            "name": [{"use": "official", "family": "Gagnon", "given": ["Aline"]}],
            "birthDate": "1980-05-17", "managingOrganization": {"display": "Coop santé du Sud"},
            "identifier": [{"system": "urn:oid:2.16.124.10.101.1.60.100", "value": "GAGA80551712"}]}},
        {"fullUrl": visit, "resource": {
            "resourceType": "Encounter", "meta": meta(2), "status": "finished",
            "class": {"system": "http://terminology.hl7.org/CodeSystem/v3-ActCode", "code": "AMB"},
            "subject": {"reference": patient},
            "period": {"start": "2026-03-02T14:00:00+00:00", "end": "2026-03-02T14:30:00+00:00"}}},
        {"fullUrl": "urn:uuid:00000000-0000-4000-8000-000000000003", "resource": {
            "resourceType": "QuestionnaireResponse", "status": "completed",
            "meta": meta(3, security=[{"system":
                "http://terminology.hl7.org/CodeSystem/v3-Confidentiality", "code": "N"}]),
            "questionnaire": "urn:soin-commun:form:recordtest.note|1",
            "subject": {"reference": patient}, "encounter": {"reference": visit},
            "authored": "2026-03-02T14:20:00+00:00", "author": {"display": "Julie Infirmière"},
            "item": [{"linkId": "text", "text": "Note",
                      "answer": [{"valueString": "Pansement changé, plaie propre."}]}]}},
        {"fullUrl": "urn:uuid:00000000-0000-4000-8000-000000000004", "resource": {
            "resourceType": "AllergyIntolerance", "meta": meta(4), "code": {"text": "Pénicilline"},
            "patient": {"reference": patient}, "recordedDate": "2025-06-01T10:00:00+00:00",
            "clinicalStatus": {"coding": [{"code": "active", "system":
                "http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical"}]}}},
        {"fullUrl": "urn:uuid:00000000-0000-4000-8000-000000000005", "resource": {
            "resourceType": "MedicationStatement", "meta": meta(5), "status": "active",
            "medicationCodeableConcept": {"text": "sertraline", "coding": [
                {"system": "http://www.whocc.no/atc", "code": "N06AB06"}]},
            "subject": {"reference": patient}, "dateAsserted": "2025-09-10T10:00:00+00:00"}}]}


def _setup(live_server):
    from core.admin.service import set_active
    from core.identity import service
    from core.identity.accounts import create_account

    def make(session):
        set_active(session, plugin_host(live_server.app), "recordtest", True)
        ids = []
        for phone in ("514 555-0101", ""):  # two people born the same day, neither with a number
            household = service.create_household(session, {"name": "Gagnon"})
            ids.append(service.register_person(session, {
                "first_name": "Aline", "last_name": "Gagnon", "date_of_birth": date(1980, 5, 17),
                "phone": phone}, household).id)
        create_account(session, username="rpp", display_name="Rachel Responsable",
                       password=PASSWORD, roles=["privacy_officer"])
        create_account(session, username="nadia", display_name="Nadia Nurse", password=PASSWORD,
                       roles=["practitioner"], practitioner={"discipline": "recordtest"})
        return ids[0]
    return live_server.setup(make)


def test_officer_imports_a_record_and_decides_who_it_is_about(live_server, page, tmp_path):
    aline = _setup(live_server)
    path = tmp_path / "aline.fhir.json"
    path.write_text(json.dumps(bundle()), encoding="utf-8")
    bad = tmp_path / "notes.json"
    bad.write_text("pas un paquet", encoding="utf-8")
    browser_login(page, live_server, "rpp", PASSWORD)
    page.click("summary:has-text('Administration')")  # from the menu
    follow(page, "text=Dossiers d’autres coops")
    assert page.locator("h1").inner_text() == "Dossiers d’autres coops"
    # a file that is no bundle: said next to the field, nothing kept
    page.set_input_files("#f-bundle", str(bad))
    follow(page, "button:has-text('Importer')")
    assert "n’est pas du JSON" in page.locator("#e-bundle").inner_text()
    assert "Aucune importation n’attend de décision." in page.content()
    _shot(page, "refused")

    page.set_input_files("#f-bundle", str(path))
    follow(page, "button:has-text('Importer')")
    assert page.locator("h1").inner_text() == "Dossier d’Aline Gagnon venant de Coop santé du Sud"
    assert "attend la personne responsable" in page.content()
    assert page.locator("tr[data-candidate]").count() == 2  # both look alike: never guessed
    _shot(page, "review")
    page.set_viewport_size({"width": 375, "height": 812})
    _shot(page, "review-phone")
    page.set_viewport_size({"width": 1280, "height": 900})
    follow(page, "button:has-text('Décider')")  # no choice made
    assert "Choisissez une des personnes" in page.locator("p.error").inner_text()
    page.check(f"tr[data-candidate='{aline}'] input[name=choice]")
    follow(page, "button:has-text('Décider')")
    outcome = page.locator("ul.outcome").inner_text()
    assert "selon le choix de la personne responsable" in outcome
    assert "Entrées importées (en lecture seule, avec leur origine)\u202f: 2." in outcome
    assert "Lignes de sommaire proposées" in outcome and ": 2." in outcome
    _shot(page, "done")
    follow(page, "main a:has-text(\"Dossiers d’autres coops\")")
    assert "Aucune importation n’attend de décision." in page.content()
    follow(page, "text=Se déconnecter")

    browser_login(page, live_server, "nadia", PASSWORD)
    page.goto(f"{live_server.url}/people/{aline}/chart")
    panel = page.locator("#imported")
    assert "Pénicilline" in panel.inner_text() and "Coop santé du Sud" in panel.inner_text()
    follow(page, panel.locator("li:has-text('Pénicilline') button:has-text('Confirmer')"))
    assert "Ajouté au sommaire." in page.content()
    assert "Pénicilline" in page.locator("#summary").inner_text()
    _shot(page, "chart")
    follow(page, "#imported a:has-text('Note')")
    assert "Pansement changé, plaie propre." in page.content()
    assert "Julie Infirmière" in page.content() and "lecture seule" in page.content()
    _shot(page, "entry")
