"""Chapter 6b: sessions and adverse events as FHIR R4 resources (validated by core's export).

* A session is a ``Procedure``: status completed, the indication as ``reasonCode`` text, one
  ``bodySite`` per point coded by its WHO standard code (with its pinyin and English name as
  display, and the side and stimulation in the text), the needles in a ``note``.
* An adverse event is an ``AdverseEvent`` (actual), with the HL7 seriousness code (serious or
  non-serious), the event type as text, and the action taken and follow-up in its outcome text.

There is no published FHIR code system for the WHO point codes; they are given under this
platform's own system URI, which says what they are. The procedure is named in words rather
than with a SNOMED CT code we could not check.
"""

from __future__ import annotations

from core.api import FhirMappingSpec, in_language

from plugins.acupuncture import points
from plugins.acupuncture.forms import (ADVERSE_EVENT, EVENT_TYPES, SERIOUS, SESSION, SIDES,
                                       STIMULATIONS)

POINT_SYSTEM = "urn:soin-commun:acupuncture:who-standard-acupuncture-point"
ENTRY_SYSTEM = "urn:soin-commun:acupuncture:entry"
SERIOUSNESS = "http://terminology.hl7.org/CodeSystem/adverse-event-seriousness"


def _english(choices, value) -> str:
    with in_language("en"):
        return str(dict(choices).get(value, value))


def body_site(item: dict) -> dict:
    """One point as a bodySite: the WHO code, and side and stimulation in words."""
    point = points.get(item["code"])
    display = f"{point.pinyin} ({point.en_name})" if point else item["code"]
    return {"coding": [{"system": POINT_SYSTEM, "code": item["code"], "display": display}],
            "text": f"{item['code']}, {_english(SIDES, item['side']).lower()}, "
                    f"{_english(STIMULATIONS, item['stimulation']).lower()}"}


def session_procedure(entry, person=None) -> list[dict]:
    """A closed session as a completed Procedure with a body site per point."""
    payload = entry.payload
    needles = (f"Needles: {payload.get('needles_inserted')} inserted, "
               f"{payload.get('needles_removed')} removed; {payload.get('needle_brand')} lot "
               f"{payload.get('needle_lot')}, {payload.get('gauge_mm')} x "
               f"{payload.get('length_mm')} mm.")
    notes = [needles]
    if (payload.get("needle_incident") or "").strip():
        notes.append(f"Needle not accounted for: {payload['needle_incident']}")
    return [{"resourceType": "Procedure",
             "identifier": [{"system": ENTRY_SYSTEM, "value": f"session-{entry.id}"}],
             "status": "completed", "code": {"text": "Acupuncture"},
             "performedDateTime": entry.occurred_at.isoformat(),
             "reasonCode": [{"text": payload["indication"]}],
             "bodySite": [body_site(item) for item in payload["points"]],
             "note": [{"text": text} for text in notes]}]


def adverse_event(entry, person=None) -> list[dict]:
    """An adverse event after acupuncture, serious or not."""
    payload = entry.payload
    serious = payload["event_type"] in SERIOUS
    return [{"resourceType": "AdverseEvent",
             "identifier": {"system": ENTRY_SYSTEM, "value": f"adverse-event-{entry.id}"},
             "actuality": "actual",
             "event": {"text": f"After acupuncture: {_english(EVENT_TYPES, payload['event_type'])}"},
             "date": f"{payload['occurred_on']}",
             "recordedDate": entry.created_at.isoformat(),
             "seriousness": {"coding": [{"system": SERIOUSNESS,
                                         "code": "serious" if serious else "non-serious",
                                         "display": "Serious" if serious else "Non-serious"}]},
             "outcome": {"text": f"Action taken: {payload['action_taken']} "
                                 f"Follow-up: {payload['follow_up']}"}}]


MAPPINGS = [FhirMappingSpec(SESSION, session_procedure),
            FhirMappingSpec(ADVERSE_EVENT, adverse_event)]
