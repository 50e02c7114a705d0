"""The workload: everyday actions over HTTP against gunicorn, then the same SQL straight to the DB.

Usage (a database generated with ``python -m bench.generate`` first; never a coop's real one)::

    python -m bench.workload --db postgresql+psycopg://postgres@127.0.0.1:5432/soin_bench
    python -m bench.workload --db sqlite:////tmp/soin_bench.sqlite --requests 100

1. three servers on 127.0.0.1: ours (gunicorn, 2 workers, the application loaded before the
   fork as ``soin serve`` does), the floor (:mod:`bench.floor_app`, same gunicorn) and, with
   ``--gnuhealth BASE``, GNU Health's own server (:mod:`bench.peer`); start-up of each until
   its first answered request;
2. the five actions on each, in alternating rounds (:mod:`bench.rounds`): one signed-in
   browser session (login form, CSRF token) on ours, GNU Health's XML-RPC session on it;
   median and 95th percentile; a double booking is tried and must be refused; memory;
3. each operation again in-process with its SQL captured, and that SQL replayed with the bare
   driver (see :mod:`bench.sqlprobe`);
4. a table: ours, GNU Health's and the floor's figures from the same window, and the targets
   (:mod:`bench.report`). Figures are printed, never asserted. Everything it writes (people,
   bookings, audit events) stays in the bench databases.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import time
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

from sqlalchemy import func, make_url, select

from bench import operations as ops
from bench.activity import monthly_activity
from bench.peer import PeerServer
from bench.report import table
from bench.rounds import PASSWORD, _stats, run_rounds
from bench.server import BENCH_MFA, install_size_mb
from bench.sqlprobe import Capture, Replayer, Sequences, probe

__all__ = ["PASSWORD", "machine", "prepared_app", "run_sql", "table", "_dataset", "_stats"]


#: the yardstick's text: 2,000 small classes, compiled and run as a module's import is
_YARDSTICK = "\n".join(
    f"class C{i}:\n    a = {i}\n    b = 'text {i}'\n"
    f"    def f(self, x):\n        return [x + n for n in range({i % 7})]\n" for i in range(2000))


def yardstick() -> float:
    """CPU seconds (best of five) of a fixed piece of pure Python: compiling and running the
    text of 2,000 small classes, the kind of work an import and a request do (objects made,
    dictionaries filled), not a tight loop of additions.

    Machines of the same kind differ: the same code's start-up took 0.76-0.81 s of CPU on
    2026-12-07 and 1.17-1.39 s on 2026-12-08, the CPU model printed the same ("AMD EPYC").
    This figure lets passes on different machines be read side by side, and tells a slower
    machine from a slower change. Other programs' load barely moves CPU time."""
    best = float("inf")
    for _ in range(5):
        began = time.process_time()
        exec(compile(_YARDSTICK, "<yardstick>", "exec"), {})  # noqa: S102  (our own fixed text)
        best = min(best, time.process_time() - began)
    return round(best, 3)


def machine() -> dict:
    """nproc, RAM, CPU model, the :func:`yardstick` and the load when the run started (others
    may be running)."""
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text()
                .splitlines() if line.startswith("model name")), platform.processor())
    ram = next(int(line.split()[1]) for line in Path("/proc/meminfo").read_text().splitlines()
               if line.startswith("MemTotal"))
    return {"nproc": os.cpu_count(), "ram_gb": round(ram / 1024**2, 1), "cpu": cpu,
            "load": os.getloadavg(), "python": platform.python_version(),
            "yardstick_s": yardstick()}


def _choose_type(app) -> tuple[str, str]:
    """An individual appointment type (nursing's visit when installed) and its discipline."""
    from core.scheduling.apptypes import declared_types

    with app.test_request_context():
        kinds = [t for t in declared_types() if t.capacity == 1 and t.discipline]
    preferred = [t for t in kinds if t.code == "nursing.visit"] or kinds
    return preferred[0].code, preferred[0].discipline


def _dataset(app, count: int) -> tuple[ops.Inputs, dict]:
    from core import db
    from core.identity.models import Person
    from core.record.models import Entry

    code, discipline = _choose_type(app)
    with app.app_context():
        sess = db.session()
        size = {"persons": sess.scalar(select(func.count()).select_from(Person)),
                "entries": sess.scalar(select(func.count()).select_from(Entry))}
        if not size["persons"]:
            raise SystemExit("no people in this database: run `python -m bench.generate` first")
        inputs = ops.pick_inputs(sess, type_code=code, discipline=discipline, count=count,
                                 tz=app.config["SOIN_TIMEZONE"])
        inputs.serial = _last_serial(sess)
        sess.rollback()
    return inputs, size


