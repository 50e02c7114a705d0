"""The worker's nightly backup and its retention: 7 daily, 4 weekly, 12 monthly; backups taken
before an upgrade or a restore are never deleted by it."""

from __future__ import annotations

import os
from datetime import datetime, timedelta, timezone

from core.ops.schedule import prune


def _touch(folder, when: datetime, label: str = "") -> None:
    (folder / f"soin-backup-{when:%Y%m%dT%H%M%SZ}{'-' + label if label else ''}.tar").write_bytes(b"x")


def test_retention_keeps_7_daily_4_weekly_12_monthly_and_every_labelled_backup(tmp_path):
    now = datetime(2026, 12, 5, 3, 0, tzinfo=timezone.utc)
    for day in range(400):  # a nightly backup for 400 days, two on some days
        _touch(tmp_path, now - timedelta(days=day))
        if day % 10 == 0:
            _touch(tmp_path, now - timedelta(days=day, hours=2))
    _touch(tmp_path, now - timedelta(days=200), "pre-upgrade")
    (tmp_path / "notes.txt").write_text("not a backup")

    removed = prune(tmp_path, now)
    kept = sorted(p.name for p in tmp_path.glob("soin-backup-*"))
    assert f"soin-backup-{now - timedelta(days=200):%Y%m%dT%H%M%SZ}-pre-upgrade.tar" in kept
    assert (tmp_path / "notes.txt").exists()
    plain = [n for n in kept if "-pre-upgrade" not in n]
    days = {n[12:20] for n in plain}
    # the last 7 days, the newest of 4 weeks, the newest of 12 months (overlapping)
    assert {f"{now - timedelta(days=d):%Y%m%d}" for d in range(7)} <= days
    assert len(plain) == len(days) and 7 < len(plain) <= 7 + 4 + 12
    assert "20251206" not in days and all(n >= "soin-backup-20260101" for n in plain)
    assert removed and not any(p.exists() for p in removed)
    assert prune(tmp_path, now) == []  # a second run deletes nothing more


def test_the_backup_job_writes_a_checked_backup_and_remembers_it(app, db, tmp_path, monkeypatch):
    from core.ops.marks import last
    from core.ops.models import BACKUP_OK
    from core.ops.schedule import run_backup_job
    from core.ops.web import backup_warning  # noqa: F401  (reads the same mark)

    monkeypatch.setitem(app.config, "SOIN_BACKUP_DIR", str(tmp_path))
    # at noon: an hour later is the same day whatever the time the test runs (from 23:00 UTC
    # "an hour later" was the next day, and both backups were rightly kept)
    old = (datetime.now(timezone.utc) - timedelta(days=30)).replace(hour=12, minute=0)
    _touch(tmp_path, old)
    _touch(tmp_path, old + timedelta(hours=1))  # same day: the older one goes
    path = run_backup_job(app)
    assert path.exists() and path.parent == tmp_path
    mark = last(BACKUP_OK)
    assert mark.detail["file"] == path.name and len(mark.detail["sha256"]) == 64
    assert not (tmp_path / f"soin-backup-{old:%Y%m%dT%H%M%SZ}.tar").exists()
    assert (tmp_path / f"soin-backup-{old + timedelta(hours=1):%Y%m%dT%H%M%SZ}.tar").exists()


def test_the_worker_declares_the_nightly_backup_and_the_heartbeat(app):
    from core.jobs import build_scheduler

    scheduler = build_scheduler(app)
    jobs = {job.id: job for job in scheduler.get_jobs()}
    assert "core.ops.backup" in jobs and "core.ops.heartbeat" in jobs
    assert "hour='3'" in str(jobs["core.ops.backup"].trigger)


def test_the_worker_beats_as_it_starts_then_every_minute(app, db):
    from core.jobs import build_scheduler
    from core.ops.guard import first_beat
    from core.ops.marks import last
    from core.ops.models import WORKER_HEARTBEAT

    job = build_scheduler(app).get_job("core.ops.heartbeat")
    assert job.trigger.interval == timedelta(minutes=1)
    assert last(WORKER_HEARTBEAT) is None
    first_beat(app)  # what `soin worker` and `soin run` do before starting the scheduler
    assert last(WORKER_HEARTBEAT).detail["pid"] == os.getpid()
