"""The plugins' declarations keyed for lookups, built once per set of active plugins.

Declarations change only when a plugin is added (start-up), and which of them count only when
a service is activated or deactivated; lookups happen on every chart page. So the plugin host
keeps one :class:`Registry` per set of active plugins (see ``PluginHost.derived``): a change of
activation simply selects (or builds) another one, and nothing is scanned per request.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

from flask import current_app

from core.memo import APP_CONTEXT
from core.plugins import PluginHost, is_active


def plugin_host(app: Any = None) -> PluginHost:
    """The plugin host of ``app`` (default: the current application): what was loaded, refused,
    faulty; calling hooks. The one place that knows where the application keeps it."""
    if app is None:
        context = APP_CONTEXT.get(None)  # asked several times a page: Flask's proxy costs more
        app = context.app if context is not None else current_app
    return app.extensions["soin_plugins"]


def plugin_of_blueprint(blueprint: str | None) -> str | None:
    """The plugin that owns a blueprint name (``nursing`` or ``nursing_admin`` -> nursing)."""
    if not blueprint:
        return None
    host = plugin_host()
    owners = host.derived("blueprint_owners", lambda: {
        bp.name: name for name, plugin in host.plugins.items() if name != "core"
        for bp in plugin.declared("register_blueprints")})
    return owners.get(blueprint.split(".")[0])


@dataclass(frozen=True)
class Registry:
    """Forms, protocols and renderers of one set of plugins, keyed.

    ``forms``: every ``(form id, version)``; ``latest``: the newest version by form id;
    ``protocols_by_form``: the protocols evaluated after an entry of a form is saved, in
    declaration order; ``chart_protocols``: those without forms, evaluated on the chart;
    ``form_owner``: the plugin that declared each form id.
    """

    forms: Mapping[tuple[str, int], Any]
    latest: Mapping[str, Any]
    protocols_by_form: Mapping[str, tuple]
    chart_protocols: tuple
    renderers: Mapping[tuple[str, int | None], Any]
    form_owner: Mapping[str, str]

    def form(self, form_id: str, version: int | None = None) -> Any:
        """The FormSpec ``form_id`` at ``version`` (None: the newest), or None."""
        if version is None:
            return self.latest.get(form_id)
        return self.forms.get((form_id, version))

    def protocols_for(self, form_id: str) -> tuple:
        """The ProtocolSpecs that evaluate entries of ``form_id``."""
        return self.protocols_by_form.get(form_id, ())

    def renderer(self, form_id: str, version: int) -> Any:
        """The RendererSpec of this form version (exact version first, then any version)."""
        return self.renderers.get((form_id, version)) or self.renderers.get((form_id, None))


def registry(active_only: bool = True) -> Registry:
    """The registry of the plugins active now (``active_only=False``: every installed one,
    for entries written with a form whose plugin was later deactivated)."""
    host = plugin_host()
    names = tuple(sorted(n for n in host.plugins if not active_only or is_active(n)))
    return host.derived(("registry", names), lambda: build(host, names))


def build(host: PluginHost, names: tuple[str, ...]) -> Registry:
    """Key the declarations of plugins ``names``, in the order they were loaded (core first)."""
    plugins = [p for n, p in host.plugins.items() if n in names]
    forms, latest, owner = {}, {}, {}
    for plugin in plugins:
        for spec in plugin.declared("register_forms"):
            forms[(spec.id, spec.version)] = spec
            owner.setdefault(spec.id, plugin.name)
            if spec.id not in latest or spec.version > latest[spec.id].version:
                latest[spec.id] = spec
    by_form: dict[str, list] = {}
    chart_protocols = []
    renderers: dict = {}
    for plugin in plugins:
        for protocol in plugin.declared("register_protocols"):
            for form_id in protocol.form_ids:
                by_form.setdefault(form_id, []).append(protocol)
            if not protocol.form_ids:
                chart_protocols.append(protocol)
        for renderer in plugin.declared("register_entry_renderers"):
            renderers.setdefault((renderer.form_id, renderer.version), renderer)
    return Registry(MappingProxyType(forms), MappingProxyType(latest),
                    MappingProxyType({k: tuple(v) for k, v in by_form.items()}),
                    tuple(chart_protocols), MappingProxyType(renderers), MappingProxyType(owner))
