"""SQLite's query planner statistics kept up to date: every night, and after `soin db upgrade`
(an index a migration adds is analyzed at once); nothing on PostgreSQL, where autovacuum does it."""

from __future__ import annotations

from sqlalchemy import create_engine, text

from core.ops.statistics import STATISTICS_JOB, refresh_statistics, run_statistics_job

COLUMNS = "name, address, city, postal_code, phone, created_at"


def test_the_worker_declares_the_nightly_statistics_job(app):
    from core.jobs import build_scheduler

    jobs = {job.id: job for job in build_scheduler(app).get_jobs()}
    assert STATISTICS_JOB in jobs and "core.ops.backup" in jobs
    assert "hour='2'" in str(jobs[STATISTICS_JOB].trigger)


def _stats(conn) -> dict[str, set]:
    if not conn.execute(text("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat1'")).first():
        return {}
    found: dict[str, set] = {}
    for table, index in conn.execute(text("SELECT tbl, idx FROM sqlite_stat1")):
        found.setdefault(table, set()).add(index)
    return found


def test_the_job_analyzes_what_has_no_or_stale_statistics_and_only_that(soin):
    from core.app import create_app

    code, out = soin("db", "upgrade")  # a new database: the roles and permissions it seeds
    assert code == 0, out
    app = create_app({"SOIN_DATABASE_URL": soin.url, "SECRET_KEY": "ops-test"})
    engine = create_engine(soin.url)
    try:
        if engine.dialect.name != "sqlite":
            assert "statistics refreshed" not in out
            assert run_statistics_job(app) == [] and refresh_statistics(engine) == []
            return
        assert "statistics refreshed" in out
        with engine.connect() as conn:
            assert "alembic_version" in _stats(conn)
            assert "core_persons" not in _stats(conn)  # empty: nothing to learn yet
        run_statistics_job(app)  # whatever the application seeded as it started
        assert run_statistics_job(app) == []  # nothing changed since
        with engine.begin() as conn:
            conn.execute(text("DELETE FROM sqlite_stat1 WHERE tbl = 'alembic_version'"))
            conn.execute(text(f"INSERT INTO core_households ({COLUMNS}) VALUES "
                              "('Tremblay', '', '', '', '', '2026-12-05 10:00:00')"))
        assert sorted(run_statistics_job(app)) == ["alembic_version", "core_households"]
        with engine.connect() as conn:
            stats = _stats(conn)
        assert {"alembic_version", "core_households"} <= set(stats)
        with engine.begin() as conn:  # four households now: their statistics are stale
            for _ in range(2):
                conn.execute(text(f"INSERT INTO core_households ({COLUMNS}) "
                                  f"SELECT {COLUMNS} FROM core_households"))
        assert run_statistics_job(app) == ["core_households"]
        assert run_statistics_job(app) == []
    finally:
        engine.dispose()
        app.extensions["soin_db"].engine.dispose()
