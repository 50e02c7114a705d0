"""Plugin discovery, validation, activation state and fault isolation.

pluggy stops a hook call at the first exception, so core never calls ``pm.hook.x()`` directly:
:meth:`PluginHost.call_each` calls each implementation separately and records faults.
"""

from __future__ import annotations

import logging
import traceback
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from functools import partial
from importlib import metadata
from pathlib import Path
from typing import Any

import pluggy
from flask import Blueprint, g

from core import hookspecs
from core.db import utcnow
from core.memo import APP_CONTEXT
from core.specs import SpecError

log = logging.getLogger("soin.plugins")

ENTRY_POINT_GROUP = "soin.plugins"
CORE = "core"

#: declaration hook -> (the spec attribute that must be unique, whether a list is expected)
DECLARATION_HOOKS = {
    "register_permissions": "code",
    "register_roles": "code",
    "register_forms": None,  # unique on (id, version), checked separately
    "register_entry_renderers": None,
    "register_protocols": "id",
    "register_reports": "id",
    "register_appointment_types": "code",
    "register_blueprints": "name",
    "register_nav_items": "id",
    "register_jobs": "id",
    "register_fhir_mappings": None,
    "register_demo_practitioners": "username",
    "register_retention_rules": "discipline",
    "register_volunteer_programs": "code",
    "register_shareable_kinds": "id",
}


@dataclass
class Fault:
    """The last error a plugin raised, shown to admins."""

    hook: str
    error: str
    at: datetime
    detail: str = ""


@dataclass
class LoadedPlugin:
    """What core knows of one installed plugin."""

    name: str
    module: Any
    info: Any = None
    source: str = "built-in"
    version: str = ""
    path: Path | None = None
    declarations: dict[str, list] = field(default_factory=dict)

    def declared(self, hook: str) -> list:
        return self.declarations.get(hook, [])


