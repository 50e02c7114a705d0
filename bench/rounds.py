"""Three servers timed in the same window: the platform, its floor and GNU Health.

Each is started (the seconds to its first answered request are kept), warmed up, then the
five actions run on each in turn, round after round, the order of the servers reversed every
other round: whatever else the machine does in that window weighs on all three alike. Only
one request is in flight at a time (the concurrency driver is :mod:`bench.load`).
"""

from __future__ import annotations

import math
import os
import statistics
from collections.abc import Callable
from dataclasses import dataclass, field

from bench import floor as floor_routes, operations as ops, peer as gnuhealth
from bench.client import HttpClient
from bench.server import Server

PASSWORD = "bench-workload-password-2026"
WRITES = ("create_person", "book")


def _stats(seconds: list[float]) -> dict:
    if not seconds:  # nothing answered in the time given: say so, never a made-up figure
        return {"median": float("nan"), "p95": float("nan"), "n": 0}
    ms = sorted(s * 1000 for s in seconds)
    p95 = ms[min(len(ms) - 1, round(0.95 * (len(ms) - 1)))]
    return {"median": statistics.median(ms), "p95": p95, "n": len(ms)}


@dataclass
class Side:
    """One server under test: how to reach it and what its five actions are."""

    name: str
    client: object
    inputs: object
    operations: dict[str, Callable]
    times: dict[str, list[float]] = field(default_factory=dict)
    runs: dict[str, int] = field(default_factory=dict)

    def run(self, action: str, timed: bool = True) -> None:
        n = self.runs.get(action, 0)
        self.runs[action] = n + 1
        self.client.elapsed = 0.0
        self.operations[action](self.client, self.inputs, n)
        if timed:
            self.times.setdefault(action, []).append(self.client.elapsed)


def start_sides(url: str, inputs: ops.Inputs, peer: gnuhealth.PeerServer | None, user: str,
                servers: list) -> tuple[dict, list[Side]]:
    """Start every server (each put in ``servers`` to be stopped); return start-up figures
    and the sides."""
    ours, floor = Server(url), floor_routes.server(url)
    servers += [ours, floor]
    figures: dict = {"ours": {"startup_s": ours.start()}, "floor": {"startup_s": floor.start()}}
    client = HttpClient(ours.port)
    client.sign_in(user, PASSWORD)
    sides = [Side("ours", client, inputs, ops.OPERATIONS),
             Side("floor", HttpClient(floor.port), inputs, floor_routes.OPERATIONS)]
    if peer is not None:
        servers.append(peer)
        figures["gnuhealth"] = {"startup_s": peer.start()}
        peer_client = peer.client()
        sides.append(Side("gnuhealth", peer_client, gnuhealth.PeerInputs(peer_client),
                          gnuhealth.OPERATIONS))
    return figures, sides


def run_rounds(url: str, inputs: ops.Inputs, reads: int, writes: int, warmup: int,
               rounds: int, peer: gnuhealth.PeerServer | None = None) -> dict:
    """Time every action on every side, alternating; return figures per side and action."""
    servers: list = []
    try:
        figures, sides = start_sides(url, inputs, peer,
                                     os.environ.get("BENCH_USER", "bench.reception"), servers)
        ours = servers[0]
        for side in sides:
            for action in ops.OPERATIONS:
                for _ in range(warmup):
                    side.run(action, timed=False)
        loads = []
        for number in range(rounds):
            loads.append(os.getloadavg()[0])
            for side in (sides if number % 2 == 0 else sides[::-1]):
                for action in ops.OPERATIONS:
                    total = writes if action in WRITES else reads
                    for _ in range(math.ceil(total / rounds)):
                        side.run(action)
            print(f"  round {number + 1}/{rounds} done (load {loads[-1]:.1f})", flush=True)
        for side in sides:
            figures[side.name].update({a: _stats(t) for a, t in side.times.items()})
        figures["ours"]["double_booking_refused"] = ops.double_booking_refused(sides[0].client,
                                                                               inputs)
        figures["ours"]["worker_rss_mb"] = ours.worker_rss_mb()
        figures["ours"]["worker_pss_mb"] = ours.worker_pss_mb()
        figures["floor"]["worker_rss_mb"] = servers[1].worker_rss_mb()
        if peer is not None:
            figures["gnuhealth"]["worker_rss_mb"] = peer.rss_mb()
        figures["load"] = loads
    finally:
        for server in servers:
            server.stop()
    return figures
