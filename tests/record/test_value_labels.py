"""A form's coded values leave in the FHIR export as codings: the stored code (what a program
reads) and the reader's words, from the field's ``value_labels`` (a mapping by key path, the
field's own values at ``""``, or a function of the payload when the words depend on the
entry); a value no label names keeps its type, and words that cannot be worked out cost the
words, never the export."""

from flask_babel import force_locale
from marshmallow import Schema, fields

from core.api import language_name
from core.record.fhir_items import payload_items
from core.record.transfer_read import imported_rows
from core.registry import plugin_host
from core.testing.contract_support import schema_texts
from core.testing.fhir import every_item, validated_response


def _version_words(payload):
    """Words that depend on the entry: those of the version it names."""
    return {"": {"fever": f"Fever (version {payload['version']})", "pain": "Douleur"}}


def _failing_words(_payload):
    raise RuntimeError("a bug in the plugin's words")


class CodedSchema(Schema):
    version = fields.Integer(metadata={"label": "Version"})
    signs = fields.List(fields.String(), metadata={"label": "Signs",
                                                   "value_labels": _version_words})
    check = fields.Dict(metadata={"label": "Check", "key_labels": {"alerts": "Alerts"},
                                  "value_labels": {"alerts.severity": {"major": "Major"},
                                                   "highest": {"major": "Major"}}})
    langs = fields.Dict(metadata={"label": "Languages", "value_labels": lambda payload: {
        "spoken": {code: language_name(code) for code in ("fr", "en")}}})
    broken = fields.List(fields.String(), metadata={"label": "Broken",
                                                    "value_labels": _failing_words})


PAYLOAD = {
    "version": 3,
    "signs": ["fever", "pain", "unknown_sign"],
    "check": {"ran": True, "highest": "major",
              "alerts": [{"severity": "major", "rule": "r1"}, {"severity": "minor"}]},
    "langs": {"spoken": ["fr", "en"], "count": 2},
    "broken": ["kept"],
}


def _answers(app, locale="fr_CA") -> tuple[list, dict, object]:
    """The payload's items (FHIR-validated), their answers by linkId, and the fault."""
    with app.test_request_context(), force_locale(locale):
        items = payload_items(PAYLOAD, CodedSchema().load_fields, "recordtest.vitals")
    fault = plugin_host(app).faults.pop("recordtest", None)
    validated_response(items)
    answers = {}
    for item in every_item(items):
        answers.setdefault(item["linkId"], []).append(item.get("answer"))
    return items, answers, fault


def _coding(code, display):
    return {"valueCoding": {"code": code, "display": display}}


def test_coded_values_leave_as_codings_and_the_rest_keep_their_type(app):
    items, answers, _fault = _answers(app)
    assert answers["signs"] == [[_coding("fever", "Fever (version 3)"),
                                 _coding("pain", "Douleur"), {"valueString": "unknown_sign"}]]
    assert answers["check.alerts.severity"] == [[_coding("major", "Major")],
                                                [{"valueString": "minor"}]]
    assert answers["check.highest"] == [[_coding("major", "Major")]]
    assert answers["check.alerts.rule"] == [[{"valueString": "r1"}]]
    assert answers["check.ran"] == [[{"valueBoolean": True}]]
    assert answers["langs.spoken"] == [[_coding("fr", "Français"), _coding("en", "Anglais")]]
    assert answers["langs.count"] == [[{"valueInteger": 2}]]
    # what the coop that imports it reads
    with app.test_request_context(), force_locale("fr_CA"):
        rows = imported_rows({"resourceType": "QuestionnaireResponse", "item": items})
    assert ("Signs", "Fever (version 3)\u202f; Douleur\u202f; unknown_sign") in rows
    assert ("Check — Alerts — severity", "Major") in rows
    assert ("Languages — spoken", "Français\u202f; Anglais") in rows


def test_words_follow_the_readers_language(app):
    items, answers, _fault = _answers(app, "en")
    assert answers["langs.spoken"] == [[_coding("fr", "French"), _coding("en", "English")]]
    with app.test_request_context(), force_locale("en"):
        rows = imported_rows({"resourceType": "QuestionnaireResponse", "item": items})
    assert ("Languages — spoken", "French; English") in rows  # French sets a space before ";"


def test_words_that_cannot_be_worked_out_leave_the_values_and_mark_the_plugin(app):
    _items, answers, fault = _answers(app)
    assert answers["broken"] == [[{"valueString": "kept"}]]
    assert answers["signs"][0][0] == _coding("fever", "Fever (version 3)")
    assert fault is not None and fault.hook == "register_forms"
    assert "a bug in the plugin's words" in fault.error


def test_the_contract_reads_declared_words_so_their_translation_is_checked():
    """A plugin's static words are texts a person reads: the catalog check sees each one
    (a function's depend on the entry and are the plugin's to translate)."""
    texts = dict(schema_texts(CodedSchema, "recordtest.coded"))
    assert texts["recordtest.coded field check value 'alerts.severity' 'major'"] == "Major"
    assert not [where for where in texts if "field signs value" in where]
