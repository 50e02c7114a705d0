"""Hook implementations: each hands core a declaration from the modules beside it."""

from __future__ import annotations

from core.api import DemoPractitioner, PluginInfo, current_session, hookimpl

from plugins.psychology import (NAME, _, chart, models,  # noqa: F401 (models, views_crisis)
                                retention, shareable, views_crisis)
from plugins.psychology.access import active_delay, decide, is_psychology_entry
from plugins.psychology.appointments import APPOINTMENT_TYPES
from plugins.psychology.fhir import MAPPINGS
from plugins.psychology.forms import FORMS
from plugins.psychology.permissions import NAV_ITEMS, PERMISSIONS
from plugins.psychology.protocols import PROTOCOLS
from plugins.psychology.renderers import RENDERERS
from plugins.psychology.reports import REPORTS
from plugins.psychology.views import bp


@hookimpl
def plugin_info():
    return PluginInfo(NAME, _("Psychology"),
                      _("The psychology record (opening, evaluation, plan, notes, closure, "
                        "transmissions), PHQ-9 and GAD-7 with the suicide-risk safety rule, "
                        "outcome tracking."), "1.0.0", kind="discipline", discipline=NAME)


@hookimpl
def register_demo_practitioners():
    return [DemoPractitioner("psychologue", "Marc Lévesque, psychologue", NAME, "OPQ")]


@hookimpl
def register_permissions():
    return PERMISSIONS


@hookimpl
def register_forms():
    return FORMS


@hookimpl
def register_entry_renderers():
    return RENDERERS


@hookimpl
def register_protocols():
    return PROTOCOLS


@hookimpl
def register_reports():
    return REPORTS


@hookimpl
def register_appointment_types():
    return APPOINTMENT_TYPES


@hookimpl
def register_blueprints():
    return [bp]


@hookimpl
def register_nav_items():
    return NAV_ITEMS


@hookimpl
def register_fhir_mappings():
    return MAPPINGS


@hookimpl
def check_entry_access(entry, viewer, action):
    if not is_psychology_entry(entry):
        return None
    delayed = action == "member_read" and active_delay(current_session(), entry) is not None
    return decide(entry, viewer, action, delayed)


@hookimpl
def entry_saved(entry, session):
    """Raw test data gets its note; a risk estimate closes the assessment tasks it answers."""
    chart.note_raw_data(session, entry)
    chart.close_answered_tasks(session, entry)


@hookimpl
def chart_panel_reads(viewer):
    """For psychologists: the coop's crisis lines (asked with the other panels' questions)."""
    return chart.panel_reads(viewer)


@hookimpl
def chart_panels(person, viewer, reads):
    """For psychologists: the assessment under way with the crisis lines, the latest scores."""
    return chart.safety_panel(current_session(), person, viewer, reads)


@hookimpl
def chart_panels_unanswered(person, viewer):
    """The crisis lines could not be asked: an assessment under way with the built-in lines."""
    return chart.unanswered_panel(current_session(), person, viewer)


@hookimpl
def person_merged(kept, merged, session):
    chart.move_delays(session, kept, merged)


@hookimpl
def demo_data(session, rng, people):
    from plugins.psychology import demo  # only ``soin demo`` needs it, not every start

    demo.add_demo_data(session, rng, people)


@hookimpl
def register_shareable_kinds():
    """The coop's crisis lines, shared with other coops as a commons."""
    return shareable.KINDS


@hookimpl
def register_retention_rules():
    """How long the discipline's records are kept after the last service."""
    return retention.RULES


@hookimpl
def chart_destroyed(person, session):
    """The privacy officer approved the destruction of the person's chart."""
    return retention.destroy_person(person, session)