def _last_serial(sess) -> int:
    """Earlier runs' test people have RAMQ-shaped numbers BENE########: continue after them."""
    from core.identity.models import Person

    last = sess.scalar(select(func.max(Person.ramq)).where(Person.ramq.like("BENE%")))
    return int(last[4:]) if last else 0


def run_sql(app, inputs: ops.Inputs, samples: int) -> dict:
    """Each operation in-process with its SQL captured, then that SQL replayed bare."""
    from core import db

    engine = app.extensions["soin_db"].engine
    capture, sequences, replayer = Capture(engine), Sequences(engine), Replayer(engine)
    out: dict = {}
    try:
        for name, operation in ops.OPERATIONS.items():
            inproc, raw, cpu, statements = [], [], [], 0
            for n in range(samples + 2):
                def action(client, n=n, operation=operation):
                    client.sign_in("bench.reception", PASSWORD)
                    operation(client, inputs, 1000 + n)
                seconds, items, used = probe(app, capture, sequences, action)
                replayed = replayer.run(items)
                if n >= 2:  # the first two warm caches (compiled SQL, templates, prepared plans)
                    inproc.append(seconds)
                    raw.append(replayed)
                    cpu.append(used)
                    statements = sum(1 for item in items if item[0] == "sql")
            out[name] = {"inproc": _stats(inproc), "raw": _stats(raw), "cpu": _stats(cpu),
                         "statements": statements}
            print(f"  sql  {name:<14} raw {out[name]['raw']['median']:7.2f} ms "
                  f"({statements} statements)", flush=True)
        month = date.today().replace(day=1) - timedelta(days=1)
        inproc, raw, cpu = [], [], []
        for n in range(samples + 2):
            with app.app_context():
                capture.items, capture.on = [], True
                began, used = time.perf_counter(), time.process_time()
                monthly_activity(db.session(), month)
                seconds, used = time.perf_counter() - began, time.process_time() - used
                capture.on = False
            replayed = replayer.run(capture.items)
            if n >= 2:
                inproc.append(seconds)
                raw.append(replayed)
                cpu.append(used)
        out["report"] = {"inproc": _stats(inproc), "raw": _stats(raw), "cpu": _stats(cpu),
                         "statements": capture.statements()}
    finally:
        replayer.close()
    return out


def prepared_app(url: str):
    """The application on the bench database, every plugin active, the bench account ready."""
    from bench.coop.setup import bench_account, prepare
    from core.app import create_app

    app = create_app({"SOIN_DATABASE_URL": url, "SECRET_KEY": "bench", "SOIN_MFA": BENCH_MFA})
    prepare(app)
    bench_account(app, PASSWORD)
    return app


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", required=True, help="SQLAlchemy URL of a generated bench database")
    parser.add_argument("--requests", type=int, default=200, help="timed runs of each read")
    parser.add_argument("--writes", type=int, default=60, help="timed runs of each write")
    parser.add_argument("--samples", type=int, default=30, help="probe/replay runs per operation")
    parser.add_argument("--warmup", type=int, default=5)
    parser.add_argument("--rounds", type=int, default=6, help="alternating rounds of the servers")
    parser.add_argument("--gnuhealth", default=os.environ.get("BENCH_GNUHEALTH"),
                        help="GNU Health's BASE folder (setup_gnuhealth.sh): measure it too")
    parser.add_argument("--gnuhealth-db", default="ghbench", help="its Tryton database")
    parser.add_argument("--json", help="also write the figures to this file")
    args = parser.parse_args(argv)
    if make_url(args.db).database == "test":
        raise SystemExit("refusing the `test` database: use a dedicated one (soin_bench)")
    app = prepared_app(args.db)
    inputs, size = _dataset(app, max(args.requests, args.writes) + args.samples + 40)
    result = {"when": datetime.now(timezone.utc).isoformat(timespec="minutes"),
              "database": app.extensions["soin_db"].dialect, **size, "machine": machine(),
              "install_mb": install_size_mb()}
    print(f"{result['database']}: {size['persons']:,} persons, {size['entries']:,} entries; "
          f"{result['machine']}", flush=True)
    peer = PeerServer(Path(args.gnuhealth), args.gnuhealth_db) if args.gnuhealth else None
    result["http"] = run_rounds(args.db, inputs, args.requests, args.writes, args.warmup,
                                args.rounds, peer)
    result["sql"] = run_sql(app, inputs, args.samples)
    result["load_after"] = os.getloadavg()
    print()
    print(table(result))
    if args.json:
        Path(args.json).write_text(json.dumps(result, indent=2, default=str))


if __name__ == "__main__":
    sys.exit(main())
