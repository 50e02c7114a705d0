"""The workload: everyday actions over HTTP against gunicorn, then the same SQL straight to the DB.

Usage (a database generated with ``soin bench generate`` first; never a coop's real one)::

    python -m bench.workload --db postgresql+psycopg://postgres@127.0.0.1:5432/soin_bench
    python -m bench.workload --db sqlite:////tmp/soin_bench.sqlite --requests 100

1. gunicorn (2 sync workers) on 127.0.0.1; start-up time until the sign-in page answers;
2. a signed-in browser session (login form, CSRF token) runs each operation a bounded number of
   times, sequentially: median and 95th percentile; a double booking is tried and must be refused;
   workers' resident memory; the server is stopped;
3. each operation again in-process with its SQL captured, and that SQL replayed with the bare
   driver (see :mod:`bench.sqlprobe`): our code's overhead is HTTP median / raw SQL median;
4. a table next to GNU Health's reference figures and the targets. Figures are printed, never
   asserted. Everything it writes (people, bookings, audit events) stays in the bench database.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import sys
import time
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

from sqlalchemy import func, make_url, select

from bench import operations as ops
from bench.activity import monthly_activity
from bench.client import HttpClient
from bench.server import BENCH_MFA, Server, install_size_mb
from bench.sqlprobe import Capture, Replayer, Sequences, probe

PASSWORD = "bench-workload-password-2026"
GNU_START_S, GNU_RSS_MB = 0.8, 80.0
WRITES = ("create_person", "book")


def _stats(seconds: list[float]) -> dict:
    ms = sorted(s * 1000 for s in seconds)
    p95 = ms[min(len(ms) - 1, round(0.95 * (len(ms) - 1)))]
    return {"median": statistics.median(ms), "p95": p95, "n": len(ms)}


def machine() -> dict:
    """nproc, RAM, CPU model and the load when the run started (others may be running)."""
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text()
                .splitlines() if line.startswith("model name")), platform.processor())
    ram = next(int(line.split()[1]) for line in Path("/proc/meminfo").read_text().splitlines()
               if line.startswith("MemTotal"))
    return {"nproc": os.cpu_count(), "ram_gb": round(ram / 1024**2, 1), "cpu": cpu,
            "load": os.getloadavg(), "python": platform.python_version()}


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
            raise SystemExit("no people in this database: run `soin bench generate` first")
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


def run_http(url: str, inputs: ops.Inputs, reads: int, writes: int, warmup: int) -> dict:
    """Start gunicorn, run every operation over HTTP, measure memory, stop."""
    server = Server(url)
    out: dict = {"startup_s": server.start()}
    try:
        client = HttpClient(server.port)
        client.sign_in(os.environ.get("BENCH_USER", "bench.reception"), PASSWORD)
        for name, operation in ops.OPERATIONS.items():
            count = writes if name in WRITES else reads
            times = []
            for n in range(warmup + count):
                client.elapsed = 0.0
                operation(client, inputs, n)
                if n >= warmup:
                    times.append(client.elapsed)
            out[name] = _stats(times)
            print(f"  http {name:<14} median {out[name]['median']:7.2f} ms", flush=True)
        out["double_booking_refused"] = ops.double_booking_refused(client, inputs)
        out["worker_rss_mb"] = server.worker_rss_mb()
    finally:
        server.stop()
    return out


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


def _fmt(value, unit="") -> str:
    return "—" if value is None else f"{value:.1f}{unit}" if value >= 10 else f"{value:.2f}{unit}"


def table(result: dict) -> str:
    """The figures, GNU Health's reference and the targets, as plain text."""
    http, sql = result["http"], result["sql"]
    head = (f"{'operation':<40}{'HTTP med':>9}{'p95':>8}{'in-proc':>9}{'app CPU':>8}"
            f"{'raw SQL':>9}{'ratio':>7}{'stmts':>6}{'GNU H.':>8}{'faster':>8}")
    lines = [head, "-" * len(head)]
    for name, label in ops.LABELS.items():
        h = http.get(name)
        s = sql[name]
        med = h["median"] if h else None
        base = med if med is not None else s["inproc"]["median"]
        ratio = base / s["raw"]["median"] if s["raw"]["median"] else None
        gnu = ops.GNU_HEALTH.get(name)
        lines.append(
            f"{label:<40}{_fmt(med):>9}{_fmt(h['p95'] if h else None):>8}"
            f"{_fmt(s['inproc']['median']):>9}{_fmt(s['cpu']['median']):>8}"
            f"{_fmt(s['raw']['median']):>9}"
            f"{_fmt(ratio, 'x'):>7}{s['statements']:>6}{_fmt(gnu):>8}"
            f"{_fmt(gnu / med if gnu and med else None, 'x'):>8}")
    rss = http["worker_rss_mb"]
    lines += ["", "times in ms (median, 95th percentile); ratio = HTTP median (in-process for the "
              "report) / raw SQL median; app CPU = CPU time of the Flask process in-process (the "
              "least sensitive to other programs' load); stmts = SQL statements per operation",
              f"start-up {http['startup_s']:.2f} s (GNU Health {GNU_START_S} s) · worker RSS "
              f"{', '.join(f'{r:.0f}' for r in rss)} MB (GNU Health {GNU_RSS_MB:.0f} MB) · "
              f".venv {result['install_mb']:.0f} MB · double booking refused: "
              f"{http['double_booking_refused']}"]
    m = result["machine"]
    lines.append(f"{result['database']}, {result['persons']:,} persons, {result['entries']:,} "
                 f"entries · {m['nproc']} CPUs {m['cpu']}, {m['ram_gb']} GB · load average "
                 f"{m['load'][0]:.1f} at start, {result['load_after'][0]:.1f} at end · "
                 f"{result['when']}")
    lines += targets(result)
    return "\n".join(lines)


