"""Reports count what the service did: OCs by month and outcome, vaccines, alerts, expiry."""

from __future__ import annotations

from babel.dates import format_date

from core.api import record_entry
from core.coop_time import today as coop_today

from plugins.nursing import reports
from plugins.nursing.service import apply_oc
from plugins.nursing.tests.test_oc_engine import CYSTITIS

VITALS_HIGH = {"temperature": 39.5, "pulse": 132, "respiratory_rate": 27, "systolic": 88,
               "diastolic": 50, "spo2": 89, "oxygen": "air", "consciousness": "V"}
VITALS_BP = {"temperature": 36.8, "pulse": 72, "respiratory_rate": 14, "systolic": 190,
             "diastolic": 112, "spo2": 98, "oxygen": "air", "consciousness": "A"}


def test_oc_applications_by_month_and_outcome(app, db, nurse, patient, make_account):
    with app.test_request_context():
        apply_oc(db, person=patient, code="OC-CYSTITE", answers=CYSTITIS, nurse=nurse,
                 locale="fr_CA")
        apply_oc(db, person=patient, code="OC-CYSTITE", answers={**CYSTITIS, "flank_pain": True},
                 nurse=nurse, locale="fr_CA")
        untrained = make_account(roles=["practitioner"], discipline="nursing")
        apply_oc(db, person=patient, code="OC-CYSTITE", answers=CYSTITIS, nurse=untrained,
                 locale="fr_CA")
        table = reports.oc_applications(db, {})
        month = coop_today().strftime("%Y-%m")
        assert table.rows == [(month, "OC-CYSTITE", 1, 2, 0)]
        notes = sorted(str(n) for n in table.notes)
        assert notes == ["Refus, OC-CYSTITE, contre-indication\u202f: upper_uti_signs\u202f: 1",
                         "Refus, OC-CYSTITE, formation manquante\u202f: 1"]
        assert table.chart == {"type": "bar", "x": 0, "y": [2, 3, 4]}
        assert reports.oc_applications(db, {"start": "2020-01-01", "end": "2020-12-31"}).rows == []


def test_immunizations_by_product_and_vital_sign_alerts(app, db, nurse, patient):
    for product in ("influenza", "influenza", "covid19"):
        record_entry(db, person=patient, form_id="nursing.immunization", author=nurse, payload={
            "administered_on": coop_today().isoformat(), "product": product, "lot": "L1",
            "site": "left_deltoid", "route": "IM", "consent": True})
    for payload in (VITALS_HIGH, VITALS_BP, {"pulse": 70}):
        record_entry(db, person=patient, form_id="nursing.vital_signs", author=nurse,
                     payload=payload)
    with app.test_request_context():
        assert reports.immunizations(db, {}).rows == [("Influenza (Inf)", 2), ("COVID-19", 1)]
        month = coop_today().strftime("%Y-%m")
        assert reports.vital_alerts(db, {}).rows == [(month, 3, 0, 1, 1)]


def test_an_amended_or_erroneous_entry_leaves_the_counts(app, db, nurse, patient):
    from core.api import amend_entry, mark_entered_in_error

    entry = record_entry(db, person=patient, form_id="nursing.immunization", author=nurse,
                         payload={"administered_on": coop_today().isoformat(),
                                  "product": "influenza", "lot": "L1", "site": "left_deltoid",
                                  "route": "IM", "consent": True})
    amended = amend_entry(db, entry, author=nurse, reason="wrong product", payload={
        **entry.payload, "product": "covid19"})
    with app.test_request_context():
        assert reports.immunizations(db, {}).rows == [("COVID-19", 1)]
        mark_entered_in_error(db, amended, author=nurse, reason="not given")
        assert reports.immunizations(db, {}).rows == []


def test_expiry_report_lists_every_oc(app, db, nursing):
    with app.test_request_context():
        table = reports.oc_expiry(db, {})
    assert [row[0] for row in table.rows] == ["OC-WARFARINE", "OC-CYSTITE", "OC-CONTRACEPTION"]
    assert table.rows[0][5] == "en vigueur"


def test_reports_read_as_html_with_a_chart_and_as_csv(client, db, login, nurse, patient):
    for payload in (VITALS_HIGH, VITALS_BP):
        record_entry(db, person=patient, form_id="nursing.vital_signs", author=nurse,
                     payload=payload)
    db.commit()
    login(role="coordinator")
    month = coop_today().strftime("%Y-%m")
    page = client.get("/reports/nursing.vital_alerts").get_data(as_text=True)
    assert "<svg" in page and "<polyline" in page and "Urgence (NEWS2 de 7 ou plus)" in page
    # the page names the month ("déc. 2026"); the CSV keeps ISO, for a spreadsheet to sort
    named = format_date(coop_today().replace(day=1), "LLL y", locale="fr_CA")
    assert (f'<td><span class="nowrap">{named}</span></td><td>2</td><td>0</td><td>1</td>'
            "<td>1</td>") in page
    assert f"<td>{month}</td>" not in page
    csv = client.get(f"/reports/nursing.vital_alerts?format=csv&start={coop_today()}")
    assert csv.mimetype == "text/csv"
    assert csv.get_data(as_text=True).splitlines()[1] == f"{month},2,0,1,1"
    expiry = client.get("/reports/nursing.oc_expiry").get_data(as_text=True)
    assert "<rect" in expiry and "OC-WARFARINE" in expiry
    client.post("/logout")
    login(nurse)
    assert client.get("/reports/nursing.vital_alerts").status_code == 403
