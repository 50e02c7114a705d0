"""Wherever a check is read it says everything, in the reader's language: the chart's live check
knows the person's age (the monograph's missing dose for a child), the timeline and the
recommendation page name the herb in the reader's language, and the printed chart and the CSV
read the stored check in words, not as raw data."""

import csv
import io
from datetime import date

from flask_babel import force_locale

from core.api import add_summary_item

from plugins.herbalism.recommend import Advice, recommend
from plugins.herbalism.renderers import recommendation_summary

VALERIAN = Advice("valeriana_officinalis", "Infusion", "2 g au coucher", "2 semaines")
ENGLISH = {"Accept-Language": "en"}
RAW = ("{'", '{"', "'alerts'", "'ran'", "&#39;ran&#39;", "&#39;alerts&#39;")


def _child(make_person):
    return make_person(first_name="Léo", last_name="Lavoie",
                       date_of_birth=date.today().replace(year=date.today().year - 9, day=1))


def test_the_chart_s_live_check_says_the_monograph_has_no_dose_for_a_child(
        client, login, db, herbalist, nurse, make_person):
    child = _child(make_person)
    # the herb came into the summary without a recommendation: only the live check reads it
    add_summary_item(db, person_id=child.id, kind="medication", label="Valériane",
                     code="HERB:valeriana_officinalis", natural_product=True, author=herbalist)
    db.commit()
    login(nurse)
    french = client.get(f"/people/{child.id}/chart").get_data(as_text=True)
    assert "Aucune posologie pour cet âge" in french and "enfants de 6 à 11 ans" in french
    english = client.get(f"/people/{child.id}/chart", headers=ENGLISH).get_data(as_text=True)
    assert "No dose for this age" in english and "children 6 to 11" in english


def test_the_timeline_and_the_recommendation_page_name_the_herb_in_the_reader_s_language(
        client, login, db, herbalist, nurse, person):
    done = recommend(db, person=person, herbalist=herbalist, locale="fr_CA", advice=VALERIAN)
    db.commit()
    assert done.entry.payload["herb_name"] == "Valériane (Valeriana officinalis L.)"  # stored
    login(herbalist)
    chart = client.get(f"/people/{person.id}/chart", headers=ENGLISH).get_data(as_text=True)
    assert "Valerian (Valeriana officinalis L.) — 2 g au coucher" in chart
    page = client.get(f"/p/herbalism/recommendations/{done.entry.id}",
                      headers=ENGLISH).get_data(as_text=True)
    assert "<h1>Valerian (Valeriana officinalis L.) <small>" in page
    assert "Valériane" not in page
    french = client.get(f"/p/herbalism/recommendations/{done.entry.id}").get_data(as_text=True)
    assert "<h1>Valériane (Valeriana officinalis L.) <small>" in french
    # the page printed for the person too; its title was followed by a stray script tag
    printed = client.get(f"/p/herbalism/recommendations/{done.entry.id}/print",
                         headers=ENGLISH).get_data(as_text=True)
    assert "<title>Valerian (Valeriana officinalis L.) · Maude Lavoie · Soin commun</title>" \
        in printed
    assert "<h2>Valerian (Valeriana officinalis L.)</h2>" in printed


def test_an_herb_the_register_does_not_have_keeps_its_stored_name(app):
    payload = {"herb": "not_in_the_register", "herb_name": "Plante du jardin", "dose": "1 g",
               "duration": "1 semaine", "outcome": "clear", "check": {"ran": True}}
    with app.test_request_context(), force_locale("en"):
        assert recommendation_summary(payload).startswith("Plante du jardin — 1 g, 1 semaine")


def _checked_child(db, herbalist, nurse, make_person):
    child = _child(make_person)
    add_summary_item(db, person_id=child.id, kind="medication", label="lorazépam",
                     code="ATC:N05BA06", author=nurse)
    add_summary_item(db, person_id=child.id, kind="medication", label="sirop maison",
                     author=nurse)
    db.commit()
    done = recommend(db, person=child, herbalist=herbalist, locale="fr_CA", advice=VALERIAN)
    db.commit()
    check = done.check.result
    assert check["alerts"] and check["not_checked"] == ["sirop maison"]
    assert check["no_dose_for"] == "children_6_11"
    return child, check


