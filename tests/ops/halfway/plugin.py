"""The ``halfway`` test plugin: installed, its migration commits a change then fails."""

from core.api import PluginInfo, hookimpl


@hookimpl
def plugin_info():
    return PluginInfo("halfway", "Halfway", "A plugin whose migration fails half-way.", "0.2.0",
                      kind="program")
