"""A session from the first point to the chart entry: acknowledgements, position, needle count,
and a serious adverse event reaching the coordinator and the incident list."""

import pytest
from sqlalchemy import select

from core.api import EntryInvalid, entries_for, record_entry

from plugins.acupuncture import sessions
from plugins.acupuncture.models import CautionAck, Incident, SessionPoint

POINT = {"side": "bilateral", "technique": "even", "stimulation": "manual", "depth_mm": "15",
         "retention_min": "20"}
NEEDLES = {"indication": "Lombalgie", "needle_type": "filiform", "needle_brand": "Seirin",
           "needle_lot": "L24", "gauge_mm": "0.25", "length_mm": "30", "disinfection": "true"}


def add(db, acu, query, author, **extra):
    row = sessions.add_point(db, acu, {**POINT, "query": query, **extra}, author=author)
    db.commit()
    return row


def test_a_point_typed_as_a_quebec_abbreviation_is_stored_by_its_who_code(
        db, acu_session, acupuncturist):
    row = add(db, acu_session, "GI4", acupuncturist)
    assert (row.code, row.needles) == ("LI4", 2)
    midline = add(db, acu_session, "vg20", acupuncturist)
    assert (midline.code, midline.side, midline.needles) == ("GV20", "midline", 1)


def test_an_unknown_point_is_refused_with_a_message(db, acu_session, acupuncturist):
    with pytest.raises(EntryInvalid) as refused:
        sessions.add_point(db, acu_session, {**POINT, "query": "xyz"}, author=acupuncturist)
    assert "Aucun point ne correspond" in refused.value.messages["query"][0]


def test_pregnancy_with_li4_needs_an_acknowledgement_and_a_rationale(
        db, acu_session, acupuncturist, summary_line):
    summary_line("pregnancy", "pregnant")
    with pytest.raises(sessions.NeedsAcknowledgement) as refused:
        sessions.add_point(db, acu_session, {**POINT, "query": "LI4"}, author=acupuncturist)
    db.rollback()
    assert refused.value.cautions[0].point == "LI4"
    assert db.scalar(select(SessionPoint).where(SessionPoint.code == "LI4")) is None
    with pytest.raises(sessions.NeedsAcknowledgement):  # ticked but no rationale
        sessions.add_point(db, acu_session, {**POINT, "query": "LI4", "acknowledged": "1"},
                           author=acupuncturist)
    db.rollback()
    add(db, acu_session, "LI4", acupuncturist, acknowledged="1",
        rationale="Travail à 41 semaines, induction souhaitée, discuté avec la sage-femme.")
    ack = db.scalar(select(CautionAck))
    assert (ack.code, ack.rule) == ("LI4", "pregnancy") and "sage-femme" in ack.rationale


def close_with(db, acu, author, **details):
    sessions.save_details(acu, {**NEEDLES, **details})
    return sessions.close(db, acu, author=author)


def test_a_needle_count_mismatch_blocks_closing_until_an_incident_is_recorded(
        db, acu_session, acupuncturist, patient):
    add(db, acu_session, "ST36", acupuncturist)  # 2 needles
    with pytest.raises(EntryInvalid) as refused:
        close_with(db, acu_session, acupuncturist, needles_removed="1")
    db.rollback()
    assert "1 aiguille non retirée ou introuvable" in refused.value.messages["needles_removed"][0]
    assert acu_session.status == "open"
    assert entries_for(db, patient.id, form_ids=["acupuncture.session"]) == []

    sessions.record_needle_incident(db, acu_session, "Cherché partout; personne avisée.",
                                    author=acupuncturist)
    entry = close_with(db, acu_session, acupuncturist, needles_removed="1")
    db.commit()
    assert acu_session.status == "closed" and acu_session.entry_id == entry.id
    assert entry.payload["needle_incident"].startswith("Cherché")
    assert [f.protocol_id for f in entry.new_findings] == ["acupuncture.needle_not_found"]
    assert db.scalar(select(Incident)).kind == "needle_unaccounted"


