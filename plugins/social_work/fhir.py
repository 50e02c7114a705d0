"""FHIR R4 for social work: screens, referrals and the directory, each validated before it leaves.

* An HRSN screen is a QuestionnaireResponse on LOINC's AHC HRSN panel (96777-8) with its items
  by LOINC code (housing 71802-3, housing problems 96778-6, transportation 93030-5, utilities
  96779-4, safety 95618-5 / 95617-7 / 95616-9 / 95615-1 answered with LOINC's LA codes), and an
  Observation of the safety total (95614-4). Core's record export calls these mappings.
* UCLA-3 has no LOINC code we know of: its QuestionnaireResponse and total Observation use the
  plugin's own code system, said in the resource.
* A referral is a ServiceRequest (status from the loop's status, the need as category, the
  destination service as performer, the consent to share in a note).
* The directory is HealthcareService + Organization + Location per service (FHIR's mapping of
  HSDS, as in HL7's Human Services Directory guide), in a Bundle.

``fhir.resources`` (R4B) validates every resource here: an invalid one raises, never leaves.
"""

from __future__ import annotations

from datetime import datetime, timezone

from core.api import FhirMappingSpec

from plugins.social_work.directory import vrecur
from plugins.social_work.models import Referral, Service
from plugins.social_work.needs import NEEDS, OPEN_ELIGIBILITY, TAXONOMY_URI
from plugins.social_work.screening import (HOUSING, HOW_OFTEN, HRSN, HRSN_SAFETY, LONELY, PROBLEMS,
                                           UCLA3, UTILITIES, YES_NO)

LOINC = "http://loinc.org"
LOCAL = "urn:soin-commun:social_work"
UCUM = "http://unitsofmeasure.org"
SURVEY = {"coding": [{"system": "http://terminology.hl7.org/CodeSystem/observation-category",
                      "code": "survey", "display": "Survey"}]}
HRSN_PANEL, SAFETY_TOTAL = "96777-8", "95614-4"
#: payload key → (LOINC item code, answer options)
HRSN_ITEMS = {"housing_situation": ("71802-3", HOUSING), "housing_problems": ("96778-6", PROBLEMS),
              "transport": ("93030-5", YES_NO), "utilities": ("96779-4", UTILITIES),
              "hurt": ("95618-5", HOW_OFTEN), "insult": ("95617-7", HOW_OFTEN),
              "threaten": ("95616-9", HOW_OFTEN), "scream": ("95615-1", HOW_OFTEN)}
#: LOINC answers of the four safety items, never (1) to frequently (5)
SAFETY_ANSWERS = {1: "LA6270-8", 2: "LA10066-1", 3: "LA10082-8", 4: "LA16644-9", 5: "LA6482-9"}
STATUS = {"proposed": "draft", "sent": "active", "accepted": "active",
          "service_received": "completed", "closed": "completed", "declined": "revoked",
          "lost": "revoked"}
DAYS = {"MO": "mon", "TU": "tue", "WE": "wed", "TH": "thu", "FR": "fri", "SA": "sat",
        "SU": "sun"}


def validated(resource: dict) -> dict:
    """The resource, once ``fhir.resources`` (R4B) accepted it (ValueError otherwise)."""
    from fhir.resources.R4B import get_fhir_model_class
    get_fhir_model_class(resource["resourceType"]).model_validate(resource)
    return resource


def _coding(key: str, value, options) -> dict:
    label = str(dict((str(v), t) for v, t in options).get(str(value), value))
    if key in ("hurt", "insult", "threaten", "scream"):
        return {"system": LOINC, "code": SAFETY_ANSWERS[int(value)], "display": label}
    return {"system": f"{LOCAL}:answers", "code": str(value), "display": label}


def _answers(key: str, value, options) -> list[dict]:
    values = value if isinstance(value, list) else [value]
    return [{"valueCoding": _coding(key, v, options)} for v in values if v not in (None, "")]


def hrsn_resources(entry, person) -> list[dict]:
    """An HRSN entry as a QuestionnaireResponse and the safety total Observation."""
    payload, when = entry.payload or {}, entry.occurred_at.isoformat()
    identifier = {"system": f"{LOCAL}:entry", "value": f"hrsn-{entry.id}"}
    items = [{"linkId": code, "answer": _answers(key, payload.get(key), options)}
             for key, (code, options) in HRSN_ITEMS.items() if payload.get(key) not in (None, [])]
    items = [i for i in items if i["answer"]]
    response = {"resourceType": "QuestionnaireResponse", "identifier": identifier,
                "questionnaire": f"{LOINC}/q/{HRSN_PANEL}", "status": "completed",
                "authored": when, "item": items}
    total = {"resourceType": "Observation", "status": "final", "category": [SURVEY],
             "code": {"coding": [{"system": LOINC, "code": SAFETY_TOTAL,
                                  "display": "Total safety score"}]},
             "effectiveDateTime": when,
             "valueQuantity": {"value": payload.get("safety_total", 0), "unit": "{score}",
                               "system": UCUM, "code": "{score}"},
             "note": [{"text": f"Scoring rule {payload.get('scoring_rule', '')}"}],
             "derivedFrom": [{"type": "QuestionnaireResponse", "identifier": identifier}]}
    if "safety_total" not in payload:  # the safety part is kept apart (screening.PRIVATE)
        return [validated(response)]
    return [validated(response), validated(total)]


