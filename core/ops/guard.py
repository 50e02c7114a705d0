"""The check ``soin run``, ``soin serve`` and ``soin worker`` make before starting."""

from __future__ import annotations

import click

from core.ops.status import DatabaseNotReady, require_current


def refuse_unless_current(app) -> None:
    """Stop with the exact command to run when the schema is not the code's (nothing starts)."""
    try:
        require_current(app)
    except DatabaseNotReady as exc:
        raise click.ClickException(f"{exc}\n(nothing was started)") from None
