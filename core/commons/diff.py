"""What changed between the version a coop uses and the one offered: field by field."""

from __future__ import annotations

import json
from dataclasses import dataclass


@dataclass(frozen=True)
class Change:
    """One field: its path in the document (``questions.2.text.fr``), before and after."""

    path: str
    before: str | None
    after: str | None

    @property
    def kind(self) -> str:
        """added, removed or changed."""
        if self.before is None:
            return "added"
        return "removed" if self.after is None else "changed"


def flatten(value, prefix: str = "") -> dict[str, str]:
    """Every leaf of a JSON document by its path, as text."""
    if isinstance(value, dict):
        out: dict[str, str] = {}
        for key in sorted(value):
            out.update(flatten(value[key], f"{prefix}.{key}" if prefix else str(key)))
        return out
    if isinstance(value, list):
        out = {}
        for n, item in enumerate(value):
            out.update(flatten(item, f"{prefix}.{n}"))
        return out or {prefix: "[]"}
    return {prefix: value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)}


def changes(before: dict | None, after: dict) -> list[Change]:
    """The fields that differ (every field when ``before`` is None: all is new)."""
    old, new = flatten(before or {}), flatten(after)
    return [Change(path, old.get(path), new.get(path)) for path in sorted(old.keys() | new.keys())
            if old.get(path) != new.get(path)]
