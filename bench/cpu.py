"""Each action's CPU in this process, ours beside its floor equivalent: figures a busy machine
barely moves.

Usage (a generated bench database)::

    python -m bench.cpu --db postgresql+psycopg://postgres@127.0.0.1:5432/soin_bench
    python -m bench.cpu --db ... --only chart --profile /tmp/chart.pstats   # cProfile of CPU

Ours runs through Flask's test client inside a rolled-back transaction (:func:`bench.sqlprobe.probe`:
the database is left as it was); the floor's equivalent (:mod:`bench.floor_app`) through its own
test client on the same database. Wall-clock time on a shared machine moves with other people's
work; the CPU time of this process (``time.process_time``) and the statement count hardly do, so
the ratio ours ÷ floor of CPU is what decides whether a change paid. Printed, never asserted.
``longest`` is the action's longest statement in characters, marked ``!`` on PostgreSQL past
the 4,096 that psycopg keeps parsed: past it, every execution parses it again (about 400 calls
for the chart's merged first read, which each plugin's panel question lengthens).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time

from bench import floor as floor_routes, operations as ops
from bench.client import AppClient
from bench.rounds import PASSWORD
from bench.sqlprobe import Capture, Sequences, probe

#: psycopg's bound on the statements whose parsing it keeps (psycopg._queries)
PSYCOPG_PARSE_CACHE = 4096


def _median_ms(values: list[float]) -> float:
    return statistics.median(values) * 1000 if values else float("nan")


def ours(app, inputs, name: str, samples: int, profiler=None) -> dict:
    """CPU (ms, median) and statements of ``samples`` runs of one action, after two warm-ups."""
    engine = app.extensions["soin_db"].engine
    capture, sequences = Capture(engine), Sequences(engine)
    cpu, statements, longest = [], 0, 0
    for n in range(samples + 2):
        def action(client, n=n):
            client.sign_in("bench.reception", PASSWORD)
            if profiler is not None and n >= 2:
                profiler.start()
            try:
                ops.OPERATIONS[name](client, inputs, 2000 + n)
            finally:
                if profiler is not None and n >= 2:
                    profiler.stop()
        _seconds, items, used = probe(app, capture, sequences, action)
        if n >= 2:
            cpu.append(used)
            statements = sum(1 for item in items if item[0] == "sql")
            longest = max([longest, *(len(item[1]) for item in items if item[0] == "sql")])
    return {"cpu_ms": _median_ms(cpu), "min_ms": min(cpu) * 1000, "statements": statements,
            "longest": longest}


def floor(url: str, inputs, name: str, samples: int) -> float:
    """CPU (ms, median) of the floor's equivalent, through its own test client."""
    os.environ["SOIN_DATABASE_URL"] = url
    from bench.floor_app import create_app

    client = AppClient(create_app())
    cpu = []
    for n in range(samples + 2):
        client.cpu = 0.0
        floor_routes.OPERATIONS[name](client, inputs, 5000 + n)
        if n >= 2:
            cpu.append(client.cpu)
    return _median_ms(cpu)


def main(argv=None) -> None:
    from bench.workload import _dataset, machine, prepared_app

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True)
    parser.add_argument("--samples", type=int, default=15)
    parser.add_argument("--only", nargs="*", default=list(ops.OPERATIONS))
    parser.add_argument("--profile", help="write a cProfile of --only's CPU time (pstats) here")
    args = parser.parse_args(argv)
    app = prepared_app(args.db)
    inputs, size = _dataset(app, 4 * args.samples + 60)
    here = machine()
    print(f"{size['persons']:,} persons; load {here['load'][0]:.1f}; yardstick "
          f"{here['yardstick_s']:.3f} s (this machine's speed at pure Python)", flush=True)
    profiler = None
    if args.profile:
        import cProfile

        profiler = cProfile.Profile(time.process_time)  # CPU, not waits for the database
        profiler.start, profiler.stop = profiler.enable, profiler.disable
    print(f"{'action':<16} {'ours CPU':>9} {'(least)':>8} {'stmts':>6} {'longest':>8} "
          f"{'floor CPU':>10} {'ratio':>7}")
    for name in args.only:
        started = time.process_time()
        mine = ours(app, inputs, name, args.samples, profiler)
        base = floor(args.db, inputs, name, args.samples)
        # psycopg parses a statement over 4,096 bytes again on every execution (its parse
        # cache's bound): the chart's merged read must stay under it (the mark says it did not)
        over = "!" if mine["longest"] > PSYCOPG_PARSE_CACHE and "postgresql" in args.db else " "
        print(f"{name:<16} {mine['cpu_ms']:9.2f} {mine['min_ms']:8.2f} {mine['statements']:6d} "
              f"{mine['longest']:7d}{over} {base:10.2f} "
              f"{mine['cpu_ms'] / base:6.2f}×  ({time.process_time() - started:.1f} s)",
              flush=True)
    if profiler is not None:
        import pstats

        profiler.create_stats()
        calls = sum(entry[1] for entry in profiler.stats.values())  # type: ignore[attr-defined]
        runs = args.samples * len(args.only)
        print(f"Python function calls per action: {calls / runs:,.0f} (a count that other "
              "people's work on the machine does not move)")
        profiler.dump_stats(args.profile)
        stats = pstats.Stats(args.profile)
        stats.sort_stats("tottime").print_stats(40)
        stats.sort_stats("cumulative").print_stats(80)


if __name__ == "__main__":
    sys.exit(main())
