"""Where the start-up's CPU goes, by kind of work (``python -m bench.startup --accounting``).

Each kind is counted exclusively (a module's own time leaves out the modules it imports, the
mappers it configures and the dataclasses it defines): the shares add up to the whole. CPU is
this thread's (``time.thread_time``), so the shares hold on a busy machine even when the
seconds do not; the instruments add a few percent of their own.
"""

from __future__ import annotations

import dataclasses
import importlib._bootstrap as bootstrap
import sys
import time
from collections import Counter
from collections.abc import Callable

OURS = ("core", "plugins", "bench")


class Ledger:
    """Exclusive CPU per kind: a region's time, less the regions nested in it."""

    def __init__(self) -> None:
        self.spent: Counter[str] = Counter()
        self.stack: list[list] = []  # [kind, started, nested]

    def enter(self, kind: str) -> None:
        self.stack.append([kind, time.thread_time(), 0.0])

    def leave(self) -> None:
        kind, started, nested = self.stack.pop()
        elapsed = time.thread_time() - started
        self.spent[kind] += elapsed - nested
        if self.stack:
            self.stack[-1][2] += elapsed

    def wrap(self, function: Callable, kind_of: Callable[..., str | None]) -> Callable:
        def counted(*args, **kwargs):
            kind = kind_of(*args, **kwargs)
            if kind is None:
                return function(*args, **kwargs)
            self.enter(kind)
            try:
                return function(*args, **kwargs)
            finally:
                self.leave()
        return counted


def module_kind(name: str) -> str:
    if name.split(".")[0] not in OURS:
        return "libraries: importing them"
    last = name.rsplit(".", 1)[-1]
    if last == "models" or last.endswith("_models"):
        return "ours: model modules (SQLAlchemy declarations)"
    return "ours: other modules"


def install(ledger: Ledger) -> None:
    """Count imports, dataclass definitions and mapper configuration."""
    import sqlalchemy.orm  # noqa: F401  (counted as a library import by the caller)

    load = bootstrap._load_unlocked
    bootstrap._load_unlocked = ledger.wrap(load, lambda spec: module_kind(spec.name))
    process = dataclasses._process_class
    dataclasses._process_class = ledger.wrap(process, lambda cls, *a, **k: (
        "ours: dataclass definitions" if cls.__module__.split(".")[0] in OURS
        else "libraries: dataclass definitions"))
    mapper = sys.modules["sqlalchemy.orm.mapper"]
    configure = mapper._configure_registries
    mapper._configure_registries = ledger.wrap(configure, lambda *a, **k: (
        None if ledger.stack and ledger.stack[-1][0] == "SQLAlchemy: configuring the mappers"
        else "SQLAlchemy: configuring the mappers"))


def run() -> None:
    ledger = Ledger()
    ledger.enter("libraries: importing them")
    install(ledger)
    ledger.leave()
    ledger.enter("create_app: the rest (hooks, routes, catalogs, Babel)")
    from core.app import create_app

    app = create_app()
    ledger.leave()
    from werkzeug.test import Client

    ledger.enter("first GET /login")
    status = Client(app).get("/login").status_code
    ledger.leave()
    total = sum(ledger.spent.values())
    for kind, spent in ledger.spent.most_common():
        print(f"{spent * 1000:8.1f} ms {spent / total:6.1%}  {kind}")
    print(f"{total * 1000:8.1f} ms  total ({status}, {len(sys.modules)} modules)")
