"""The shape of the imports: no circle in core or in a plugin, nothing of the product needs the
benchmarks, and only ``core.registry`` knows where the application keeps its plugin host.

A circle hides which module a name belongs to and breaks as soon as someone moves an import
to the top of a file. Imports inside functions count too (they only postpone the circle).
``bench/`` (benchmarks and the coop generator) is not installed with the platform, so core or a
plugin importing it would fail on every coop's machine.
"""

import ast
from graphlib import CycleError, TopologicalSorter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SKIPPED = ("tests", "migrations", "templates")


def modules() -> dict[str, Path]:
    """Every module of core and of the plugins in this repository, by dotted name."""
    found = {}
    for path in [*ROOT.glob("core/**/*.py"), *ROOT.glob("plugins/**/*.py")]:
        parts = path.relative_to(ROOT).with_suffix("").parts
        if any(part in SKIPPED for part in parts):
            continue
        name = ".".join(parts).removesuffix(".__init__")
        found[name] = path
    return found


def imported(name: str, path: Path, known: dict) -> set[str]:
    """The project's modules ``name`` imports (``from a import b``: ``a.b`` when it is one)."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    targets = set()
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            candidates = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(parts + ([base] if base else []))
            candidates = [f"{base}.{alias.name}" for alias in node.names] + [base]
        else:
            continue
        for candidate in candidates:
            while candidate and candidate not in known:
                candidate = candidate.rpartition(".")[0]
            # a package's __init__ runs before its modules: importing it is not a circle
            if candidate and candidate != name and not name.startswith(candidate + "."):
                targets.add(candidate)
    return targets


def graph() -> dict[str, set[str]]:
    known = modules()
    return {name: imported(name, path, known) for name, path in known.items()}


def test_no_import_cycle_in_core_or_any_plugin():
    try:
        tuple(TopologicalSorter(graph()).static_order())
    except CycleError as exc:
        raise AssertionError("import cycle: " + " -> ".join(exc.args[1])) from None


def test_the_cycle_check_sees_a_circle_through_an_import_inside_a_function(tmp_path):
    """The check itself: two modules importing each other, one of them inside a function."""
    package = tmp_path / "core"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "a.py").write_text("from core.b import thing\n")
    (package / "b.py").write_text("def thing():\n    from core import a\n    return a\n")
    known = {"core": package / "__init__.py", "core.a": package / "a.py",
             "core.b": package / "b.py"}
    edges = {name: imported(name, path, known) for name, path in known.items()}
    assert edges["core.a"] == {"core.b"} and edges["core.b"] == {"core.a"}
    try:
        tuple(TopologicalSorter(edges).static_order())
    except CycleError:
        return
    raise AssertionError("the circle between core.a and core.b was not seen")


# --- nothing of the product imports bench --------------------------------------------------


def absolute_imports(path: Path) -> list[tuple[int, str]]:
    """``(line, module)`` for each absolute import in ``path``, ``import_module("...")`` too."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and not node.level and node.module:
            found.append((node.lineno, node.module))
        elif (isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Constant)
              and getattr(node.func, "attr", getattr(node.func, "id", "")) in ("import_module",
                                                                               "__import__")):
            found.append((node.lineno, str(node.args[0].value)))
    return found


def imports_of_bench(paths) -> list[str]:
    """``file:line: module`` for each import of ``bench`` among ``paths``."""
    return [f"{path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}:{line}: {module}"
            for path in paths for line, module in absolute_imports(path)
            if module == "bench" or module.startswith("bench.")]


def test_core_and_plugins_never_import_bench():
    """Their tests included: a plugin's tests are shipped with it."""
    paths = [*ROOT.glob("core/**/*.py"), *ROOT.glob("plugins/**/*.py")]
    assert len(paths) > 100
    assert imports_of_bench(sorted(paths)) == []


def test_the_bench_check_sees_an_import_inside_a_function(tmp_path):
    module = tmp_path / "report.py"
    module.write_text("import json\n\ndef run():\n    from bench.coop import generate\n"
                      "    return importlib.import_module('bench.workload')\n")
    assert [problem.split(": ")[1] for problem in imports_of_bench([module])] == \
        ["bench.coop", "bench.workload"]


# --- the plugin host is reached through core.registry.plugin_host ---------------------------


def reads_of_the_plugin_host(path: Path) -> list[int]:
    """Lines of ``path`` that read ``<app>.extensions["soin_plugins"]`` (or ``.get`` it)."""
    lines = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Subscript) and isinstance(node.ctx, ast.Load):
            owner, key = node.value, node.slice
        elif (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
              and node.func.attr == "get" and node.args):
            owner, key = node.func.value, node.args[0]
        else:
            continue
        if (isinstance(owner, ast.Attribute) and owner.attr == "extensions"
                and isinstance(key, ast.Constant) and key.value == "soin_plugins"):
            lines.append(node.lineno)
    return lines


def test_only_core_registry_reads_the_plugin_host_from_the_application():
    """Tests, plugins, core and the benchmarks call ``plugin_host(app)``; ``core/app.py`` only
    stores the host, ``core/registry.py`` alone reads it back."""
    paths = [*ROOT.glob("core/**/*.py"), *ROOT.glob("plugins/**/*.py"), *ROOT.glob("tests/**/*.py"),
             *ROOT.glob("bench/**/*.py"), ROOT / "conftest.py"]
    readers = {str(path.relative_to(ROOT)): lines for path in sorted(paths)
               if (lines := reads_of_the_plugin_host(path))}
    assert set(readers) == {"core/registry.py"}, readers


def test_the_plugin_host_check_tells_a_read_from_the_store(tmp_path):
    module = tmp_path / "test_x.py"
    module.write_text('app.extensions["soin_plugins"] = host\n'
                      'host = app.extensions["soin_plugins"]\n'
                      'other = current_app.extensions.get("soin_plugins")\n'
                      'fine = app.extensions["soin_db"]\n')
    assert reads_of_the_plugin_host(module) == [2, 3]
