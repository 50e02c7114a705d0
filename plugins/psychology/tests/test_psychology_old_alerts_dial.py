"""An alert kept before the phone pass (its crisis lines in its text, no ``phones`` with it)
showed "9-8-8" as words on the chart's timeline: the data migration c62db60e836f gives it the
seeded dials, only where its text still writes the seeded number, and takes them back down."""


from sqlalchemy import select

from core.record.models import Finding

from plugins.psychology.tests.migration_steps import (finding_state, kept_the_old_way, run_step,
                                                      timeline)
from plugins.psychology.tests.test_psychology_crisis_phone import assert_dialable, links

OWN_LINE = "Tel-Aide Montréal : 514 935-1101"


def _run(db, step: str) -> None:
    run_step(db, "c62db60e836f", step)
    db.commit()
    db.expire_all()


def _alert(db, write, phq9, person=None) -> Finding:
    entry = write("psychology.phq9", phq9(item9=1), person=person)
    return db.scalar(select(Finding).where(Finding.entry_id == entry.id,
                                           Finding.severity == "urgent"))


def test_an_alert_kept_before_the_phone_pass_dials_its_crisis_lines_after_the_upgrade(
        client, login, db, write, phq9, psychologist, client_person):
    finding = _alert(db, write, phq9)
    kept_the_old_way(db, finding)
    login(psychologist)
    assert "tel:" not in timeline(client, client_person)  # the numbers were words
    _run(db, "upgrade")
    for language in ("fr_CA", "en"):
        client.post("/language", data={"locale": language, "next": "/"})
        assert_dialable(timeline(client, client_person))
    entry = client.get(f"/entries/{finding.entry_id}")
    assert_dialable(entry.get_data(as_text=True))
    labels = [label for label, _n, _d in db.get(Finding, finding.id).texts["fr_CA"]["phones"]]
    assert labels[1].startswith("Ligne d’aide en cas de crise de suicide")


def test_only_the_seeded_numbers_the_text_writes_are_given_and_going_down_takes_them_back(
        client, login, db, write, phq9, psychologist, client_person, make_person):
    # kept before languages were stored: one text for every reader, no texts at all
    before_languages = _alert(db, write, phq9)
    kept_the_old_way(db, before_languages, texts=None)
    # the coop's own line in the text, no seeded number: nothing to give, nothing touched
    other = make_person("Odette", "Gagnon")
    own = _alert(db, write, phq9, person=other)
    kept_the_old_way(db, own, advice=f"Voir la personne aujourd’hui. {OWN_LINE}",
                      texts={locale: {"message": kept["message"],
                                      "advice": f"See the person today. {OWN_LINE}"}
                             for locale, kept in own.texts.items()})
    # kept with its numbers (after the phone pass): the migration leaves it as it is
    kept = _alert(db, write, phq9, person=other)
    states = {row.id: finding_state(db, row.id) for row in (before_languages, own, kept)}

    _run(db, "upgrade")
    assert finding_state(db, own.id) == states[own.id] and finding_state(db, kept.id) == states[kept.id]
    texts, data = finding_state(db, before_languages.id)
    assert [dial for _l, _n, dial in texts["en"]["phones"]] == [
        "tel:+18662773553", "tel:988", "tel:911"]
    assert set(texts) == {"fr_CA", "en"} and "message" not in texts["en"]
    assert data["phones_added"] == {"by": "c62db60e836f", "in": ["fr_CA", "en"]}
    login(psychologist)
    client.post("/language", data={"locale": "en", "next": "/"})
    assert_dialable(timeline(client, client_person))  # its French text, dialled in English
    assert "514 935-1101" not in links(timeline(client, other))

    _run(db, "upgrade")  # run twice: nothing more
    assert finding_state(db, before_languages.id) == (texts, data)
    _run(db, "downgrade")
    assert {row_id: finding_state(db, row_id) for row_id in states} == states
