"""Hook implementations only: each hands core the declarations of the modules beside it."""

from __future__ import annotations

from core.api import PluginInfo, hookimpl

from plugins.governance import NAME, _, models  # noqa: F401  (models: every table)  # isort: skip
from plugins.governance import annual, home, people, permissions, reports


@hookimpl
def plugin_info():
    return PluginInfo(NAME, _("Governance"),
                      _("General assemblies (notices, sign-in, quorum, votes by show of hands "
                        "or secret ballot, minutes, resolutions), everyday decisions of teams "
                        "and the board, and the annual report."), "0.1.0", kind="program")


@hookimpl
def register_roles():
    return permissions.roles()


@hookimpl
def register_permissions():
    return permissions.permissions()


@hookimpl
def register_nav_items():
    return permissions.nav_items()


@hookimpl
def register_blueprints():
    from plugins.governance.views import bp

    return [bp]


@hookimpl
def demo_data(session, rng, people):
    from plugins.governance import demo  # only ``soin demo`` needs it, not every start

    demo.load(session, rng, people)


@hookimpl
def register_reports():
    return reports.reports()


@hookimpl
def annual_report_sections(session, year):
    return annual.sections(session, year)


@hookimpl
def decision_records(session):
    from plugins.governance.views_assemblies import decision_records as resolutions

    return resolutions(session)


@hookimpl
def person_data_export(person, session):
    """The person's assemblies and positions, in their own copy of their data."""
    return people.export(person, session)


@hookimpl
def home_sections(viewer):
    """The proposals of the viewer's groups still waiting for their position."""
    return home.home_section(viewer)
