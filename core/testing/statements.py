"""The statements a block of code sends, for tests that hold a page or a report to a bounded
number of round trips however many rows it shows."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import event


@contextmanager
def statements_sent(engine) -> Iterator[list[str]]:
    """The SQL text of every statement ``engine`` sends inside the ``with`` block, in order."""
    sent: list[str] = []

    def keep(_conn, _cursor, statement, *_args):
        sent.append(statement)

    event.listen(engine, "before_cursor_execute", keep)
    try:
        yield sent
    finally:
        event.remove(engine, "before_cursor_execute", keep)


def selects(statements: list[str]) -> int:
    """How many of ``statements`` are reads (SELECT)."""
    return sum(1 for statement in statements if statement.lstrip().upper().startswith("SELECT"))
