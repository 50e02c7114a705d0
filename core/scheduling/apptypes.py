"""Appointment types: declared by plugins (``register_appointment_types``), tuned by the coop."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy.orm import Session

from core.plugins import is_active
from core.registry import plugin_host
from core.scheduling.errors import UnknownType
from core.scheduling.models import TypeSetting
from core.typography import sort_key


def declared_types(active_only: bool = True) -> list:
    """Every :class:`core.specs.AppointmentTypeSpec` of active plugins, sorted by title."""
    host = plugin_host()
    return sorted(host.declarations("register_appointment_types", active_only=active_only),
                  key=lambda spec: sort_key(spec.title))


def get_type(code: str, active_only: bool = True):
    """The declared type ``code``; :class:`UnknownType` when absent or its plugin inactive.

    Found in a map of the declarations by code, kept with them (codes are unique), and only
    its plugin's activation asked: walking every plugin's declarations, each asked whether
    active, was about 100 Python calls a booking (sorting them by title, as
    :func:`declared_types` does for lists, translated every title on every booking)."""
    found = _types_by_plugin().get(code)
    if found is None or (active_only and not is_active(found[0])):
        raise UnknownType(field="type_code")
    return found[1]


def _types_by_plugin() -> dict:
    """code -> (plugin name, spec) of every declared type, active or not."""
    host = plugin_host()
    return host.derived("appointment_types_by_plugin", lambda: {
        spec.code: (name, spec) for name, plugin in host.plugins.items()
        for spec in plugin.declared("register_appointment_types")})


def longest() -> timedelta:
    """The longest a booking can last: a day, or more if a declared type lasts longer.

    Queries for what overlaps a time also ask for ``starts_at > start - longest()``: the same
    rows, but an index on (resource, starts_at) then reads one day, not the resource's history.
    """
    return max([timedelta(days=1)] + [spec.duration for spec in _every_type().values()])


def type_title(code: str) -> str:
    """A type's title in the reader's language, or its code when no longer declared."""
    spec = _every_type().get(code)
    return str(spec.title) if spec is not None else code


def _every_type() -> dict:
    """code -> spec of every declared type, active or not."""
    host = plugin_host()
    return host.derived("appointment_types", lambda: {
        spec.code: spec for spec in host.declarations("register_appointment_types",
                                                      active_only=False)})


def online_allowed(db: Session, spec) -> bool:
    """May members book ``spec`` from the portal? The plugin offers it; the coop may refuse."""
    return bool(spec.bookable_online) and _coop_allows(db, spec.code)


def _coop_allows(db: Session, code: str) -> bool:
    setting = db.get(TypeSetting, code)
    return True if setting is None else setting.online


def set_online(db: Session, code: str, allowed: bool) -> None:
    """Switch online booking of a declared type on or off for this coop."""
    get_type(code, active_only=False)
    setting = db.get(TypeSetting, code) or TypeSetting(code=code)
    setting.online = allowed
    db.add(setting)
    db.flush()


def online_types(db: Session) -> list:
    """Types members may book from the portal."""
    return [spec for spec in declared_types() if online_allowed(db, spec)]
