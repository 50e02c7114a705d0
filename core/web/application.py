"""The application's class: Flask, with what it asks on every request asked more cheaply."""

from __future__ import annotations

from inspect import CO_COROUTINE
from types import FunctionType

from flask import Flask


class SoinFlask(Flask):
    """Flask, knowing a plain function from an ``async def`` by its code's flags.

    Flask asks :meth:`ensure_sync` of every hook, view and teardown it calls, 13 times a
    signed-in request; ``inspect.iscoroutinefunction`` answers through five calls each (methods
    and partials unwrapped first). A plain function's answer is its code's coroutine flag (what
    ``inspect`` reads in the end); anything else, or a function marked as a coroutine
    (``inspect.markcoroutinefunction``), goes to Flask's own answer.
    """

    def ensure_sync(self, func):
        if (type(func) is FunctionType and not func.__code__.co_flags & CO_COROUTINE
                and not hasattr(func, "_is_coroutine_marker")):
            return func
        return super().ensure_sync(func)
