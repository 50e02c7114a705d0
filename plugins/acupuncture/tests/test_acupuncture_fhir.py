"""FHIR export through core: a closed session as a Procedure with a body site per point, and an
adverse event as an AdverseEvent, both validated by ``fhir.resources`` (R4B)."""

import json

from fhir.resources.R4B.adverseevent import AdverseEvent
from fhir.resources.R4B.bundle import Bundle
from fhir.resources.R4B.procedure import Procedure
from fhir.resources.R4B.questionnaireresponse import QuestionnaireResponse
from flask_babel import force_locale

from core.api import record_entry
from core.record.export import build_bundle

from plugins.acupuncture import sessions
from plugins.acupuncture.fhir import POINT_SYSTEM


def _closed_session(db, patient, acupuncturist, *points):
    """A session with ``points`` (add-point form values), every needle removed, closed."""
    acu = sessions.open_session(db, person=patient, author=acupuncturist)
    for point in points:
        sessions.add_point(db, acu, point, author=acupuncturist)
    sessions.save_details(acu, {"indication": "Céphalée", "needle_type": "filiform",
                                "needle_brand": "Seirin", "needle_lot": "J24", "gauge_mm": "0.2",
                                "length_mm": "25", "disinfection": "true",
                                "needles_removed": str(len(points))})
    return sessions.close(db, acu, author=acupuncturist)


def test_a_session_and_a_serious_event_export_as_valid_fhir(db, patient, acupuncturist):
    _closed_session(db, patient, acupuncturist,
                    {"query": "LI4", "side": "right", "technique": "even", "stimulation": "manual"},
                    {"query": "GV20", "side": "midline", "technique": "even",
                     "stimulation": "manual"})
    record_entry(db, person=patient, form_id="acupuncture.adverse_event", author=acupuncturist,
                 payload={"event_type": "pneumothorax", "occurred_on": "2026-12-04",
                          "description": "Dyspnée", "action_taken": "Urgence.",
                          "follow_up": "Appel demain."})
    bundle, builder = build_bundle(db, patient)
    assert builder.rejected == []
    Bundle.model_validate(bundle)
    resources = [e["resource"] for e in bundle["entry"]]
    # the session's entry: each point a group of its own (a repeating group), never a repr
    assert "{'" not in json.dumps(bundle, ensure_ascii=False)
    points = [item for r in resources if r["resourceType"] == "QuestionnaireResponse"
              for item in r["item"] if item["linkId"] == "points"]
    assert [{c["linkId"]: c["answer"] for c in p["item"]}["points.code"] for p in points] == [
        [{"valueString": "LI4"}], [{"valueString": "GV20"}]]
    assert all("answer" not in p for p in points)
    procedure = Procedure.model_validate(
        next(r for r in resources if r["resourceType"] == "Procedure"))
    assert procedure.status == "completed" and procedure.code.text == "Acupuncture"
    sites = [(s.coding[0].system, s.coding[0].code, s.text) for s in procedure.bodySite]
    assert sites == [(POINT_SYSTEM, "LI4", "LI4, right, manual"),
                     (POINT_SYSTEM, "GV20", "GV20, midline, manual")]
    assert procedure.bodySite[0].coding[0].display == "Hégǔ (Large Intestine 4)"
    assert procedure.subject.reference
    event = AdverseEvent.model_validate(
        next(r for r in resources if r["resourceType"] == "AdverseEvent"))
    assert event.actuality == "actual" and event.seriousness.coding[0].code == "serious"
    assert event.event.text == "After acupuncture: Pneumothorax"


def test_a_sessions_points_leave_named_as_the_form_names_them(app, db, patient, acupuncturist):
    """Each point's keys are the point schema's fields: named by their labels in the reader's
    language (never "side", "technique"), their choices by their words; linkIds stay the keys."""
    _closed_session(db, patient, acupuncturist,
                    {"query": "LI4", "side": "right", "technique": "even", "stimulation": "manual",
                     "depth_mm": "12", "retention_min": "20"})
    for locale, expected in (
            ("fr_CA", {"points.code": ("Point", [{"valueString": "LI4"}]),
                       "points.side": ("Côté", [{"valueCoding": {"code": "right",
                                                                 "display": "Droite"}}]),
                       "points.technique": ("Technique", [{"valueCoding": {
                           "code": "even", "display": "Neutre"}}]),
                       "points.depth_mm": ("Profondeur", [{"valueDecimal": 12.0}]),
                       "points.retention_min": ("Durée de rétention", [{"valueInteger": 20}]),
                       "points.needles": ("Aiguilles", [{"valueInteger": 1}])}),
            ("en", {"points.side": ("Side", [{"valueCoding": {"code": "right",
                                                              "display": "Right"}}]),
                    "points.stimulation": ("Stimulation", [{"valueCoding": {
                        "code": "manual", "display": "Manual"}}])})):
        with app.test_request_context(), force_locale(locale):
            bundle, builder = build_bundle(db, patient)
        assert builder.rejected == []
        Bundle.model_validate(bundle)
        response = next(e["resource"] for e in bundle["entry"]
                        if e["resource"]["resourceType"] == "QuestionnaireResponse")
        QuestionnaireResponse.model_validate(response)
        [point] = [item for item in response["item"] if item["linkId"] == "points"]
        found = {c["linkId"]: (c["text"], c["answer"]) for c in point["item"]}
        assert {link: found[link] for link in expected} == expected, locale
