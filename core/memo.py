"""Values worked out once per request (menus, chart access, translations' domain...).

Kept in the request's WSGI environ, not in ``flask.g``: an application context can outlive a
request (tests hold one open across many requests), and nothing kept here may leak from one
request into the next. Outside a request the value is simply computed each time.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Any

from flask import current_app, has_request_context, request
from sqlalchemy import event
from sqlalchemy.orm import Session

KEY = "soin.memo"


def per_request(key: Hashable, make: Callable[[], Any]) -> Any:
    """``make()`` the first time ``key`` is asked for in this request, the same value after."""
    if not has_request_context():
        return make()
    store = request.environ.setdefault(KEY, {})
    if key not in store:
        store[key] = make()
    return store[key]


def per_app(kind: str, key: Hashable, make: Callable[[], Any]) -> Any:
    """``make()`` the first time ``key`` of ``kind`` is asked for in this application under
    this request's script root, the same value after: what every page writes alike (links,
    menus, fixed forms), never who may see it."""
    known = current_app.extensions.setdefault(f"soin_{kind}", {})
    at = (key, request.script_root)
    found = known.get(at)
    if found is None:
        found = known[at] = make()
    return found


def remember(key: Hashable, value: Any) -> None:
    """Keep ``value`` for ``key`` in this request, as if :func:`per_request` had made it (a
    value read with another statement); nothing is kept outside a request."""
    if has_request_context():
        request.environ.setdefault(KEY, {})[key] = value


def kept_in_request() -> dict:
    """What this request has kept so far, by key (empty outside a request)."""
    return request.environ.get(KEY, {}) if has_request_context() else {}


def forget(match: Callable[[Hashable], bool] | None = None) -> None:
    """Drop what this request kept (``match``: only the keys it accepts), after a change."""
    if not has_request_context():
        return
    store = request.environ.get(KEY)
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
