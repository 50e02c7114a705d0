"""The coop's figures: sessions, points most used, adverse events by type, needle incidents."""

from core.api import record_entry

from plugins.acupuncture import reports, sessions

DETAILS = {"indication": "Lombalgie", "needle_type": "filiform", "needle_brand": "Seirin",
           "needle_lot": "J24", "gauge_mm": "0.2", "length_mm": "30", "disinfection": "true"}


def _treat(db, patient, who, codes, removed_delta=0):
    acu = sessions.open_session(db, person=patient, author=who)
    for code in codes:
        sessions.add_point(db, acu, {"query": code, "side": "bilateral", "technique": "even",
                                     "stimulation": "manual"}, author=who)
    sessions.save_details(acu, {**DETAILS, "needles_removed":
                                str(acu.needles_counted - removed_delta)})
    if removed_delta:
        sessions.record_needle_incident(db, acu, "Non retrouvée.", author=who)
    sessions.close(db, acu, author=who)


def test_sessions_points_and_needle_incidents_are_counted(db, patient, acupuncturist):
    _treat(db, patient, acupuncturist, ["ST36", "LI4"])
    _treat(db, patient, acupuncturist, ["ST36", "GV20"], removed_delta=1)
    db.commit()
    params = reports.PeriodSchema().load({})
    table = reports.sessions_by_month(db, params)
    assert [row[1:] for row in table.rows] == [(2, 1, 7)]
    top = reports.points_most_used(db, params)
    assert top.rows[0] == ("ST36", "E36", "Zúsānlǐ", 2)
    needles = reports.needle_reconciliation(db, params)
    assert [row[1:] for row in needles.rows] == [(2, 1, 0)]


def test_adverse_events_by_type_count_only_people_who_allow_statistics(
        db, patient, make_person, acupuncturist):
    from core.api import PrivacySettings

    private = make_person("Paul", "Privé")
    db.add(PrivacySettings(person_id=patient.id, allow_statistics=True))
    for person, kind in ((patient, "haematoma"), (patient, "haematoma"),
                         (patient, "pneumothorax"), (private, "infection")):
        record_entry(db, person=person, form_id="acupuncture.adverse_event",
                     author=acupuncturist, payload={
                         "event_type": kind, "occurred_on": "2026-12-01", "description": "x",
                         "action_taken": "y", "follow_up": "z"})
    db.commit()
    rows = reports.adverse_events(db, reports.PeriodSchema().load({})).rows
    assert rows == [("Hématome", "Bénin", 2), ("Pneumothorax", "Grave", 1)]
