"""Core draws every plugin's report: a list, HTML with its chart, CSV; permission checked."""

from __future__ import annotations

from types import SimpleNamespace

from core.reports.chart import geometry
from core.specs import ReportTable


def test_hook_register_reports_listed_run_and_drawn_for_who_may(client, login, activate):
    """Core lists a plugin's reports to who holds their permission, runs and draws them."""
    activate("nursing")
    login(role="coordinator")
    page = client.get("/reports/").get_data(as_text=True)
    assert "Vaccinations par produit" in page
    report = client.get("/reports/nursing.oc_expiry").get_data(as_text=True)
    assert "<svg" in report and "<td>OC-CYSTITE</td>" in report
    csv = client.get("/reports/nursing.oc_expiry?format=csv").get_data(as_text=True)
    assert csv.splitlines()[0] == "\ufeffCode,Version,Nom,Date de péremption,Jours restants,État"
    client.post("/logout")
    login(role="reception")
    page = client.get("/reports/")
    assert page.status_code == 200 and "Vaccinations par produit" not in page.get_data(
        as_text=True)


def test_a_report_page_writes_its_days_and_months_in_words_its_csv_keeps_iso(client, login,
                                                                            activate):
    """A report's table read "2028-01-15" (an OC's expiry) and "2026-12" (a month) on the
    page: they read "15 janv. 2028" / "Jan 15, 2028", a month "déc. 2026" / "Dec
    2026"; the CSV keeps ISO 8601, for a spreadsheet to sort."""
    from core.web.formatting import cell

    activate("nursing")
    login(role="coordinator")
    for accept, day in (("fr-CA", "15 janv. 2028"), ("en", "Jan 15, 2028")):
        page = client.get("/reports/nursing.oc_expiry", headers={"Accept-Language": accept})
        cells = page.get_data(as_text=True).split("<tbody>")[1]
        assert f'<td><span class="nowrap">{day}</span></td>' in cells, accept
        assert "2028-01-15" not in cells, accept
    csv = client.get("/reports/nursing.oc_expiry?format=csv").get_data(as_text=True)
    assert ",2028-01-15," in csv
    with client.application.test_request_context(headers={"Accept-Language": "fr-CA"}):
        assert [cell(v) for v in ("2026-12", "2026-13", "2002-56", "HC 2002-56", 1234.5)] == [
            "déc. 2026", "2026-13", "2002-56", "HC 2002-56", "1\u00a0234,5"]


def test_a_report_without_permission_is_refused_and_an_unknown_one_is_not_found(
        client, login, activate):
    activate("nursing")
    login(role="reception")
    assert client.get("/reports/nursing.immunizations").status_code == 403
    assert client.get("/reports/nowhere.nothing").status_code == 404


def test_an_inactive_plugins_report_is_not_found(client, login):
    login(role="admin")
    assert client.get("/reports/nursing.immunizations").status_code == 404


def test_bad_parameters_are_explained_and_nothing_runs(client, login, activate):
    activate("nursing")
    login(role="coordinator")
    response = client.get("/reports/nursing.immunizations?start=2026-02-30")
    body = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "Corrigez les paramètres" in body and "<table" not in body


def test_anonymous_is_sent_to_sign_in(client):
    response = client.get("/reports/")
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def _table(chart, rows):
    return ReportTable(("Mois", "A", "B"), rows, chart)


def test_bars_leave_hidden_cells_out_rather_than_draw_zero():
    drawn = geometry(_table({"type": "bar", "x": 0, "y": [1, 2]},
                            [("2026-01", 10, "< 5"), ("2026-02", 20, 6)]))
    first, second = drawn["series"]
    assert [m["value"] for m in first["marks"]] == [10, 20]
    assert [m["value"] for m in second["marks"]] == [6]          # "< 5" is not drawn
    tallest = max(first["marks"], key=lambda m: m["height"])
    assert tallest["label"] == "2026-02" and tallest["y"] == 12   # the top of the plot


def test_lines_and_negative_values_keep_the_zero_line_inside_the_plot():
    drawn = geometry(_table({"type": "line", "x": 0, "y": [1]},
                            [("OC-A", -10, 0), ("OC-B", 30, 0)]))
    assert drawn["low"] == -10 and 12 < drawn["base"] < drawn["height"] - 36
    assert drawn["series"][0]["points"].count(",") == 2


def test_no_chart_without_a_chart_spec_or_rows():
    assert geometry(_table(None, [("x", 1, 2)])) is None
    assert geometry(SimpleNamespace(chart={"type": "bar", "x": 0, "y": [1]}, rows=[])) is None


