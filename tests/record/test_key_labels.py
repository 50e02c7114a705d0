"""A form's mapping leaves in the FHIR export with each key named as its reader reads it: by
the field's ``key_labels`` (a mapping by key path, or a function of the payload), by a nested
schema's field labels, else by the key itself; the linkId stays the key, and labels that cannot
be worked out cost the labels, never the export."""

from flask_babel import force_locale
from marshmallow import Schema, fields

from core.api import language_name
from core.record.fhir_items import payload_items
from core.record.transfer_read import imported_rows
from core.registry import plugin_host
from core.testing.fhir import every_item, validated_response


def _answer_labels(payload):
    """Labels that depend on the entry: the questions of the version it names."""
    return {"pain": f"Pain (version {payload['version']})", "where": "Où"}


def _failing_labels(_payload):
    raise RuntimeError("a bug in the plugin's labels")


class PointSchema(Schema):
    side = fields.String(metadata={"label": "Side", "choices": [("left", "Left side")]})
    depth = fields.Float(metadata={"label": "Depth"})


class MappingSchema(Schema):
    version = fields.Integer(metadata={"label": "Version"})
    answers = fields.Dict(metadata={"label": "Answers", "key_labels": _answer_labels})
    check = fields.Dict(metadata={"label": "Check", "key_labels": {
        "alerts": "Alerts", "alerts.severity": "Severity", "alerts.about": "About",
        "ran": "The check ran"}})
    texts = fields.Dict(metadata={"label": "Texts", "key_labels": lambda payload: {
        code: language_name(code) for code in payload.get("texts", {})}})
    broken = fields.Dict(metadata={"label": "Broken", "key_labels": _failing_labels})
    points = fields.List(fields.Nested(PointSchema), metadata={"label": "Points"})
    plain = fields.Dict(metadata={"label": "Plain"})


PAYLOAD = {
    "version": 3,
    "answers": {"pain": True, "where": "flank", "asked_elsewhere": False},
    "check": {"ran": True, "alerts": [{"severity": "major", "about": {"fr": "Sertraline"},
                                       "rule": "st_johns_wort.ssri"},
                                      {"severity": "minor", "about": {"fr": "Café"}}]},
    "texts": {"fr_CA": {"plan": "Repos"}, "en": {"plan": "Rest"}},
    "broken": {"kept": "still here"},
    "points": [{"side": "left", "depth": 12.5, "mark": "x"}],
    "plain": {"raw_key": 1},
}


def _items(app, locale="fr_CA") -> tuple[list, dict, object]:
    """The payload's items (FHIR-validated), their texts by linkId, and the fault the failing
    labels recorded against the form's plugin."""
    with app.test_request_context(), force_locale(locale):
        items = payload_items(PAYLOAD, MappingSchema().load_fields, "recordtest.vitals")
    fault = plugin_host(app).faults.pop("recordtest", None)
    validated_response(items)
    texts = {}
    for item in every_item(items):
        texts.setdefault(item["linkId"], []).append(item["text"])
    return items, texts, fault


def test_each_key_is_named_by_its_fields_labels_and_the_rest_keep_their_key(app):
    items, texts, _fault = _items(app)
    expected = {
        "answers.pain": ["Pain (version 3)"], "answers.where": ["Où"],
        "answers.asked_elsewhere": ["asked_elsewhere"],
        "check.ran": ["The check ran"], "check.alerts": ["Alerts", "Alerts"],
        "check.alerts.severity": ["Severity", "Severity"],
        "check.alerts.about": ["About", "About"], "check.alerts.about.fr": ["fr", "fr"],
        "check.alerts.rule": ["rule"],
        "texts.fr_CA": ["Français"], "texts.en": ["Anglais"], "texts.en.plan": ["plan"],
        "points.side": ["Side"], "points.depth": ["Depth"], "points.mark": ["mark"],
        "plain.raw_key": ["raw_key"]}
    assert {link: texts[link] for link in expected} == expected
    points = next(i for i in items if i["linkId"] == "points")
    assert {c["linkId"]: c["answer"] for c in points["item"]} == {
        "points.side": [{"valueCoding": {"code": "left", "display": "Left side"}}],
        "points.depth": [{"valueDecimal": 12.5}], "points.mark": [{"valueString": "x"}]}
    # what the coop that imports it reads, one row a key, named after its groups
    with app.test_request_context(), force_locale("fr_CA"):
        rows = imported_rows({"resourceType": "QuestionnaireResponse", "item": items})
    assert ("Answers — Pain (version 3)", "Oui") in rows
    assert ("Answers — asked_elsewhere", "Non") in rows
    assert ("Texts — Anglais — plan", "Rest") in rows
    assert ("Points — Side", "Left side") in rows


def test_labels_follow_the_readers_language(app):
    _items_, texts, _fault = _items(app, "en")
    assert (texts["texts.fr_CA"], texts["texts.en"]) == (["French"], ["English"])


def test_labels_that_cannot_be_worked_out_leave_the_keys_and_mark_the_plugin(app):
    _items_, texts, fault = _items(app)
    assert texts["broken"] == ["Broken"] and texts["broken.kept"] == ["kept"]
    assert fault is not None and fault.hook == "register_forms"
    assert "a bug in the plugin's labels" in fault.error
