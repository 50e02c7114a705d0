"""The interaction check's codes leave in the FHIR export as codings: an alert's severity and
kind, the highest severity, the life stages left unknown, keep their code (what a program reads)
and carry their words in the reader's language (the member's, the coop that imports it)."""

from flask_babel import force_locale

from core.record.transfer_read import imported_rows
from core.testing.fhir import every_item

from plugins.herbalism.tests.test_fhir_reports_demo import overridden, recommendation_response


def _check(app, db, person, herbalist, locale: str) -> tuple[dict, dict]:
    """The recommendation's answers by linkId (FHIR-validated), and the response itself."""
    response = recommendation_response(app, db, person, herbalist, locale)
    answers: dict = {}
    for item in every_item(response["item"]):
        answers.setdefault(item["linkId"], []).extend(item.get("answer") or [])
    return answers, response


def _coding(code: str, display: str) -> dict:
    return {"valueCoding": {"code": code, "display": display}}


def test_the_checks_codes_leave_with_their_words_in_the_readers_language(app, db, herbalist,
                                                                        nurse, person):
    overridden(db, herbalist, nurse, person)  # St. John's wort with sertraline
    for locale, severity, kind, stages in (
            ("fr_CA", "Contre-indiqué", "Médicament", ("Grossesse", "Allaitement")),
            ("en", "Contraindicated", "Medication", ("Pregnancy", "Breastfeeding"))):
        answers, _response = _check(app, db, person, herbalist, locale)
        assert answers["check.alerts.severity"] == [_coding("contraindicated", severity)], locale
        assert answers["check.highest"] == [_coding("contraindicated", severity)], locale
        assert answers["check.alerts.kind"] == [_coding("drug", kind)], locale
        assert answers["check.unknown"] == [_coding("pregnancy", stages[0]),
                                            _coding("lactation", stages[1])], locale
        # what is not a code stays as stored
        assert answers["check.alerts.rule"] == [{"valueString": "hypericum_perforatum.serotonergic"}]
        assert answers["check.alerts.atc"] == [{"valueString": "N06AB06"}]


def test_the_coop_that_imports_it_reads_the_words(app, db, herbalist, nurse, person):
    overridden(db, herbalist, nurse, person)
    _answers, response = _check(app, db, person, herbalist, "fr_CA")
    with app.test_request_context(), force_locale("fr_CA"):
        rows = dict(imported_rows(response))
    assert rows["Résultat de la vérification des interactions — Alertes — Gravité"] == (
        "Contre-indiqué")
    assert rows["Résultat de la vérification des interactions — Alertes — Type"] == "Médicament"
    assert rows["Résultat de la vérification des interactions — Statut inconnu"] == (
        "Grossesse\u202f; Allaitement")