def test_a_label_can_join_several_columns():
    table = ReportTable(("Q", "Band", "People"), [("PHQ-9", "Mild", 6), ("GAD-7", "Mild", 7)],
                        {"type": "bar", "x": [0, 1], "y": [2]})
    assert [label["text"] for label in geometry(table)["labels"]] == ["PHQ-9 Mild", "GAD-7 Mild"]


def test_csv_never_hands_a_spreadsheet_a_formula(client, login, db, activate):
    import json

    from plugins.nursing.oc.registry import DATA_DIR, add_version

    activate("nursing")
    doc = json.loads((DATA_DIR / "OC-CYSTITE.json").read_text())
    doc.update(code="OC-FORMULA", name={"fr": "=HYPERLINK(\"http://x\")"})
    add_version(db, doc, source="test")
    db.commit()
    login(role="coordinator")
    rows = client.get("/reports/nursing.oc_expiry?format=csv").get_data(as_text=True)
    assert "'=HYPERLINK" in rows and ",=HYPERLINK" not in rows


def test_one_reports_entry_in_the_menu_however_many_plugins_report(client, login, activate):
    activate("nursing", "psychology")
    login(role="admin")
    page = client.get("/reports/").get_data(as_text=True)
    assert page.count('href="/reports/">Rapports</a>') == 1


def test_reports_are_listed_under_the_service_that_gives_them(client, login, activate):
    """Thirty-odd reports in one alphabetical list: a coordinator read them all to find one
    service's. Each now sits under its service's name, the coop's own first."""
    activate("nursing", "psychology")
    login(role="coordinator")
    page = client.get("/reports/").get_data(as_text=True)
    sections = {part.split("</h2>")[0].split(">")[-1]: part
                for part in page.split('<section aria-labelledby="reports-')[1:]}
    assert list(sections)[0] == "La coopérative"
    assert "Membres par catégorie et statut" in sections["La coopérative"]
    nursing = next(name for name in sections if "Vaccinations par produit" in sections[name])
    assert nursing == "Soins infirmiers"
    assert "Psychologie\u202f: activité" not in sections[nursing]


def test_a_charts_numbers_are_written_as_the_reader_does(app):
    """The chart's scale and each bar's tooltip printed raw numbers ("1234.5"): a French
    reader reads "1 234,5", as in the table under the chart."""
    from flask import render_template

    from core.web.formatting import cell

    table = ReportTable(("Mois", "Kilogrammes"), [("2026-01", 1234.5), ("2026-02", 10)],
                        {"type": "bar", "x": 0, "y": [1]})
    spec = SimpleNamespace(id="sample.kilograms", title="Kilogrammes", description="")
    for accept, written in (("fr-CA", "1\u00a0234,5"), ("en", "1,234.5")):
        with app.test_request_context("/reports/sample.kilograms",
                                      headers={"Accept-Language": accept}):
            page = render_template("reports/report.html", spec=spec, table=table, values={},
                                   errors={}, fields=[], chart=geometry(table, cell),
                                   csv_args={})
        svg = page.split("<svg")[1].split("</svg>")[0]
        assert f'fill="#1d2330">{written}</text>' in svg, accept      # the scale's top
        assert f" {written}</title></rect>" in svg, accept             # the bar's tooltip
        assert "1234.5" not in svg


def test_hours_and_kilograms_are_drawn_and_a_total_row_is_left_out(app, client, login, db,
                                                                   make_person):
    """Volunteer hours are Decimal: the chart drew none of them (an empty frame, its scale
    "1"), and drew the "Total" row the report asks to leave out (``exclude_last``)."""
    from datetime import date
    from decimal import Decimal

    from core.coop_time import today
    from core.volunteering.models import HoursEntry

    drawn = geometry(ReportTable(("Mois", "Heures"), [("2026-01", Decimal("12.5")),
                                                      ("2026-02", Decimal("3")),
                                                      ("Total", Decimal("15.5"))],
                                 {"type": "bar", "x": 0, "y": [1], "exclude_last": True}))
    assert [m["value"] for m in drawn["series"][0]["marks"]] == [12.5, 3.0]
    assert [label["text"] for label in drawn["labels"]] == ["2026-01", "2026-02"]
    assert drawn["top"] == 12.5
    worked = date(today().year, today().month, 1)
    for i in range(5):
        db.add(HoursEntry(person_id=make_person(last_name=f"B{i}").id, program="core.upkeep",
                          worked_on=worked, hours=Decimal("2.5")))
    db.commit()
    login(role="coordinator")
    page = client.get("/reports/core.volunteer_hours").get_data(as_text=True)
    svg = page.split("<svg")[1].split("</svg>")[0]
    assert svg.count("<rect") == 1 and " 12,5</title></rect>" in svg
    assert ">Total</text>" not in svg
