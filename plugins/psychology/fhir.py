"""FHIR R4 export of the questionnaires: a QuestionnaireResponse and an Observation each.

Codes are LOINC's: PHQ-9 panel 44249-1, items 44250-9 ... 44260-8, difficulty 69722-7, total
44261-6; GAD-7 panel 69737-5, items 69725-0 ... 69736-7, total 70274-6; answers LA6568-5 (not at
all) to LA6571-9 (nearly every day). The item text is given in the language the person answered
in; coding displays are LOINC's English names. Other psychology forms are narrative notes and
leave the platform only in the record's own export.
"""

from __future__ import annotations

from datetime import datetime

from core.api import FhirMappingSpec, in_language

from plugins.psychology.instruments import (DIFFICULTY, DIFFICULTY_LOINC, DIFFICULTY_TEXT, GAD7,
                                            INSTRUMENTS, LOINC, PHQ9, Answer, Instrument,
                                            band_label)

UCUM = "http://unitsofmeasure.org"
#: identifies the questionnaire an Observation was derived from (entry of this platform)
ENTRY_SYSTEM = "urn:soin-commun:psychology:questionnaire"
SURVEY = {"coding": [{"system": "http://terminology.hl7.org/CodeSystem/observation-category",
                      "code": "survey", "display": "Survey"}]}


def _in(language: str, text) -> str:
    with in_language("en" if language == "en" else "fr_CA"):
        return str(text)


def _answer(answers: tuple[Answer, ...], value: int) -> dict:
    chosen = next(a for a in answers if a.value == value)
    return {"valueCoding": {"system": LOINC, "code": chosen.loinc,
                            "display": _in("en", chosen.label)}}


def questionnaire_response(instrument: Instrument, payload: dict, *, identifier: dict,
                           authored: datetime) -> dict:
    """The answers as a QuestionnaireResponse (items by LOINC code, then the total)."""
    language = payload.get("language", "fr")
    items = [{"linkId": item.loinc, "text": _in(language, item.text),
              "answer": [_answer(instrument.answers, payload[item.key])]}
             for item in instrument.items]
    if instrument is PHQ9 and payload.get("difficulty") is not None:
        items.append({"linkId": DIFFICULTY_LOINC, "text": _in(language, DIFFICULTY_TEXT),
                      "answer": [_answer(DIFFICULTY, payload["difficulty"])]})
    items.append({"linkId": instrument.total_loinc, "text": instrument.total_display,
                  "answer": [{"valueInteger": payload["total"]}]})
    return {"resourceType": "QuestionnaireResponse", "identifier": identifier,
            "questionnaire": f"http://loinc.org/q/{instrument.panel_loinc}",
            "status": "completed", "authored": authored.isoformat(), "language": language,
            "item": items}


def total_observation(instrument: Instrument, payload: dict, *, derived_from: dict,
                      effective: datetime) -> dict:
    """The total as an Observation, its severity band as the interpretation text."""
    return {"resourceType": "Observation", "status": "final", "category": [SURVEY],
            "code": {"coding": [{"system": LOINC, "code": instrument.total_loinc,
                                 "display": instrument.total_display}],
                     "text": f"{instrument.name} total score"},
            "effectiveDateTime": effective.isoformat(),
            "valueQuantity": {"value": payload["total"], "unit": "{score}", "system": UCUM,
                              "code": "{score}"},
            "interpretation": [{"text": _in(payload.get("language", "fr"),
                                            band_label(instrument, payload["severity"]))}],
            "note": [{"text": f"Scoring rule {payload['scoring_version']}"}],
            "derivedFrom": [{"type": "QuestionnaireResponse", "identifier": derived_from}]}


def resources_for(instrument: Instrument, payload: dict, *, entry_id, when: datetime,
                  subject: str | None = None) -> list[dict]:
    """Both resources of one questionnaire entry; the Observation points to the answers by
    their identifier. Without ``subject``, core's export fills in the patient."""
    identifier = {"system": ENTRY_SYSTEM, "value": f"{instrument.code}-{entry_id}"}
    resources = [questionnaire_response(instrument, payload, identifier=identifier,
                                        authored=when),
                 total_observation(instrument, payload, derived_from=identifier,
                                   effective=when)]
    if subject:
        for resource in resources:
            resource["subject"] = {"reference": subject}
    return resources


def _entry_mapping(entry, person) -> list[dict]:
    """What core's export calls for an entry of a questionnaire form."""
    return resources_for(INSTRUMENTS[entry.form_id], entry.payload, entry_id=entry.id,
                         when=entry.occurred_at)


MAPPINGS = [FhirMappingSpec(form_id=PHQ9.form_id, to_resources=_entry_mapping),
            FhirMappingSpec(form_id=GAD7.form_id, to_resources=_entry_mapping)]
