"""Hook implementations only: each hands core the declarations of the modules beside it."""

from __future__ import annotations

from core.api import NavItem, PluginInfo, current_session, hookimpl

from plugins.food_security import models  # noqa: F401  (every table, for the migrations)
from plugins.food_security import (NAME, _, annual, calendar, fhir, people as person_rows,
                                   permissions, reports, retention, screening)
from plugins.food_security.market import home as market_home
from plugins.food_security.permissions import CAFE_SERVE, MARKET_SERVE


@hookimpl
def plugin_info():
    return PluginInfo(NAME, _("Food security"),
                      _("Solidarity food market buying from local producers, collective kitchens, "
                        "community gardens, a social café and food insecurity screening."),
                      "0.1.0", kind="program")


@hookimpl
def register_roles():
    return permissions.roles()


@hookimpl
def register_permissions():
    return permissions.permissions()


@hookimpl
def register_forms():
    return screening.forms()


@hookimpl
def register_entry_renderers():
    return screening.renderers()


@hookimpl
def register_protocols():
    return screening.protocols()


@hookimpl
def register_fhir_mappings():
    return fhir.mappings()


@hookimpl
def register_reports():
    return reports.reports()


@hookimpl
def register_appointment_types():
    return calendar.appointment_types()


@hookimpl
def register_volunteer_programs():
    from plugins.food_security.volunteering import programs

    return programs()


@hookimpl
def register_blueprints():
    from plugins.food_security.views import bp

    return [bp]


@hookimpl
def register_nav_items():
    return [
        NavItem(f"{NAME}.home", _("Food security"), "food_security.home", order=60),
        NavItem(f"{NAME}.market", _("Market"), "food_security.market.index",
                permission=MARKET_SERVE, order=61),
        NavItem(f"{NAME}.cafe", _("Social café"), "food_security.cafe.index",
                permission=CAFE_SERVE, order=62),
        NavItem(f"{NAME}.shop", _("Order from the market"), "food_security.market.shop",
                section="portal", order=60),
    ]


@hookimpl
def entry_saved(entry, session):
    screening.record_result(entry, session)


@hookimpl
def demo_data(session, rng, people):
    from plugins.food_security import demo  # only ``soin demo`` needs it, not every start

    demo.load(session, rng, people)


@hookimpl
def person_data_export(person, session):
    return person_rows.export(person, session)


@hookimpl
def person_merged(kept, merged, session):
    person_rows.merge(kept, merged, session)


@hookimpl
def chart_panel_reads():
    """The food programs panel's questions (asked with the other panels')."""
    return person_rows.panel_reads()


@hookimpl
def chart_panels(person, viewer, reads):
    return person_rows.panels(person, current_session(), reads)


@hookimpl
def chart_destroyed(person, session):
    """The privacy officer approved the destruction of the person's chart."""
    return retention.destroy_person(person, session)


@hookimpl
def annual_report_sections(session, year):
    return annual.sections(session, year)


@hookimpl
def home_sections(viewer):
    """The viewer's own market orders still to pick up: what, how much, when and where."""
    return market_home.home_section(viewer)
