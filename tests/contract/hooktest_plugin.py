"""A test plugin implementing the hooks, registered for ``tests/contract`` only.

It writes down what core hands it in :data:`CALLS`, so a test can show that core called the
hook, when, and with what. Pages and menus come from ``tests/sample_plugins/sample.py``
(blueprints must exist when the application is created).
"""

from datetime import timedelta

import click
from marshmallow import Schema, fields, validate
from sqlalchemy import Integer, bindparam, func, select

from core.api import (AppointmentTypeSpec, DemoPractitioner, FhirMappingSpec, Finding, FormSpec,
                      JobSpec, PanelSpec, PermissionSpec, PersonLink, PluginInfo, ProposedAction,
                      ProtocolSpec, RendererSpec, RoleSpec, VolunteerProgramSpec, has_permission,
                      hookimpl)
from core.record.models import Entry

NAME = "hooktest"
#: (hook, details) in the order core called them
CALLS: list[tuple[str, dict]] = []
#: what the FHIR mapping returns for the next export (tests make it invalid on purpose)
FHIR_STATUS = {"value": "final"}


def calls(hook: str) -> list[dict]:
    return [details for name, details in CALLS if name == hook]


class NoteSchema(Schema):
    text = fields.String(required=True, validate=validate.Length(min=1, max=200),
                         metadata={"label": "Text"})
    level = fields.Integer(required=True, validate=validate.Range(0, 10),
                           metadata={"label": "Level", "range": (0, 10)})


def high_level(context):
    if (context.payload or {}).get("level", 0) < 8:
        return []
    return [Finding("hooktest.high", "urgent", "Level 8 or more",
                    actions=(ProposedAction("referral", "See social work", to_discipline="social_work"),))]


def note_resources(entry, person):
    return [{"resourceType": "Observation", "status": FHIR_STATUS["value"],
             "code": {"text": "Hook level"}, "valueInteger": entry.payload["level"]}]


def nightly(app):
    CALLS.append(("job", {"app": app.name}))


@click.command("hello")
def hello():
    """Say hello (a plugin's command)."""
    click.echo("hello from hooktest")


@hookimpl
def plugin_info():
    return PluginInfo(NAME, "Hook test service", "Implements the hooks for their tests.", "2.0.1",
                      discipline=NAME)


@hookimpl
def register_demo_practitioners():
    return [DemoPractitioner("hookdemo", "Hook Demo, h.t.", NAME, "Ordre des crochets")]


@hookimpl
def register_roles():
    return [RoleSpec("hooktest.helper", "Hook helper", "Helps with the hook tests.")]


@hookimpl
def register_permissions():
    return [PermissionSpec("hooktest.use", "Use the hook test service",
                           default_roles=("coordinator", "hooktest.helper"))]


@hookimpl
def register_forms():
    return [FormSpec("hooktest.note", 1, "Hook note", NoteSchema, NAME)]


@hookimpl
def register_entry_renderers():
    return [RendererSpec("hooktest.note", lambda p: f"Level {p['level']}: {p['text']}",
                         lambda p: f"You said: {p['text']}")]


@hookimpl
def register_protocols():
    return [ProtocolSpec("hooktest.high", "1", "High level", high_level, form_ids=("hooktest.note",))]


@hookimpl
def register_appointment_types():
    return [AppointmentTypeSpec("hooktest.visit", "Hook visit", timedelta(minutes=30),
                                discipline=NAME)]


@hookimpl
def register_jobs():
    return [JobSpec("hooktest.nightly", nightly, "cron", {"hour": 3})]


@hookimpl
def register_fhir_mappings():
    return [FhirMappingSpec("hooktest.note", note_resources)]


@hookimpl
def register_commands():
    return [hello]


@hookimpl
def demo_data(session, rng, people):
    CALLS.append(("demo_data", {"people": len(people), "session": session}))


#: the panel's questions, built once (core keeps the statement made of them)
READS = {"hooktest.entries": select(func.count(Entry.id))
         .where(Entry.person_id == bindparam("person")).scalar_subquery(),
         "hooktest.year": bindparam("year", type_=Integer)}


@hookimpl
def chart_panel_reads():
    return READS


@hookimpl
def chart_panels(person, viewer, reads):
    return [PanelSpec("hooktest.panel", "Hook panel", lines=(
        f"Panel for {person.first_name}",
        f"{reads['hooktest.entries']} entries, in {reads['hooktest.year']}"))]


#: a test sets "raise" to make the stand-in fail too
UNANSWERED = {"raise": False}


@hookimpl
def chart_panels_unanswered(person, viewer):
    """What shows when the panel's questions could not be asked."""
    if UNANSWERED["raise"]:
        raise RuntimeError("the stand-in failed too")
    return [PanelSpec("hooktest.unanswered", "Hook stand-in",
                      lines=(f"Still here for {person.first_name}",))]


@hookimpl
def person_links(person, viewer):
    """A link for those who may use the hook test service."""
    if not has_permission("hooktest.use", account=viewer):
        return []
    return [PersonLink(f"Hook page of {person.first_name}", f"/hook/{person.id}", order=15)]


@hookimpl
def check_entry_access(entry, viewer, action):
    """Notes containing "private" are hidden from everyone but their author."""
    if "private" in str(entry.payload.get("text", "")) and viewer.id != entry.author_id:
        return False
    return True


@hookimpl
def entry_saved(entry, session):
    CALLS.append(("entry_saved", {"entry": entry.id, "session": session}))


@hookimpl
def appointment_status_changed(appointment, old_status, new_status):
    CALLS.append(("appointment_status_changed", {"appointment": appointment.id,
                                                 "old": old_status, "new": new_status}))


@hookimpl
def plugin_activated(name, session):
    CALLS.append(("plugin_activated", {"name": name}))


@hookimpl
def plugin_deactivated(name, session):
    CALLS.append(("plugin_deactivated", {"name": name}))


@hookimpl
def person_data_export(person, session):
    CALLS.append(("person_data_export", {"person": person.id, "session": session}))
    return {"Hook loans": [{"item": "Sécateur", "returned": None}]}


#: set to an exception to make ``person_merged`` fail (the merge must then change nothing)
MERGE_FAILS = {"with": None}


@hookimpl
def person_merged(kept, merged, session):
    CALLS.append(("person_merged", {"kept": kept.id, "merged": merged.id, "session": session}))
    if MERGE_FAILS["with"] is not None:
        raise MERGE_FAILS["with"]


@hookimpl
def summary_changed(item, change, actor, session):
    CALLS.append(("summary_changed", {"item": item.id, "change": change,
                                      "actor": getattr(actor, "id", None), "session": session}))


@hookimpl
def register_volunteer_programs():
    return [VolunteerProgramSpec("hooktest.helping", "Hook helping", "Helping the hook test")]
