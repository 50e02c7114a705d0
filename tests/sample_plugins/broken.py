"""A plugin that declares fine but raises whenever core calls it at run time."""

from core.api import PluginInfo, hookimpl


@hookimpl
def plugin_info():
    return PluginInfo("broken", "Broken", "Raises on purpose.", "0.0.1", kind="program")


@hookimpl
def plugin_activated(name, session):
    raise RuntimeError("broken on purpose")


@hookimpl
def chart_panels(person, viewer):
    raise RuntimeError("broken on purpose")
