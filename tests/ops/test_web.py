"""/healthz, request ids on error pages and in the JSON log lines, the coordinator's warning
when the last good backup is old."""

from __future__ import annotations

import io
import json
import logging
import re
from datetime import timedelta
from html import unescape

from core.db import utcnow


def test_healthz_tells_each_check_without_any_personal_data(client, db, make_person):
    from core.ops.marks import mark
    from core.ops.models import WORKER_HEARTBEAT

    make_person(first_name="Hélène", last_name="Tremblay")
    response = client.get("/healthz")
    assert response.status_code == 503  # no worker has ever beaten
    assert response.get_json() == {"status": "fail", "checks": {
        "process": "ok", "database": "ok", "migrations": "ok", "worker": "never", "backup": "never"}}

    mark(WORKER_HEARTBEAT, host="test", pid=1)
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.get_json()["status"] == "ok"
    assert "Tremblay" not in response.get_data(as_text=True) and "test" not in response.get_data(as_text=True)
    assert "Set-Cookie" not in response.headers  # no session is opened for a monitor


def test_healthz_says_when_the_worker_stopped_beating(client, db):
    from core.ops.models import WORKER_HEARTBEAT, OpsMark

    db.merge(OpsMark(name=WORKER_HEARTBEAT, at=utcnow() - timedelta(minutes=10), detail={}))
    db.commit()
    response = client.get("/healthz")
    assert response.status_code == 503 and response.get_json()["checks"]["worker"] == "stale"


def test_the_error_page_shows_the_request_id_of_the_log_lines(client, db):
    from core.ops.logs import configure_logging

    stream = io.StringIO()
    handler = configure_logging(logging.INFO, stream)
    try:
        response = client.get("/no-such-page?name=Tremblay")
    finally:
        logging.getLogger().removeHandler(handler)
    request_id = response.headers["X-Request-ID"]
    assert response.status_code == 404 and request_id in response.get_data(as_text=True)
    lines = [json.loads(line) for line in stream.getvalue().splitlines()]
    (access,) = [line for line in lines if line["logger"] == "soin.access"]
    assert access["request_id"] == request_id
    assert access["path"] == "/no-such-page" and access["status"] == 404
    assert "Tremblay" not in stream.getvalue()  # query strings may hold names: never logged


def test_a_request_id_from_a_client_is_ignored_unless_a_proxy_is_trusted(client, db, app, monkeypatch):
    assert client.get("/healthz", headers={"X-Request-ID": "forged-id-1234"}).headers["X-Request-ID"] \
        != "forged-id-1234"
    monkeypatch.setitem(app.config, "SOIN_TRUSTED_PROXIES", 1)
    assert client.get("/healthz", headers={"X-Request-ID": "proxy-id-1234"}).headers["X-Request-ID"] \
        == "proxy-id-1234"


def _warning(client):
    page = client.get("/").get_data(as_text=True)
    found = re.search(r'id="backup-warning">([^<]*)<', page)
    return found.group(1) if found else None


def test_the_coordinator_is_warned_when_the_last_good_backup_is_over_a_day_old(client, db, login):
    from core.ops.models import BACKUP_OK, OpsMark

    login(role="coordinator")
    assert "Aucune sauvegarde" in _warning(client)
    db.merge(OpsMark(name=BACKUP_OK, at=utcnow() - timedelta(days=3, hours=1), detail={}))
    db.commit()
    assert "date de 3 jours." in _warning(client)
    db.merge(OpsMark(name=BACKUP_OK, at=utcnow() - timedelta(hours=2), detail={}))
    db.commit()
    assert _warning(client) is None


def test_a_backup_one_day_old_is_said_in_the_singular(client, db, login):
    """ "date de 1 jour(s)" read as a form to fill in."""
    from core.ops.models import BACKUP_OK, OpsMark

    login(role="coordinator")
    db.merge(OpsMark(name=BACKUP_OK, at=utcnow() - timedelta(days=1, hours=2), detail={}))
    db.commit()
    assert "des données de la coop date de 1 jour." in unescape(_warning(client))
    client.post("/language", data={"locale": "en", "next": "/"})
    assert "The last good backup of the coop's data is 1 day old." in unescape(_warning(client))


def test_reception_is_not_shown_the_backup_warning(client, db, login):
    login(role="reception")
    assert client.get("/").status_code == 200
    assert _warning(client) is None
