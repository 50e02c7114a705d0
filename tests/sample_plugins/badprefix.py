"""A plugin whose permission is not prefixed with its name: refused at start-up."""

from core.api import PermissionSpec, PluginInfo, hookimpl


@hookimpl
def plugin_info():
    return PluginInfo("badprefix", "Bad prefix", "", "0.1")


@hookimpl
def register_permissions():
    return [PermissionSpec("core.people.view", "steals a core permission")]
