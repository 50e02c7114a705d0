"""``soin serve``: gunicorn serving the platform; forwarded headers believed only when told."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from types import SimpleNamespace

import pytest

from core.ops import serve as serve_module
from core.ops.serve import MAX_WORKERS, WARM_REQUESTS, default_workers, gunicorn_options
from core.testing.mail import free_port

SOIN = str(Path(sys.executable).parent / "soin")


def test_the_defaults_follow_the_cpus_and_believe_no_proxy():
    options = gunicorn_options("127.0.0.1:8000", default_workers(), 60)
    # one process per CPU, one request at a time each: Python runs one thread of a process at
    # a time, and a request waits for whichever process is free first (bench.load); a threaded
    # worker (gthread) would take requests its busy threads cannot run yet
    assert options["workers"] == min(os.cpu_count() or 1, MAX_WORKERS)
    assert options["forwarded_allow_ips"] == "" and options["timeout"] == 60
    assert options["worker_class"] == "core.ops.worker.ExclusiveSyncWorker"
    assert options["threads"] == 1
    assert options["max_requests"] > 0


def test_the_workers_are_forked_with_the_language_data_read():
    # create_app leaves Babel's data of each language (several MB) to the first date written;
    # soin serve reads it before forking, so the workers share one copy (a fresh process:
    # this one may have read it already)
    probe = ("import json; from babel import localedata; from core.ops.serve import "
             "gunicorn_options; gunicorn_options('127.0.0.1:0', 2, 60)['pre_fork'](None, None); "
             "print(json.dumps(sorted(localedata._cache)))")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                          timeout=60, check=True)
    assert {"fr_CA", "en"} <= set(json.loads(done.stdout))


def test_a_warm_worker_freezes_what_it_built_once(monkeypatch):
    calls = []
    monkeypatch.setattr(serve_module.gc, "collect", lambda: calls.append("collect"))
    monkeypatch.setattr(serve_module.gc, "freeze", lambda: calls.append("freeze"))
    hook = gunicorn_options("127.0.0.1:8000", 1, 60)["post_request"]
    worker = SimpleNamespace(nr=WARM_REQUESTS - 1)
    hook(worker, None)
    assert calls == []  # still warming up
    worker.nr += 1
    hook(worker, None)
    assert calls == ["collect", "freeze"]  # the garbage first: none of it is frozen
    worker.nr += 1
    hook(worker, None)
    assert calls == ["collect", "freeze"]  # once per worker


def _get(url, headers=None):
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


@pytest.fixture
def serve(soin, tmp_path):
    """``serve(*args)`` starts ``soin serve`` on a free port; returns its base URL and log file."""
    assert soin("db", "upgrade")[0] == 0
    started = []

    def start(*args):
        port = free_port()
        log = tmp_path / f"serve-{port}.log"
        # a home of its own, as the service account has: what soin serve writes there shows
        env = dict(os.environ, SOIN_DATABASE_URL=soin.url, SOIN_SECRET_KEY="serve-test",
                   HOME=str(tmp_path / "home"))
        env.pop("SOIN_TRUSTED_PROXIES", None)
        env.pop("XDG_RUNTIME_DIR", None)
        process = subprocess.Popen([SOIN, "serve", "--bind", f"127.0.0.1:{port}", "--workers", "1", *args],
                                   env=env, stdout=open(log, "wb"), stderr=subprocess.STDOUT)
        started.append(process)
        base = f"http://127.0.0.1:{port}"
        for _ in range(150):
            try:
                _get(f"{base}/healthz")
                return base, log
            except OSError:
                assert process.poll() is None, log.read_text()
                time.sleep(0.2)
        raise AssertionError(log.read_text())

    yield start
    for process in started:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=30)


def test_serve_answers_healthz_and_pages_and_logs_json_lines(serve):
    base, log = serve()
    status, headers, body = _get(f"{base}/healthz")
    assert status == 503 and json.loads(body)["checks"]["worker"] == "never"  # no `soin worker`
    status, headers, body = _get(f"{base}/login?next=/people?q=Tremblay")
    assert status == 200 and "Se connecter" in body.decode()
    request_id = headers["X-Request-ID"]
    time.sleep(0.5)
    text = log.read_text()
    lines = [json.loads(line) for line in text.splitlines()[1:]]  # after "serving on ...": all JSON
    assert any(line.get("request_id") == request_id and line.get("path") == "/login" for line in lines)
    assert any(line["logger"] == "gunicorn.error" for line in lines)
    assert "Tremblay" not in text  # no query string in any line, gunicorn's included


def test_serve_opens_no_control_socket(serve, tmp_path):
    # gunicorn 25.1+ would open one in the account's home (change the processes, reload,
    # stop): systemd already manages soin serve, and two coops on one account would share it
    base, log = serve()
    assert _get(f"{base}/login")[0] == 200
    time.sleep(1)  # gunicorn opens it once its workers are up
    assert not list(tmp_path.rglob("gunicorn.ctl"))
    assert "Control socket" not in log.read_text()


def test_forwarded_headers_are_believed_only_behind_a_proxy(serve):
    https = {"X-Forwarded-Proto": "https"}
    plain, _log = serve()
    assert "Secure" not in _get(f"{plain}/login", https)[1].get("Set-Cookie", "")
    proxied, _log = serve("--behind-proxy", "1")
    assert "Secure" in _get(f"{proxied}/login", https)[1].get("Set-Cookie", "")
