"""Small-cell suppression, the one rule every report and export follows: a count from 1 to 4
could point at one person, so it is shown as "< 5"; in a column that adds up to a total, a
single hidden cell would be given away by subtraction, so the next smallest is hidden too.
"""

from __future__ import annotations

from typing import Any

#: counts from 1 to SMALL_CELL - 1 are hidden
SMALL_CELL = 5
HIDDEN = f"< {SMALL_CELL}"


def is_small(count: Any) -> bool:
    """A count from 1 to 4 (anything that is not a count never is)."""
    return isinstance(count, int) and not isinstance(count, bool) and 0 < count < SMALL_CELL


def hide_small(count: Any) -> Any:
    """A count as a report shows it: 0, "< 5" for 1 to 4, or the number (other values as
    they are)."""
    return HIDDEN if is_small(count) else count


def hide_column(counts: list, complement: Any = HIDDEN) -> list:
    """A column's counts with small cells hidden; when exactly one is hidden, the smallest
    other non-zero count is hidden as well (shown as ``complement``: "< 5", or a mark of the
    report's own such as Statistics Canada's "x"), so the total does not give it away."""
    shown = [hide_small(c) for c in counts]
    hidden = [i for i, s in enumerate(shown) if s == HIDDEN]
    if len(hidden) == 1:
        others = [(c, i) for i, c in enumerate(counts)
                  if i not in hidden and isinstance(c, int) and c > 0]
        if others:
            shown[min(others)[1]] = complement
    return shown
