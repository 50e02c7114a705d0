"""Hook implementations: each hands core a declaration from the modules beside it."""

from __future__ import annotations

from core.api import DemoPractitioner, PluginInfo, clinical_summary, current_session, hookimpl

from plugins.herbalism import retention

from plugins.herbalism import NAME, _, models  # noqa: F401 (models: the tables)  # isort: skip
from plugins.herbalism import followup, monographs, panel, recheck, views_monographs  # noqa: F401  # isort: skip
from plugins.herbalism import shareable
from plugins.herbalism.appointments import APPOINTMENT_TYPES
from plugins.herbalism.fhir import MAPPINGS
from plugins.herbalism.forms import form_specs
from plugins.herbalism.permissions import NAV_ITEMS, PERMISSIONS, ROLES
from plugins.herbalism.protocols import protocol_specs
from plugins.herbalism.renderers import RENDERERS
from plugins.herbalism.reports import REPORTS
from plugins.herbalism.views import bp


@hookimpl
def plugin_info():
    """Who the plugin is: herbalism, a discipline (herbalists are not an order in Quebec)."""
    return PluginInfo(NAME, _("Herbalism"),
                      _("Herbal monographs kept as versioned local data with their sources, an "
                        "herb–drug interaction check against the shared medication list that "
                        "works offline and fails loudly, and the herbalist's record."),
                      "1.0.0", kind="discipline", discipline=NAME)


@hookimpl
def register_demo_practitioners():
    return [DemoPractitioner("herboriste", "Lou Gagnon, herboriste", NAME, "Guilde des herboristes")]


@hookimpl
def register_permissions():
    """Recommending, reading and keeping the monographs, reading the reports."""
    return PERMISSIONS


@hookimpl
def register_roles():
    """The monograph reviewer: keeps the register, never opens a chart."""
    return ROLES


@hookimpl
def register_forms():
    """Intake, consultation, recommendation, follow-up, and the automatic re-check."""
    return form_specs()


@hookimpl
def register_entry_renderers():
    """Timeline lines, and the recommendation in plain language for the person."""
    return RENDERERS


@hookimpl
def register_shareable_kinds():
    """What coops may share of this service: see ``shareable.py``."""
    return shareable.KINDS


@hookimpl
def register_protocols():
    """The check's alerts on recommendations, on re-checks, and live on every chart."""
    return protocol_specs()


@hookimpl
def register_reports():
    """Consultations, recommendations by herb, alerts raised and overridden."""
    return REPORTS


@hookimpl
def register_appointment_types():
    """First consultation, follow-up, workshop."""
    return APPOINTMENT_TYPES


@hookimpl
def register_blueprints():
    """The herbalist's pages and the monograph register, under /p/herbalism/."""
    return [bp]


@hookimpl
def register_nav_items():
    """The monograph register, and the reports (drawn by core)."""
    return NAV_ITEMS


@hookimpl
def register_fhir_mappings():
    """A recommendation as a MedicationStatement, its alerts as DetectedIssues."""
    return MAPPINGS


@hookimpl
def chart_panel_reads():
    """The register's names of the herbs in the person's summary (asked with the other panels')."""
    return panel.panel_reads()


@hookimpl
def chart_panels(person, viewer, reads):
    """The herbs in use, named in the reader's language, and the ways to recommend one or to
    add a medication by name: from the shared summary the chart has read for itself already and
    the names asked with the chart's questions (no statement of its own)."""
    return panel.chart_panel(person, viewer, clinical_summary(current_session(), person.id),
                             reads)


@hookimpl
def summary_changed(item, change, actor, session):
    """The medication list (or allergies, pregnancy...) changed: check the herbs again."""
    recheck.on_summary_changed(session, item, change, actor)


@hookimpl
def entry_saved(entry, session):
    """A follow-up that says "Stop" ends the herb's line in the shared summary."""
    followup.on_entry_saved(entry, session)


@hookimpl
def plugin_activated(name, session):
    """When herbalism itself is activated, the shipped monographs enter the register."""
    if name == NAME:
        monographs.seed(session)


@hookimpl
def demo_data(session, rng, people):
    """An herbalist, a few intakes, recommendations and one override."""
    from plugins.herbalism import demo  # only ``soin demo`` needs it, not every start

    demo.add_demo_data(session, rng, people)


@hookimpl
def register_retention_rules():
    """How long the discipline's records are kept after the last service."""
    return retention.RULES


@hookimpl
def chart_destroyed(person, session):
    """The privacy officer approved the destruction of the person's chart."""
    return retention.destroy_person(person, session)
