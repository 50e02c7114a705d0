"""The plugin guide documents every name ``core.api`` exports, so a volunteer never has to read
core's source to find what a name is (issue #24)."""

import builtins
import re
from pathlib import Path

import core.api

GUIDE = Path(__file__).resolve().parents[2] / "docs" / "plugins.md"


def _section(text: str, title: str) -> str:
    start = text.index(title)
    following = text.find("\n## ", start + len(title))
    return text[start:following if following != -1 else len(text)]


def documented_names() -> set[str]:
    """Every identifier written in code (backticks or a fenced block) in "What core.api offers"."""
    section = _section(GUIDE.read_text(encoding="utf-8"), "## What `core.api` offers")
    code = re.findall(r"```.*?```", section, flags=re.S) + re.findall(r"`([^`\n]+)`", section)
    return {name for chunk in code for name in re.findall(r"[A-Za-z_]\w*", chunk)}


def test_every_name_core_api_exports_is_documented_in_the_guide():
    missing = sorted(set(core.api.__all__) - documented_names())
    assert not missing, (f"docs/plugins.md, section \"What `core.api` offers\", does not "
                         f"document: {missing}")


def test_the_guides_table_names_no_class_core_api_lacks():
    """A class or constant the table names (``Entry``, ``HIDDEN``) is one plugins can import."""
    section = _section(GUIDE.read_text(encoding="utf-8"), "## What `core.api` offers")
    table = [line for line in section.splitlines() if line.startswith("| ") and "---" not in line]
    named = {m for line in table[1:] for m in re.findall(r"`([A-Z]\w*)", line)}
    unknown = sorted(n for n in named if not hasattr(core.api, n) and not hasattr(builtins, n))
    assert not unknown, f"the guide's table names what core.api does not export: {unknown}"