class PluginHost:
    """The pluggy manager plus everything core derived from the plugins at start-up."""

    def __init__(self, load_only: Iterable[str] | None = None):
        self.pm = pluggy.PluginManager("soin")
        self.pm.add_hookspecs(hookspecs)
        self.load_only = set(load_only) if load_only else None
        self.plugins: dict[str, LoadedPlugin] = {}
        self.refused: dict[str, str] = {}
        self.faults: dict[str, Fault] = {}
        self._derived: dict[str, Any] = {}

    # --- discovery ------------------------------------------------------------------------

    def load(self, builtin: Any, extra: Iterable[tuple[str, Any]] = ()) -> None:
        """Register core's own declarations (``builtin``: the module ``core.builtin``, passed
        in so the host depends on no core area), every ``soin.plugins`` entry point, then
        ``extra`` ones."""
        self.pm.register(builtin, name=CORE)
        self.plugins[CORE] = LoadedPlugin(CORE, builtin, source="core")
        self._collect(CORE)
        packages: dict[int, str] = {}  # one package's metadata file is parsed once, not per plugin
        for ep in metadata.entry_points(group=ENTRY_POINT_GROUP):
            if self.load_only is not None and ep.name not in self.load_only:
                continue
            try:
                module = ep.load()
            except Exception as exc:  # an import error refuses the plugin, not the platform
                self._refuse(ep.name, f"import failed: {exc!r}")
                continue
            if ep.dist is not None and id(ep.dist) not in packages:
                packages[id(ep.dist)] = ep.dist.metadata["Name"]
            self.add(ep.name, module, dist=ep.dist,
                     package=packages.get(id(ep.dist)) if ep.dist is not None else None)
        for name, module in extra:
            self.add(name, module)

    def add(self, name: str, module: Any, dist=None, package: str | None = None) -> bool:
        """Register one plugin and validate what it declares; refuse it if anything is wrong.
        ``dist``: the distribution that installed it (``package``: its name, when known)."""
        if name in self.plugins or name == CORE:
            self.refused[name] = f"plugin {name!r}: the name is already taken"
            return False
        try:
            self.pm.register(module, name=name)
            self.pm.check_pending()
        except (pluggy.PluginValidationError, ValueError) as exc:
            self._unregister(name)
            self._refuse(name, f"invalid hook implementation: {exc}")
            return False
        plugin = LoadedPlugin(name, module, path=_module_dir(module))
        if dist is not None:
            package = package or dist.metadata["Name"]
            if package != "soin-commun":
                plugin.source = f"package {package} {dist.version}"
        self.plugins[name] = plugin
        try:
            self._collect(name)
        except SpecError as exc:
            self._unregister(name)
            self.plugins.pop(name, None)
            self._refuse(name, str(exc))
            return False
        return True

    def _unregister(self, name: str) -> None:
        module = self.pm.get_plugin(name)
        if module is not None:
            self.pm.unregister(module, name=name)

    def _refuse(self, name: str, reason: str) -> None:
        log.error("plugin %s refused: %s", name, reason)
        self.refused[name] = reason

    def _collect(self, name: str) -> None:
        """Call every declaration hook of plugin ``name``, validate and keep the results."""
        self._derived.clear()
        plugin = self.plugins[name]
        impl = self.pm.get_plugin(name)
        info = self._call_one(name, "plugin_info")
        if name != CORE:
            if info is None:
                raise SpecError(f"plugin {name!r}: plugin_info() is required")
            info.validate(name)
            plugin.info = info
            plugin.version = info.version
        for hook in DECLARATION_HOOKS:
            if not hasattr(impl, hook):
                continue
            result = self._call_one(name, hook) or []
            for item in result:
                if isinstance(item, Blueprint):
                    if not item.name.startswith(name):
                        raise SpecError(f"plugin {name!r}: blueprint {item.name!r} must start with its name")
                elif hasattr(item, "validate") and name != CORE:
                    item.validate(name)
            plugin.declarations[hook] = list(result)
        self._check_unique(name)

    def _check_unique(self, name: str) -> None:
        """Refuse a plugin whose ids collide with those already loaded (or with its own)."""
        plugin = self.plugins[name]
        for hook, attr in DECLARATION_HOOKS.items():
            keyer = (lambda s: (s.id, s.version)) if hook == "register_forms" else (
                (lambda s, a=attr: getattr(s, a)) if attr else None)
            if keyer is None:
                continue
            seen = {keyer(s) for other in self.plugins.values() if other is not plugin
                    for s in other.declared(hook)}
            mine = [keyer(s) for s in plugin.declared(hook)]
            dupes = {k for k in mine if k in seen or mine.count(k) > 1}
            if dupes:
                raise SpecError(f"plugin {name!r}: duplicate {hook[9:]} {sorted(map(str, dupes))}")

    def _call_one(self, name: str, hook: str, **kwargs):
        impl = self.pm.get_plugin(name)
        func = getattr(impl, hook, None)
        if func is None:
            return None
        try:
            return func(**kwargs)
        except Exception as exc:
            self.record_fault(name, hook, exc)
            return None

    # --- calling hooks --------------------------------------------------------------------

    def implementations(self, hook: str, active_only: bool = True):
        """``(plugin, call)`` for each implementation of ``hook``, where ``call(**kwargs)``
        passes the implementation only the arguments it names. Nothing is caught: callers
        decide (``call_each`` isolates faults, a merge lets one cancel everything)."""
        for impl in getattr(self.pm.hook, hook).get_hookimpls():
            name = self.pm.get_name(impl.plugin)
            if active_only and not is_active(name):
                continue
            yield name, partial(_call_with_named_args, impl)

    def call_each(self, hook: str, active_only: bool = True, *,
                  fault: Callable[[str], Any] | None = None,
                  run: Callable[..., Any] | None = None, **kwargs) -> list[tuple[str, Any]]:
        """Call ``hook`` on each plugin separately; return ``[(plugin, result)]`` in the
        plugins' order (None dropped).

        A plugin that raises is logged and recorded as faulty; the others still run. ``fault``:
        what stands in its place, ``fault(plugin)`` (nothing by default). ``run``: how each is
        called, ``run(plugin, call, **kwargs)`` (by default ``call(**kwargs)``).
        """
        results = []
        for name, call in self.implementations(hook, active_only):
            try:
                result = call(**kwargs) if run is None else run(name, call, **kwargs)
            except Exception as exc:
                self.record_fault(name, hook, exc)
                result = None if fault is None else fault(name)
            if result is not None:
                results.append((name, result))
        return results

    def record_fault(self, name: str, hook: str, exc: BaseException) -> None:
        log.exception("plugin %s raised in %s", name, hook, exc_info=exc)
        self.faults[name] = Fault(hook, repr(exc), utcnow(), traceback.format_exc(limit=5))

    # --- declarations ---------------------------------------------------------------------

    def declarations(self, hook: str, active_only: bool = True) -> list:
        """Every declaration made through ``hook``, from active plugins (core always counts)."""
        out = []
        for name, plugin in self.plugins.items():
            if active_only and not is_active(name):
                continue
            out.extend(plugin.declared(hook))
        return out

    def derived(self, key: str, make: Callable[[], Any]) -> Any:
        """Something worked out from the declarations once (they change only when a plugin
        is added), e.g. a map of appointment types by code."""
        if key not in self._derived:
            self._derived[key] = make()
        return self._derived[key]

    def owner_of(self, hook: str, key: str, attr: str = "id") -> str | None:
        """The plugin that declared ``key`` through ``hook``."""
        for name, plugin in self.plugins.items():
            if any(getattr(s, attr, None) == key for s in plugin.declared(hook)):
                return name
        return None

    def installed(self) -> list[LoadedPlugin]:
        """Installed plugins (not core), sorted by name."""
        return sorted((p for n, p in self.plugins.items() if n != CORE), key=lambda p: p.name)


def _module_dir(module: Any) -> Path | None:
    file = getattr(module, "__file__", None)
    return Path(file).resolve().parent if file else None


# --- activation ------------------------------------------------------------------------------


def active_names() -> set[str]:
    """The plugins active in this coop, read once per request (activation is data)."""
    context = APP_CONTEXT.get(None)  # asked several times a page: Flask's ``g`` costs more
    request_g = context.g if context is not None else g
    found = request_g.__dict__.get("_soin_active")
    if found is None:
        from core import db
        from core.admin.models import PluginState

        rows = db.session().query(PluginState.name).filter(PluginState.active.is_(True))
        found = request_g._soin_active = {r[0] for r in rows}
    return found


def remember_active(names: set[str]) -> None:
    """Keep for the request the active plugins read by someone else (one statement per page)."""
    g._soin_active = set(names)


def is_active(name: str) -> bool:
    return name == CORE or name in active_names()


def forget_activation_cache() -> None:
    from core.memo import forget

    g.pop("_soin_active", None)
    forget()  # menus and hook lists worked out for this request followed the old activation


def _call_with_named_args(impl, **kwargs):
    return impl.function(**{arg: kwargs[arg] for arg in impl.argnames})