def ucla3_resources(entry, person) -> list[dict]:
    """A UCLA-3 entry: answers and the raw total, on the plugin's code system."""
    payload, when = entry.payload or {}, entry.occurred_at.isoformat()
    identifier = {"system": f"{LOCAL}:entry", "value": f"ucla3-{entry.id}"}
    items = [{"linkId": key, "answer": _answers(key, payload.get(key), LONELY)}
             for key in ("companionship", "left_out", "isolated") if payload.get(key)]
    response = {"resourceType": "QuestionnaireResponse", "identifier": identifier,
                "questionnaire": f"{LOCAL}:questionnaire:ucla3", "status": "completed",
                "authored": when, "item": items}
    total = {"resourceType": "Observation", "status": "final", "category": [SURVEY],
             "code": {"coding": [{"system": f"{LOCAL}:codes", "code": "ucla3-total",
                                  "display": "UCLA 3-item loneliness scale, total"}],
                      "text": "UCLA 3-item loneliness scale (Hughes 2004), total 3-9"},
             "effectiveDateTime": when,
             "valueQuantity": {"value": payload.get("total", 0), "unit": "{score}",
                               "system": UCUM, "code": "{score}"},
             "derivedFrom": [{"type": "QuestionnaireResponse", "identifier": identifier}]}
    return [validated(response), validated(total)]


def service_request(referral: Referral) -> dict:
    """A referral as a ServiceRequest (the person as ``Patient/<id>``)."""
    need = str(NEEDS.get(referral.need, referral.need))
    data = {"resourceType": "ServiceRequest", "id": f"sw-referral-{referral.id}",
            "status": STATUS[referral.status], "intent": "order",
            "category": [{"coding": [{"system": f"{LOCAL}:needs", "code": referral.need,
                                      "display": need}], "text": need}],
            "code": {"text": referral.service.name if referral.service else need},
            "subject": {"reference": f"Patient/{referral.person_id}"},
            "authoredOn": _instant(referral.created_at)}
    if referral.service is not None:
        data["performer"] = [{"reference": f"HealthcareService/{referral.service.id}",
                              "display": referral.service.name}]
    notes = []
    if referral.consent_given:
        notes.append(f"Consent to share on {referral.consent_on.isoformat()}: "
                     f"{referral.consent_what} (with {referral.consent_with})")
    if referral.outcome:
        notes.append(f"Outcome: {referral.outcome}")
    if notes:
        data["note"] = [{"text": n} for n in notes]
    if referral.follow_up_on:
        data["occurrenceDateTime"] = referral.follow_up_on.isoformat()
    return validated(data)


def directory_resources(service: Service) -> list[dict]:
    """HealthcareService, Organization and Location of one directory service."""
    org = service.organization
    organization = {"resourceType": "Organization", "id": org.id, "active": True,
                    "name": org.name}
    healthcare = {"resourceType": "HealthcareService", "id": service.id,
                  "active": service.status == "active", "name": service.name,
                  "providedBy": {"reference": f"Organization/{org.id}"}}
    for key, value in (("comment", service.description),
                       ("extraDetails", service.application_process)):
        if value:
            healthcare[key] = value
    if service.eligibility_description:
        healthcare["eligibility"] = [{"comment": service.eligibility_description}]
    if service.phone:
        healthcare["telecom"] = [{"system": "phone", "value": service.phone}]
    if service.languages:
        healthcare["communication"] = [{"coding": [{"system": "urn:ietf:bcp:47", "code": c}]}
                                       for c in service.languages]
    official = dict.fromkeys(OPEN_ELIGIBILITY[c] for c in service.terms or []
                             if c in OPEN_ELIGIBILITY)
    if official:  # the Open Eligibility terms, under the taxonomy's HL7 Terminology URI
        healthcare["type"] = [{"coding": [{"system": TAXONOMY_URI, "code": oe_id,
                                           "display": title}]} for oe_id, title in official]
    available = [_available(s) for s in service.schedules]
    if available:
        healthcare["availableTime"] = available
    resources = [validated(organization)]
    if service.location is not None:
        place = service.location
        location = {"resourceType": "Location", "id": place.id, "status": "active",
                    "name": place.name or service.name,
                    "managingOrganization": {"reference": f"Organization/{org.id}"}}
        if place.address_1:
            address = {"line": [place.address_1], "city": place.city, "state": place.region,
                       "postalCode": place.postal_code, "country": place.country}
            location["address"] = {k: v for k, v in address.items() if v}
        if place.accessibility:
            location["description"] = place.accessibility
        healthcare["location"] = [{"reference": f"Location/{place.id}"}]
        resources.append(validated(location))
    return [validated(healthcare)] + resources


def directory_bundle(services: list[Service]) -> dict:
    """The whole directory as a FHIR collection Bundle (each organization once)."""
    seen, entries = set(), []
    for service in services:
        for resource in directory_resources(service):
            key = (resource["resourceType"], resource["id"])
            if key not in seen:
                seen.add(key)
                entries.append({"fullUrl": f"urn:uuid:{resource['id']}", "resource": resource})
    return validated({"resourceType": "Bundle", "type": "collection",
                      "timestamp": datetime.now(timezone.utc).isoformat(), "entry": entries})


def _available(schedule) -> dict:
    recur = vrecur().from_ical(schedule.rrule)
    days = [DAYS[d[-2:]] for d in recur.get("BYDAY", []) if d[-2:] in DAYS]
    time = {"availableStartTime": f"{schedule.opens_at:%H:%M:%S}",
            "availableEndTime": f"{schedule.closes_at:%H:%M:%S}"}
    return ({"daysOfWeek": days} if days else {}) | time


def _instant(value: datetime | None) -> str:
    value = value or datetime.now(timezone.utc)
    return (value if value.tzinfo else value.replace(tzinfo=timezone.utc)).isoformat()


MAPPINGS = [FhirMappingSpec(HRSN, hrsn_resources), FhirMappingSpec(HRSN_SAFETY, hrsn_resources),
            FhirMappingSpec(UCLA3, ucla3_resources)]
