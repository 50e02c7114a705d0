"""The documented contract: docs/plugins.md is current, every hook documented and tested.

"Has a test" is checked on the source: a function named ``test_hook_<hook>`` or
``test_hook_<hook>_<words>`` in a test file under ``tests/`` or ``plugins/*/tests/``.
A hook core does not call yet may be listed in :data:`AWAITING_CORE` with the reason; the
listing fails as soon as core's code mentions the hook, so it cannot hide a missing test.
"""

import ast
import re
from pathlib import Path

from core.scaffold import docs

ROOT = Path(__file__).resolve().parents[2]
#: hook -> why core does not call it yet (remove the line when core starts calling it)
AWAITING_CORE = {
}
#: core files that name hooks without calling them (the contract, its checks, its docs)
NOT_CALLERS = ("hookspecs.py", "plugins.py", "testing", "scaffold")


def hook_tests() -> dict[str, list[str]]:
    """hook -> ``path::function`` of the tests named after it."""
    names = [h.name for h in docs.hooks()]
    pattern = re.compile(rf"^test_hook_({'|'.join(sorted(names, key=len, reverse=True))})(_|$)")
    found: dict[str, list[str]] = {}
    for path in sorted(list(ROOT.glob("tests/**/test_*.py")) + list(ROOT.glob("plugins/*/tests/**/test_*.py"))):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            match = isinstance(node, ast.FunctionDef) and pattern.match(node.name)
            if match:
                found.setdefault(match.group(1), []).append(f"{path.relative_to(ROOT)}::{node.name}")
    return found


def core_mentions(hook: str) -> list[str]:
    """Core files, other than the contract's own, that name ``hook``."""
    return [str(p.relative_to(ROOT)) for p in sorted((ROOT / "core").rglob("*.py"))
            if not any(part in NOT_CALLERS for part in p.relative_to(ROOT / "core").parts)
            and re.search(rf"\b{hook}\b", p.read_text(encoding="utf-8"))]


def test_the_reference_in_docs_plugins_md_is_current():
    current = docs.DOCS.read_text(encoding="utf-8")
    assert docs.BEGIN in current and docs.END in current
    assert docs.render(current) == current, "stale: run `python -m core.scaffold.docs`"


def test_every_hook_is_documented_with_each_parameter():
    problems = []
    for hook in docs.hooks():
        first = hook.doc.split("\n\n")[0]
        if not first.endswith("."):
            problems.append(f"{hook.name}: no docstring, or its first paragraph is not a sentence")
        problems += [f"{hook.name}: parameter {p} not described (write ``{p}``)"
                     for p in hook.params if f"`{p}`" not in hook.doc]
    assert problems == []


def test_the_reference_shows_every_hook_and_every_spec():
    current = docs.DOCS.read_text(encoding="utf-8")
    for hook in docs.hooks():
        assert f"#### {hook.name}\n\n`{hook.signature}`" in current
    for spec in ("FormSpec", "ProtocolSpec", "ReportSpec", "NavItem", "FhirMappingSpec"):
        assert f"#### {spec}\n" in current


def test_every_hook_has_a_test():
    tested = hook_tests()
    untested = [h.name for h in docs.hooks() if h.name not in tested and h.name not in AWAITING_CORE]
    assert untested == [], ("name a test test_hook_<hook>... under tests/ or plugins/*/tests/ "
                            f"showing what core does with: {untested}")


def test_a_hook_awaits_core_only_while_core_does_not_call_it():
    known = {h.name for h in docs.hooks()}
    assert set(AWAITING_CORE) <= known
    called = {hook: core_mentions(hook) for hook in AWAITING_CORE if core_mentions(hook)}
    assert called == {}, "core calls these now: write their test_hook_ tests and unlist them"
    tested = set(hook_tests()) & set(AWAITING_CORE)
    assert tested == set(), f"tested now, remove from AWAITING_CORE: {tested}"
