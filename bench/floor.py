"""The floor under the workload's figures: what the same stack costs with none of our code.

Usage::

    python -m bench.floor --db postgresql+psycopg://postgres@127.0.0.1:5432/soin_bench

Serves :mod:`bench.floor_app` with the workload's gunicorn and client, and prints the median
and 95th percentile of each layer and of each action's floor equivalent (the same committed
writes and rows read, none of our code). :mod:`bench.workload` measures the equivalents in the
same rounds as the platform and prints ours ÷ floor per action.
"""

from __future__ import annotations

import argparse
import json
import os
from datetime import datetime, timedelta
from urllib.parse import quote

from bench.client import HttpClient
from bench.server import Server

ROUTES = {
    "plain": "Flask answers, nothing else",
    "one-statement": "one statement through the pool (checkout, ping, transaction)",
    "seven-statements": "seven statements, as many as a day agenda sends",
    "one-write": "one committed write (a row rewritten as it was)",
    "orm-page": "20 people read with the ORM, rendered by Jinja",
}
#: what each action's floor equivalent does (bench.floor_app's /equivalent/ routes)
EQUIVALENTS = {
    "create_person": "two posts: each who asks + one committed write of 2 rows",
    "search": "who asks + first 20 people whose name holds the fragment, ORM + Jinja",
    "chart": "who asks + the person + newest 50 entries shown + one committed write",
    "book": "who asks + the overlap read + one committed write of 2 rows",
    "agenda": "who asks + a practitioner's day of bookings with their people, shown",
}
FAR = datetime(2099, 1, 5, 8, 0)  # the floor books in its own table: any time will do


def create_person(client, inputs, n: int) -> None:
    client.post("/equivalent/create/1", {})
    client.post("/equivalent/create/2", {})


def search(client, inputs, n: int) -> None:
    client.get(f"/equivalent/search?q={quote(inputs.fragments[n % len(inputs.fragments)])}")


def chart(client, inputs, n: int) -> None:
    client.get(f"/equivalent/chart/{inputs.chart_people[n % len(inputs.chart_people)]}")


def book(client, inputs, n: int) -> None:
    client.post("/equivalent/book", {"resource": inputs.practitioner,
                                     "person": inputs.book_people[n % len(inputs.book_people)],
                                     "at": (FAR + timedelta(minutes=30 * n)).isoformat()})


def agenda(client, inputs, n: int) -> None:
    resource, day = inputs.agenda[n % len(inputs.agenda)]
    client.get(f"/equivalent/agenda?resource={resource}&date={day.isoformat()}"
               f"&tz={quote(inputs.zone)}")


OPERATIONS = {"create_person": create_person, "search": search, "chart": chart, "book": book,
              "agenda": agenda}


def server(url: str, workers: int = 2) -> Server:
    return Server(url, workers=workers, app="bench.floor_app:create_app()")


def run(url: str, requests: int, warmup: int = 20) -> dict:
    from bench.rounds import _stats

    floor = server(url)
    out = {"startup_s": floor.start()}
    try:
        client = HttpClient(floor.port)
        for route in ROUTES:
            times = []
            for n in range(warmup + requests):
                client.elapsed = 0.0
                client.get(f"/{route}")
                if n >= warmup:
                    times.append(client.elapsed)
            out[route] = _stats(times)
        out["worker_rss_mb"] = floor.worker_rss_mb()
    finally:
        floor.stop()
    return out


def main(argv=None) -> None:
    from bench.workload import machine

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
    print("each action's floor equivalent is measured by `python -m bench.workload`, in the "
          "same rounds as the platform (ours ÷ floor per action)")
    if args.json:
        with open(args.json, "w") as fh:
            json.dump(figures, fh, indent=2, default=str)


if __name__ == "__main__":
    main()
