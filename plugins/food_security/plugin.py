"""Hook implementations only: each hands core the declarations of the modules beside it."""

from __future__ import annotations

from core.api import PluginInfo, hookimpl
from plugins.food_security import NAME, _, models, permissions  # noqa: F401  (models: tables)


@hookimpl
def plugin_info():
    return PluginInfo(NAME, _("Food security"),
                      _("Solidarity food market buying from local producers, collective kitchens, "
                        "community gardens and food insecurity screening."),
                      "0.1.0", kind="program")


@hookimpl
def register_roles():
    return permissions.roles()


@hookimpl
def register_permissions():
    return permissions.permissions()
