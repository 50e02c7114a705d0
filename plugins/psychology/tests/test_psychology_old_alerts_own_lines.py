"""An alert kept before the phone pass that names the coop's own crisis line (Tel-Aide) showed
its number as words even after c62db60e836f, which dials the seeded numbers only: e3ab9e4aeac5
gives it the dial the alert stored with the line (``data["crisis_lines"]``), only where its text
writes the number, and takes back down only what it added."""

import copy

from sqlalchemy import select, update

from core.record.models import Finding

from plugins.psychology import crisis_lines
from plugins.psychology.tests.migration_steps import (finding_state, kept_the_old_way, run_step,
                                                      timeline)
from plugins.psychology.tests.test_psychology_crisis_phone import assert_dialable, links

PREVIOUS, THIS = "c62db60e836f", "e3ab9e4aeac5"
TEL_AIDE = {"title_fr": "Tel-Aide, écoute 24 h sur 24", "title_en": "Tel-Aide, listening 24/7",
            "number": "514 935-1101", "dial": "tel:+15149351101"}


def _run(db, revision: str, step: str) -> None:
    run_step(db, revision, step)
    db.commit()
    db.expire_all()


def _coops_line(db, psychologist, **values) -> None:
    crisis_lines.save_line(db, None, {**TEL_AIDE, **values}, actor=psychologist)
    db.commit()


def _old_alert(db, write, phq9, person=None, **values) -> Finding:
    """An alert written with the coop's list, then kept as before the phone pass: its texts
    without ``phones`` (``values``: other columns as an older version kept them)."""
    entry = write("psychology.phq9", phq9(item9=1), person=person)
    finding = db.scalar(select(Finding).where(Finding.entry_id == entry.id,
                                              Finding.severity == "urgent"))
    kept_the_old_way(db, finding, **values)
    return finding


def test_an_old_alert_naming_the_coops_own_line_dials_it_after_the_upgrade(
        client, login, db, write, phq9, psychologist, client_person):
    _coops_line(db, psychologist)
    finding = _old_alert(db, write, phq9)
    assert "514 935-1101" in finding.texts["fr_CA"]["advice"]
    _run(db, PREVIOUS, "upgrade")
    login(psychologist)
    assert "514 935-1101" not in links(timeline(client, client_person))  # the seeded ones only
    _run(db, THIS, "upgrade")
    for language in ("fr_CA", "en"):
        client.post("/language", data={"locale": language, "next": "/"})
        shown = timeline(client, client_person)
        assert links(shown)["514 935-1101"] == "tel:+15149351101"
        assert_dialable(shown)  # the seeded numbers still dial
        assert shown.count("935-1101") == 1  # linked where the text writes it, not added
    entry = client.get(f"/entries/{finding.entry_id}").get_data(as_text=True)
    assert links(entry)["514 935-1101"] == "tel:+15149351101"


def test_only_the_lines_the_alert_stored_and_writes_are_given_and_going_down_takes_them_back(
        client, login, db, write, phq9, psychologist, client_person, make_person):
    _coops_line(db, psychologist)
    # before the phone pass: its own lines, the seeded numbers given by c62db60e836f
    seeded_first = _old_alert(db, write, phq9)
    # kept before languages were stored, its text naming Tel-Aide only (no seeded number)
    other = make_person("Odette", "Gagnon")
    alone = _old_alert(db, write, phq9, person=other, texts=None,
                       advice="Voir la personne aujourd’hui. Tel-Aide\u00a0: 514\u00a0935\u20111101")
    # Tel-Aide stored with a dial no link may take, a line stored that the text does not
    # write: neither is given
    third = make_person("Léa", "Roy")
    unwritten = _old_alert(db, write, phq9, person=third)
    data = copy.deepcopy(unwritten.data)
    data["crisis_lines"] = [[title, number, "https://www.telaide.org" if "514" in number
                             else dial] for title, number, dial in data["crisis_lines"]]
    data["crisis_lines"].append(["Le Transit", "418 555-0199", "tel:+14185550199"])
    db.execute(update(Finding).where(Finding.id == unwritten.id).values(data=data))
    # kept with its numbers (after the phone pass): left as it is
    kept = db.scalar(select(Finding).where(Finding.entry_id == write(
        "psychology.phq9", phq9(item9=1), person=third).id, Finding.severity == "urgent"))
    db.commit()
    rows = (seeded_first, alone, unwritten, kept)
    _run(db, PREVIOUS, "upgrade")
    before = {row.id: finding_state(db, row.id) for row in rows}

    _run(db, THIS, "upgrade")
    assert finding_state(db, kept.id) == before[kept.id]
    texts, data = finding_state(db, seeded_first.id)
    assert [dial for _l, _n, dial in texts["en"]["phones"]] == [
        "tel:+18662773553", "tel:988", "tel:911", "tel:+15149351101"]
    assert data["own_phones_added"] == {
        "by": THIS, "in": {locale: [["Tel-Aide, écoute 24 h sur 24", "514 935-1101",
                                     "tel:+15149351101"]] for locale in ("fr_CA", "en")},
        "made": []}
    texts, data = finding_state(db, alone.id)
    assert {locale: [dial for _l, _n, dial in kept["phones"]] for locale, kept in texts.items()} \
        == {"fr_CA": ["tel:+15149351101"], "en": ["tel:+15149351101"]}
    assert data["own_phones_added"]["made"] == ["fr_CA", "en"]
    texts, data = finding_state(db, unwritten.id)
    assert "own_phones_added" not in data
    assert [dial for _l, _n, dial in texts["fr_CA"]["phones"]] == [
        "tel:+18662773553", "tel:988", "tel:911"]
    login(psychologist)
    client.post("/language", data={"locale": "en", "next": "/"})
    assert {number.replace("\u2011", "-"): dial for number, dial in links(
        timeline(client, other)).items()} == {"514 935-1101": "tel:+15149351101"}

    after = {row.id: finding_state(db, row.id) for row in rows}
    _run(db, THIS, "upgrade")  # run twice: nothing more
    assert {row.id: finding_state(db, row.id) for row in rows} == after
    _run(db, THIS, "downgrade")
    assert {row.id: finding_state(db, row.id) for row in rows} == before
