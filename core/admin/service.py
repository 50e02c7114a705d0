"""Activating and deactivating services (plugins) without a restart."""

from __future__ import annotations

from sqlalchemy.orm import Session

from core.admin.models import PluginState, PluginStateChange
from core.db import utcnow
from core.plugins import CORE, PluginHost, forget_activation_cache


class UnknownPlugin(LookupError):
    """No installed (and accepted) plugin has this name."""


def set_active(db: Session, host: PluginHost, name: str, active: bool, by=None,
               resolution: str = "") -> bool:
    """Turn plugin ``name`` on or off; returns False when nothing changed. ``resolution``: the
    decision cited (an assembly's resolution number, a board decision), kept with the change.

    Data is never touched: deactivating only hides pages, menus, forms, types and jobs.
    """
    if name == CORE or name not in host.plugins:
        raise UnknownPlugin(name)
    state = db.get(PluginState, name)
    if state is not None and state.active == active:
        return False
    label = by.username if by is not None else "shell"
    if state is None:
        state = PluginState(name=name)
        db.add(state)
    state.active = active
    state.changed_at = utcnow()
    state.changed_by_id = by.id if by is not None else None
    state.changed_by_label = label
    state.resolution = resolution[:120]
    db.add(PluginStateChange(name=name, active=active, changed_by_label=label,
                             resolution=resolution[:120]))
    db.flush()
    forget_activation_cache()
    event = "plugin_activated" if active else "plugin_deactivated"
    host.call_each(event, name=name, session=db)
    return True


def states(db: Session) -> dict[str, PluginState]:
    return {s.name: s for s in db.query(PluginState)}
