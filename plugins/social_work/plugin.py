"""Hook implementations: each hands core a declaration from the modules beside it."""

from __future__ import annotations

from core.api import DemoPractitioner, PluginInfo, hookimpl

from plugins.social_work import retention

from plugins.social_work import NAME, _, models  # noqa: F401 (models: the tables)  # isort: skip
from plugins.social_work import chart, facts, referrals

from plugins.social_work import views_directory, views_hsds, views_referrals  # noqa: F401  # isort: skip
from plugins.social_work.access import decide
from plugins.social_work.appointments import APPOINTMENT_TYPES
from plugins.social_work.fhir import MAPPINGS
from plugins.social_work.findings import PROTOCOLS
from plugins.social_work.permissions import NAV_ITEMS, PERMISSIONS, ROLES
from plugins.social_work.record import FORMS as RECORD_FORMS
from plugins.social_work.renderers import RENDERERS
from plugins.social_work.reports import REPORTS
from plugins.social_work.screening import FORMS as SCREENING_FORMS
from plugins.social_work.web import bp


@hookimpl
def plugin_info():
    """Social work: the record, social-needs screening, the directory and referrals."""
    return PluginInfo(NAME, _("Social work"),
                      _("The evaluation of social functioning and the social worker's record, "
                        "social-needs screening (AHC HRSN, UCLA-3), a community resource "
                        "directory (Open Referral HSDS) and referrals that close the loop."),
                      "1.0.0", kind="discipline", discipline=NAME)


@hookimpl
def register_demo_practitioners():
    return [DemoPractitioner("travailleuse", "Nadia Côté, t.s.", NAME, "OTSTCFQ")]


@hookimpl
def register_permissions():
    """Referrals, directory, reports, settings (``permissions.py``)."""
    return PERMISSIONS


@hookimpl
def register_roles():
    """The resource navigator, who keeps the directory (never the record)."""
    return ROLES


@hookimpl
def register_forms():
    """The social worker's record and the two screens."""
    return RECORD_FORMS + SCREENING_FORMS


@hookimpl
def register_entry_renderers():
    """Timeline lines and the person's plain language."""
    return RENDERERS


@hookimpl
def register_protocols():
    """The screens' follow-up, with the physically-hurt safety rule (``findings.py``)."""
    return PROTOCOLS


@hookimpl
def register_reports():
    """Screens with a referral, closure, needs over time, directory freshness."""
    return REPORTS


@hookimpl
def register_appointment_types():
    """Evaluation, follow-up and group."""
    return APPOINTMENT_TYPES


@hookimpl
def register_blueprints():
    """Referrals, directory, public page, portal, HSDS (mounted at ``/p/social_work/``)."""
    return [bp]


@hookimpl
def register_nav_items():
    """Referrals, directory, reports, the member's referrals."""
    return NAV_ITEMS


@hookimpl
def register_fhir_mappings():
    """Screens as QuestionnaireResponse and Observations (``fhir.py``)."""
    return MAPPINGS


@hookimpl
def check_entry_access(entry, viewer, action):
    """The record forms stay with social workers, except a transmission the person authorised."""
    return decide(entry, viewer, action)


@hookimpl
def entry_saved(entry, session):
    """Keep the screening's fact for the reports."""
    facts.record_fact(session, entry)


@hookimpl
def action_proposed(action, proposed, session):
    """A referral to social work proposed anywhere becomes a proposed referral here."""
    referrals.from_action(session, action, proposed)


@hookimpl
def chart_panel_reads(viewer):
    """The person's referrals under way (asked with the other panels')."""
    return chart.panel_reads(viewer)


@hookimpl
def chart_panels(person, viewer, reads):
    """The person's referrals under way."""
    return chart.referrals_panel(person, viewer, reads)


@hookimpl
def person_merged(kept, merged, session):
    """Move the merged person's referrals and screening facts to the kept person."""
    referrals.move_person(session, kept, merged)


@hookimpl
def person_data_export(person, session):
    """The person's referrals, for the portability export."""
    return referrals.export_rows(session, person)


@hookimpl
def demo_data(session, rng, people):
    """The demo directory (20 invented Montreal services) and a small caseload."""
    from plugins.social_work import demo  # only ``soin demo`` needs it, not every start

    demo.add_demo_data(session, rng, people)


@hookimpl
def register_retention_rules():
    """How long the discipline's records are kept after the last service."""
    return retention.RULES


@hookimpl
def chart_destroyed(person, session):
    """The privacy officer approved the destruction of the person's chart."""
    return retention.destroy_person(person, session)


@hookimpl
def home_sections(viewer):
    """The referral follow-ups that are due, on the social worker's home work list."""
    return views_referrals.home_section(viewer)
