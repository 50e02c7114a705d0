"""An OC application leaves the chart with its questions, not its keys: each answer named as
the OC version asked it, each language of its texts by name, in the language of whoever reads
the export (the member's own, the coop that imports it); a key the version does not know stays
the key, and every linkId stays the key."""

from __future__ import annotations

import json

from fhir.resources.R4B import get_fhir_model_class
from flask_babel import force_locale

from core.record.export import build_bundle
from core.record.transfer import start_import
from core.record.transfer_models import ImportedEntry
from core.record.transfer_read import imported_rows

from plugins.nursing.service import apply_oc
from plugins.nursing.tests.test_oc_engine import CYSTITIS

#: an answer no question of OC-CYSTITE v1 asks (an older or newer version's, say)
UNKNOWN = "asked_by_another_version"


def _apply(app, db, nurse, patient) -> None:
    with app.test_request_context():
        apply_oc(db, person=patient, code="OC-CYSTITE", nurse=nurse, locale="fr_CA",
                 answers={**CYSTITIS, UNKNOWN: True})
    db.commit()


def _application(bundle: dict) -> dict:
    """The bundle's OC application, every item by linkId, however deep (FHIR-validated)."""
    get_fhir_model_class("Bundle").model_validate(bundle)
    response = next(e["resource"] for e in bundle["entry"] if e["resource"].get(
        "questionnaire", "").startswith("urn:soin-commun:form:nursing.oc_application|"))
    get_fhir_model_class("QuestionnaireResponse").model_validate(response)

    def every(items):
        return [i for item in items for i in [item, *every(item.get("item") or [])]]
    return {i["linkId"]: i for i in every(response["item"])}


def test_the_export_names_each_answer_as_the_oc_asked_it_in_the_readers_language(
        app, db, nurse, patient):
    _apply(app, db, nurse, patient)
    for locale, expected in (("fr_CA", {
            "answers.female_anatomy": "Personne de sexe féminin (anatomie féminine)",
            "answers.temperature": "Température", "texts.fr_CA": "Français",
            "texts.en": "Anglais", "texts.en.plan": "Plan", "texts.fr_CA.oc_name": "Nom",
            "texts.en.communication": "Communication au médecin traitant"}), ("en", {
            "answers.female_anatomy": "Female person (female anatomy)",
            "answers.dysuria": "New dysuria (burning when urinating)",
            "texts.fr_CA": "French", "texts.en": "English", "texts.fr_CA.plan": "Plan",
            "texts.en.communication": "Communication to the treating physician"})):
        with app.test_request_context(), force_locale(locale):
            bundle, builder = build_bundle(db, patient)
        assert builder.rejected == []
        items = _application(bundle)
        assert {link: items[link]["text"] for link in expected} == expected, locale
        # the key no question names stays the key; the linkIds stay the keys
        assert items[f"answers.{UNKNOWN}"]["text"] == UNKNOWN
        assert items[f"answers.{UNKNOWN}"]["answer"] == [{"valueBoolean": True}]
        assert {link for link in items if link.startswith("answers.")} == {
            f"answers.{key}" for key in [*CYSTITIS, UNKNOWN]}
        assert "answers.female_anatomy" in items and "texts.fr_CA.plan" in items


def test_the_members_own_export_reads_in_their_language(client, db, app, nurse, patient,
                                                        make_account):
    _apply(app, db, nurse, patient)
    owner = make_account(roles=["member"], person=patient)
    owner.locale = "en"
    db.commit()
    client.post("/login", data={"username": owner.username,
                                "password": "correct horse battery staple"})
    items = _application(json.loads(client.get("/portal/export.fhir.json").get_data(as_text=True)))
    assert items["answers.flank_pain"]["text"] == "Flank or costovertebral-angle pain"
    assert items["texts.en"]["text"] == "English"
    assert "female_anatomy" not in {i["text"] for i in items.values()}


def test_the_coop_that_imports_it_reads_the_questions(app, client, login, db, nurse, patient,
                                                      monkeypatch):
    _apply(app, db, nurse, patient)
    patient.ramq = "LAVM90530212"
    db.commit()
    # written at Coop du Nord, exported in its language, then brought here
    monkeypatch.setitem(app.config, "SOIN_COOP_ID", "coop-du-nord")
    with app.test_request_context(), force_locale("fr_CA"):
        bundle, _builder = build_bundle(db, patient)
    monkeypatch.undo()
    batch = start_import(db, json.dumps(bundle))
    db.commit()
    assert batch.state == "done"
    row = next(r for r in db.query(ImportedEntry).filter_by(person_id=patient.id)
               if (r.resource.get("questionnaire") or "").startswith(
                   "urn:soin-commun:form:nursing.oc_application|"))
    with app.test_request_context(), force_locale("fr_CA"):
        rows = imported_rows(row.resource)
    expected = [("Réponses — Personne de sexe féminin (anatomie féminine)", "Oui"),
                ("Réponses — Température", "37.0"), (f"Réponses — {UNKNOWN}", "Oui"),
                ("Textes dans chaque langue — Anglais — Plan", "Urinalysis and culture")]
    for label, value in expected:
        assert any(r[0] == label and r[1].startswith(value) for r in rows), (label, rows)
    assert not [r for r in rows if r[0] in ("Réponses — female_anatomy",
                                            "Textes dans chaque langue — en — plan")]

    login(nurse)
    page = client.get(f"/people/{patient.id}/chart/imported/{row.id}",
                      headers={"Accept-Language": "fr-CA"}).get_data(as_text=True)
    assert ("<dt>Réponses — Personne de sexe féminin (anatomie féminine)</dt><dd>Oui</dd>"
            in page)
    assert "<dt>Textes dans chaque langue — Français — Nom</dt>" in page
