"""The chart panel, the timeline line and the body map's small labels name a point as the
session's point table does, in the reader's language: "GI4 (LI4)" read in French, "LI4" in
English. What is stored stays the WHO code."""

from flask_babel import force_locale

from plugins.acupuncture import bodymap
from plugins.acupuncture.renderers import session_summary
from plugins.acupuncture.tests.test_acupuncture_pages import start


def _closed_session(client, patient):
    url = start(client, patient)
    for query, side in (("ST36", "bilateral"), ("hegu", "right")):
        client.post(url + "/points", data={"query": query, "side": side, "technique": "even",
                                           "stimulation": "manual"})
    closed = client.post(url + "/close", data={
        "indication": "Lombalgie", "needle_type": "filiform", "needle_brand": "Seirin",
        "needle_lot": "A1", "gauge_mm": "0.2", "length_mm": "25", "disinfection": "true",
        "needles_removed": "3"})
    assert closed.status_code == 302
    return closed.headers["Location"]  # the session's entry


def test_the_chart_panel_names_the_last_session_s_points_in_the_reader_s_language(
        client, login, patient, acupuncturist):
    login(acupuncturist)
    _closed_session(client, patient)
    chart = f"/people/{patient.id}/chart"
    french = client.get(chart).get_data(as_text=True)
    english = client.get(chart, headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert "Dernière séance\u202f: E36 (ST36), GI4 (LI4)</li>" in french
    assert "Last session: ST36, LI4</li>" in english


def test_the_timeline_line_of_a_session_names_its_points_as_the_table_does(app):
    payload = {"indication": "Lombalgie", "needles_inserted": 3,
               "points": [{"code": "BL23"}, {"code": "BL23"}, {"code": "LI4"},
                          {"code": "EX-HN3"}]}
    with app.test_request_context(), force_locale("fr_CA"):
        french = session_summary(payload)
    with app.test_request_context(), force_locale("en"):
        english = session_summary(payload)
    assert "Lombalgie\u202f: V23 (BL23), GI4 (LI4), EX-HN3 (3 aiguilles)" in french
    assert "Lombalgie: BL23, LI4, EX-HN3 (3 needles)" in english


def test_the_body_map_labels_a_session_s_point_as_the_table_does():
    [front_fr, _back] = bodymap.views(["LI4"], "fr_CA")
    [front_en, _back] = bodymap.views(["LI4"], "en")
    assert {d.shown for d in front_fr.dots if d.code == "LI4"} == {"GI4 (LI4)"}
    assert {d.label_lines for d in front_fr.dots if d.code == "LI4"} == {("GI4", "(LI4)")}
    assert {d.shown for d in front_en.dots if d.code == "LI4"} == {"LI4"}


def test_the_session_page_s_body_map_shows_the_label_in_each_language(
        client, login, patient, acupuncturist):
    login(acupuncturist)
    url = start(client, patient)
    client.post(url + "/points", data={"query": "LI4", "side": "right", "technique": "even",
                                       "stimulation": "manual"})
    french = client.get(url).get_data(as_text=True)
    english = client.get(url, headers={"Accept-Language": "en"}).get_data(as_text=True)
    # on two lines, each going outward from its side of the body
    assert '>GI4</tspan><tspan x="28.0" dy="7">(LI4)</tspan></text>' in french
    assert 'text-anchor="end" aria-hidden="true"><tspan x="28.0">GI4</tspan>' in french
    assert '<tspan x="172.0">LI4</tspan></text>' in english
    assert "GI4" not in english.split('id="map-title"')[1].split("acu-legend")[0]


def test_the_printed_chart_and_the_csv_read_a_session_s_points_in_words(
        client, login, patient, acupuncturist):
    login(acupuncturist)
    _closed_session(client, patient)
    french = client.get(f"/people/{patient.id}/chart/print").get_data(as_text=True)
    english = client.get(f"/people/{patient.id}/chart/print",
                         headers={"Accept-Language": "en"}).get_data(as_text=True)
    for page in (french, english):
        assert "{&#39;code&#39;" not in page and "{'code'" not in page  # no raw data
    assert "E36 (ST36) · Bilatéral · Neutre · Manuelle · 2 aiguilles" in french
    assert "GI4 (LI4) · Droit" in french
    assert "ST36 · Bilateral · Even · Manual · 2 needles" in english
    csv = client.get(f"/people/{patient.id}/chart/export.csv",
                     headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert "{'code'" not in csv and "LI4 · Right · Even · Manual · 1 needle" in csv


def test_the_session_s_entry_page_names_its_points_as_the_table_does(
        client, login, patient, acupuncturist):
    login(acupuncturist)
    entry = _closed_session(client, patient)
    french = client.get(entry).get_data(as_text=True)
    english = client.get(entry, headers={"Accept-Language": "en"}).get_data(as_text=True)
    cell = '<td class="card-title">%s</td>'  # a point's cell (a card's title on a phone)
    assert cell % "E36 (ST36)" in french and cell % "GI4 (LI4)" in french
    assert cell % "ST36" in english and cell % "LI4" in english
