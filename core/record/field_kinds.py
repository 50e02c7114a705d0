"""One table of the kinds of form field, by marshmallow field type.

Forms are marshmallow schemas; what core does with a field depends on its type: the input a
page shows, how a posted value is read, the FHIR answer it becomes, a plausible example (the
plugin contract's tests, the benchmark's payloads). Each of those reads this table
(:func:`kind_of`), so a new kind of field is added here once.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any

from marshmallow import fields as mf, validate

from core.coop_time import coop_zone

#: what :meth:`FieldKind.from_form` returns for a field left blank (left out of the payload,
#: so that "required" is reported)
BLANK = object()


def fhir_timestamp(value: str) -> str:
    """A form's date-time in FHIR form: naive values are in the coop's time zone."""
    moment = datetime.fromisoformat(value)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=coop_zone())
    return moment.isoformat()


def typed_answer(value) -> dict:
    """A value of no declared kind (one held in a mapping) as a FHIR ``value[x]``, typed by
    what it is in Python. What FHIR's integer or decimal cannot hold (past 32 bits, not
    finite) stays text rather than have the resource refused."""
    if isinstance(value, bool):  # an int to Python: tested first
        return {"valueBoolean": value}
    if isinstance(value, int) and -2**31 <= value < 2**31:
        return {"valueInteger": value}
    if isinstance(value, (float, Decimal)) and math.isfinite(value):
        return {"valueDecimal": float(value)}
    return {"valueString": str(value)}


def _text_from_form(form, name: str) -> Any:
    value = form.get(name, "")
    return value.strip() if value.strip() else BLANK


def _list_from_form(form, name: str) -> Any:
    values = [v for v in form.getlist(name) if v.strip()]
    return values or BLANK


def _text_example(field, _middle) -> str:
    shortest = max([r.min or 0 for r in field.validators if isinstance(r, validate.Length)] + [0])
    return "Example" if shortest <= 7 else "x" * shortest


@dataclass(frozen=True)
class FieldKind:
    """How core treats one kind of field.

    ``widget`` and ``step``: the input a form shows (a text field's ``choices`` and ``widget``
    metadata refine it, see ``core.record.rendering``); ``from_form(form, name)``: the posted
    value shaped for ``load`` (:data:`BLANK` when left blank); ``fhir(value)``: one answer as
    a FHIR ``value[x]`` (a mapping's: one of its values); ``example(field, middle)``: a
    plausible value (``middle``: the middle of the field's ``range``), or None when core
    cannot make one up.
    """

    name: str
    types: tuple[type, ...]
    widget: str
    step: str = ""
    from_form: Callable[[Any, str], Any] = _text_from_form
    fhir: Callable[[Any], dict] = lambda value: {"valueString": str(value)}
    example: Callable[[Any, Any], Any] = lambda _field, _middle: None


#: first match wins: a List's answers are read by its inner field's kind
KINDS: tuple[FieldKind, ...] = (
    FieldKind("list", (mf.List,), "checkboxes", from_form=_list_from_form),
    FieldKind("boolean", (mf.Boolean,), "checkbox",
              from_form=lambda form, name: form.get(name) in ("1", "true", "on", "yes"),
              fhir=lambda value: {"valueBoolean": bool(value)},
              example=lambda _field, _middle: True),
    FieldKind("integer", (mf.Integer,), "number", "1",
              fhir=lambda value: {"valueInteger": int(value)},
              example=lambda _field, middle: int(middle)),
    FieldKind("decimal", (mf.Float, mf.Decimal, mf.Number), "number", "any",
              fhir=lambda value: {"valueDecimal": float(value)},
              example=lambda _field, middle: str(middle)),
    FieldKind("datetime", (mf.DateTime,), "datetime-local",
              fhir=lambda value: {"valueDateTime": fhir_timestamp(value)},
              example=lambda _field, _middle: "2025-03-14T10:30:00"),
    FieldKind("date", (mf.Date,), "date",
              fhir=lambda value: {"valueDate": str(value)},
              example=lambda _field, _middle: "2025-03-14"),
    FieldKind("text", (mf.String,), "text", example=_text_example),
    # a Dict: exported as a group, one item per key (core.record.fhir), each answer typed by
    # its value, since the keys and their types are the writer's, not the schema's
    FieldKind("mapping", (mf.Mapping,), "text", fhir=typed_answer),
    # anything else (a custom field): typed as text, no example
    FieldKind("other", (mf.Field,), "text"),
)


def kind_of(field) -> FieldKind:
    """The :class:`FieldKind` of a marshmallow field."""
    return next(kind for kind in KINDS if isinstance(field, kind.types))
