"""A duplicate record folded into the right one brings its sessions and incidents; the person's
own export lists what only the plugin holds."""

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
    assert exported["Séances d’acupuncture"][0]["points"] == "ST36 (left)"
    assert exported["Incidents en acupuncture"][0]["description"] == "Non retrouvée."
