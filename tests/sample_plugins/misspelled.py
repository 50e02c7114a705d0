"""A plugin with a misspelled hook: refused at start-up."""

from core.api import PluginInfo, hookimpl


@hookimpl
def plugin_info():
    return PluginInfo("misspelled", "Misspelled", "", "0.1")


@hookimpl
def register_navitems():
    return []