def test_the_printed_chart_reads_the_check_in_words_in_each_language(
        client, login, db, herbalist, nurse, make_person):
    child, check = _checked_child(db, herbalist, nurse, make_person)
    login(herbalist)
    french = client.get(f"/people/{child.id}/chart/print").get_data(as_text=True)
    english = client.get(f"/people/{child.id}/chart/print",
                         headers=ENGLISH).get_data(as_text=True)
    for raw in RAW:
        assert raw not in french and raw not in english
    severity = {"major": ("Majeure", "Major"), "moderate": ("Modérée", "Moderate"),
                "low": ("Faible", "Low")}[check["highest"]]
    assert f"{severity[0]} — Valériane (Valeriana officinalis L.) + " in french
    assert f"{severity[1]} — Valerian (Valeriana officinalis L.) + " in english
    assert "sirop maison" in english and "Not checked (no ATC code)" in english
    assert "The monograph gives none for children 6 to 11." in english
    assert "La monographie n’en donne aucune pour les enfants de 6 à 11 ans." in french
    assert "No dose for this age" in english and "Aucune posologie pour cet âge" in french
    assert "lorazépam" in english.split("Checked")[-1]


def test_the_chart_s_csv_reads_the_check_in_words(client, login, db, herbalist, nurse,
                                                  make_person):
    child, _check = _checked_child(db, herbalist, nurse, make_person)
    login(herbalist)
    text = client.get(f"/people/{child.id}/chart/export.csv",
                      headers=ENGLISH).get_data(as_text=True)
    rows = {(row[-2], row[-1]) for row in csv.reader(io.StringIO(text))
            if len(row) >= 2 and row[3] == "Herbal recommendation"}
    labels = {label for label, _value in rows}
    assert {"Herb", "Alerts", "Not checked (no ATC code)", "No dose for this age",
            "Checked"} <= labels
    assert ("Herb", "Valerian (Valeriana officinalis L.)") in rows
    assert not any(value.startswith(("{", "[")) for _label, value in rows)


def test_a_chart_names_its_herbs_without_reading_the_register_on_each_page(
        client, login, db, herbalist, person):
    """Naming each herb of the timeline cost a statement per herb, and the follow-ups' a read
    of the whole register, on every chart (issue 23: the chart went from 4 statements to 8).
    The names are read once per process and reused; a new version is read at once."""
    from sqlalchemy import event

    from plugins.herbalism import monographs

    recommend(db, person=person, herbalist=herbalist, locale="fr_CA", advice=VALERIAN)
    db.commit()
    login(herbalist)
    client.get(f"/people/{person.id}/chart", headers=ENGLISH)  # the names read once
    seen = []
    engine = db.get_bind()
    spy = lambda *args: seen.append(args[2])  # noqa: E731 (the statement's text)
    event.listen(engine, "before_cursor_execute", spy)
    try:
        chart = client.get(f"/people/{person.id}/chart", headers=ENGLISH).get_data(as_text=True)
    finally:
        event.remove(engine, "before_cursor_execute", spy)
    assert "Valerian (Valeriana officinalis L.)" in chart
    # the chart's live check reads the herb's current monograph (it checks with it); naming the
    # herb on the timeline reads nothing more, and nothing reads the whole register
    one_herb = [s for s in seen if "WHERE herbalism_monograph_versions.code = " in s]
    assert len(one_herb) == 1
    assert not [s for s in seen if "GROUP BY herbalism_monograph_versions.code" in s]
    # a version that renames the herb shows at once in the process that saved it
    doc = dict(monographs.current(db, "valeriana_officinalis").document)
    doc["common_names"] = {**doc["common_names"], "en": ["Garden heliotrope"]}
    monographs.add_version(db, doc, author=herbalist, note="English name")
    db.commit()
    chart = client.get(f"/people/{person.id}/chart", headers=ENGLISH).get_data(as_text=True)
    assert "Garden heliotrope (Valeriana officinalis L.)" in chart
