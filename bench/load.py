"""Concurrency: the five actions mixed in a clinic's proportions, 8 and 32 clients at once.

Usage (a generated bench database; GNU Health installed and loaded as bench/README.md says)::

    python -m bench.load --db postgresql+psycopg://postgres@127.0.0.1:5432/soin_bench \\
        --gnuhealth /work/ghpeer --clients 8 32 --seconds 20

Each client is a thread of this process with its own signed-in session, sending its next
action as soon as the last one is answered (no think time): with 8 or more clients on two
cores the servers are saturated, so actions per second is their throughput. First one client
alone gives each system's medians at rest; then each level of concurrency runs on each system
in turn (the order reversed at every level). A Python driver rather than a load tool: both
systems need stateful sessions (our sign-in form and CSRF token, GNU Health's XML-RPC login),
unique data per write (a new RAMQ number, a free half-hour) and the same five actions as the
sequential workload; the driver reuses those actions exactly, and costs both systems the same.
With ``--floor``, the floor (:mod:`bench.floor_app`'s equivalent of each action, none of our
code, served by the same gunicorn) runs every level too: whether a page that does only an
action's unavoidable work keeps its p95 within 3x its median at rest on the same machine at the
same share of its own best throughput. Figures are printed, never asserted.
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import gc
import json
import math
import os
import random
import secrets
import sys
import threading
import time
from datetime import datetime, timezone
from pathlib import Path

from sqlalchemy import make_url

from bench import floor as floor_routes, operations as ops, peer as gnuhealth, queueing
from bench.client import HttpClient
from bench.report import machine_speed
from bench.rounds import PASSWORD, _stats
from bench.server import Server

#: a reception desk's day: people looked up and charts opened most, the agenda often,
#: bookings regularly, a new person now and then (per 100 actions)
MIX = {"search": 30, "chart": 30, "agenda": 20, "book": 12, "create_person": 8}
P95_AT_REST, THROUGHPUT = 3.0, 3.0  # issue 23's targets


#: more actions per second than either system has answered on two cores (ours: about 290 at
#: 8 clients on 2026-12-06, where 250 let the last seconds' bookings find no free half-hour
#: left), so that a run's free half-hours are never all booked before it ends
MOST_ACTIONS_PER_S = 600


def slots_each(count: int, seconds: float, warmup: float) -> int:
    """Free half-hours each of ``count`` clients keeps: its share of the bookings a run could
    make at :data:`MOST_ACTIONS_PER_S` (a run that found none would count refusals, not work)."""
    bookings = MOST_ACTIONS_PER_S * (seconds + warmup) * MIX["book"] / sum(MIX.values())
    return math.ceil(bookings / count) + 10


def _ours_clients(port: int, inputs: ops.Inputs, count: int, user: str, first: int,
                  each: int) -> list:
    """Signed-in browser sessions, each with RAMQ numbers and ``each`` free half-hours of its
    own (``first``: how many half-hours earlier runs' clients took)."""
    clients = []
    for number in range(count):
        client = HttpClient(port)
        client.sign_in(user, PASSWORD)
        mine = dataclasses.replace(
            # RAMQ-shaped numbers (BENE + 8 digits) from a random point: runs after runs of
            # counting up from the highest one reached the end of the 8 digits and wrapped
            inputs, serial=secrets.randbelow(10**8 - 10**4),
            slots=inputs.slots[first + number * each:first + (number + 1) * each])
        clients.append((client, mine))
    return clients


@contextlib.contextmanager
def _no_collector_pauses():
    """The driver's cycle collector off while clients run: a full collection of its heap
    (measured: 122 ms) stops every client thread at once, and every request in flight then
    counts that pause as the server's time. Its threads allocate little that only the
    collector frees; it runs again once they are done."""
    gc.collect()
    gc.freeze()  # what the set-up built is never walked again
    gc.disable()
    try:
        yield
    finally:
        gc.enable()
        gc.unfreeze()


def _drive(clients: list, operations: dict, seconds: float, warmup: float, seed: int,
           rate: float = 0.0) -> dict:
    """Every client in its own thread for ``warmup + seconds``; figures of the timed part.

    ``rate`` (actions per second, all clients together; 0: as fast as answered) paces the
    clients: each waits a random time (exponential, as independent people arrive) between
    its actions, so that together they offer ``rate``."""
    actions, weights = list(MIX), list(MIX.values())
    samples: list[tuple[str, float]] = []
    errors: list[str] = []
    lock = threading.Lock()
    began = time.perf_counter()
    measure_from, stop_at = began + warmup, began + warmup + seconds

    def loop(number: int, client, inputs) -> None:
        rng = random.Random(seed * 1000 + number)
        n = 0
        next_at = time.perf_counter()
        while time.perf_counter() < stop_at:
            if rate:
                next_at += rng.expovariate(rate / len(clients))
                time.sleep(max(0.0, next_at - time.perf_counter()))
            action = rng.choices(actions, weights)[0]
            client.elapsed = 0.0
            started = time.perf_counter()
            try:
                operations[action](client, inputs, n * len(clients) + number)
            except Exception as exc:  # noqa: BLE001  (an answer refused under load is a figure)
                with lock:
                    errors.append(f"{action}: {exc}"[:200])
                continue
            finally:
                n += 1
            if started >= measure_from and time.perf_counter() <= stop_at:
                with lock:
                    samples.append((action, client.elapsed))

    threads = [threading.Thread(target=loop, args=(i, c, inp), daemon=True)
               for i, (c, inp) in enumerate(clients)]
    with _no_collector_pauses():
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    out = {"actions_per_s": len(samples) / seconds, "errors": len(errors), "offered": rate,
           "first_errors": errors[:3], "all": _stats([t for _a, t in samples]),
           "times": [t for _a, t in samples]}
    for action in MIX:
        times = [t for a, t in samples if a == action]
        if times:
            out[action] = _stats(times)
    return out


def run(url: str, peer: gnuhealth.PeerServer | None, levels: list[int], seconds: float,
        warmup: float, workers: int, threads: int, paced: float = 0.0,
        floor: bool = False) -> dict:
    """At rest (one client), each level on each system, then (``paced``) the most clients
    offering that share of each system's best throughput; the servers stopped at the end.
    ``floor``: the floor's equivalents are a system too (:mod:`bench.floor`)."""
    from bench.workload import _dataset, prepared_app

    app = prepared_app(url)
    runs = [1, *levels, *([max(levels)] if paced else [])]
    inputs, size = _dataset(app, sum(slots_each(n, seconds, warmup) * n for n in runs))
    user = os.environ.get("BENCH_USER", "bench.reception")
    ours = Server(url, workers=workers, threads=threads)
    bare = floor_routes.server(url, workers=workers) if floor else None
    result: dict = {"persons": size["persons"], "workers": workers, "threads": threads,
                    "levels": {}, "load": []}
    try:
        result["ours_startup_s"] = ours.start()
        taken = [0]  # half-hours given to clients so far: each new one books its own

        def our_clients(count: int) -> list:
            each = slots_each(count, seconds, warmup)
            taken[0] += each * count
            return _ours_clients(ours.port, inputs, count, user, taken[0] - each * count, each)

        systems = {"ours": (our_clients, ops.OPERATIONS)}
        if bare is not None:
            result["floor_startup_s"] = bare.start()
            systems["floor"] = (lambda n: [(HttpClient(bare.port), inputs) for _ in range(n)],
                                floor_routes.OPERATIONS)
        if peer is not None:
            result["gnuhealth_startup_s"] = peer.start()
            peer_inputs = gnuhealth.PeerInputs(peer.client())
            systems["gnuhealth"] = (lambda n: [(peer.client(), peer_inputs) for _ in range(n)],
                                    gnuhealth.OPERATIONS)
        for level in [1, *levels, *(["paced"] if paced else [])]:
            names = list(systems) if len(result["levels"]) % 2 == 0 else list(systems)[::-1]
            for name in names:
                make, operations = systems[name]
                result["load"].append(os.getloadavg()[0])
                if level == "paced":  # a share of what this system sustained at its busiest
                    busiest = max(result["levels"][n][name]["actions_per_s"] for n in levels)
                    figures = _drive(make(max(levels)), operations, seconds, warmup, seed=7,
                                     rate=paced * busiest)
                else:
                    figures = _drive(make(level), operations, seconds, warmup, seed=level)
                figures["load"] = result["load"][-1]
                times = figures.pop("times")  # kept only to draw the queueing floor from
                if level == 1 and paced:
                    figures["queueing"] = {"mm2": queueing.mmc_ratio(2, paced),
                                        "mg2": queueing.mgc_ratio(times, 2, paced)}
                result["levels"].setdefault(level, {})[name] = figures
                print(f"  {name:<9} {level:>2} clients: {figures['actions_per_s']:6.1f} actions/s, "
                      f"p95 {figures['all']['p95']:7.1f} ms, {figures['errors']} errors "
                      f"(load {figures['load']:.1f})", flush=True)
        result["ours_worker_rss_mb"] = ours.worker_rss_mb()
        result["ours_worker_pss_mb"] = ours.worker_pss_mb()
        if peer is not None:
            result["gnuhealth_rss_mb"] = peer.rss_mb()
    finally:
        ours.stop()
        if bare is not None:
            bare.stop()
        if peer is not None:
            peer.stop()
    return result


def table(result: dict, levels: list[int]) -> str:
    """Throughput and 95th percentiles, ours against GNU Health, and the targets."""
    rest = result["levels"][1]
    lines = [f"{'clients':<8}{'system':<11}{'actions/s':>10}{'median':>8}{'p95':>8}{'errors':>7}"
             f"  p95 per action (ms)"]
    shown = [1, *levels, *(["paced"] if "paced" in result["levels"] else [])]
    for level in shown:
        for name, f in result["levels"][level].items():
            per = ", ".join(f"{a} {f[a]['p95']:.0f}" for a in MIX if a in f)
            lines.append(f"{level:<8}{name:<11}{f['actions_per_s']:>10.1f}{f['all']['median']:>8.1f}"
                         f"{f['all']['p95']:>8.1f}{f['errors']:>7}  {per}  (load {f['load']:.1f})")
    for level in shown:
        for name, f in result["levels"][level].items():
            lines += [f"  {name}, {level} clients, refused: {e}" for e in f["first_errors"]]
    lines.append(f"ours: gunicorn {result['workers']} workers × {result['threads']} threads; "
                 f"mix per 100 actions: {MIX}; times in ms")
    if "paced" in result["levels"]:
        lines.append(f"paced: {max(levels)} clients offering {result['paced']:.0%} of each "
                     f"system's best throughput (offered "
                     + ", ".join(f"{n} {f['offered']:.1f}/s"
                                 for n, f in result["levels"]["paced"].items()) + ")")
    lines.append("targets (at saturation a closed loop of N clients waits N / throughput on "
                 "average: the p95 target is read on the paced run):")
    for level in [*levels, *(["paced"] if "paced" in result["levels"] else [])]:
        at = result["levels"][level]
        if "gnuhealth" in at and level != "paced":
            ratio = at["ours"]["actions_per_s"] / at["gnuhealth"]["actions_per_s"]
            lines.append(f"  {level} clients: throughput {ratio:.2f}x GNU Health's "
                         f"({'met' if ratio >= THROUGHPUT else 'NOT met'}, ≥{THROUGHPUT:.0f}x)")
        for name in ("ours", "floor"):
            if name in at:
                lines += p95_lines(name, at[name], rest[name], level)
            if level == "paced" and "queueing" in rest.get(name, {}):
                lines.append(floor_line(rest[name]["queueing"], result["paced"], name))
    return "\n".join(lines)


def p95_lines(name: str, at: dict, rest: dict, level) -> list[str]:
    """A system's p95 at ``level`` ÷ its median at rest, overall and per action."""
    parts = [f"{action} {at[action]['p95'] / rest[action]['median']:.1f}x"
             for action in MIX if action in at and action in rest]
    overall = at["all"]["p95"] / rest["all"]["median"]
    whose = "our" if name == "ours" else f"the {name}'s"
    return [f"  {level} clients: {whose} p95 ÷ {whose} median at rest {overall:.1f}x overall "
            f"({'met' if overall <= P95_AT_REST else 'NOT met'}, ≤{P95_AT_REST:.0f}x); "
            f"per action {', '.join(parts)}"]


def floor_line(floor: dict, rho: float, name: str = "ours") -> str:
    """The paced ratio's floor from queueing alone (:mod:`bench.queueing`), to read it against."""
    whose = "our" if name == "ours" else f"the {name}'s"
    return (f"    queueing floor at {rho:.0%} load on 2 cores (p95 under load ÷ median at rest of "
            f"a server adding nothing but the wait for a free core): M/M/2 {floor['mm2']:.1f}x, "
            f"M/G/2 with {whose} times at rest {floor['mg2']:.1f}x")


def main(argv=None) -> None:
    from bench.workload import machine
    from core.ops.serve import default_workers, gunicorn_options

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True, help="SQLAlchemy URL of a generated bench database")
    parser.add_argument("--gnuhealth", default=os.environ.get("BENCH_GNUHEALTH"),
                        help="GNU Health's BASE folder: drive it too")
    parser.add_argument("--gnuhealth-db", default="ghbench")
    parser.add_argument("--clients", type=int, nargs="+", default=[8, 32])
    parser.add_argument("--seconds", type=float, default=20.0, help="timed part of each run")
    parser.add_argument("--warmup", type=float, default=3.0)
    # what `soin serve` starts on this machine unless told otherwise
    parser.add_argument("--workers", type=int, default=default_workers(),
                        help="our gunicorn processes (default: soin serve's, one per CPU)")
    parser.add_argument("--threads", type=int, default=gunicorn_options("", 1, 60)["threads"],
                        help="threads per process (default: soin serve's)")
    parser.add_argument("--paced", type=float, default=0.5,
                        help="then offer this share of each system's best throughput (0: no)")
    parser.add_argument("--floor", action="store_true",
                        help="the floor's equivalents too, at every level (bench.floor_app)")
    parser.add_argument("--json")
    args = parser.parse_args(argv)
    if make_url(args.db).database == "test":
        raise SystemExit("refusing the `test` database: use a dedicated one (soin_bench)")
    peer = gnuhealth.PeerServer(Path(args.gnuhealth), args.gnuhealth_db) if args.gnuhealth else None
    started = machine()
    result = run(args.db, peer, args.clients, args.seconds, args.warmup, args.workers,
                 args.threads, args.paced, args.floor)
    result.update(machine=started, paced=args.paced, when=datetime.now(timezone.utc).isoformat(timespec="minutes"),
                  load_after=os.getloadavg())
    print()
    print(table(result, args.clients))
    m = started
    print(f"{result['persons']:,} persons · {m['nproc']} CPUs {m['cpu']}{machine_speed(m)} · "
          f"load average "
          f"{m['load'][0]:.1f} at start, {result['load_after'][0]:.1f} at end · {result['when']}")
    if args.json:
        Path(args.json).write_text(json.dumps(result, indent=2, default=str))


if __name__ == "__main__":
    sys.exit(main())
