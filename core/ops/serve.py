"""``soin serve``: the application under gunicorn, the production HTTP server.

Defaults: one worker process per CPU, at most 8, each answering one request at a time
(gunicorn's ``sync`` worker, woken one process per connection: :mod:`core.ops.worker`); a
request taking over 60 s is stopped (its process is replaced); each process is replaced after
about 10,000 requests (memory stays flat). Our requests spend most of their time in Python,
which runs one thread of a process at a time. Measured with
``bench.load`` on 2 cores (bench/README.md, twelfth pass), in six alternated pairs against 2
processes × 2 threads (``gthread``, the eleventh pass's default): as many actions a second at 8
clients (185-225 against 186-218), a shorter paced p95 in five pairs of six (median 25.7 ms
against 33.5), and a shorter median at rest (7.2-8.1 ms against 8.2-8.9: no hand-over from the
accepting thread to a pool's thread). A threaded
process takes every request it can accept, and two requests in one process take turns at
Python's lock while the other process may be idle; a process that answers one request at a time
leaves the next waiting in the kernel's queue for whichever process is free first. (gunicorn's
``2 x CPUs + 1``, advice for processes that mostly wait, measured worse still: 5 × 4 answered
half as many actions a second as 2 × 4; 4 × 1 gave a longer paced p95 than 2 × 1 in the
fifteenth pass.) Replacing a process every 1,000 requests, as until the fifteenth pass, meant
one every 6 s per process at the bench's half load, each replacement a moment with one process
fewer and a new one opening its connections: in three alternated pairs of 60-s paced runs the
paced p95 was 19.1-22.6 ms at 10,000 against 23.8-34.9 at 1,000, and a worker's memory after
10,000 requests stays under 73 MB (69 MB at 1,000).

A process answering one request at a time must not be left waiting on a slow client: the
documented set-up puts Caddy (or nginx) in front, buffering each request before it reaches us
and each answer before the client reads it (README.md). Forwarded
headers (``X-Forwarded-For``, ``-Proto``, ``-Host``) are believed only when told how many
proxies stand in front (``--behind-proxy N`` or ``SOIN_TRUSTED_PROXIES``); gunicorn's own
trust of 127.0.0.1 is switched off so that nothing else believes them.
"""

from __future__ import annotations

import gc
import logging
import os

import click
from flask import current_app
from flask.cli import with_appcontext

MAX_WORKERS = 8


def default_workers() -> int:
    """One process per CPU (at most :data:`MAX_WORKERS`): see the module's docstring."""
    return min(os.cpu_count() or 1, MAX_WORKERS)


def gunicorn_options(bind: str, workers: int, timeout: int) -> dict:
    """The gunicorn settings ``soin serve`` uses (see the module's docstring)."""
    return {
        "bind": bind, "workers": workers, "threads": 1,
        "worker_class": "core.ops.worker.ExclusiveSyncWorker",  # gunicorn's sync, woken singly
        "timeout": timeout, "graceful_timeout": 30,
        "max_requests": 10_000, "max_requests_jitter": 1_000,
        "forwarded_allow_ips": "",  # proxies are handled by ProxyFix, told the number of hops
        "accesslog": None,  # one JSON line per request comes from the application (core.ops.web)
        "errorlog": "-", "loglevel": "info", "proc_name": "soin",
        "logconfig_dict": JSON_LOGS,  # gunicorn's own lines as JSON too: one format to read
        "pre_fork": _pre_fork, "post_fork": _post_fork, "post_request": _post_request,
        **_no_control_socket(),
    }


def _no_control_socket() -> dict:
    """gunicorn's control socket switched off, where gunicorn has one (25.1 and later).

    It would open, in the account's home, a socket through which the account can change the
    number of processes, reload or stop them, with a thread in the master stopped and started
    again around each fork (a replaced worker included). A coop's service manager (systemd)
    already starts, reloads and stops ``soin serve``: one way to do it, and nothing written in
    the service account's home. Two coops served by one account would also share its path.
    """
    from gunicorn.config import KNOWN_SETTINGS

    known = any(setting.name == "control_socket_disable" for setting in KNOWN_SETTINGS)
    return {"control_socket_disable": True} if known else {}


