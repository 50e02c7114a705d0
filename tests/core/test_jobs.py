"""Jobs: stored once in APScheduler's SQLAlchemy job store, skipped while their plugin is inactive."""

from sqlalchemy import text

from core.jobs import build_scheduler, run_job_now
from tests.sample_plugins.sample import JOB_RUNS


def test_a_job_of_an_inactive_plugin_is_skipped_and_runs_once_active(app, db, activate):
    JOB_RUNS.clear()
    assert run_job_now(app, "sample.nightly") is False and JOB_RUNS == []
    activate("sample")
    assert run_job_now(app, "sample.nightly") is True and len(JOB_RUNS) == 1


def test_restarting_the_scheduler_never_duplicates_jobs(fresh_app):
    for _ in range(2):  # two starts of `soin worker`
        scheduler = build_scheduler(fresh_app)
        scheduler.start(paused=True)
        scheduler.shutdown(wait=False)
    with fresh_app.extensions["soin_db"].engine.connect() as conn:
        ids = [r[0] for r in conn.execute(text("SELECT id FROM apscheduler_jobs"))]
    assert ids.count("sample.nightly") == 1
    with fresh_app.extensions["soin_db"].engine.begin() as conn:
        conn.execute(text("DELETE FROM apscheduler_jobs"))
