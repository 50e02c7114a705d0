"""Scheduled jobs: APScheduler with its SQLAlchemy job store, one scheduler per installation.

``soin worker`` runs the scheduler in production; ``soin run`` starts it in-process for a
single machine. Jobs declared by plugins (``register_jobs``) are stored by id with
``replace_existing`` so restarts never duplicate them; each job must itself be idempotent
(for example: a reminder is recorded in the outbox before it is sent, and never sent twice).
"""

from __future__ import annotations

import logging
import signal

from apscheduler.jobstores.sqlalchemy import SQLAlchemyJobStore
from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.schedulers.blocking import BlockingScheduler

from core.plugins import is_active
from core.registry import plugin_host

log = logging.getLogger("soin.jobs")
_APP = None  # the application jobs run in (set when the scheduler starts)


def run_registered_job(job_id: str) -> None:
    """Entry point stored in the job store: run job ``job_id`` if its plugin is active."""
    app = _APP
    if app is None:
        raise RuntimeError("scheduler not started")
    run_job_now(app, job_id)


def run_job_now(app, job_id: str) -> bool:
    """Run one declared job inside an application context; False when skipped (inactive)."""
    host = plugin_host(app)
    owner = host.owner_of("register_jobs", job_id)
    spec = next((j for j in host.declarations("register_jobs", active_only=False) if j.id == job_id), None)
    if spec is None or owner is None:
        log.warning("job %s is no longer declared", job_id)
        return False
    with app.app_context():
        if not is_active(owner):
            return False
        try:
            spec.func(app)
        except Exception as exc:
            host.record_fault(owner, f"job {job_id}", exc)
            return False
    return True


def build_scheduler(app, blocking: bool = False):
    """A scheduler whose job store is the application's own database."""
    global _APP
    _APP = app
    store = SQLAlchemyJobStore(engine=app.extensions["soin_db"].engine)
    cls = BlockingScheduler if blocking else BackgroundScheduler
    scheduler = cls(jobstores={"default": store}, timezone=app.config["SOIN_TIMEZONE"],
                    job_defaults={"coalesce": True, "max_instances": 1, "misfire_grace_time": 3600})
    host = plugin_host(app)
    for spec in host.declarations("register_jobs", active_only=False):
        scheduler.add_job(run_registered_job, spec.trigger, args=[spec.id], id=spec.id,
                          name=str(spec.title or spec.id), replace_existing=True, **spec.trigger_args)
    return scheduler


def start_scheduler(app):
    scheduler = build_scheduler(app)
    scheduler.start()
    return scheduler


def run_worker(app) -> None:
    scheduler = build_scheduler(app, blocking=True)
    signal.signal(signal.SIGTERM, lambda *_: scheduler.shutdown(wait=False))
    log.info("worker started with %d jobs", len(scheduler.get_jobs()))
    scheduler.start()
