"""What queueing alone makes of the paced run's tail: the floor under "p95 ÷ median at rest".

The paced run offers half of the best throughput with exponential gaps (Poisson arrivals) to
two cores. Even a server with no overhead at all then makes some requests wait for one in
progress: a request's time under load is its service plus that wait. Two floors are printed
beside the measured ratio, so that a reader sees what is achievable at that load:

- M/M/c (Erlang C): exponential service times; the 95th percentile of the response time over
  the median of the service time. It depends only on ``c`` and ``rho``: 5.5× for two servers
  at half load, 8.6× for one.
- M/G/c: the same queue served in arrival order by ``c`` servers, with the service times drawn
  from the times measured at rest (one client), simulated with a fixed seed. Our service times
  vary less than exponential ones, so this floor is lower; it is still a floor only for a
  system that adds nothing to a request but the wait for a free core (no processor sharing,
  no other program on the cores).
"""

from __future__ import annotations

import heapq
import math
import random


def erlang_c(servers: int, rho: float) -> float:
    """The probability that an arriving request waits (M/M/c, ``rho`` the load per server)."""
    offered = rho * servers
    below = sum(offered**k / math.factorial(k) for k in range(servers))
    top = offered**servers / math.factorial(servers) / (1 - rho)
    return top / (below + top)


def mmc_ratio(servers: int, rho: float, q: float = 0.95) -> float:
    """M/M/c: the ``q`` quantile of the response time ÷ the median of the service time."""
    mu = 1.0
    waits, drain = erlang_c(servers, rho), servers * mu * (1 - rho)  # the wait's rate when > 0

    def beyond(t: float) -> float:  # P(response > t): service alone, or wait + service
        if abs(drain - mu) < 1e-12:
            both = math.exp(-mu * t) * (1 + mu * t)
        else:
            both = (drain * math.exp(-mu * t) - mu * math.exp(-drain * t)) / (drain - mu)
        return (1 - waits) * math.exp(-mu * t) + waits * both

    low, high = 0.0, 100.0
    for _ in range(100):  # beyond() falls with t: bisect for beyond(t) = 1 - q
        middle = (low + high) / 2
        low, high = (middle, high) if beyond(middle) > 1 - q else (low, middle)
    return low / (math.log(2) / mu)


def mgc_ratio(service: list[float], servers: int, rho: float, q: float = 0.95,
              arrivals: int = 100_000, seed: int = 23) -> float:
    """M/G/c served in arrival order, service times drawn from ``service`` (measured at rest):
    the ``q`` quantile of the response time ÷ the median of ``service``."""
    if not service:
        return float("nan")
    rng = random.Random(seed)
    rate = rho * servers * len(service) / sum(service)
    free = [0.0] * servers  # when each server is next free
    now, times = 0.0, []
    for _ in range(arrivals):
        now += rng.expovariate(rate)
        start = max(now, heapq.heappop(free))
        done = start + rng.choice(service)
        heapq.heappush(free, done)
        times.append(done - now)
    times.sort()
    ordered = sorted(service)
    return times[int(q * (arrivals - 1))] / ordered[(len(ordered) - 1) // 2]
