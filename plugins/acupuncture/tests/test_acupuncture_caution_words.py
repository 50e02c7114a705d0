"""Cautions name a point as the session's point table does, in the reader's language: "GI4 (LI4)"
for a Quebec acupuncturist reading French, "LI4" in English (the WHO code stays the identity)."""

import pytest
from flask_babel import force_locale

from core.api import ClinicalSummary, EntryInvalid, add_summary_item

from plugins.acupuncture import cautions
from plugins.acupuncture.tests.test_acupuncture_sessions import add, close_with


def run(pregnancy, codes, locale, app):
    summary = ClinicalSummary(pregnancy=pregnancy)
    with app.test_request_context(), force_locale(locale):
        return cautions.evaluate(lambda: summary, codes)[1]


@pytest.mark.parametrize("pregnancy, rule", [("pregnant", cautions.PREGNANCY),
                                             ("unknown", cautions.PREGNANCY_UNKNOWN)])
def test_a_pregnancy_caution_names_the_point_as_the_table_does(app, pregnancy, rule):
    [french] = [c for c in run(pregnancy, ["LI4"], "fr_CA", app) if c.rule == rule]
    [english] = [c for c in run(pregnancy, ["LI4"], "en", app) if c.rule == rule]
    assert "GI4 (LI4)" in french.message
    assert "LI4" in english.message and "GI4" not in english.message
    assert french.point == english.point == "LI4"  # acknowledgements are kept by WHO code


def test_the_pneumothorax_caution_names_every_point_as_the_table_does(app):
    [french] = [c for c in run("not_pregnant", ["GB21", "LU1"], "fr_CA", app)
                if c.rule == cautions.PNEUMOTHORAX]
    [english] = [c for c in run("not_pregnant", ["GB21", "LU1"], "en", app)
                 if c.rule == cautions.PNEUMOTHORAX]
    assert "VB21 (GB21), P1 (LU1)" in french.message
    assert "GB21, LU1" in english.message and "VB21" not in english.message


def test_the_closing_refusal_names_the_unacknowledged_point_as_the_table_does(
        app, db, acu_session, acupuncturist, patient):
    add(db, acu_session, "LI4", acupuncturist)  # added before the pregnancy was known
    add_summary_item(db, person_id=patient.id, kind="pregnancy", label="pregnant",
                     author=acupuncturist)
    db.commit()
    for locale, named, not_named in (("fr_CA", "GI4 (LI4)", None), ("en", "LI4", "GI4")):
        with app.test_request_context(), force_locale(locale):
            with pytest.raises(EntryInvalid) as refused:
                close_with(db, acu_session, acupuncturist, needles_removed="2")
            db.rollback()
        [message] = refused.value.messages["rationale"]
        assert message.startswith(named)
        assert not_named is None or not_named not in message


def test_the_session_page_names_a_forbidden_point_as_its_table_in_each_language(
        client, login, acupuncturist, patient, summary_line):
    summary_line("pregnancy", "pregnant")
    login(acupuncturist)
    url = client.post(f"/p/acupuncture/people/{patient.id}/sessions").headers["Location"]
    posted = {"query": "GI4", "side": "right", "technique": "even", "stimulation": "manual",
              "acknowledged": "1", "rationale": "Travail déclenché, accord de la sage-femme."}
    asked = client.post(url + "/points", data={**posted, "acknowledged": ""})
    assert asked.status_code == 422
    assert "Grossesse\u202f: GI4 (LI4) est un point traditionnellement interdit" in \
        asked.get_data(as_text=True)
    assert client.post(url + "/points", data=posted).status_code == 302
    french = client.get(url).get_data(as_text=True)
    english = client.get(url, headers={"Accept-Language": "en"}).get_data(as_text=True)
    # the caution and the point table name it alike
    assert "Grossesse\u202f: GI4 (LI4) est" in french and "<strong>GI4 (LI4)</strong>" in french
    assert "Pregnancy: LI4 is" in english and "<strong>LI4</strong>" in english
    assert 'aria-label="Retirer GI4 (LI4)"' in french and 'aria-label="Remove LI4"' in english
    assert "GI4" not in english.split('id="cautions-title"')[1].split('id="points-title"')[0]