#: logging.config for gunicorn: every logger (its own, the application's) writes JSON lines
JSON_LOGS = {
    "version": 1, "disable_existing_loggers": False,
    "formatters": {"json": {"()": "core.ops.logs.JsonFormatter"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "json",
                             "stream": "ext://sys.stderr"}},
    "root": {"level": "INFO", "handlers": ["console"]},
    # gunicorn's access lines carry query strings (a search may hold a name): ours do not
    "loggers": {"gunicorn.error": {"level": "INFO", "handlers": [], "propagate": True},
                "gunicorn.access": {"level": "CRITICAL", "handlers": [], "propagate": False}},
}


def _pre_fork(server, worker) -> None:
    """Babel's language data is read (once), then what the application built is frozen out of
    the cycle collector, before each fork.

    Workers share the parent's pages until they write to them; a collection in a worker would
    write to every object it walks (its reference bookkeeping), copying those pages into each
    worker. Frozen objects are never walked: they stay shared, and each collection is short.
    The language data (dates, numbers: several MB) is read here rather than by create_app,
    which a single process runs too: the workers share it instead of each reading its own.
    """
    from core.i18n import load_language_data

    load_language_data()
    gc.freeze()


def _post_fork(server, worker) -> None:
    """A forked worker opens its own database connections, never its parent's."""
    # ``soin serve`` hands gunicorn the application; the bench's command line has it loaded
    app = getattr(server.app, "application", None) or server.app.callable
    app.extensions["soin_db"].engine.dispose(close=False)


#: requests a worker answers before it freezes what it built while answering them
WARM_REQUESTS = 200


def _post_request(worker, req) -> None:
    """Once warm, a worker freezes what it built for good out of the cycle collector as well.

    A worker builds its own caches as it answers its first requests (compiled statements,
    templates, pools, locale data): some 20,000 objects that every full collection walked
    again, 15 ms of CPU each time with the worker stopped (measured in a warmed process;
    about 2 ms once they were frozen). Garbage is collected first, so that none is frozen;
    the request just answered is over, so nothing it held is frozen either.
    """
    if worker.nr >= WARM_REQUESTS and not getattr(worker, "soin_frozen", False):
        worker.soin_frozen = True  # once per worker
        gc.collect()
        gc.freeze()


def trust_proxies(app, hops: int) -> None:
    """Believe ``hops`` proxies' forwarded headers (no-op when create_app already did)."""
    from werkzeug.middleware.proxy_fix import ProxyFix

    if hops and not app.config["SOIN_TRUSTED_PROXIES"]:
        app.config["SOIN_TRUSTED_PROXIES"] = hops
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops)


@click.command("serve")
@click.option("--bind", default="127.0.0.1:8000", show_default=True,
              help="Address and port (or unix:/path) to listen on.")
@click.option("--workers", type=int, default=None, help="Processes (default: one per CPU, at most 8).")
@click.option("--timeout", type=int, default=60, show_default=True, help="Seconds before a stuck request is stopped.")
@click.option("--behind-proxy", "hops", type=int, default=None,
              help="Number of reverse proxies in front (believe their X-Forwarded-* headers).")
@with_appcontext
def serve_command(bind, workers, timeout, hops):
    """Serve the platform in production under gunicorn (run `soin worker` beside it)."""
    from gunicorn.app.base import BaseApplication

    from core.ops.guard import refuse_unless_current
    from core.ops.logs import configure_logging

    app = current_app._get_current_object()
    refuse_unless_current(app)
    trust_proxies(app, hops or 0)
    configure_logging(logging.INFO)
    options = gunicorn_options(bind, workers or default_workers(), timeout)

    class Server(BaseApplication):
        def load_config(self):
            for key, value in options.items():
                self.cfg.set(key, value)

        def load(self):
            return app

    server = Server()
    server.application = app
    click.echo(f"serving on {bind} with {options['workers']} workers "
               f"({'behind ' + str(app.config['SOIN_TRUSTED_PROXIES']) + ' proxy' if app.config['SOIN_TRUSTED_PROXIES'] else 'no proxy headers believed'})")
    server.run()
