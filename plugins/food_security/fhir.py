"""FHIR R4 export of the screens: one Observation each, beside core's QuestionnaireResponse.

Hunger Vital Sign: LOINC 88124-3 "Food insecurity risk [HVS]", answers LA19952-3 (at risk) and
LA19983-8 (no risk), as used by the Gravity Project's food insecurity value sets. The USDA
six-item raw score and category have no code we are sure of: the Observation carries them as
text, with the plugin's own code system, so nothing in the export pretends to a code it lacks.
"""

from __future__ import annotations

from core.api import FhirMappingSpec

from plugins.food_security.screening import HVS_FORM, USDA_FORM

LOINC = "http://loinc.org"
LOCAL = "urn:soin-commun:food_security"
SURVEY = {"coding": [{"system": "http://terminology.hl7.org/CodeSystem/observation-category",
                      "code": "survey", "display": "Survey"}]}
ENGLISH_CATEGORIES = {"secure": "High or marginal food security", "low": "Low food security",
                      "very_low": "Very low food security"}


def _base(entry, code: dict) -> dict:
    return {"resourceType": "Observation", "status": "final", "category": [SURVEY],
            "code": code, "effectiveDateTime": entry.occurred_at.isoformat(),
            "note": [{"text": f"Scoring rule {entry.payload.get('scoring_rule', '')}"}]}


def hvs_observation(entry, person) -> list[dict]:
    """The Hunger Vital Sign's risk as a coded Observation."""
    at_risk = bool(entry.payload.get("positive"))
    answer = ("LA19952-3", "At risk") if at_risk else ("LA19983-8", "No risk")
    observation = _base(entry, {"coding": [{"system": LOINC, "code": "88124-3",
                                            "display": "Food insecurity risk [HVS]"}]})
    observation["valueCodeableConcept"] = {"coding": [{"system": LOINC, "code": answer[0],
                                                       "display": answer[1]}]}
    return [observation]


def usda_observation(entry, person) -> list[dict]:
    """The USDA six-item raw score, its category as the interpretation text."""
    observation = _base(entry, {"coding": [{"system": LOCAL, "code": "usda-6item-raw-score",
                                            "display": "USDA six-item food security raw score"}],
                                "text": "USDA six-item food security raw score"})
    observation["valueInteger"] = int(entry.payload.get("score", 0))
    observation["interpretation"] = [{"text": ENGLISH_CATEGORIES.get(
        entry.payload.get("category"), "")}]
    return [observation]


def mappings() -> list[FhirMappingSpec]:
    return [FhirMappingSpec(HVS_FORM, hvs_observation), FhirMappingSpec(USDA_FORM, usda_observation)]
