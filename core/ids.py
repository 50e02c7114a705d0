"""Row ids as they arrive from outside: in a path, a query string, a form or a JSON body.

Every primary key is an INTEGER column (int4 on PostgreSQL). A larger number cannot name a
row, and sending it to the database is an error there (PostgreSQL: "out of range"; SQLite:
over 2**63), so ids are bounded once, at the edge: an id that cannot exist answers 404 in a
path and 422 naming the field in a query or a body, never a server error.
"""

from __future__ import annotations

from flask import request
from marshmallow import fields, validate
from werkzeug.exceptions import NotFound, UnprocessableEntity
from werkzeug.routing import IntegerConverter

from core.i18n import _

#: the largest value of an INTEGER column on PostgreSQL (and so of any id we hand out)
MAX_ID = 2**31 - 1


def parse_id(value) -> int | None:
    """``value`` as an id (ASCII digits, 1..MAX_ID), or None when it cannot be one."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value if 1 <= value <= MAX_ID else None
    text = str(value if value is not None else "").strip()
    # str.isdigit() also accepts "²" or "٣", which int() refuses or reads: ASCII only
    if not text or len(text) > 10 or not (text.isascii() and text.isdigit()):
        return None
    number = int(text)
    return number if 1 <= number <= MAX_ID else None


class IdConverter(IntegerConverter):
    """The ``<int:...>`` URL converter, bounded to MAX_ID: a larger number is a 404.

    It answers 404 itself rather than "no match": werkzeug would otherwise try the same path
    under another method and answer 405 for a POST to an id out of range.
    """

    def to_python(self, value: str) -> int:
        number = super().to_python(value)
        if number > MAX_ID:
            raise NotFound()
        return number


class FieldError(UnprocessableEntity):
    """A 422 naming the fields at fault (the error page or the API's ``fields`` shows them)."""

    def __init__(self, messages: dict[str, list[str]]):
        super().__init__()
        self.fields = {name: [str(m) for m in msgs] for name, msgs in messages.items()}


def id_arg(name: str, message=None) -> int | None:
    """The id in query argument ``name``: None when absent or blank, 422 naming it when it
    cannot be an id (``message`` says what to do, like the field's form message)."""
    raw = request.args.get(name, "")
    if not raw.strip():
        return None
    ident = parse_id(raw)
    if ident is None:
        raise FieldError({name: [message or _("This number does not name anything here.")]})
    return ident


class IdField(fields.Integer):
    """A marshmallow field for an id in a form or JSON body: digits or a number, 1..MAX_ID;
    anything else gets the field's own ``invalid`` message."""

    def __init__(self, **kwargs):
        kwargs.setdefault("strict", False)
        super().__init__(**kwargs)
        self.validators.insert(0, validate.Range(min=1, max=MAX_ID,
                                                 error=self.error_messages["invalid"]))

    def _validated(self, value):
        if isinstance(value, float) and not value.is_integer():
            raise self.make_error("invalid")
        try:
            return super()._validated(value)
        except OverflowError as exc:  # int(float("inf")): not a number we can store
            raise self.make_error("invalid") from exc