def test_a_balanced_count_closes_and_the_entry_keeps_the_summary_as_shown(
        db, acu_session, acupuncturist, patient, summary_line):
    summary_line("medication", "Apixaban", detail="5 mg BID")
    summary_line("problem", "Fibrillation auriculaire")
    add(db, acu_session, "ST36", acupuncturist)
    entry = close_with(db, acu_session, acupuncturist, needles_removed="2")
    db.commit()
    assert entry.payload["medication_shown"] == ["Apixaban (5 mg BID)"]
    assert entry.payload["diagnoses_shown"] == ["Fibrillation auriculaire"]
    assert entry.payload["points"][0]["code"] == "ST36"
    assert entry.confidentiality == "discipline"


def test_a_point_over_the_lung_requires_the_position_to_close(db, acu_session, acupuncturist):
    add(db, acu_session, "GB21", acupuncturist)
    with pytest.raises(EntryInvalid) as refused:
        close_with(db, acu_session, acupuncturist, needles_removed="2")
    db.rollback()
    assert "position" in refused.value.messages
    entry = close_with(db, acu_session, acupuncturist, needles_removed="2", position="prone")
    assert entry.payload["position"] == "prone"


def test_pregnancy_recorded_after_a_point_blocks_closing_until_acknowledged(
        db, acu_session, acupuncturist, summary_line):
    add(db, acu_session, "SP6", acupuncturist)
    summary_line("pregnancy", "pregnant")
    with pytest.raises(EntryInvalid) as refused:
        close_with(db, acu_session, acupuncturist, needles_removed="2")
    assert "SP6" in refused.value.messages["rationale"][0]


def test_a_serious_adverse_event_tasks_the_coordinator_and_enters_the_incident_list(
        db, patient, acupuncturist, client, login, make_account):
    entry = record_entry(db, person=patient, form_id="acupuncture.adverse_event",
                         author=acupuncturist, payload={
                             "event_type": "pneumothorax", "occurred_on": "2026-12-04",
                             "points": "GB21", "description": "Dyspnée 2 h après la séance.",
                             "action_taken": "Urgence", "follow_up": "Appel demain"})
    db.commit()
    assert [f.severity for f in entry.new_findings] == ["urgent"]
    login(make_account(roles=["coordinator"]))
    tasks = client.get("/record/tasks").get_data(as_text=True)
    assert "Événement indésirable grave en acupuncture\u202f: Pneumothorax" in tasks
    incident = db.scalar(select(Incident).where(Incident.entry_id == entry.id))
    assert incident.serious and incident.event_type == "pneumothorax"


def test_a_mild_adverse_event_is_recorded_without_alert(db, patient, acupuncturist):
    entry = record_entry(db, person=patient, form_id="acupuncture.adverse_event",
                         author=acupuncturist, payload={
                             "event_type": "haematoma", "occurred_on": "2026-12-04",
                             "description": "Petit hématome à ST36.", "action_taken": "Glace",
                             "follow_up": "Aucun"})
    assert entry.new_findings == [] and db.scalar(select(Incident)) is None


def test_adverse_event_points_are_stored_by_who_code_and_unknown_ones_refused(
        db, patient, acupuncturist):
    payload = {"event_type": "haematoma", "occurred_on": "2026-12-04", "description": "x",
               "action_taken": "y", "follow_up": "z"}
    entry = record_entry(db, person=patient, form_id="acupuncture.adverse_event",
                         author=acupuncturist, payload={**payload, "points": "gi4, e36"})
    assert entry.payload["points"] == "LI4, ST36"
    with pytest.raises(EntryInvalid) as refused:
        record_entry(db, person=patient, form_id="acupuncture.adverse_event",
                     author=acupuncturist, payload={**payload, "points": "LI4, genou"})
    assert "genou" in refused.value.messages["points"][0]
