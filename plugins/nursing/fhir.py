"""Nursing entries as FHIR R4 resources (plain dicts; core validates them on export).

Vital signs become ``Observation`` resources of category ``vital-signs`` with their LOINC
codes (blood pressure as the 85354-9 panel with systolic and diastolic components);
immunizations become ``Immunization`` with the CVX vaccine code when one fits; the nurse's own
prescriptions and applied ordonnances collectives become ``MedicationRequest``.

Who a resource is about (``subject`` / ``patient``) is left out: core's export links every
resource to the bundle's Patient, so a reference never points outside the bundle.
"""

from __future__ import annotations

from core.api import FhirMappingSpec

from plugins.nursing.forms import (IMMUNIZATION, OC_APPLICATION, PRESCRIPTION, ROUTES, SITES,
                                   VACCINES, VITALS)

LOINC, UCUM = "http://loinc.org", "http://unitsofmeasure.org"
CVX = "http://hl7.org/fhir/sid/cvx"
CATEGORY = "http://terminology.hl7.org/CodeSystem/observation-category"
ROUTE_SYSTEM = "http://terminology.hl7.org/CodeSystem/v3-RouteOfAdministration"
ROUTE_CODES = {"IM": "IM", "SC": "SQ", "ID": "IDINJ", "PO": "PO", "IN": "NASINHLC"}

#: payload field -> (LOINC code, display, UCUM unit)
VITAL_CODES = {
    "temperature": ("8310-5", "Body temperature", "Cel"),
    "pulse": ("8867-4", "Heart rate", "/min"),
    "respiratory_rate": ("9279-1", "Respiratory rate", "/min"),
    "spo2": ("59408-5", "Oxygen saturation in Arterial blood by Pulse oximetry", "%"),
    "weight": ("29463-7", "Body weight", "kg"),
    "height": ("8302-2", "Body height", "cm"),
}
BP_PANEL = ("85354-9", "Blood pressure panel with all children optional")
SYSTOLIC, DIASTOLIC = ("8480-6", "Systolic blood pressure"), ("8462-4", "Diastolic blood pressure")
CONSCIOUSNESS = ("80288-4", "Level of consciousness")


def _code(system: str, code: str, display: str) -> dict:
    return {"coding": [{"system": system, "code": code, "display": display}], "text": display}


def _quantity(value, unit: str) -> dict:
    return {"value": value, "unit": unit, "system": UCUM, "code": unit}


def _when(entry) -> str:
    moment = getattr(entry, "occurred_at", None) or entry.created_at
    return moment.isoformat()


def vital_signs_resources(entry, person) -> list[dict]:
    """One Observation per measured vital sign (blood pressure as one panel)."""
    p, when = entry.payload, _when(entry)
    base = {"resourceType": "Observation", "status": "final", "effectiveDateTime": when, "category": [_code(CATEGORY, "vital-signs", "Vital Signs")]}
    out = []
    for name, (code, display, unit) in VITAL_CODES.items():
        if p.get(name) is not None:
            out.append({**base, "id": f"nursing-{entry.id}-{name.replace('_', '-')}",
                        "code": _code(LOINC, code, display),
                        "valueQuantity": _quantity(p[name], unit)})
    if p.get("systolic") is not None and p.get("diastolic") is not None:
        out.append({**base, "id": f"nursing-{entry.id}-bp", "code": _code(LOINC, *BP_PANEL),
                    "component": [
                        {"code": _code(LOINC, *SYSTOLIC),
                         "valueQuantity": _quantity(p["systolic"], "mm[Hg]")},
                        {"code": _code(LOINC, *DIASTOLIC),
                         "valueQuantity": _quantity(p["diastolic"], "mm[Hg]")}]})
    if p.get("consciousness"):
        out.append({**base, "id": f"nursing-{entry.id}-acvpu",
                    "code": _code(LOINC, *CONSCIOUSNESS), "valueString": p["consciousness"]})
    return out


def immunization_resources(entry, person) -> list[dict]:
    """An Immunization, with the CVX code when the product has one."""
    p = entry.payload
    label, cvx = VACCINES.get(p.get("product"), (p.get("product"), ""))
    label = p.get("product_other") if p.get("product") == "other" else str(label)
    vaccine = _code(CVX, cvx, label) if cvx else {"text": label}
    resource = {"resourceType": "Immunization", "id": f"nursing-{entry.id}",
                "status": "completed", "vaccineCode": vaccine, "occurrenceDateTime": p["administered_on"], "primarySource": True,
                "lotNumber": p.get("lot")}
    if p.get("lot_expiry"):
        resource["expirationDate"] = p["lot_expiry"]
    if p.get("site"):
        resource["site"] = {"text": str(dict(SITES).get(p["site"], p["site"]))}
    if p.get("route"):
        resource["route"] = _code(ROUTE_SYSTEM, ROUTE_CODES[p["route"]],
                                  str(dict(ROUTES).get(p["route"])))
    if p.get("dose_ml") is not None:
        resource["doseQuantity"] = _quantity(p["dose_ml"], "mL")
    if p.get("dose_number"):
        resource["protocolApplied"] = [{"doseNumberPositiveInt": p["dose_number"]}]
    return [resource]


def prescription_resources(entry, person) -> list[dict]:
    """A MedicationRequest in the nurse's own name."""
    p = entry.payload
    dosage = " ".join(v for v in (p.get("dose"), p.get("route"), p.get("frequency"),
                                  p.get("duration")) if v)
    resource = {"resourceType": "MedicationRequest", "id": f"nursing-{entry.id}",
                "status": "active", "intent": "order",
                "medicationCodeableConcept": {"text": p["medication"]},
                "authoredOn": _when(entry), "reasonCode": [{"text": p["indication"]}]}
    if dosage:
        resource["dosageInstruction"] = [{"text": dosage}]
    if p.get("refills") is not None:
        resource["dispenseRequest"] = {"numberOfRepeatsAllowed": p["refills"]}
    return [resource]


def oc_application_resources(entry, person) -> list[dict]:
    """An applied OC as a MedicationRequest (its plan as the dosage); other outcomes: none."""
    p = entry.payload
    if p.get("outcome") != "applied":
        return []
    resource = {"resourceType": "MedicationRequest", "id": f"nursing-{entry.id}",
                "status": "active", "intent": "order",
                "medicationCodeableConcept": {"text": p["oc_name"]}, "authoredOn": _when(entry),
                "note": [{"text": f"Ordonnance collective {p['oc_code']} v{p['oc_version']}"}]}
    if p.get("plan"):
        resource["dosageInstruction"] = [{"text": p["plan"]}]
    return [resource]


def fhir_mappings() -> list[FhirMappingSpec]:
    """The nursing forms the FHIR export maps."""
    return [FhirMappingSpec(VITALS, vital_signs_resources),
            FhirMappingSpec(IMMUNIZATION, immunization_resources),
            FhirMappingSpec(PRESCRIPTION, prescription_resources),
            FhirMappingSpec(OC_APPLICATION, oc_application_resources)]
