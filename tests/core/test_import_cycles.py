"""No import circles in core or in a plugin: each module depends only on modules below it.

A circle hides which module a name belongs to and breaks as soon as someone moves an import
to the top of a file. Imports inside functions count too (they only postpone the circle).
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
