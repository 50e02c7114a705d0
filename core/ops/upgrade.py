"""``soin db upgrade`` done safely: pre-flight checks, a backup, then the migrations.

A failed upgrade must never leave the coop without its records: before touching a database that
holds data, a backup is taken; if a migration fails, the error says which one, what state the
database is in, and the exact command that puts the backup back.
"""

from __future__ import annotations

import fcntl
import re
import traceback
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import text

from core.migrate import heads_by_branch, upgrade as run_migrations, version_locations
from core.ops import engines
from core.ops.backup import create_backup, has_room
from core.ops.statistics import refresh_statistics
from core.ops.status import Status, database_status
from core.registry import plugin_host

#: one number for the PostgreSQL advisory lock every ``soin db upgrade`` takes
LOCK_KEY = 0x50_1E_C0_DE


class UpgradeRefused(Exception):
    """A pre-flight check failed: nothing was changed."""


class UpgradeFailed(Exception):
    """A migration failed; ``str()`` says which and how to restore the backup taken before."""

    def __init__(self, message: str, backup: Path | None):
        super().__init__(message)
        self.backup = backup


@dataclass
class UpgradeResult:
    """What an upgrade did."""

    created: bool = False  # a new database: the schema was created
    backup: Path | None = None
    applied: list[tuple[str, str]] = field(default_factory=list)


def preflight(app, *, backup: bool = True, backup_to=None) -> Status:
    """Every check an upgrade needs before it changes anything; raise :class:`UpgradeRefused`."""
    status = database_status(app)
    if not status.reachable:
        raise UpgradeRefused(f"cannot reach the database: {status.error}")
    tangled = {label: heads for label, heads in heads_by_branch(app).items() if len(heads) != 1}
    if tangled:
        raise UpgradeRefused("the installed code has migration branches with several heads: "
                             + "; ".join(f"{k}: {', '.join(v)}" for k, v in tangled.items())
                             + " (reinstall a released version)")
    if status.unknown:
        owners = ", ".join(f"{prefix} ({len(tables)} tables)" for prefix, tables in status.orphan_tables.items())
        raise UpgradeRefused(
            f"the database has migrations no installed code knows ({', '.join(status.unknown)})"
            + (f"; tables without a plugin: {owners}" if owners else "")
            + ": install the missing plugin (or the release that made the database) first")
    if backup and status.pending and not status.empty:
        enough, needed, free = has_room(app, backup_to)
        if not enough:
            raise UpgradeRefused(f"not enough disk space for the backup taken before upgrading: "
                                 f"{_mb(needed)} needed, {_mb(free)} free (`--backup-to DIR` "
                                 "puts it elsewhere)")
    return status


def upgrade_safely(app, revision: str = "heads", *, backup: bool = True, backup_to=None,
                   say=lambda message: None) -> UpgradeResult:
    """Pre-flight, backup (when the database holds data and migrations are pending), migrate."""
    with upgrade_lock(app):
        status = preflight(app, backup=backup, backup_to=backup_to)
        result = UpgradeResult(created=status.empty, applied=status.pending)
        if not status.pending:
            return result
        if backup and not status.empty:
            result.backup, manifest = create_backup(app, backup_to, label="pre-upgrade")
            say(f"backup taken before upgrading: {result.backup} "
                f"({sum(manifest.rows.values())} rows in {len(manifest.rows)} tables)")
        try:
            run_migrations(app, revision)
        except Exception as exc:
            raise UpgradeFailed(failure_message(app, exc, result.backup), result.backup) from exc
        # SQLite: an index a migration added gets statistics now, not at the next nightly job
        # (the planner mixing real and default figures could choose worse than with none)
        analyzed = refresh_statistics(app.extensions["soin_db"].engine)
        if analyzed:
            say(f"statistics refreshed for {len(analyzed)} table(s)")
        return result


def failure_message(app, exc: BaseException, backup: Path | None) -> str:
    """What failed, where the database stands now, and how to restore."""
    revision = failed_revision(app, exc)
    lines = [f"UPGRADE FAILED{f' in migration {revision}' if revision else ''}: "
             f"{exc.__class__.__name__}: {str(exc).strip().splitlines()[0] if str(exc).strip() else ''}"]
    after = database_status(app)
    if after.reachable and not after.empty:
        lines.append(f"the database now has {len(after.pending)} migration(s) pending "
                     f"(revisions: {', '.join(b.applied or '-' for b in after.branches)})")
    if backup is not None:
        lines.append("your data as it was before the upgrade is in the backup taken just now; "
                     "stop `soin serve` and `soin worker`, then put it back with:")
        lines.append(f"    soin restore {backup}")
    else:
        lines.append("no backup was taken (new database or --no-backup)")
    lines.append("then report the error above with the versions from `soin db status`")
    return "\n".join(lines)


def failed_revision(app, exc: BaseException) -> str | None:
    """The revision whose migration file raised ``exc`` (read from the traceback)."""
    folders = [str(Path(f).resolve()) for f in version_locations(plugin_host(app))]
    for frame in reversed(traceback.extract_tb(exc.__traceback__)):
        path = str(Path(frame.filename).resolve())
        if any(path.startswith(folder) for folder in folders):
            match = re.match(r"(?:\d{8}_)?([0-9a-f]{12})_", Path(path).name)
            return match.group(1) if match else Path(path).stem
    return None


@contextmanager
def upgrade_lock(app):
    """Only one upgrade at a time: an advisory lock on PostgreSQL, a file lock beside SQLite."""
    url = app.config["SOIN_DATABASE_URL"]
    busy = UpgradeRefused("another `soin db upgrade` is running on this database: wait for it")
    if engines.dialect_of(url) == "postgresql":
        with app.extensions["soin_db"].engine.connect() as conn:
            if not conn.execute(text("SELECT pg_try_advisory_lock(:k)"), {"k": LOCK_KEY}).scalar_one():
                raise busy
            try:
                yield
            finally:
                conn.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": LOCK_KEY})
                conn.commit()
        return
    path = engines.sqlite_path(url)
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(f"{path}.upgrade-lock", "w") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise busy from None
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _mb(size: int) -> str:
    return f"{size / 1_000_000:.1f} MB"
