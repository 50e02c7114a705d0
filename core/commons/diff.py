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


@dataclass(frozen=True)
class Standing:
    """Where a protocol stands, here and in the offer: last review, next review, sources."""

    label: object
    before: str | None
    after: str | None

    @property
    def differs(self) -> bool:
        return self.before != self.after


def standing(mine, offered) -> list[Standing]:
    """Review dates and sources of the version in use (``mine``, a SharedItem or None) and of
    the offered one (anything with ``reviewed_on``, ``review_date``, ``sources``)."""
    from core.i18n import _

    def day(item, name):
        value = getattr(item, name, None) if item is not None else None
        return value.isoformat() if value else None

    def sources(item):
        found = list(getattr(item, "sources", None) or ()) if item is not None else []
        return "\n".join(found) or None

    return [Standing(_("Last reviewed on"), day(mine, "reviewed_on"), day(offered, "reviewed_on")),
            Standing(_("To review by"), day(mine, "review_date"), day(offered, "review_date")),
            Standing(_("Sources"), sources(mine), sources(offered))]
