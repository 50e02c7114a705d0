"""A test plugin for the care record: two forms, a renderer, a protocol, a FHIR mapping."""

from datetime import timedelta

from marshmallow import Schema, fields, validate

from core.api import (FhirMappingSpec, Finding, FormSpec, PanelSpec, PluginInfo, ProposedAction,
                      ProtocolSpec, RendererSpec, RetentionSpec, hookimpl)

# Tests don't ship a catalog: plain strings stand in for the plugin's lazy ``_``.


class VitalsSchema(Schema):
    systolic = fields.Integer(required=True, validate=validate.Range(60, 260),
                              metadata={"label": "Systolic pressure", "unit": "mmHg",
                                        "range": (60, 260), "help": "Seated, after 5 minutes"})
    temperature = fields.Decimal(validate=validate.Range(30, 45), places=1,
                                 metadata={"label": "Temperature", "unit": "°C", "range": (30, 45)})
    weight = fields.Float(metadata={"label": "Weight", "unit": "kg"})
    mood = fields.String(validate=validate.OneOf(["good", "low"]),
                         metadata={"label": "Mood", "widget": "radio",
                                   "choices": [("good", "Good"), ("low", "Low")]})
    position = fields.String(validate=validate.OneOf(["sitting", "lying"]),
                             metadata={"label": "Position",
                                       "choices": [("sitting", "Sitting"), ("lying", "Lying")]})
    smoker = fields.Boolean(metadata={"label": "Smokes"})
    measured_on = fields.Date(metadata={"label": "Measured on"})
    measured_at = fields.DateTime(metadata={"label": "Measured at"})
    symptoms = fields.List(fields.String(validate=validate.OneOf(["cough", "fever"])),
                           metadata={"label": "Symptoms",
                                     "choices": [("cough", "Cough"), ("fever", "Fever")]})
    note = fields.String(validate=validate.Length(max=500),
                         metadata={"label": "Note", "widget": "textarea"})


class NoteSchema(Schema):
    text = fields.String(required=True, validate=validate.Length(min=1, max=2000),
                         metadata={"label": "Note", "widget": "textarea"})


def vitals_summary(payload):
    return f"BP {payload['systolic']} mmHg"


def vitals_plain(payload):
    return f"Your blood pressure was {payload['systolic']}."


def high_pressure(context):
    if context.payload.get("note") == "PROTOCOL-BUG":  # a protocol that raises
        raise RuntimeError("a bug in the protocol")
    if context.payload["systolic"] < 180:
        return []
    return [Finding("recordtest.bp", "urgent", "Very high blood pressure",
                    advice="Medical assessment within the hour",
                    actions=(ProposedAction("referral", "See a physician today",
                                            to_discipline="medicine", due_in=timedelta(hours=1)),
                             ProposedAction("task", "Call back tomorrow", to_role="coordinator")),
                    data={"systolic": context.payload["systolic"]})]


def vitals_fhir(entry, person):
    if entry.payload.get("note") == "BAD-FHIR":  # a mapping bug: no status, no code
        return [{"resourceType": "Observation", "valueString": "oops"}]
    return [{"resourceType": "Observation", "status": "final",
             "code": {"coding": [{"system": "http://loinc.org", "code": "8480-6",
                                  "display": "Systolic blood pressure"}]},
             "valueQuantity": {"value": entry.payload["systolic"], "unit": "mmHg",
                               "system": "http://unitsofmeasure.org", "code": "mm[Hg]"}}]


@hookimpl
def plugin_info():
    return PluginInfo("recordtest", "Record test", "A plugin used by the record tests.", "1.0",
                      discipline="recordtest")


@hookimpl
def register_forms():
    return [FormSpec("recordtest.vitals", 1, "Vital signs", VitalsSchema, "recordtest"),
            FormSpec("recordtest.note", 1, "Discipline note", NoteSchema, "recordtest",
                     confidentiality="discipline", member_visible=False),
            FormSpec("recordtest.shared", 1, "Shared note", NoteSchema, None)]


@hookimpl
def register_entry_renderers():
    return [RendererSpec("recordtest.vitals", vitals_summary, vitals_plain)]


@hookimpl
def register_protocols():
    return [ProtocolSpec("recordtest.bp", "2025-1", "High blood pressure", high_pressure,
                         form_ids=("recordtest.vitals",), authority="Test authority")]


@hookimpl
def register_fhir_mappings():
    return [FhirMappingSpec("recordtest.vitals", vitals_fhir)]


#: tests set this to narrow access through the hook: a callable (entry, viewer, action) -> bool
ACCESS_HOOK = {"fn": None}


@hookimpl
def check_entry_access(entry, viewer, action):
    fn = ACCESS_HOOK["fn"]
    return None if fn is None else fn(entry, viewer, action)


#: ids of entries ``entry_saved`` was called with (tests clear it)
SAVED = []


@hookimpl
def entry_saved(entry, session):
    SAVED.append(entry.id)


@hookimpl
def chart_panels(person, viewer):
    return [PanelSpec("recordtest.panel", "Test panel", lines=(f"Panel for {person.first_name}",))]


@hookimpl
def home_sections(viewer):
    """A section on the home page of the test discipline's practitioners."""
    practitioner = getattr(viewer, "practitioner", None)
    if practitioner is None or practitioner.discipline != "recordtest":
        return []
    return [PanelSpec("recordtest.home", "Seeds to sow", data={"items": [
        {"text": "Tomatoes", "url": "/", "note": "today", "urgent": False}]})]


#: set to an exception to make ``chart_destroyed`` fail (the destruction must then change nothing)
DESTROY_FAILS: dict = {"error": None}
DESTROYED: list = []


@hookimpl
def register_retention_rules():
    """The test discipline keeps its records 2 years after the last service."""
    return [RetentionSpec("recordtest", 2, "Test rule, art. 2")]


@hookimpl
def chart_destroyed(person, session):
    if DESTROY_FAILS["error"] is not None:
        raise DESTROY_FAILS["error"]
    DESTROYED.append(person.id)
    return {"recordtest_rows": 3}
