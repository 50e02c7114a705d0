"""What a process loads to start (issue 23: start-up and each worker's memory).

Code that only some pages or commands need is imported when first used, so that every worker
does not load and hold it: the OpenAPI document, the QR code of second-factor enrolment, demo
data, migrations, commands, test helpers. Loading one of these again at start-up (an import
moved back to the top of a module) fails here, naming who pulls it in.
"""

import ast
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

#: module -> what needs it (and loads it when it is first used)
LOADED_WHEN_USED = {
    "apispec": "the OpenAPI document, GET /api/v1/openapi.json",
    "segno": "the QR code shown when a second factor is enrolled",
    "alembic": "migrations (soin db upgrade)",
    "core.migrate": "migrations (soin db upgrade)",
    "core.cli": "the soin command",
    "core.demo": "soin demo",
    "core.scaffold": "soin plugin new",
    "core.testing": "the tests",
    "bench": "the benchmarks",
    "icalendar": "calendar feeds",
    "jsonschema": "HSDS files and schedules",
    "babel.messages.pofile": "compiling a catalog that has no compiled copy yet",
    "cryptography": "sealing a second factor's secret or a ballot, signing shared protocols",
    "pyotp": "enrolling or checking a second factor",
    "argon2": "hashing or checking a password (signing in, setting a password)",
    "dateutil": "recurring events, a directory's schedules, renewing a membership",
    "smtplib": "sending e-mail (reminders, notices)",
    "statistics": "the reports' medians",
    "gzip": "the common passwords, read when a password is first set",
    "getpass": "naming the shell user a command's audit events are made by",
    **{f"plugins.{name}.demo": "soin demo" for name in (
        "acupuncture", "food_security", "governance", "herbalism", "nursing", "psychology",
        "social_work")},
}

PROBE = """
import gc, json, os, sys
from babel import localedata
from core.app import create_app
create_app()
print(json.dumps({"modules": sorted(sys.modules), "collector": gc.isenabled(),
                  "languages": sorted(localedata._cache),
                  "pytz_check": os.environ.get("PYTZ_SKIPEXISTSCHECK")}))
"""


def _start(tmp_path, **env) -> dict:
    environment = {**os.environ, "SOIN_SECRET_KEY": "k" * 64, "SOIN_SCHEDULER": "0",
                   "SOIN_DATABASE_URL": f"sqlite:///{tmp_path / 'start.sqlite'}",
                   "SOIN_INSTANCE_DIR": str(tmp_path), "PYTHONPATH": str(ROOT), **env}
    done = subprocess.run([sys.executable, "-c", PROBE], cwd=tmp_path, env=environment,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.splitlines()[-1])


def test_starting_loads_nothing_that_only_some_pages_or_commands_need(tmp_path):
    # catalogs compiled first (as any start after the first finds them), then a fresh start
    _start(tmp_path, PYTHONDONTWRITEBYTECODE="")
    started = _start(tmp_path)
    loaded = set(started["modules"])
    early = {name: why for name, why in LOADED_WHEN_USED.items()
             if name in loaded or any(m.startswith(name + ".") for m in loaded)}
    assert not early, f"imported by create_app, but only needed for: {early}"
    # the collector, paused while the application is built, is running again
    assert started["collector"] is True
    # Babel's data of each language (several MB) is read when a date or a number is first
    # written, or by soin serve before it forks its workers (tests/ops/test_serve.py), not by
    # every start (the language switcher's names are written in core.i18n)
    assert started["languages"] == []
    # pytz is told not to open each of its ~600 zone files when Babel asks for the machine's
    # zone as it is imported (core/__init__.py)
    assert started["pytz_check"] == "1"


def _model_modules() -> list[Path]:
    """Core's and the bundled plugins' modules that declare a model (a subclass of ``Base``)."""
    found = []
    for path in sorted([*(ROOT / "core").rglob("*.py"), *(ROOT / "plugins").rglob("*.py")]):
        if "tests" in path.parts:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        if any(isinstance(node, ast.ClassDef) and any(
                isinstance(base, ast.Name) and base.id == "Base" for base in node.bases)
               for node in ast.walk(tree)):
            found.append(path)
    return found


def test_models_annotations_are_not_postponed():
    # With "from __future__ import annotations", every Mapped[...] is a string SQLAlchemy
    # parses and evaluates at each start: 4 % of the start-up's instructions for 116 models.
    modules = _model_modules()
    assert len(modules) > 20  # the scan finds the models
    postponed = [str(path.relative_to(ROOT)) for path in modules
                 if "from __future__ import annotations" in path.read_text(encoding="utf-8")]
    assert not postponed, f"models whose annotations SQLAlchemy would parse at start-up: {postponed}"


#: ``soin`` as installed, with one command added to its command line as ``core.cli`` is
#: imported (by the launcher, with the collector paused) that says whether the collector runs
LAUNCH_PROBE = """
import gc, importlib.abc, importlib.util, sys
from importlib.metadata import entry_points

class AddProbe(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name != "core.cli":
            return None
        sys.meta_path.remove(self)
        spec = importlib.util.find_spec(name)
        run = spec.loader.exec_module

        def exec_module(module):
            run(module)
            print("paused while imported:", not gc.isenabled())
            module.main.command("collector-probe")(lambda: print("collector:", gc.isenabled()))
        spec.loader.exec_module = exec_module
        return spec

sys.meta_path.insert(0, AddProbe())
(soin,) = [point for point in entry_points(group="console_scripts") if point.name == "soin"]
sys.argv = ["soin", "collector-probe"]
soin.load()()
"""


def test_the_soin_command_imports_its_command_line_paused_and_runs_with_the_collector_on(
        tmp_path):
    # the command line's imports (Flask, SQLAlchemy) under a running collector cost each start
    # of soin serve some 20-65 ms of CPU; a command left without a collector would keep every
    # cycle it makes for the life of the server
    environment = {**os.environ, "SOIN_SECRET_KEY": "k" * 64, "SOIN_SCHEDULER": "0",
                   "SOIN_DATABASE_URL": f"sqlite:///{tmp_path / 'start.sqlite'}",
                   "SOIN_INSTANCE_DIR": str(tmp_path), "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-c", LAUNCH_PROBE], cwd=tmp_path, env=environment,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "paused while imported: True" in done.stdout
    assert "collector: True" in done.stdout
