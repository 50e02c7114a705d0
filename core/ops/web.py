"""The web side of operations: ``/healthz``, a request id on every request and log line, and the
warning shown to coordinators when the last good backup is too old.

``/healthz`` answers without signing in and without any personal data: whether the process
answers, the database is reachable, its migrations are those of the code, the worker beat
recently; 200 when all hold, 503 otherwise (what a reverse proxy or a monitor checks).
"""

from __future__ import annotations

import logging
import re
import secrets
import time

from flask import Blueprint, current_app, g, jsonify, request
from sqlalchemy import select
from sqlalchemy.exc import SQLAlchemyError

from core.db import utcnow
from core.i18n import _, ngettext
from core.ops.models import BACKUP_OK, WORKER_HEARTBEAT, OpsMark
from core.ops.schedule import BACKUP_MAX_AGE, HEARTBEAT_MAX_AGE
from core.ops.status import is_current
from core.security.access import has_permission, public

bp = Blueprint("ops", __name__)
access_log = logging.getLogger("soin.access")
#: a request id a trusted proxy may hand over (anything else is replaced by our own)
REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")
PERMISSION = "core.ops.status"


@bp.route("/healthz")
@public
def healthz():
    """Process, database, migrations, worker heartbeat: 200 when all are fine, else 503."""
    checks = {"process": "ok", "database": "ok", "migrations": "ok", "worker": "ok", "backup": "ok"}
    try:
        from alembic.migration import MigrationContext

        from core import db

        conn = db.session().connection()  # the request's own (the way every page reads)
        heads = set(MigrationContext.configure(conn).get_current_heads())
        marks = {m.name: m.at for m in conn.execute(select(OpsMark.name, OpsMark.at))}
    except SQLAlchemyError:
        checks.update(database="unreachable", migrations="unknown", worker="unknown", backup="unknown")
        return _health(checks)
    if not is_current(script_of(current_app._get_current_object()), heads):
        checks["migrations"] = "pending" if heads else "not set up"
    checks["worker"] = _age(marks.get(WORKER_HEARTBEAT), HEARTBEAT_MAX_AGE)
    checks["backup"] = _age(marks.get(BACKUP_OK), BACKUP_MAX_AGE)
    return _health(checks)


def _health(checks: dict):
    # a stale backup is told but does not take the service out of a load balancer
    failing = [k for k, v in checks.items() if v != "ok" and k != "backup"]
    body = {"status": "fail" if failing else "ok", "checks": checks}
    return jsonify(body), 503 if failing else 200


def _age(at, limit) -> str:
    if at is None:
        return "never"
    return "ok" if utcnow() - at <= limit else "stale"


def script_of(app):
    """The migration scripts of the installed code (read once per process: code does not change)."""
    if "soin_migration_scripts" not in app.extensions:
        from core.ops.status import script_directory

        app.extensions["soin_migration_scripts"] = script_directory(app)
    return app.extensions["soin_migration_scripts"]


def backup_warning() -> str | None:
    """For those who watch the coop's backups: a sentence when the last good one is over a day
    old (or there is none), else None."""
    if g.get("user") is None or not has_permission(PERMISSION):
        return None
    from core import db

    at = db.session().scalar(select(OpsMark.at).where(OpsMark.name == BACKUP_OK))
    if at is None:
        return str(_("No backup of the coop's data has been made yet. Ask whoever runs the "
                     "server to start “soin worker”, which makes one every night, "
                     "or to run “soin backup”."))
    if utcnow() - at > BACKUP_MAX_AGE:
        days = max(1, (utcnow() - at).days)
        return str(ngettext("The last good backup of the coop's data is %(num)s day old. Ask "
                            "whoever runs the server to check “soin worker” and the backup "
                            "folder.", "The last good backup of the coop's data is %(num)s days "
                            "old. Ask whoever runs the server to check “soin worker” and the "
                            "backup folder.", days))
    return None


def start_request() -> None:
    """Give the request an id (a trusted proxy's ``X-Request-ID``, else a new one)."""
    given = request.headers.get("X-Request-ID", "") if current_app.config["SOIN_TRUSTED_PROXIES"] else ""
    g.request_id = given if REQUEST_ID.match(given) else secrets.token_hex(8)
    g.request_started = time.perf_counter()


def end_request(response):
    """Send the request id back and log one line (no query string, no personal data)."""
    request_id = g.get("request_id")
    if request_id:
        response.headers["X-Request-ID"] = request_id
        access_log.info("request", extra={
            "method": request.method, "path": request.path, "status": response.status_code,
            "ms": round((time.perf_counter() - g.get("request_started", time.perf_counter())) * 1000, 1)})
    return response


def current_request_id() -> str | None:
    """The id of the request being served (shown on error pages), or None outside one."""
    return g.get("request_id") if request else None
