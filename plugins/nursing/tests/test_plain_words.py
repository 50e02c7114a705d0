"""The member reads an OC's plan in plain words ("deux fois par jour"), the chart keeps "BID"."""

from __future__ import annotations

from sqlalchemy import select

from core.api import Entry

from plugins.nursing.plain_words import plain_dosage
from plugins.nursing.tests.test_pages import CYSTITIS


def test_the_abbreviations_are_written_out_in_the_readers_language_whole_words_only(app):
    with app.test_request_context():
        assert plain_dosage("Nitrofurantoïne 100 mg PO BID pendant 5 jours.") == (
            "Nitrofurantoïne 100 mg par la bouche deux fois par jour pendant 5 jours.")
        assert plain_dosage("1 timbre die, 1 co q4-6h PRN, 5 mg SC HS") == (
            "1 timbre une fois par jour, 1 co toutes les 4 à 6 heures au besoin, "
            "5 mg sous la peau au coucher")
        # letters inside a word or a name, "po" (inches), a code: left as written
        assert plain_dosage("Plaie de 2 po, POSOLOGIE, IMPORTANT, BID-2, Impo q4") == (
            "Plaie de 2 po, POSOLOGIE, IMPORTANT, BID-2, Impo q4")
        assert plain_dosage("q1h, q 8 h") == "toutes les heures, toutes les 8 heures"
    with app.test_request_context(headers={"Accept-Language": "en"}):
        assert plain_dosage("Nitrofurantoin 100 mg PO BID for 5 days, QID PRN, IM") == (
            "Nitrofurantoin 100 mg by mouth twice a day for 5 days, four times a day as "
            "needed, into a muscle")
        assert plain_dosage("a bid to die for, q12h") == "a bid to die for, every 12 hours"


def test_the_member_reads_plain_words_and_the_nurse_the_ocs_own_text(client, db, login, nurse,
                                                                    patient, make_account):
    login(nurse)
    applied = client.post(f"/p/nursing/people/{patient.id}/oc/OC-CYSTITE", data=CYSTITIS)
    assert applied.status_code == 200
    entry = db.scalar(select(Entry).where(Entry.person_id == patient.id))
    client.post("/logout")
    owner = make_account(roles=["member"], person=patient)
    login(owner)
    record = client.get("/portal/record").get_data(as_text=True)
    assert "Nitrofurantoïne 100 mg par la bouche deux fois par jour pendant 5 jours" in record
    assert "BID" not in record and " PO " not in record
    owner.locale = "en"
    db.commit()
    english = client.get("/portal/record").get_data(as_text=True)
    assert "Nitrofurantoin 100 mg by mouth twice a day for 5 days" in english
    client.post("/logout")
    login(nurse)
    chart = client.get(f"/people/{patient.id}/chart").get_data(as_text=True)
    assert "OC-CYSTITE v1" in chart and "deux fois par jour" not in chart
    shown = client.get(f"/entries/{entry.id}").get_data(as_text=True)  # the entry on the chart
    assert "Nitrofurantoïne 100 mg PO BID pendant 5 jours" in shown
    assert "deux fois par jour" not in shown
