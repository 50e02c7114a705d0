"""The member reads an OC's plan in plain words ("deux fois par jour"), the chart keeps "BID"."""

from __future__ import annotations

from sqlalchemy import select

from core.api import Entry, record_entry

from plugins.nursing.plain_words import plain_dosage
from plugins.nursing.tests.test_pages import CYSTITIS


def test_the_abbreviations_are_written_out_in_the_readers_language_whole_words_only(app):
    with app.test_request_context():
        assert plain_dosage("Nitrofurantoïne 100 mg PO BID pendant 5 jours.") == (
            "Nitrofurantoïne 100 mg par la bouche deux fois par jour pendant 5 jours.")
        assert plain_dosage("1 timbre die, 1 co q4-6h PRN, 5 mg SC HS") == (
            "1 timbre une fois par jour, 1 comprimé toutes les 4 à 6 heures au besoin, "
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


def test_dotted_lower_case_and_spaced_forms_quebec_clinicians_write_read_in_plain_words(app):
    """"b.i.d.", "p.o.", "h.s.", "q.d.", "co." and the like stayed as written for the member."""
    with app.test_request_context():
        assert plain_dosage("2 co. p.o. b.i.d. x 7 jours, puis 1 co die") == (
            "2 comprimés par la bouche deux fois par jour x 7 jours, puis 1 comprimé une fois "
            "par jour")
        assert plain_dosage("½ co h.s. p.r.n.; 1,5 co q.d.; 2 gtt t.i.d.; 1 supp. q.o.d.") == (
            "½ comprimé au coucher au besoin; 1,5 comprimé une fois par jour; 2 gouttes trois "
            "fois par jour; 1 suppositoire un jour sur deux")
        assert plain_dosage("10 mg i.m. stat, 0,5 mg s.c. q.a.m., 1 co SL q.h.s., 1 co q.4h") == (
            "10 mg dans un muscle immédiatement, 0,5 mg sous la peau chaque matin, 1 comprimé "
            "sous la langue chaque soir au coucher, 1 comprimé toutes les 4 heures")
        assert plain_dosage("Q.I.D. P.R.N., 2 caps a.c., 1 co pc, 20 mg po hs") == (
            "quatre fois par jour au besoin, 2 capsules avant les repas, 1 comprimé après les "
            "repas, 20 mg par la bouche au coucher")
        assert plain_dosage("b. i. d.") == "deux fois par jour"
        # a ceiling: twenty a day, not "once a day"
        assert plain_dosage("1 co q.1-2h p.r.n., max 20 co die") == (
            "1 comprimé toutes les 1 à 2 heures au besoin, max 20 comprimés par jour")
        # a dot that also ends the sentence stays a full stop
        assert plain_dosage("Prendre 1 co. Revoir dans 3 jours.") == (
            "Prendre 1 comprimé. Revoir dans 3 jours.")
    with app.test_request_context(headers={"Accept-Language": "en"}):
        assert plain_dosage("2 co. p.o. b.i.d., take 1 tab po bid, 1 cap q.d. h.s.") == (
            "2 tablets by mouth twice a day, take 1 tablet by mouth twice a day, 1 capsule once "
            "a day at bedtime")
        assert plain_dosage("½ co q.i.d. p.r.n., 2 gtt q.6h") == (
            "½ tablet four times a day as needed, 2 drops every 6 hours")


def test_ordinary_words_measures_and_initials_are_left_as_written(app):
    """Only a dosing context makes "die", "po", "hs" abbreviations; "co" only after a count."""
    with app.test_request_context():
        # "die" without a dose; "co" inside words and without a count; per cent; inches
        assert plain_dosage("die Zeit, coton, acompte, co-infection, le co") == (
            "die Zeit, coton, acompte, co-infection, le co")
        assert plain_dosage("Augmentation de 5 p.c.; plaie de 2 po; Dre I.M. Tremblay") == (
            "Augmentation de 5 p.c.; plaie de 2 po; Dre I.M. Tremblay")
        assert plain_dosage("Die, Bid, Po, Stat") == "Die, Bid, Po, Stat"  # names, typos
        assert plain_dosage("die") == "die" and plain_dosage("die", dosing=True) == (
            "une fois par jour")
    with app.test_request_context(headers={"Accept-Language": "en"}):
        # "die" is an English word: never expanded in English text, even after a dose
        assert plain_dosage("1 tablet po die") == "1 tablet by mouth die"
        assert plain_dosage("die", dosing=True) == "die"
        assert plain_dosage("a bid to die for, stat sheet, P.O. Box 12") == (
            "a bid to die for, stat sheet, P.O. Box 12")


def test_the_members_prescription_reads_in_plain_words_the_chart_and_exports_keep_it(
        app, client, db, login, nurse, patient, make_account):
    """A nurse's prescription written the Quebec way: the member reads plain words (route
    included), the chart and the CSV export the nurse's text."""
    record_entry(db, person=patient, form_id="nursing.prescription", author=nurse, payload={
        "domain": "smoking_cessation", "medication": "Gomme de nicotine 2 mg", "dose": "1 co.",
        "route": "p.o.", "frequency": "q.1-2h p.r.n.", "duration": "12 sem.",
        "indication": "Cessation tabagique"})
    record_entry(db, person=patient, form_id="nursing.prescription", author=nurse, payload={
        "domain": "smoking_cessation", "medication": "Timbre de nicotine 21 mg",
        "dose": "1 timbre", "frequency": "die", "indication": "Cessation tabagique"})
    db.commit()
    owner = make_account(roles=["member"], person=patient)
    login(owner)
    record = client.get("/portal/record").get_data(as_text=True)
    assert ("Gomme de nicotine 2 mg · 1 comprimé · par la bouche · toutes les 1 à 2 heures au "
            "besoin · 12 sem.") in record
    assert "Timbre de nicotine 21 mg · 1 timbre · une fois par jour" in record
    assert "p.r.n." not in record and "die" not in record and "sem.." not in record
    owner.locale = "en"
    db.commit()
    english = client.get("/portal/record").get_data(as_text=True)
    assert "1 tablet · by mouth · every 1 to 2 hours as needed" in english
    # the frequency "die" of a French prescription ("Timbre de nicotine") is Latin for the
    # English reader too: it read "1 timbre · die"
    assert "Timbre de nicotine 21 mg · 1 timbre · once a day" in english
    client.post("/logout")
    login(nurse)
    chart = client.get(f"/people/{patient.id}/chart").get_data(as_text=True)
    exported = client.get(f"/people/{patient.id}/chart/export.csv").get_data(as_text=True)
    for text in (chart, exported):
        assert "q.1-2h p.r.n." in text and "comprimé" not in text


def test_a_french_prescription_read_in_english_writes_die_out_english_text_keeps_it(app):
    """The rule followed the reader's language: a Quebec nurse's "max 20 co die" read "max 20
    tablets die" in English. The text's language decides whether "die" can be a word: in
    French text, in a dosing context, it is "once a day" ("per day" under a ceiling) for an
    English reader too; in English text it stays the English word."""
    with app.test_request_context(headers={"Accept-Language": "en"}):
        assert plain_dosage("1 co q.1-2h p.r.n., max 20 co die") == (
            "1 tablet every 1 to 2 hours as needed, max 20 tablets per day")
        assert plain_dosage("1 co po die") == "1 tablet by mouth once a day"
        assert plain_dosage("1 timbre die pendant 6 semaines") == (
            "1 timbre once a day pendant 6 semaines")
        assert plain_dosage("die", dosing=True, french_text=True) == "once a day"
        # English text: the word, even beside a dose or in a dosing field
        assert plain_dosage("max 20 tablets die") == "max 20 tablets die"
        assert plain_dosage("so they do not die, 1 tab bid") == (
            "so they do not die, 1 tablet twice a day")
        assert plain_dosage("die", dosing=True) == "die"
        # French text but no dosing context: "die" is not touched ("die Zeit" is German)
        assert plain_dosage("Revoir le patient, die Zeit") == "Revoir le patient, die Zeit"
    with app.test_request_context():
        assert plain_dosage("1 co po die") == "1 comprimé par la bouche une fois par jour"
