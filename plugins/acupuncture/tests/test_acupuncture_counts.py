"""Needles and points are counted in the singular and the plural of each language: "1 aiguille
non retirée", "2 aiguilles non retirées", never "aiguille(s) non retirée(s)"."""

import pytest
from flask_babel import force_locale

from core.api import EntryInvalid

from plugins.acupuncture import sessions
from plugins.acupuncture.reconciliation import Count, blocking_message
from plugins.acupuncture.renderers import session_plain, session_summary
from plugins.acupuncture.tests.test_acupuncture_sessions import add, close_with


@pytest.mark.parametrize("removed, french, english", [
    (1, "1 aiguille non retirée ou introuvable : vérifiez sur la personne",
     "1 needle not removed or not found: search the person"),
    (0, "2 aiguilles non retirées ou introuvables : vérifiez sur la personne",
     "2 needles not removed or not found: search the person"),
])
def test_the_needles_missing_at_closing_agree_with_their_number(app, removed, french, english):
    for locale, text in (("fr_CA", french), ("en", english)):
        with app.test_request_context(), force_locale(locale):
            assert blocking_message(Count(2, removed)).startswith(text.replace(" :", "\u202f:"))


def test_a_session_closed_with_a_needle_missing_records_it_in_the_singular(
        app, db, client, login, acu_session, acupuncturist, patient):
    add(db, acu_session, "ST36", acupuncturist)  # 2 needles
    with app.test_request_context():
        with pytest.raises(EntryInvalid) as refused:
            close_with(db, acu_session, acupuncturist, needles_removed="1")
        db.rollback()
        assert refused.value.messages["needles_removed"][0].startswith(
            "1 aiguille non retirée ou introuvable\u202f:")
        sessions.record_needle_incident(db, acu_session, "Cherché partout; personne avisée.",
                                        author=acupuncturist)
        entry = close_with(db, acu_session, acupuncturist, needles_removed="1")
    (finding,) = entry.new_findings
    assert finding.texts["fr_CA"]["message"] == (
        "Décompte des aiguilles\u202f: 1 aiguille manquante\u202f; un incident est déclaré.")
    assert finding.texts["en"]["message"] == (
        "Needle count: 1 needle not accounted for; an incident is recorded.")
    # a finding saved before reads as it was saved: its words are kept with it, not looked up
    finding.texts = {"fr_CA": {"message": OLD_FINDING, "advice": ""},
                     "en": {"message": "Needle count: 1 needle(s) not accounted for; an "
                                       "incident is recorded.", "advice": ""}}
    finding.message = OLD_FINDING
    db.commit()
    login(acupuncturist)
    chart = client.get(f"/people/{patient.id}/chart").get_data(as_text=True)
    assert OLD_FINDING in chart


OLD_FINDING = "Décompte des aiguilles\u202f: 1 aiguille(s) manquante(s); un incident est déclaré."


@pytest.mark.parametrize("points, needles, french, english", [
    (1, 1, ("(1 aiguille)", "1 point a été utilisé."),
     ("(1 needle)", "1 point was used.")),
    (2, 3, ("(3 aiguilles)", "2 points ont été utilisés."),
     ("(3 needles)", "2 points were used.")),
])
def test_a_session_on_the_chart_counts_its_needles_and_points(app, points, needles, french,
                                                             english):
    payload = {"indication": "Lombalgie", "needles_inserted": needles,
               "points": [{"code": code} for code in ("BL23", "GV4")[:points]]}
    for locale, (summary, plain) in (("fr_CA", french), ("en", english)):
        with app.test_request_context(), force_locale(locale):
            assert session_summary(payload).endswith(summary)
            assert session_plain(payload).endswith(plain)
