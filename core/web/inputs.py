"""What a request may carry, checked once for every route: JSON that can be read safely, and
text the databases can store.

* JSON bodies (and uploaded JSON documents, through :func:`load_json`) are read by one loader
  that refuses ``NaN``/``Infinity`` and nesting deeper than :data:`MAX_DEPTH` (100,000 levels
  used to exhaust the recursion limit: a server error).
* Text with a NUL byte (PostgreSQL refuses it) or a lone surrogate (no encoding can write it)
  is refused before any view runs, with a 400 naming where it was, in the query, the form, the
  path or the JSON body.
"""

from __future__ import annotations

import json
import re

from flask import request
from flask.json.provider import DefaultJSONProvider
from werkzeug.exceptions import BadRequest

from core.i18n import _

#: deeper JSON is refused: no form or document of ours comes near it
MAX_DEPTH = 64
#: a NUL byte, or half of a UTF-16 surrogate pair (only ever made by a "\ud800" JSON escape)
UNSTORABLE = re.compile("[\x00\ud800-\udfff]")


class InputRefused(BadRequest):
    """A 400 whose message says what was wrong, and which field when it is known."""

    def __init__(self, message, field: str | None = None):
        super().__init__()
        self.message = message
        self.fields = {field: [str(message)]} if field else {}


def _refuse_constant(name):
    raise ValueError(f"{name} is not a number JSON allows")


def _depth_ok(data) -> bool:
    """True when ``data`` nests no deeper than MAX_DEPTH (walked without recursion)."""
    stack = [(data, 1)]
    while stack:
        node, depth = stack.pop()
        if isinstance(node, (dict, list)):
            if depth > MAX_DEPTH:
                return False
            children = node.values() if isinstance(node, dict) else node
            stack.extend((child, depth + 1) for child in children)
    return True


def load_json(text: str | bytes):
    """Parse JSON text (an uploaded document...); ValueError, with a readable reason, for
    anything we will not read or could not store."""
    data = _parse(text)
    found = _first_unstorable(data, "")
    if found is not None:
        raise ValueError(f"text at {found or 'the top'} has a NUL byte or an invalid character")
    return data


def _parse(text: str | bytes):
    """json.loads without NaN/Infinity, and no deeper than MAX_DEPTH (ValueError otherwise)."""
    try:
        data = json.loads(text, parse_constant=_refuse_constant)
    except RecursionError as exc:
        raise ValueError("nested too deeply") from exc
    if not _depth_ok(data):
        raise ValueError(f"nested deeper than {MAX_DEPTH} levels")
    return data


class SafeJSONProvider(DefaultJSONProvider):
    """Flask's JSON, read through :func:`load_json` (``request.get_json`` uses it)."""

    def loads(self, s, **kwargs):
        # text is checked by refuse_unstorable_input, which can name the field at fault
        return _parse(s)


def _first_unstorable(data, where: str) -> str | None:
    """The name of the first key or value of ``data`` holding unstorable text, or None."""
    stack = [(data, where)]
    while stack:
        node, name = stack.pop()
        if isinstance(node, str):
            if UNSTORABLE.search(node):
                return name
        elif isinstance(node, dict):
            for key, value in node.items():
                if isinstance(key, str) and UNSTORABLE.search(key):
                    return name or "_schema"
                stack.append((value, key if not name else f"{name}.{key}"))
        elif isinstance(node, list):
            stack.extend((item, name) for item in node)
    return None


def refuse_unstorable_input():
    """before_request: refuse unreadable JSON and text the database cannot store (400)."""
    sources = [dict(request.args.lists()), dict(request.view_args or {})]
    if request.method not in ("GET", "HEAD", "OPTIONS"):
        if request.is_json:
            try:
                sources.append(request.get_json())
            except BadRequest as exc:
                raise InputRefused(_("The JSON sent could not be read: %(reason)s.",
                                     reason=_reason(exc))) from exc
        else:
            sources.append(dict(request.form.lists()))
            sources.append([f.filename for f in request.files.values()])
    for data in sources:
        found = _first_unstorable(data, "")
        if found is not None:
            raise InputRefused(_("The text sent contains a character that cannot be stored "
                                 "(a NUL byte or an invalid character)."), found or None)


def _reason(exc: BadRequest) -> str:
    cause = exc
    while cause is not None and not isinstance(cause, ValueError):
        cause = cause.__cause__ or cause.__context__
    return str(cause) if cause is not None else "invalid JSON"