def targets(result: dict) -> list[str]:
    """Which targets this run meets (the 10x target is about the 10,000-person scale)."""
    http, sql = result["http"], result["sql"]
    out = ["targets:"]
    faster = {n: ops.GNU_HEALTH[n] / http[n]["median"] for n in ops.GNU_HEALTH}
    slow = [n for n, f in faster.items() if f < 10]
    out.append(f"  ≥10x GNU Health on each (meant at 10,000 persons): "
               f"{'met' if not slow else 'NOT met for ' + ', '.join(slow)}")
    quick = [n for n in ("search", "chart") if http[n]["median"] >= 10]
    out.append(f"  search and chart < 10 ms median (meant at 55,000): "
               f"{'met' if not quick else 'NOT met for ' + ', '.join(quick)}")
    heavy = [n for n in ops.OPERATIONS if http[n]["median"] > 3 * sql[n]["raw"]["median"]]
    out.append(f"  overhead within 3x raw SQL: {'met' if not heavy else 'NOT met for ' + ', '.join(heavy)}")
    return out


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", required=True, help="SQLAlchemy URL of a generated bench database")
    parser.add_argument("--requests", type=int, default=200, help="timed runs of each read")
    parser.add_argument("--writes", type=int, default=60, help="timed runs of each write")
    parser.add_argument("--samples", type=int, default=30, help="probe/replay runs per operation")
    parser.add_argument("--warmup", type=int, default=5)
    parser.add_argument("--json", help="also write the figures to this file")
    args = parser.parse_args(argv)
    if make_url(args.db).database == "test":
        raise SystemExit("refusing the `test` database: use a dedicated one (soin_bench)")

    from core.app import create_app
    from core.benchdata.setup import bench_account, prepare

    app = create_app({"SOIN_DATABASE_URL": args.db, "SECRET_KEY": "bench", "SOIN_MFA": BENCH_MFA})
    prepare(app)
    bench_account(app, PASSWORD)
    inputs, size = _dataset(app, max(args.requests, args.writes) + args.samples + 40)
    result = {"when": datetime.now(timezone.utc).isoformat(timespec="minutes"),
              "database": app.extensions["soin_db"].dialect, **size, "machine": machine(),
              "install_mb": install_size_mb()}
    print(f"{result['database']}: {size['persons']:,} persons, {size['entries']:,} entries; "
          f"{result['machine']}", flush=True)
    result["http"] = run_http(args.db, inputs, args.requests, args.writes, args.warmup)
    result["sql"] = run_sql(app, inputs, args.samples)
    result["load_after"] = os.getloadavg()
    print()
    print(table(result))
    if args.json:
        Path(args.json).write_text(json.dumps(result, indent=2, default=str))


if __name__ == "__main__":
    sys.exit(main())
