"""Nursing entries in the FHIR export: R4 resources that fhir.resources (R4B) validates."""

from __future__ import annotations

import json

from fhir.resources.R4B import get_fhir_model_class

from core.api import record_entry
from core.coop_time import today as coop_today
from core.record.export import build_bundle

from plugins.nursing.service import apply_oc
from plugins.nursing.tests.test_oc_engine import CYSTITIS


def _exported(db, patient, kind: str) -> list:
    """The person's exported resources of ``kind`` made by nursing, validated one by one."""
    bundle, builder = build_bundle(db, patient)
    assert builder.rejected == []
    get_fhir_model_class("Bundle").model_validate(bundle)
    resources = [e["resource"] for e in bundle["entry"]
                 if e["resource"]["resourceType"] == kind
                 and str(e["resource"].get("id", "")).startswith("nursing-")]
    return [get_fhir_model_class(kind).model_validate(r) for r in resources]


def _codes(resource) -> set[str]:
    return {c.code for c in resource.code.coding}


def test_vital_signs_are_observations_with_loinc_codes(db, nurse, patient):
    record_entry(db, person=patient, form_id="nursing.vital_signs", author=nurse, payload={
        "temperature": 37.4, "pulse": 88, "respiratory_rate": 18, "systolic": 128,
        "diastolic": 82, "spo2": 96, "oxygen": "air", "consciousness": "A", "weight": 70.2,
        "height": 165})
    observations = _exported(db, patient, "Observation")
    codes = set().union(*(_codes(o) for o in observations))
    assert {"8310-5", "8867-4", "9279-1", "85354-9", "59408-5", "29463-7", "8302-2",
            "80288-4"} <= codes
    panel = next(o for o in observations if "85354-9" in _codes(o))
    assert [(c.code.coding[0].code, float(c.valueQuantity.value)) for c in panel.component] == [
        ("8480-6", 128.0), ("8462-4", 82.0)]
    assert all(o.category[0].coding[0].code == "vital-signs" for o in observations)
    assert len({o.subject.reference for o in observations}) == 1   # the bundle's Patient


def test_immunization_with_cvx_code_and_other_products(db, nurse, patient):
    base = {"administered_on": coop_today().isoformat(), "lot": "AB12", "site": "left_deltoid",
            "route": "IM", "consent": True, "dose_ml": 0.5, "dose_number": 2}
    record_entry(db, person=patient, form_id="nursing.immunization", author=nurse,
                 payload={**base, "product": "influenza"})
    record_entry(db, person=patient, form_id="nursing.immunization", author=nurse,
                 payload={**base, "product": "other", "product_other": "Rage (RAB)"})
    flu, rabies = sorted(_exported(db, patient, "Immunization"), key=lambda i: i.id)
    assert flu.vaccineCode.coding[0].code == "88" and flu.patient.reference.startswith("urn:")
    assert flu.lotNumber == "AB12" and flu.route.coding[0].code == "IM"
    assert rabies.vaccineCode.text == "Rage (RAB)" and not rabies.vaccineCode.coding


def test_prescriptions_and_applied_ocs_are_medication_requests(app, db, nurse, patient):
    record_entry(db, person=patient, form_id="nursing.prescription", author=nurse,
                 payload={"domain": "pediculosis", "medication": "Perméthrine 1 %",
                          "frequency": "jours 1 et 8", "indication": "Pédiculose", "refills": 0})
    with app.test_request_context():
        apply_oc(db, person=patient, code="OC-CYSTITE", answers=CYSTITIS, nurse=nurse,
                 locale="fr_CA")
        apply_oc(db, person=patient, code="OC-CYSTITE", nurse=nurse, locale="fr_CA",
                 answers={**CYSTITIS, "flank_pain": True})      # refused: no request
    requests = _exported(db, patient, "MedicationRequest")
    assert sorted(r.medicationCodeableConcept.text for r in requests) == [
        "Amorcer un traitement pharmacologique de la cystite non compliquée chez la femme",
        "Perméthrine 1 %"]
    from_oc = next(r for r in requests if r.note)
    assert "Nitrofurantoïne" in from_oc.dosageInstruction[0].text


def _all_items(items: list) -> list:
    """Every item of a QuestionnaireResponse, however deep."""
    return [i for item in items for i in [item, *_all_items(item.get("item") or [])]]


def test_an_oc_application_exports_its_answers_and_texts_as_structure_not_as_repr(
        app, db, nurse, patient):
    with app.test_request_context():
        apply_oc(db, person=patient, code="OC-CYSTITE", answers=CYSTITIS, nurse=nurse,
                 locale="fr_CA")
    bundle, builder = build_bundle(db, patient)
    assert builder.rejected == []
    get_fhir_model_class("Bundle").model_validate(bundle)
    assert "{'" not in json.dumps(bundle, ensure_ascii=False)
    response = next(e["resource"] for e in bundle["entry"] if e["resource"].get(
        "questionnaire", "").startswith("urn:soin-commun:form:nursing.oc_application|"))
    get_fhir_model_class("QuestionnaireResponse").model_validate(response)
    items = {i["linkId"]: i for i in _all_items(response["item"])}
    # FHIR's qrs-1 (fhir.resources leaves it unchecked): answers or items, never both
    assert not [i["linkId"] for i in items.values() if "answer" in i and "item" in i]

    answers = items["answers"]
    assert "answer" not in answers
    assert {c["linkId"]: c["answer"] for c in answers["item"]} == {
        f"answers.{key}": [{"valueDecimal": value} if key == "temperature" else
                           {"valueBoolean": value}] for key, value in CYSTITIS.items()}
    # each key named as the OC asks it (test_oc_export_labels.py), the linkId the key
    assert items["answers.female_anatomy"]["text"] == "Personne de sexe féminin (anatomie féminine)"

    texts = items["texts"]
    assert "answer" not in texts
    # in the order the database keeps the mapping's keys (PostgreSQL's jsonb: its own)
    assert sorted(c["linkId"] for c in texts["item"]) == ["texts.en", "texts.fr_CA"]
    assert all("answer" not in c for c in texts["item"])
    assert items["texts.fr_CA.oc_name"]["answer"] == [{"valueString": (
        "Amorcer un traitement pharmacologique de la cystite non compliquée chez la femme")}]
    assert items["texts.en.oc_name"]["answer"] == [{"valueString": (
        "Initiating drug treatment of uncomplicated cystitis in women")}]
    assert (items["texts.en"]["text"], items["texts.en.plan"]["text"]) == ("Anglais", "Plan")
