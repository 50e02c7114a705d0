"""FHIR export (validated with fhir.resources), the reports, and the demo data."""

from fhir.resources.R4B import get_fhir_model_class
from flask_babel import force_locale
from sqlalchemy import select

from core.api import add_summary_item
from core.record.export import build_bundle
from core.testing.fhir import every_item

from plugins.herbalism.models import Check
from plugins.herbalism.recommend import Advice, recommend
from plugins.herbalism.reports import alerts, consultations, recommendations_by_herb

OVERRIDE = Advice("hypericum_perforatum", "Extrait sec", "300 mg, 3 fois par jour", "6 semaines",
                  override_reason="Sertraline arrêtée par le médecin.")


def overridden(db, herbalist, nurse, person):
    add_summary_item(db, person_id=person.id, kind="medication", label="sertraline",
                     code="ATC:N06AB06", author=nurse)
    add_summary_item(db, person_id=person.id, kind="medication", label="Sirop maison", author=nurse)
    return recommend(db, person=person, herbalist=herbalist, locale="fr_CA", advice=OVERRIDE)


def test_the_herb_exports_as_a_medication_statement_and_its_alerts_as_detected_issues(
        db, herbalist, nurse, person):
    done = overridden(db, herbalist, nurse, person)
    bundle, builder = build_bundle(db, person, herbalist)
    assert builder.rejected == []
    resources = [e["resource"] for e in bundle["entry"]]
    for resource in resources:
        get_fhir_model_class(resource["resourceType"]).model_validate(resource)
    statements = [r for r in resources if r["resourceType"] == "MedicationStatement"
                  and r.get("identifier")]
    assert statements[0]["medicationCodeableConcept"]["coding"][0] == {
        "system": "urn:soin-commun:herbalism:herb", "code": "hypericum_perforatum", "version": "1"}
    assert statements[0]["category"]["text"] == "natural health product"
    issues = [r for r in resources if r["resourceType"] == "DetectedIssue"]
    serotonin = next(i for i in issues if i.get("code", {}).get("coding"))
    assert serotonin["severity"] == "high" and serotonin["code"]["coding"][0]["code"] == "DRG"
    assert "Sertraline arrêtée" in serotonin["mitigation"][0]["action"]["text"]
    assert serotonin["implicated"][0]["identifier"]["value"] == str(done.entry.id)
    assert any("Sirop maison" in i.get("detail", "") for i in issues)  # not checked, exported
    sertraline = [r for r in resources if r["resourceType"] == "MedicationStatement"
                  and r["medicationCodeableConcept"]["text"] == "sertraline"]
    assert sertraline[0]["medicationCodeableConcept"]["coding"][0]["system"] == "http://www.whocc.no/atc"


def test_reports_count_recommendations_and_list_overrides_with_their_reason(db, herbalist, nurse, person):
    overridden(db, herbalist, nurse, person)
    recommend(db, person=person, herbalist=herbalist, locale="fr_CA",
              advice=Advice("piper_methysticum", "Extrait", "1 capsule", "1 semaine"))
    by_herb = {row[0]: row for row in recommendations_by_herb(db, {}).rows}
    assert by_herb["hypericum_perforatum"][1] == 1 and by_herb["piper_methysticum"][1] == 0
    assert by_herb["piper_methysticum"][6] == 1  # the kava attempt, blocked
    rows = alerts(db, {}).rows
    override = next(r for r in rows if r[1] == "hypericum_perforatum")
    assert override[3] == 1 and override[6] == 1 and override[8] == "Sertraline arrêtée par le médecin."
    [month] = consultations(db, {}).rows
    assert month[3] == 1  # one recommendation written


def test_the_demo_has_an_override_a_moderate_alert_and_a_drug_not_checked(app, db, herbalism):
    from core.demo import load_demo

    load_demo(db, app, households=6)
    outcomes = {c.herb: c for c in db.scalars(select(Check))}
    assert outcomes["hypericum_perforatum"].outcome == "overridden"
    assert outcomes["ginkgo_biloba"].result["highest"] == "moderate"
    assert outcomes["mentha_piperita"].result["not_checked"]


def test_the_checks_keys_leave_in_words_in_the_readers_language(app, db, herbalist, nurse,
                                                                 person):
    """The recommendation's interaction check (a mapping) is named key by key: alerts, their
    severity and sources, the languages of their texts; linkIds stay the keys."""
    overridden(db, herbalist, nurse, person)
    for locale, expected in (
            ("fr_CA", {"check.alerts": "Alertes", "check.alerts.severity": "Gravité",
                       "check.alerts.about": "Concerne", "check.alerts.about.fr": "Français",
                       "check.alerts.effect.en": "Anglais", "check.alerts.sources.url": "Adresse Web",
                       "check.not_checked": "Sans vérification (aucun code ATC)",
                       "check.highest": "Gravité la plus élevée"}),
            ("en", {"check.alerts": "Alerts", "check.alerts.advice": "Advice",
                    "check.alerts.advice.en": "English", "check.checked": "Checked",
                    "check.herb": "Herb", "check.ran": "The check ran"})):
        response = recommendation_response(app, db, person, herbalist, locale)
        items = {i["linkId"]: i["text"] for i in every_item(response["item"])}
        assert {link: items[link] for link in expected} == expected, locale
        assert items["check.alerts.rule"] == ("Règle" if locale == "fr_CA" else "Rule")


def recommendation_response(app, db, person, herbalist, locale: str) -> dict:
    """The recommendation's QuestionnaireResponse in ``person``'s FHIR export read in
    ``locale`` (every resource accepted, the response validated)."""
    with app.test_request_context(), force_locale(locale):
        bundle, builder = build_bundle(db, person, herbalist)
    assert builder.rejected == []
    response = next(e["resource"] for e in bundle["entry"] if e["resource"].get(
        "questionnaire", "").startswith("urn:soin-commun:form:herbalism.recommendation|"))
    get_fhir_model_class("QuestionnaireResponse").model_validate(response)
    return response
