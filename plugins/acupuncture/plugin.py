"""Hook implementations: each hands core a declaration from the chapters beside it."""

from __future__ import annotations

from core.api import DemoPractitioner, PluginInfo, hookimpl

from plugins.acupuncture import retention

from plugins.acupuncture import (NAME, _, chart, incident_pages, incidents,  # noqa: F401  # isort: skip
                                 models, person_data, session_actions)  # (routes, tables)
from plugins.acupuncture.appointments import APPOINTMENT_TYPES
from plugins.acupuncture.fhir import MAPPINGS
from plugins.acupuncture.forms import FORMS
from plugins.acupuncture.permissions import NAV_ITEMS, PERMISSIONS
from plugins.acupuncture.protocols import PROTOCOLS
from plugins.acupuncture.renderers import RENDERERS
from plugins.acupuncture.reports import REPORTS
from plugins.acupuncture.views import bp


@hookimpl
def plugin_info():
    """The acupuncture service, as the service catalogue shows it."""
    return PluginInfo(NAME, _("Acupuncture"),
                      _("The record the Ordre des acupuncteurs du Québec requires: opening "
                        "evaluation, sessions with points by WHO code and a body map, caution "
                        "points, needle count reconciliation, adverse events and incidents."),
                      "1.0.0", kind="discipline", discipline=NAME)


@hookimpl
def register_demo_practitioners():
    return [DemoPractitioner("acupuncteur", "Tran Minh, ac.", NAME, "OAQ")]


@hookimpl
def register_permissions():
    """Treating, following incidents, reading the figures."""
    return PERMISSIONS


@hookimpl
def register_forms():
    """Opening evaluation, session, adverse event (``forms.py``)."""
    return FORMS


@hookimpl
def register_entry_renderers():
    """Timeline lines, plain language, and the session's points on the entry page."""
    return RENDERERS


@hookimpl
def register_protocols():
    """Serious adverse event and needle not found: coordinator tasks (``protocols.py``)."""
    return PROTOCOLS


@hookimpl
def register_reports():
    """Sessions, points most used, adverse events by type, needle reconciliation."""
    return REPORTS


@hookimpl
def register_appointment_types():
    """First consultation (90 min) and follow-up (60 min)."""
    return APPOINTMENT_TYPES


@hookimpl
def register_blueprints():
    """The session pages and the incident list (``views.py``)."""
    return [bp]


@hookimpl
def register_nav_items():
    """The incident list, for coordinators."""
    return NAV_ITEMS


@hookimpl
def register_fhir_mappings():
    """Session as a Procedure with body sites, adverse event as an AdverseEvent (``fhir.py``)."""
    return MAPPINGS


@hookimpl
def chart_panel_reads(viewer):
    """The open session and the last one's points (asked with the other panels' questions)."""
    return chart.panel_reads(viewer)


@hookimpl
def chart_panels(person, viewer, reads):
    """For acupuncturists: the way into the session page, and the last session's points."""
    return chart.panel(person, viewer, reads)


@hookimpl
def entry_saved(entry, session):
    """A serious adverse event enters the incident list in the same transaction."""
    incidents.from_adverse_event(session, entry)


@hookimpl
def demo_data(session, rng, people):
    """An acupuncture caseload for ``soin demo`` (``demo.py``)."""
    from plugins.acupuncture import demo  # only ``soin demo`` needs it, not every start

    demo.add_demo_data(session, rng, people)


@hookimpl
def person_merged(kept, merged, session):
    """Two records of one person became one: sessions and incidents follow."""
    person_data.merge_person(kept, merged, session)


@hookimpl
def person_data_export(person, session):
    """Open sessions, acknowledged cautions and incidents, for the person's own export."""
    return person_data.export_person(person, session)


@hookimpl
def register_retention_rules():
    """How long the discipline's records are kept after the last service."""
    return retention.RULES


@hookimpl
def chart_destroyed(person, session):
    """The privacy officer approved the destruction of the person's chart."""
    return retention.destroy_person(person, session)
