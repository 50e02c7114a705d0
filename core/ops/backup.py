"""Backups of the whole database: make one, restore one, check one in a scratch database.

A backup is one file (:mod:`core.ops.archive`) in the backup folder (``SOIN_BACKUP_DIR``,
default ``instance/backups``), named by its UTC time: ``soin-backup-20261205T023000Z.tar``
(``.tar.enc`` when ``SOIN_BACKUP_KEY`` is set). Each good backup is remembered in the database
(``backup_ok`` mark) for the coordinator's warning and ``/healthz``.
"""

from __future__ import annotations

import shutil
import tempfile
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from pathlib import Path

from core import __version__
from core.ops import engines
from core.ops.archive import BackupError, Manifest, is_backup_name, read, sha256_of, write
from core.registry import plugin_host


@dataclass
class VerifyReport:
    """What ``soin backup verify`` found: the manifest, and the differences (none when good)."""

    manifest: Manifest
    differences: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.differences


def backup_dir(app, to: str | Path | None = None) -> Path:
    folder = Path(to or app.config["SOIN_BACKUP_DIR"]).resolve()
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    return folder


def create_backup(app, to: str | Path | None = None, *, label: str = "") -> tuple[Path, Manifest]:
    """Copy the database into a new backup file; return its path and manifest.

    Safe while the server runs. ``label`` is added to the file name (``pre-upgrade``...).
    """
    url = app.config["SOIN_DATABASE_URL"]
    dialect = engines.dialect_of(url)
    folder = backup_dir(app, to)
    now = datetime.now(timezone.utc).replace(microsecond=0)
    while any(folder.glob(f"soin-backup-{now:%Y%m%dT%H%M%SZ}*")):
        now += timedelta(seconds=1)  # one name per second: a second backup never replaces one
    stamp = now.strftime("%Y%m%dT%H%M%SZ")
    with tempfile.TemporaryDirectory(dir=folder, prefix=".partial-") as work:
        payload = Path(work) / ("database.sqlite" if dialect == "sqlite" else "database.pgdump")
        if dialect == "sqlite":
            revisions, rows = engines.sqlite_snapshot(url, payload)
        elif dialect == "postgresql":
            revisions, rows = engines.pg_snapshot(url, payload)
        else:
            raise BackupError(f"backups of {dialect} databases are not supported")
        manifest = Manifest(
            created_at=now.isoformat(timespec="seconds"), database=dialect, payload=payload.name,
            sha256=sha256_of(payload), size=payload.stat().st_size, revisions=revisions,
            plugins={p.name: p.version for p in plugin_host(app).installed()},
            rows=rows, release=__version__)
        name = f"soin-backup-{stamp}" + (f"-{label}" if label else "")
        path = write(folder / name, manifest, payload, app.config.get("SOIN_BACKUP_KEY"))
    return path, manifest


def check_backup(app, source: str | Path) -> Manifest:
    """Read ``source`` back whole (decrypted, checksum compared); its manifest, or BackupError."""
    with tempfile.TemporaryDirectory(prefix="soin-check-") as work:
        return read(Path(source), app.config.get("SOIN_BACKUP_KEY"), Path(work))[0]


def remember_good(path: Path, manifest: Manifest) -> None:
    """Record ``path`` as the last good backup (the coordinator's warning, ``/healthz``)."""
    from core.ops.marks import mark
    from core.ops.models import BACKUP_OK

    mark(BACKUP_OK, file=path.name, size=path.stat().st_size, sha256=manifest.sha256)


def restore_backup(app, source: str | Path) -> Manifest:
    """Replace the database with the backup ``source`` (checked first; all or nothing)."""
    url = app.config["SOIN_DATABASE_URL"]
    with tempfile.TemporaryDirectory(prefix="soin-restore-") as work:
        manifest, payload = read(Path(source), app.config.get("SOIN_BACKUP_KEY"), Path(work))
        dialect = engines.dialect_of(url)
        if manifest.database != dialect:
            raise BackupError(f"this backup is of a {manifest.database} database; "
                              f"SOIN_DATABASE_URL is {dialect}")
        _load(payload, url, dialect)
    app.extensions["soin_db"].engine.dispose()  # no pooled connection to the old file or tables
    return manifest


def verify_backup(app, source: str | Path) -> VerifyReport:
    """Restore ``source`` into a scratch database and compare it with its manifest."""
    url = app.config["SOIN_DATABASE_URL"]
    with tempfile.TemporaryDirectory(prefix="soin-verify-") as work:
        manifest, payload = read(Path(source), app.config.get("SOIN_BACKUP_KEY"), Path(work))
        if manifest.database == "sqlite":
            scratch = Path(work) / "scratch.sqlite"
            engines.sqlite_load(payload, f"sqlite:///{scratch}")
            revisions, rows = engines.sqlite_describe_file(scratch)
        elif engines.dialect_of(url) != "postgresql":
            raise BackupError("a PostgreSQL backup is verified with SOIN_DATABASE_URL pointing "
                              "at a PostgreSQL server (a scratch database is made there)")
        else:
            name = f"soin_verify_{uuid.uuid4().hex[:10]}"
            scratch_url = engines.pg_scratch(url, name, create=True)
            try:
                engines.pg_load(payload, scratch_url)
                revisions, rows = engines.pg_describe(scratch_url)
            finally:
                engines.pg_scratch(url, name, create=False)
    report = VerifyReport(manifest)
    if sorted(revisions) != sorted(manifest.revisions):
        report.differences.append(f"revisions {revisions} instead of {manifest.revisions}")
    for table in sorted(set(rows) | set(manifest.rows)):
        if rows.get(table) != manifest.rows.get(table):
            report.differences.append(f"{table}: {rows.get(table)} rows instead of {manifest.rows.get(table)}")
    return report


def _load(payload: Path, url: str, dialect: str) -> None:
    if dialect == "sqlite":
        engines.sqlite_load(payload, url)
    else:
        engines.pg_load(payload, url)


def free_space_needed(app) -> int:
    """Bytes a backup may take (the database's size: copies are never larger)."""
    url = app.config["SOIN_DATABASE_URL"]
    if engines.dialect_of(url) == "sqlite":
        path = engines.sqlite_path(url)
        return sum(p.stat().st_size for p in (path, Path(f"{path}-wal")) if p.exists())
    from sqlalchemy import text

    with app.extensions["soin_db"].engine.connect() as conn:
        return int(conn.execute(text("SELECT pg_database_size(current_database())")).scalar_one())


def has_room(app, to: str | Path | None = None) -> tuple[bool, int, int]:
    """(enough, needed, free): whether the backup folder can hold one more backup."""
    needed = free_space_needed(app)
    free = shutil.disk_usage(backup_dir(app, to)).free
    return free > needed * 1.1 + 10_000_000, needed, free


def list_backups(folder: Path) -> list[Path]:
    """Backup files in ``folder``, oldest first."""
    return sorted(p for p in Path(folder).iterdir() if p.is_file() and is_backup_name(p.name))
