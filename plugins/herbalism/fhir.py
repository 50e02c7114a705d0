"""FHIR R4 export: a recommended herb as a MedicationStatement (a natural health product), and
every alert of its check — or of a re-check — as a DetectedIssue.

DetectedIssue codes are HL7 v3 ActCode's (``DRG`` drug interaction, ``ALGY`` allergy); its
severity maps ours (contraindicated and major: ``high``). An override is the issue's
mitigation, with the herbalist's reason. Texts are given in French, the record's language;
core validates every resource with ``fhir.resources`` and fills in the patient.
"""

from __future__ import annotations

from core.api import FhirMappingSpec

from plugins.herbalism.forms import RECHECK, RECOMMENDATION
from plugins.herbalism.knowledge import text

HERB_SYSTEM = "urn:soin-commun:herbalism:herb"
ENTRY_SYSTEM = "urn:soin-commun:herbalism:recommendation"
ACT_CODE = "http://terminology.hl7.org/CodeSystem/v3-ActCode"
ISSUE_CODES = {"drug": ("DRG", "Drug Interaction Alert"), "allergy": ("ALGY", "Allergy Alert")}
FHIR_SEVERITY = {"contraindicated": "high", "major": "high", "moderate": "moderate", "low": "low"}
LANG = "fr"


def medication_statement(entry) -> dict:
    """The herb as an active natural health product, with its dose and the monograph version."""
    p = entry.payload
    return {"resourceType": "MedicationStatement", "status": "active",
            "identifier": [{"system": ENTRY_SYSTEM, "value": str(entry.id)}],
            "category": {"text": "natural health product"},
            "medicationCodeableConcept": {"text": p["herb_name"], "coding": [
                {"system": HERB_SYSTEM, "code": p["herb"], "version": str(p["monograph_version"])}]},
            "effectivePeriod": {"start": entry.occurred_at.isoformat()},
            "dateAsserted": entry.created_at.isoformat(),
            "dosage": [{"text": f"{p['preparation']}, {p['dose']}, {p['duration']}",
                        **({"patientInstruction": p["instructions"]} if p.get("instructions") else {})}]}


def detected_issues(entry, check: dict, override_reason: str = "") -> list[dict]:
    """One DetectedIssue per alert; the drugs not checked and a check that did not run too."""
    p, out = entry.payload, []
    implicated = [{"identifier": {"system": ENTRY_SYSTEM, "value": str(entry.id)},
                   "display": p["herb_name"]}]
    when = entry.created_at.isoformat()
    for alert in check.get("alerts", []):
        code = ISSUE_CODES.get(alert["kind"])
        issue = {"resourceType": "DetectedIssue", "status": "final",
                 "code": {"text": text(alert["about"], LANG),
                          **({"coding": [{"system": ACT_CODE, "code": code[0], "display": code[1]}]}
                             if code else {})},
                 "severity": FHIR_SEVERITY[alert["severity"]], "identifiedDateTime": when,
                 "implicated": implicated,
                 "detail": f"{text(alert['effect'], LANG)} — {text(alert['advice'], LANG)}",
                 "reference": alert["sources"][0]["url"]}
        if override_reason and alert["severity"] == "contraindicated":
            issue["mitigation"] = [{"action": {"text": f"Recommandé malgré la contre-indication : "
                                                       f"{override_reason}"}, "date": when}]
        out.append(issue)
    if check.get("not_checked"):
        out.append({"resourceType": "DetectedIssue", "status": "final", "severity": "moderate",
                    "code": {"text": "Non vérifié (aucun code ATC)"}, "identifiedDateTime": when,
                    "implicated": implicated, "detail": ", ".join(check["not_checked"])})
    if not check.get("ran", True):
        out.append({"resourceType": "DetectedIssue", "status": "final", "severity": "high",
                    "code": {"text": "La vérification des interactions n’a pas pu s’exécuter"},
                    "identifiedDateTime": when, "implicated": implicated,
                    "detail": check.get("error", "")})
    return out


def recommendation_resources(entry, person) -> list[dict]:
    """A recommendation: the herb's MedicationStatement and its check's DetectedIssues."""
    p = entry.payload
    return [medication_statement(entry),
            *detected_issues(entry, p.get("check") or {}, p.get("override_reason", ""))]


def recheck_resources(entry, person) -> list[dict]:
    """A re-check: the DetectedIssues it raised."""
    return detected_issues(entry, entry.payload.get("check") or {})


MAPPINGS = [FhirMappingSpec(RECOMMENDATION, recommendation_resources),
            FhirMappingSpec(RECHECK, recheck_resources)]
