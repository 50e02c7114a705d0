"""Values worked out once per request (menus, chart access, translations' domain...).

Kept in the request's WSGI environ, not in ``flask.g``: an application context can outlive a
request (tests hold one open across many requests), and nothing kept here may leak from one
request into the next. Outside a request the value is simply computed each time.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Any

from flask import current_app, request
from flask.globals import _cv_app, _cv_request
from sqlalchemy import event
from sqlalchemy.orm import Session

KEY = "soin.memo"

#: the variables behind ``flask.current_app``/``flask.g`` and ``flask.request``/``session``:
#: ``APP_CONTEXT.get(None)`` is the application context (``.app``, ``.g``) or None,
#: ``REQUEST_CONTEXT.get(None)`` the request context (``.request``, ``.session``, ``.app``) or
#: None. One look-up where each use of one of Flask's proxies costs four calls (a page made
#: 140-odd); for the code asked on every page, through here only (one place to change if
#: Flask moves them).
APP_CONTEXT = _cv_app
REQUEST_CONTEXT = _cv_request


def per_request(key: Hashable, make: Callable[[], Any]) -> Any:
    """``make()`` the first time ``key`` is asked for in this request, the same value after."""
    context = REQUEST_CONTEXT.get(None)
    if context is None:
        return make()
    store = context.request.environ.get(KEY)
    if store is None:
        store = context.request.environ[KEY] = {}
    found = store.get(key, _ABSENT)
    if found is _ABSENT:
        found = store[key] = make()
    return found


_ABSENT = object()


def per_app(kind: str, key: Hashable, make: Callable[[], Any]) -> Any:
    """``make()`` the first time ``key`` of ``kind`` is asked for in this application under
    this request's script root, the same value after: what every page writes alike (links,
    menus, fixed forms), never who may see it."""
    context = REQUEST_CONTEXT.get(None)
    app, asked = (context.app, context.request) if context is not None else (current_app, request)
    known = app.extensions.get(f"soin_{kind}")
    if known is None:
        known = app.extensions.setdefault(f"soin_{kind}", {})
    at = (key, asked.script_root)
    found = known.get(at)
    if found is None:
        found = known[at] = make()
    return found


def remember(key: Hashable, value: Any) -> None:
    """Keep ``value`` for ``key`` in this request, as if :func:`per_request` had made it (a
    value read with another statement); nothing is kept outside a request."""
    context = REQUEST_CONTEXT.get(None)
    if context is not None:
        context.request.environ.setdefault(KEY, {})[key] = value


def kept_in_request() -> dict:
    """What this request has kept so far, by key (empty outside a request)."""
    context = REQUEST_CONTEXT.get(None)
    return context.request.environ.get(KEY, {}) if context is not None else {}


def forget(match: Callable[[Hashable], bool] | None = None) -> None:
    """Drop what this request kept (``match``: only the keys it accepts), after a change."""
    context = REQUEST_CONTEXT.get(None)
    if context is None:
        return
    store = context.request.environ.get(KEY)
    if store:
        for key in [k for k in store if match is None or match(k)]:
            del store[key]


#: the kinds of answers derived from rows (see :func:`forget_when_written`)
ROW_KINDS: set[str] = set()


def forget_when_written(models: tuple[type, ...], *kinds: str) -> None:
    """After any flush that writes a row of ``models``, forget this request's answers whose key
    is a tuple starting with one of ``kinds`` (the next question reads the database again).

    Such answers are forgotten after any rollback too: one read after a write that was then
    rolled back would otherwise still hold the write."""

    def _forget(session, _context) -> None:
        if any(isinstance(obj, models) for obj in (*session.new, *session.dirty, *session.deleted)):
            forget(lambda key: isinstance(key, tuple) and key[0] in kinds)

    ROW_KINDS.update(kinds)
    event.listen(Session, "after_flush", _forget)


@event.listens_for(Session, "after_soft_rollback")
def _forget_rolled_back(_session, _transaction) -> None:
    forget(lambda key: isinstance(key, tuple) and key[0] in ROW_KINDS)
