"""Where the migrations live: core's versions folder, then each installed plugin's.

Kept apart from :mod:`core.migrate`, which imports Alembic: ``soin serve`` and ``soin worker``
ask for these folders on every start (:mod:`core.ops.schema_memo`), and importing Alembic
(its DDL helpers for every database it knows) cost a start about 0.2 s.
"""

from __future__ import annotations

from pathlib import Path

CORE_MIGRATIONS = Path(__file__).parent / "migrations"


def version_locations(host) -> list[str]:
    """Core's versions folder, then each installed plugin's, by convention."""
    locations = [str(CORE_MIGRATIONS / "versions")]
    for plugin in host.installed():
        folder = plugin.path / "migrations" / "versions" if plugin.path else None
        if folder is not None and folder.is_dir():
            locations.append(str(folder))
    return locations
