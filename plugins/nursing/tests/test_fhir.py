"""Nursing entries as FHIR R4 resources, validated with fhir.resources (R4B models)."""

from __future__ import annotations

from datetime import date

from fhir.resources.R4B import get_fhir_model_class

from core.api import record_entry
from plugins.nursing.fhir import (immunization_resources, oc_application_resources,
                                  prescription_resources, vital_signs_resources)
from plugins.nursing.service import apply_oc
from plugins.nursing.tests.test_oc_engine import CYSTITIS


def _valid(resources):
    return [get_fhir_model_class(r["resourceType"]).model_validate(r) for r in resources]


def _codes(resource) -> set[str]:
    return {c.code for c in resource.code.coding}


def test_vital_signs_are_observations_with_loinc_codes(db, nurse, patient):
    entry = record_entry(db, person=patient, form_id="nursing.vital_signs", author=nurse, payload={
        "temperature": 37.4, "pulse": 88, "respiratory_rate": 18, "systolic": 128,
        "diastolic": 82, "spo2": 96, "oxygen": "air", "consciousness": "A", "weight": 70.2,
        "height": 165})
    observations = _valid(vital_signs_resources(entry, patient))
    codes = set().union(*(_codes(o) for o in observations))
    assert {"8310-5", "8867-4", "9279-1", "85354-9", "59408-5", "29463-7", "8302-2",
            "80288-4"} <= codes
    panel = next(o for o in observations if "85354-9" in _codes(o))
    assert [(c.code.coding[0].code, float(c.valueQuantity.value)) for c in panel.component] == [
        ("8480-6", 128.0), ("8462-4", 82.0)]
    assert all(o.subject.reference == f"Patient/{patient.id}" for o in observations)
    assert all(o.category[0].coding[0].code == "vital-signs" for o in observations)


def test_immunization_with_cvx_code_and_other_products(db, nurse, patient):
    base = {"administered_on": date.today().isoformat(), "lot": "AB12", "site": "left_deltoid",
            "route": "IM", "consent": True, "dose_ml": 0.5, "dose_number": 2}
    flu = record_entry(db, person=patient, form_id="nursing.immunization", author=nurse,
                       payload={**base, "product": "influenza"})
    [immunization] = _valid(immunization_resources(flu, patient))
    assert immunization.vaccineCode.coding[0].code == "88"
    assert immunization.lotNumber == "AB12" and immunization.route.coding[0].code == "IM"
    other = record_entry(db, person=patient, form_id="nursing.immunization", author=nurse,
                         payload={**base, "product": "other", "product_other": "Rage (RAB)"})
    [rabies] = _valid(immunization_resources(other, patient))
    assert rabies.vaccineCode.text == "Rage (RAB)" and not rabies.vaccineCode.coding


def test_prescriptions_and_applied_ocs_are_medication_requests(app, db, nurse, patient):
    entry = record_entry(db, person=patient, form_id="nursing.prescription", author=nurse,
                         payload={"domain": "pediculosis", "medication": "Perméthrine 1 %",
                                  "frequency": "jours 1 et 8", "indication": "Pédiculose",
                                  "refills": 0})
    [request] = _valid(prescription_resources(entry, patient))
    assert request.medicationCodeableConcept.text == "Perméthrine 1 %"
    with app.test_request_context():
        applied = apply_oc(db, person=patient, code="OC-CYSTITE", answers=CYSTITIS, nurse=nurse,
                           locale="fr_CA")
        refused = apply_oc(db, person=patient, code="OC-CYSTITE", nurse=nurse, locale="fr_CA",
                           answers={**CYSTITIS, "flank_pain": True})
    [from_oc] = _valid(oc_application_resources(applied.entry, patient))
    assert "Nitrofurantoïne" in from_oc.dosageInstruction[0].text
    assert oc_application_resources(refused.entry, patient) == []
