"""The programs volunteers give time to, declared through ``register_volunteer_programs``."""

from __future__ import annotations

from core.registry import plugin_host
from core.specs import VolunteerProgramSpec
from core.typography import sort_key


def programs(active_only: bool = True) -> dict[str, VolunteerProgramSpec]:
    """Declared programs by code (those of active services by default), by title."""
    host = plugin_host()
    specs = host.declarations("register_volunteer_programs", active_only=active_only)
    return {s.code: s for s in sorted(specs, key=lambda s: sort_key(s.title))}


def program_title(code: str) -> str:
    """The program's title in the reader's language; its code when no service declares it."""
    spec = programs(active_only=False).get(code)
    return str(spec.title) if spec is not None else code
