"""An OC application's coded values leave the chart as codings: each indication present, each
contraindication checked and each choice answer keeps its id as the ``code`` (what a program
reads) and carries the OC version's words as the ``display``, in the language of whoever reads
the export (the member's own, the coop that imports it); an id the version does not know stays
plain."""

from __future__ import annotations

import json

from fhir.resources.R4B import get_fhir_model_class
from flask_babel import force_locale

from core.record.export import build_bundle
from core.record.models import Entry
from core.record.service import amend_entry
from core.record.transfer import start_import
from core.record.transfer_models import ImportedEntry
from core.record.transfer_read import imported_rows

from plugins.nursing.service import apply_oc
from plugins.nursing.tests.test_oc_engine import CYSTITIS, WARFARIN

FORM = "urn:soin-commun:form:nursing.oc_application|"


def _apply(app, db, nurse, patient, code="OC-CYSTITE", answers=CYSTITIS) -> None:
    with app.test_request_context():
        apply_oc(db, person=patient, code=code, nurse=nurse, locale="fr_CA", answers=answers)
    db.commit()


def _applications(bundle: dict) -> list[dict]:
    """The bundle's OC applications (FHIR-validated), each its items by linkId, however deep."""
    get_fhir_model_class("Bundle").model_validate(bundle)

    def every(items):
        return [i for item in items for i in [item, *every(item.get("item") or [])]]
    found = []
    for entry in bundle["entry"]:
        if entry["resource"].get("questionnaire", "").startswith(FORM):
            get_fhir_model_class("QuestionnaireResponse").model_validate(entry["resource"])
            found.append({i["linkId"]: i for i in every(entry["resource"]["item"])})
    return found


def _coding(code: str, display: str) -> dict:
    return {"valueCoding": {"code": code, "display": display}}


def test_indications_and_contraindications_leave_in_the_oc_versions_words(app, db, nurse,
                                                                          patient):
    _apply(app, db, nurse, patient)
    for locale, indications, pregnancy in (
            ("fr_CA", [_coding("dysuria", "Dysurie d’apparition récente"),
                       _coding("frequency", "Pollakiurie d’apparition récente")],
             _coding("pregnancy", "Grossesse connue ou possible")),
            ("en", [_coding("dysuria", "New dysuria"),
                    _coding("frequency", "New urinary frequency")],
             _coding("pregnancy", "Known or possible pregnancy"))):
        with app.test_request_context(), force_locale(locale):
            bundle, builder = build_bundle(db, patient)
        assert builder.rejected == []
        [items] = _applications(bundle)
        assert items["indications"]["answer"] == indications, locale
        checked = items["contraindications_checked"]["answer"]
        assert pregnancy in checked and len(checked) == 5, locale
        assert all("valueCoding" in answer for answer in checked)


def test_a_choice_answer_leaves_in_the_versions_words_and_an_unknown_id_stays_plain(
        app, db, nurse, patient):
    _apply(app, db, nurse, patient, "OC-WARFARINE", WARFARIN)
    _apply(app, db, nurse, patient)
    # an id no version names (written by an older version, say): kept as stored
    entry = next(e for e in db.query(Entry).filter_by(person_id=patient.id)
                 if e.payload.get("oc_code") == "OC-CYSTITE")
    amend_entry(db, entry, payload={**entry.payload, "indications": [
        "dysuria", "retired_indication"]}, author=nurse, workflow="nursing.apply_oc")
    db.commit()
    with app.test_request_context(), force_locale("en"):
        bundle, _builder = build_bundle(db, patient)
    by_code = {items["oc_code"]["answer"][0]["valueString"]: items
               for items in _applications(bundle)}
    assert by_code["OC-WARFARINE"]["answers.target_range"]["answer"] == [
        _coding("2-3", "2.0 to 3.0")]
    assert by_code["OC-WARFARINE"]["answers.inr"]["answer"] == [{"valueDecimal": 2.5}]
    assert by_code["OC-CYSTITE"]["indications"]["answer"] == [
        _coding("dysuria", "New dysuria"), {"valueString": "retired_indication"}]


def test_the_coop_that_imports_it_and_the_member_read_the_words(app, client, login, db, nurse,
                                                               patient, make_account,
                                                               monkeypatch):
    _apply(app, db, nurse, patient)
    patient.ramq = "LAVM90530212"
    owner = make_account(roles=["member"], person=patient)
    owner.locale = "en"
    db.commit()
    client.post("/login", data={"username": owner.username,
                                "password": "correct horse battery staple"})
    [own] = _applications(json.loads(client.get("/portal/export.fhir.json").get_data(as_text=True)))
    assert own["indications"]["answer"][0] == _coding("dysuria", "New dysuria")
    client.post("/logout")
    monkeypatch.setitem(app.config, "SOIN_COOP_ID", "coop-du-nord")
    with app.test_request_context(), force_locale("fr_CA"):
        bundle, _builder = build_bundle(db, patient)
    monkeypatch.undo()
    assert start_import(db, json.dumps(bundle)).state == "done"
    db.commit()
    row = next(r for r in db.query(ImportedEntry).filter_by(person_id=patient.id)
               if (r.resource.get("questionnaire") or "").startswith(FORM))
    with app.test_request_context(), force_locale("fr_CA"):
        rows = dict(imported_rows(row.resource))
    assert rows["Indications présentes"] == (
        "Dysurie d’apparition récente\u202f; Pollakiurie d’apparition récente")
    assert rows["Contre-indications vérifiées"].startswith(
        "Grossesse connue ou possible\u202f; Fièvre (38,0 °C ou plus), douleur au flanc")
    login(nurse)
    page = client.get(f"/people/{patient.id}/chart/imported/{row.id}",
                      headers={"Accept-Language": "fr-CA"}).get_data(as_text=True)
    assert "Dysurie d’apparition récente\u202f; Pollakiurie d’apparition récente" in page
    assert "dysuria" not in page
