"""The floor under the workload's figures: what the same stack costs with none of our code.

Usage::

    python -m bench.floor --db postgresql+psycopg://postgres@127.0.0.1:5432/soin_bench

Serves :mod:`bench.floor_app` with the workload's gunicorn (2 sync workers) and client, and
prints the median and 95th percentile of each route. Read next to the workload's table: an
action cannot be faster than the floor of the statements it must send, and the GNU Health
comparison's "ten times faster" asks for less than that on this machine (see bench/README.md).
"""

from __future__ import annotations

import argparse
import json
import os

from bench.client import HttpClient
from bench.server import Server
from bench.workload import _stats, machine

ROUTES = {
    "plain": "Flask answers, nothing else",
    "one-statement": "one statement through the pool (checkout, ping, transaction)",
    "seven-statements": "seven statements, as many as a day agenda sends",
    "one-write": "one committed write (a row rewritten as it was)",
    "orm-page": "20 people read with the ORM, rendered by Jinja",
}


def run(url: str, requests: int, warmup: int = 20) -> dict:
    server = Server(url, app="bench.floor_app:create_app()")
    out = {"startup_s": server.start()}
    try:
        client = HttpClient(server.port)
        for route in ROUTES:
            times = []
            for n in range(warmup + requests):
                client.elapsed = 0.0
                client.get(f"/{route}")
                if n >= warmup:
                    times.append(client.elapsed)
            out[route] = _stats(times)
        out["worker_rss_mb"] = server.worker_rss_mb()
    finally:
        server.stop()
    return out


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", default=os.environ.get("SOIN_DATABASE_URL"), required=False)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--json", help="also write the figures to this file")
    args = parser.parse_args(argv)
    if not args.db:
        parser.error("--db is required (or SOIN_DATABASE_URL)")
    figures = run(args.db, args.requests)
    figures["machine"] = machine()
    print(f"{'route':<18} {'median':>8} {'p95':>8}  what")
    for route, what in ROUTES.items():
        print(f"{route:<18} {figures[route]['median']:8.2f} {figures[route]['p95']:8.2f}  {what}")
    print(f"start-up {figures['startup_s']:.2f} s · worker RSS "
          f"{', '.join(f'{r:.0f}' for r in figures['worker_rss_mb'])} MB · "
          f"load average {figures['machine']['load'][0]:.1f}")
    if args.json:
        with open(args.json, "w") as fh:
            json.dump(figures, fh, indent=2, default=str)


if __name__ == "__main__":
    main()
