"""bench.startup --accounting: each kind of work counted once, nested regions left out."""

import time

from bench.startup_accounting import Ledger, module_kind


def test_nested_regions_are_counted_once(monkeypatch):
    clock = [0.0]  # a clock the test moves: no timing measured
    monkeypatch.setattr(time, "thread_time", lambda: clock[0])
    ledger = Ledger()
    ledger.enter("outer")
    clock[0] += 2
    ledger.enter("inner")
    clock[0] += 3
    ledger.leave()
    clock[0] += 1
    ledger.leave()
    assert ledger.spent == {"outer": 3, "inner": 3}  # the outer's own time, not the inner's
    assert not ledger.stack


def test_modules_are_sorted_into_libraries_models_and_the_rest():
    assert module_kind("sqlalchemy.orm").startswith("libraries")
    assert module_kind("core.identity.models").startswith("ours: model")
    assert module_kind("core.record.transfer_models").startswith("ours: model")
    assert module_kind("plugins.nursing.views") == "ours: other modules"
