"""The worker's operations jobs: the nightly backup with its retention, and a heartbeat.

Retention keeps the newest backup of each of the last 7 days, of each of the last 4 weeks and
of each of the last 12 months; backups with a label (``pre-upgrade``, ``before-restore``) are
never deleted by it: they are the way back from an upgrade or a restore gone wrong.
"""

from __future__ import annotations

import logging
import os
import socket
from datetime import datetime, timedelta, timezone
from pathlib import Path

from core.i18n import _
from core.ops.marks import mark
from core.ops.models import WORKER_HEARTBEAT
from core.specs import JobSpec

log = logging.getLogger("soin.ops")

BACKUP_JOB, HEARTBEAT_JOB = "core.ops.backup", "core.ops.heartbeat"
KEEP_DAILY, KEEP_WEEKLY, KEEP_MONTHLY = 7, 4, 12
#: a backup older than this is not recent enough (the coordinator's warning, /healthz)
BACKUP_MAX_AGE = timedelta(days=1)
HEARTBEAT_MAX_AGE = timedelta(minutes=5)


def jobs() -> list[JobSpec]:
    """The nightly backup (03:00 in the coop's time zone) and the worker's heartbeat."""
    return [
        JobSpec(BACKUP_JOB, run_backup_job, trigger="cron", trigger_args={"hour": 3, "minute": 0},
                title=_("Nightly backup")),
        JobSpec(HEARTBEAT_JOB, beat, trigger="interval", trigger_args={"minutes": 1},
                title=_("Worker heartbeat")),
    ]


def beat(app) -> None:
    """The worker is alive (read by ``/healthz``)."""
    mark(WORKER_HEARTBEAT, host=socket.gethostname(), pid=os.getpid())


def run_backup_job(app) -> Path:
    """Make a backup, read it back, remember it as good, then apply the retention."""
    from core.ops.backup import backup_dir, check_backup, create_backup, remember_good

    path, manifest = create_backup(app)
    check_backup(app, path)  # raises on any mismatch: then it is not remembered as good
    remember_good(path, manifest)
    removed = prune(backup_dir(app))
    log.info("backup %s written; %d old backup(s) removed by retention", path.name, len(removed))
    return path


def stamp_of(path: Path) -> datetime | None:
    """The UTC time in a backup's name (``soin-backup-20261205T030000Z...``)."""
    try:
        return datetime.strptime(path.name[len("soin-backup-"):][:16], "%Y%m%dT%H%M%SZ"
                                 ).replace(tzinfo=timezone.utc)
    except ValueError:
        return None


def keep_set(stamps: list[datetime], now: datetime) -> set[datetime]:
    """The stamps retention keeps: newest per day (7), per ISO week (4), per month (12)."""
    keep: set[datetime] = set()
    for key, count in ((lambda t: t.date(), KEEP_DAILY),
                       (lambda t: t.isocalendar()[:2], KEEP_WEEKLY),
                       (lambda t: (t.year, t.month), KEEP_MONTHLY)):
        newest: dict = {}
        for stamp in sorted(stamps, reverse=True):
            if stamp <= now:
                newest.setdefault(key(stamp), stamp)
        keep.update(sorted(newest.values(), reverse=True)[:count])
    return keep


def prune(folder: Path, now: datetime | None = None) -> list[Path]:
    """Delete the unlabelled backups retention does not keep; return what was deleted."""
    from core.ops.backup import list_backups

    now = now or datetime.now(timezone.utc)
    dated = {p: stamp_of(p) for p in list_backups(folder)}
    plain = {p: s for p, s in dated.items() if s and _unlabelled(p)}
    keep = keep_set(list(plain.values()), now)
    removed = [p for p, s in plain.items() if s not in keep]
    for path in removed:
        path.unlink()
    return removed


def _unlabelled(path: Path) -> bool:
    rest = path.name[len("soin-backup-"):][16:]
    return rest in (".tar", ".tar.enc")
