"""An imported form's nested items (a group per mapping, as a coop's export writes a plugin's
``Dict`` field, or items under an answer, as other systems do) read as one row per answer,
named after their group, booleans in words: never a Python repr, never an empty row."""

import json

from flask_babel import force_locale

from core.record import fhir
from core.record.transfer import start_import
from core.record.transfer_models import ImportedEntry
from core.record.transfer_read import imported_rows

ORIGIN = "urn:soin-commun:coop:coop-du-nord"


def _oc_application() -> dict:
    """An OC application as Coop du Nord exports it, on a form unknown here."""
    response = {
        "resourceType": "QuestionnaireResponse", "status": "completed",
        "questionnaire": "urn:soin-commun:form:nordcoop.oc_application|1",
        "authored": "2026-02-10T14:00:00+00:00", "author": {"display": "Inès Infirmière"},
        "meta": {"source": f"{ORIGIN}#r1", "tag": [
            {"system": fhir.ORIGIN_SYSTEM, "code": ORIGIN, "display": "Coop du Nord"}],
            "security": [{"system": fhir.CONFIDENTIALITY_SYSTEM, "code": "N"}]},
        "item": [
            {"linkId": "oc_code", "text": "Ordonnance collective",
             "answer": [{"valueString": "OC-CYSTITE"}]},
            {"linkId": "smoker", "text": "Fumeuse", "answer": [{"valueBoolean": False}]},
            {"linkId": "answers", "text": "Réponses", "item": [
                {"linkId": "answers.female_anatomy", "text": "female_anatomy",
                 "answer": [{"valueBoolean": True}]},
                {"linkId": "answers.flank_pain", "text": "flank_pain",
                 "answer": [{"valueBoolean": False}]},
                {"linkId": "answers.temperature", "text": "temperature",
                 "answer": [{"valueDecimal": 37.2}]}]},
            {"linkId": "texts", "text": "Textes", "item": [
                {"linkId": "texts.fr_CA", "text": "fr_CA", "item": [
                    {"linkId": "texts.fr_CA.plan", "text": "plan",
                     "answer": [{"valueString": "Nitrofurantoïne 100 mg"}]}]},
                {"linkId": "texts.en", "text": "en", "item": [
                    {"linkId": "texts.en.plan", "text": "plan",
                     "answer": [{"valueString": "Nitrofurantoin 100 mg"}]}]}]},
            # another system's way: a question nested under its answer
            {"linkId": "pain", "text": "Douleur", "answer": [{"valueBoolean": True, "item": [
                {"linkId": "pain.where", "text": "Où", "answer": [{"valueString": "Flanc"}]}]}]}]}
    patient = {"resourceType": "Patient", "managingOrganization": {"display": "Coop du Nord"},
               "name": [{"family": "Roy", "given": ["Léa"]}], "birthDate": "1990-02-03"}
    return {"resourceType": "Bundle", "type": "collection", "meta": {"source": ORIGIN},
            "entry": [{"fullUrl": "urn:uuid:00000000-0000-4000-8000-000000000000",
                       "resource": patient},
                      {"fullUrl": "urn:uuid:00000000-0000-4000-8000-000000000001",
                       "resource": response}]}


ROWS = [("Ordonnance collective", "OC-CYSTITE"), ("Fumeuse", "Non"),
        ("Réponses — female_anatomy", "Oui"), ("Réponses — flank_pain", "Non"),
        ("Réponses — temperature", "37.2"),
        ("Textes — fr_CA — plan", "Nitrofurantoïne 100 mg"),
        ("Textes — en — plan", "Nitrofurantoin 100 mg"),
        ("Douleur", "Oui"), ("Douleur — Où", "Flanc")]


def test_an_imported_group_reads_as_one_row_per_answer_named_after_its_group(
        app, client, login, db, nurse):
    batch = start_import(db, json.dumps(_oc_application()))
    db.commit()
    row = db.query(ImportedEntry).filter_by(person_id=batch.person_id,
                                            resource_type="QuestionnaireResponse").one()
    with app.test_request_context(), force_locale("fr_CA"):
        assert imported_rows(row.resource) == ROWS
    with app.test_request_context(), force_locale("en"):
        assert imported_rows(row.resource)[1:3] == [("Fumeuse", "No"),
                                                    ("Réponses — female_anatomy", "Yes")]

    login(nurse)
    page = client.get(f"/people/{batch.person_id}/chart/imported/{row.id}",
                      headers={"Accept-Language": "fr-CA"}).get_data(as_text=True)
    facts = page[page.index("<h2>"):]
    for label, value in ROWS:
        assert f"<dt>{label}</dt><dd>{value}</dd>" in facts
    assert "<dt>Réponses</dt>" not in facts and "<dd></dd>" not in facts
