"""A duplicate record folded into the right one brings its sessions and incidents; the person's
own export lists what only the plugin holds."""

from datetime import datetime, timezone

from core.identity.merge import merge_people

from plugins.acupuncture import sessions
from plugins.acupuncture.models import AcuSession, Incident


def test_merging_people_moves_sessions_and_incidents_and_the_export_shows_them(
        db, patient, make_person, acupuncturist):
    duplicate = make_person("Julie", "Gagnon-Dupuis")
    acu = sessions.open_session(db, person=duplicate, author=acupuncturist)
    sessions.add_point(db, acu, {"query": "ST36", "side": "left", "technique": "even",
                                 "stimulation": "manual"}, author=acupuncturist)
    sessions.record_needle_incident(db, acu, "Non retrouvée.", author=acupuncturist)
    db.commit()
    merge_people(db, patient, duplicate, actor=acupuncturist)
    db.commit()
    assert {s.person_id for s in db.query(AcuSession)} == {patient.id}
    assert {i.person_id for i in db.query(Incident)} == {patient.id}

    from plugins.acupuncture.person_data import export_person
    exported = export_person(patient, db)
    assert exported["Séances d’acupuncture"][0]["Points"] == "E36 (ST36), gauche"
    assert exported["Incidents en acupuncture"][0]["Ce qui s’est passé"] == "Non retrouvée."


def test_the_persons_export_reads_in_french_words_at_the_coops_clock(db, patient, acupuncturist):
    """A member reads their export in a spreadsheet: labels, statuses, kinds, sides and rules
    in words, moments at the coop's clock (it read "needles_inserted", "closed", "left",
    "pregnancy", "needle_unaccounted" and UTC times)."""
    from flask_babel import force_locale

    from plugins.acupuncture.incidents import close_incident
    from plugins.acupuncture.models import CautionAck
    from plugins.acupuncture.person_data import export_person

    late = datetime(2026, 12, 6, 3, 30, tzinfo=timezone.utc)  # 22 h 30 the day before, Montreal
    acu = sessions.open_session(db, person=patient, author=acupuncturist)
    sessions.add_point(db, acu, {"query": "ST36", "side": "left", "technique": "even",
                                 "stimulation": "manual"}, author=acupuncturist)
    acu.started_at, acu.status, acu.needles_inserted, acu.needles_removed = late, "closed", 2, 1
    db.add(CautionAck(session=acu, rule="pregnancy", code="LI4", rationale="Accord éclairé.",
                      by_id=acupuncturist.id, at=late))
    incident = sessions.record_needle_incident(db, acu, "Non retrouvée.", author=acupuncturist)
    incident.reported_at = late
    close_incident(incident, "Retrouvée au sol.", author=acupuncturist)
    db.commit()

    with force_locale("fr_CA"):
        exported = export_person(patient, db)
    [row] = exported["Séances d’acupuncture"]
    assert row == {"Début": "2026-12-05T22:30-05:00", "Statut": "Fermée", "Indication": "",
                   "Points": "E36 (ST36), gauche", "Aiguilles insérées": 2,
                   "Aiguilles retirées": 1}
    [ack] = exported["Mises en garde prises en compte"]
    assert ack["Prise en compte le"] == "2026-12-05T22:30-05:00"
    assert ack["Mise en garde"] == "Grossesse" and ack["Point"] == "GI4 (LI4)"
    [found] = exported["Incidents en acupuncture"]
    assert found["Déclaré"] == "2026-12-05T22:30-05:00"
    assert found["Type"] == "Aiguille manquante au décompte" and found["Type d’événement"] == ""
    assert found["Comment il a été résolu"] == "Retrouvée au sol."
    assert found["Statut"] == "Fermé"  # un incident (a session is "Fermée")
    with force_locale("en"):
        assert export_person(patient, db)["Acupuncture incidents"][0]["Status"] == "Closed"
    cells = {str(c) for table in exported.values() for r in table for c in (*r, *r.values())}
    assert not cells & {"started", "status", "needles_inserted", "closed", "left", "pregnancy",
                        "needle_unaccounted", "closing_note", "event_type"}
    assert not any("+00:00" in c for c in cells)
