"""The nursing plugin's hook implementations: each returns declarations from its chapter."""

from __future__ import annotations

from core.api import DemoPractitioner, PluginInfo, ProtocolSpec, hookimpl

from plugins.nursing import (NAME, _, appointments, fhir, forms, indexing, jobs, permissions,
                             person_data, protocols, renderers, reports, retention, service,
                             shareable, views)
from plugins.nursing.oc import registry


@hookimpl
def plugin_info():
    return PluginInfo(NAME, _("Nursing"), _(
        "Nursing visits, vital signs with alert scores, immunization, wound care, nurse "
        "prescriptions and ordonnances collectives."), "1.0.0", kind="discipline",
        discipline=NAME)


@hookimpl
def register_demo_practitioners():
    return [DemoPractitioner("infirmiere", "Isabelle Roy, inf.", NAME, "OIIQ")]


@hookimpl
def register_permissions():
    return permissions.permission_specs()


@hookimpl
def register_forms():
    return forms.form_specs()


@hookimpl
def register_entry_renderers():
    return renderers.renderer_specs()


@hookimpl
def register_shareable_kinds():
    """What coops may share of this service: see ``shareable.py``."""
    return shareable.KINDS


@hookimpl
def register_protocols():
    return protocols.protocol_specs() + [
        ProtocolSpec(service.OC_PROTOCOL_ID, "1", _("Ordonnance collective follow-up"),
                     service.evaluate_application, form_ids=(forms.OC_APPLICATION,),
                     authority=_("M-9, r. 25.1, art. 24 (elements 10, 11 and 16)"))]


@hookimpl
def register_reports():
    return reports.report_specs()


@hookimpl
def register_appointment_types():
    return appointments.appointment_types()


@hookimpl
def register_blueprints():
    return [views.bp]


@hookimpl
def register_nav_items():
    return permissions.nav_items()


@hookimpl
def register_jobs():
    return jobs.job_specs()


@hookimpl
def register_fhir_mappings():
    return fhir.fhir_mappings()


@hookimpl
def plugin_activated(name, session):
    """On first activation, the shipped ordonnances collectives enter the register."""
    if name == NAME:
        registry.load_shipped(session)


#: the chart's question (``chart_panel_reads``): the professions the OCs in force name
PROFESSIONS = f"{NAME}.oc_professions"


@hookimpl
def chart_panel_reads():
    """The professions the OCs in force name (asked with the other panels' questions)."""
    return {PROFESSIONS: registry.professions_asked()}


@hookimpl
def chart_panels(person, viewer, reads):
    return views.chart_panel(person, viewer, registry.professions(reads[PROFESSIONS]))


@hookimpl
def entry_saved(entry, session):
    indexing.on_entry_saved(entry, session)


@hookimpl
def person_merged(kept, merged, session):
    person_data.merge_person(kept, merged, session)


@hookimpl
def person_data_export(person, session):
    return person_data.export_person(person, session)


@hookimpl
def demo_data(session, rng, people):
    from plugins.nursing import demo  # only ``soin demo`` needs it, not every start

    demo.add_demo(session, rng, people)


@hookimpl
def home_sections(viewer):
    """On the home page of whoever keeps the OC register: the OCs about to expire."""
    return views.home_section(viewer)


@hookimpl
def register_retention_rules():
    """How long the discipline's records are kept after the last service."""
    return retention.RULES


@hookimpl
def chart_destroyed(person, session):
    """The privacy officer approved the destruction of the person's chart."""
    return retention.destroy_person(person, session)
