"""The queueing floors printed beside the paced run's ratio (bench.queueing)."""

import math
import random

from bench.queueing import erlang_c, mgc_ratio, mmc_ratio


def test_m_m_1_and_m_m_2_at_half_load_match_their_closed_forms():
    # M/M/1: the response time is exponential at rate mu - lambda = mu / 2
    assert math.isclose(mmc_ratio(1, 0.5), 2 * math.log(20) / math.log(2), rel_tol=1e-6)
    # M/M/2 at half load: one arrival in three waits; P(T > t) = e^-t (1 + t/3)
    assert math.isclose(erlang_c(2, 0.5), 1 / 3)
    x = mmc_ratio(2, 0.5) * math.log(2)
    assert math.isclose(math.exp(-x) * (1 + x / 3), 0.05, rel_tol=1e-6)
    assert 5.4 < mmc_ratio(2, 0.5) < 5.6


def test_the_simulated_queue_agrees_with_erlang_c_and_is_lower_for_steadier_service():
    rng = random.Random(5)
    exponential = [rng.expovariate(1.0) for _ in range(20_000)]
    assert math.isclose(mgc_ratio(exponential, 2, 0.5), mmc_ratio(2, 0.5), rel_tol=0.06)
    steady = [0.9 + 0.2 * rng.random() for _ in range(1_000)]
    assert 1.0 < mgc_ratio(steady, 2, 0.5) < 2.5 < mmc_ratio(2, 0.5)
    assert mgc_ratio(steady, 2, 0.5) == mgc_ratio(steady, 2, 0.5)  # seeded: the same every run
    assert math.isnan(mgc_ratio([], 2, 0.5))
