"""marshmallow imported with its e-mail address patterns compiled at their first use.

``marshmallow.validate`` compiles the two patterns of its ``Email`` validator when it is
imported: the domain's, case-insensitive over every letter of Unicode, cost 7 % of the
instructions of a start-up (issue 23: 320 of 4,700 million), for a check that only the pages
that take an e-mail address make. :func:`import_marshmallow` imports marshmallow with those
two patterns left as :class:`DeferredPattern`, which compiles itself when first asked
(``match``, ``pattern``...): the same pattern, the same answers, paid by the first address
checked instead of by every start.
"""

from __future__ import annotations

import re
import sys
import threading
from typing import Any

#: the module whose import-time patterns are deferred; every other caller compiles as usual
DEFERRED_IN = "marshmallow.validate"

_lock = threading.Lock()


class DeferredPattern:
    """A compiled regular expression in all but its creation: compiled on first use."""

    __slots__ = ("_source", "_compiled")

    def __init__(self, pattern: str | bytes, flags: int = 0):
        self._source = (pattern, flags)
        self._compiled: re.Pattern | None = None

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):  # asked of any class attribute (abc asks __isabstractmethod__)
            raise AttributeError(name)
        compiled = self._compiled
        if compiled is None:
            compiled = self._compiled = re.compile(*self._source)
        return getattr(compiled, name)

    def __repr__(self) -> str:
        return f"DeferredPattern({self._source[0]!r}, {self._source[1]!r})"


def import_marshmallow() -> None:
    """Import marshmallow (once per process) with ``marshmallow.validate``'s module-level
    patterns deferred; a no-op when it is already imported."""
    if DEFERRED_IN in sys.modules:
        return
    with _lock:
        if DEFERRED_IN in sys.modules:
            return
        compile_now = re.compile

        def compile_for_import(pattern, flags=0):
            # only the patterns marshmallow.validate makes while it is imported are deferred
            if sys._getframe(1).f_globals.get("__name__") == DEFERRED_IN:
                return DeferredPattern(pattern, flags)
            return compile_now(pattern, flags)

        re.compile = compile_for_import  # type: ignore[assignment]
        try:
            import marshmallow.validate  # noqa: F401
        finally:
            re.compile = compile_now
