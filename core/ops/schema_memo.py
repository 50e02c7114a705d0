"""A start's schema check, remembered: ``soin serve`` and ``soin worker`` refuse a database
that is not exactly what the code expects (:func:`core.ops.status.require_current`), and
deciding it with Alembic took each start about 0.2 s, mostly Alembic's own import.

The answer depends on two things only: the migration files installed, and the revisions the
database records in ``alembic_version``. Once Alembic has found a database current, the pair
(a digest of every migration file, those revisions) is kept in the account's cache folder
(:func:`core.compiled_catalogs.account_cache`'s parent). A later start that finds the same
files and the same recorded revisions knows the answer, reading one small table with a plain
statement; anything else (another release, a plugin installed or removed, an upgrade or a
restore of the database, no cache folder) asks Alembic again.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from core.compiled_catalogs import account_cache
from core.migration_paths import version_locations
from core.registry import plugin_host

_RECORDED = text("SELECT version_num FROM alembic_version")


def migrations_digest(app) -> str:
    """A digest of every migration file of core and the installed plugins (names and text)."""
    digest = hashlib.sha256()
    for location in version_locations(plugin_host(app)):
        for path in sorted(Path(location).glob("*.py")):
            digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def recorded_heads(app) -> frozenset[str] | None:
    """The revisions ``alembic_version`` records, None when they cannot be read (no table:
    a new database; unreachable): Alembic then says what is wrong."""
    try:
        with app.extensions["soin_db"].engine.connect() as connection:
            return frozenset(connection.execute(_RECORDED).scalars())
    except SQLAlchemyError:
        return None


def _memo_file() -> Path | None:
    cache = account_cache()
    return cache.parent / "schema-current.json" if cache is not None else None


def known_current(app) -> bool:
    """Whether this database was already found current for these very migration files."""
    memo, heads = _memo_file(), recorded_heads(app)
    if memo is None or not heads:
        return False
    try:
        kept = json.loads(memo.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return (isinstance(kept, dict) and kept.get("migrations") == migrations_digest(app)
            and set(kept.get("heads") or ()) == heads)


def remember_current(app) -> None:
    """Keep that the database is current for these migration files (silently not, where the
    account has no cache folder that can be written)."""
    memo, heads = _memo_file(), recorded_heads(app)
    if memo is None or not heads:
        return
    try:
        memo.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        partial = memo.with_name(f"{memo.name}.{os.getpid()}.tmp")
        partial.write_text(json.dumps({"migrations": migrations_digest(app),
                                       "heads": sorted(heads)}), encoding="utf-8")
        os.replace(partial, memo)
    except OSError:
        pass
