"""The demo's moved record: the member ``membre`` came from another coop, whose record the
privacy officer imported (it looked like her: the officer confirmed it was). Her portal shows
the entries that coop let her read; the chart proposes its summary lines to confirm."""

from __future__ import annotations

import json

ORIGIN = "urn:soin-commun:coop:coop-sante-du-nord"
NAME = "Coop santé du Nord (démo)"


def _meta(n: int, discipline: str = "", member: str = "shown", level: str = "N") -> dict:
    tags = [{"system": "urn:soin-commun:origin", "code": ORIGIN, "display": NAME},
            {"system": "urn:soin-commun:member-visible", "code": member}]
    if discipline:
        tags.append({"system": "urn:soin-commun:discipline", "code": discipline})
    return {"source": f"{ORIGIN}#demo-{n}", "tag": tags, "security": [
        {"system": "http://terminology.hl7.org/CodeSystem/v3-Confidentiality", "code": level}]}


def bundle_for(person) -> dict:
    """A bundle as Coop santé du Nord would export it: vital signs and a progress note (kept
    from her there), a flu shot, an allergy still true."""
    nurse = {"display": "Inès Gagné, inf. (démo)"}
    patient = {"resourceType": "Patient", "name": [{"use": "official", "family": person.last_name,
                                                    "given": [person.first_name]}],
               "managingOrganization": {"display": NAME}}
    if person.date_of_birth:
        patient["birthDate"] = person.date_of_birth.isoformat()
    resources = [
        patient,
        {"resourceType": "QuestionnaireResponse", "status": "completed",
         "questionnaire": "urn:soin-commun:form:nursing.vital_signs|1",
         "authored": "2025-03-14T15:20:00+00:00", "author": nurse, "meta": _meta(1, "nursing"),
         "item": [{"linkId": "systolic", "text": "Systolique (mmHg)",
                   "answer": [{"valueInteger": 124}]},
                  {"linkId": "diastolic", "text": "Diastolique (mmHg)",
                   "answer": [{"valueInteger": 78}]},
                  {"linkId": "pulse", "text": "Pouls (/min)", "answer": [{"valueInteger": 72}]}]},
        {"resourceType": "QuestionnaireResponse", "status": "completed",
         "questionnaire": "urn:soin-commun:form:nursing.progress_note|1",
         "authored": "2025-03-14T15:40:00+00:00", "author": nurse,
         "meta": _meta(2, "nursing", member="withheld"),
         "item": [{"linkId": "note", "text": "Note",
                   "answer": [{"valueString": "Suivi de l’hypertension : revoir dans 6 mois."}]}]},
        {"resourceType": "Immunization", "status": "completed",
         "vaccineCode": {"text": "Influenza (Flulaval Tetra)"}, "lotNumber": "KX4821",
         "occurrenceDateTime": "2024-11-02T14:00:00+00:00",
         "performer": [{"actor": nurse}], "meta": _meta(3, "nursing"),
         "patient": {"reference": "urn:uuid:5a0c0000-0000-4000-8000-000000000000"}},
        {"resourceType": "AllergyIntolerance", "code": {"text": "Pénicilline"},
         "recordedDate": "2024-11-02T14:00:00+00:00", "recorder": nurse,
         "clinicalStatus": {"coding": [{
             "system": "http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical",
             "code": "active"}]}, "meta": _meta(4),
         "patient": {"reference": "urn:uuid:5a0c0000-0000-4000-8000-000000000000"}},
    ]
    entries = [{"fullUrl": f"urn:uuid:5a0c0000-0000-4000-8000-{n:012d}", "resource": resource}
               for n, resource in enumerate(resources)]
    return {"resourceType": "Bundle", "type": "collection", "meta": {"source": ORIGIN},
            "entry": entries}


def import_demo_record(session, person, officer) -> None:
    """Import the bundle about ``person``; the officer decides it is her when it waits."""
    from core.record.transfer import resolve, start_import

    batch = start_import(session, json.dumps(bundle_for(person), ensure_ascii=False),
                         actor=officer)
    if batch.state == "review" and person.id in batch.candidates:
        resolve(session, batch, choice=str(person.id), actor=officer)
    session.flush()
