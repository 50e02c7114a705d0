"""What ``soin run``, ``soin serve`` and ``soin worker`` do before starting."""

from __future__ import annotations

import click

from core.ops.status import DatabaseNotReady, require_current


def refuse_unless_current(app) -> None:
    """Stop with the exact command to run when the schema is not the code's (nothing starts)."""
    try:
        require_current(app)
    except DatabaseNotReady as exc:
        raise click.ClickException(f"{exc}\n(nothing was started)") from None


def first_beat(app) -> None:
    """The scheduler's first heartbeat, as it starts (the job beats every minute after)."""
    from core.ops.schedule import beat

    beat(app)
