"""Field builders for the nursing forms: metadata for core's renderer, messages in our catalog.

Core renders a chart form from the metadata of its marshmallow fields (``label``, ``help``,
``unit``, ``choices``, ``range``, ``widget``); these helpers write that metadata once, with
error messages that read well in French and English next to the field.
"""

from __future__ import annotations

from marshmallow import Schema, ValidationError, fields, pre_load, validate

from core.api import format_number

from plugins.nursing import _

REQUIRED = {"required": _("This field is required."), "null": _("This field is required.")}


class NursingSchema(Schema):
    """Base of every nursing form: HTML sends empty strings for empty fields; they mean absent."""

    @pre_load
    def _drop_blanks(self, data, **kwargs):
        return {k: v for k, v in dict(data).items() if not (isinstance(v, str) and v.strip() == "")}


def invalid(message, field: str) -> ValidationError:
    """A cross-field error shown next to ``field``, in the reader's language."""
    return ValidationError([str(message)], field)


def _absent(required: bool) -> dict:
    """An optional field loads as None when absent; a required one has no default."""
    return {} if required else {"load_default": None, "allow_none": True}


def _meta(label, help, widget, **extra) -> dict:
    meta = {"label": label, "widget": widget}
    if help:
        meta["help"] = help
    meta.update({k: v for k, v in extra.items() if v is not None})
    return meta


def text(label, *, required=False, max_length=200, help="", widget="text"):
    """A free-text answer, trimmed; ``widget="textarea"`` for long notes."""
    default = {} if required else {"load_default": ""}
    return _Text(required=required, **default,
                 validate=validate.Length(max=max_length, error=_(
                     "Enter at most %(n)s characters.", n=max_length)),
                 error_messages={**REQUIRED, "invalid": _("Enter text.")},
                 metadata=_meta(label, help, widget))


def note(label, *, required=False, help=""):
    """A long narrative (progress notes, plans)."""
    return text(label, required=required, max_length=10000, help=help, widget="textarea")


class Shown:
    """A bound in a message, written as the reader's language writes numbers ("0,5" in
    French) when the message is: "%(low)s" alone wrote "Entrez une valeur entre 0.5 et 400"."""

    def __init__(self, value):
        self.value = value

    def __str__(self) -> str:
        return str(format_number(self.value))


def number(label, low, high, *, unit=None, required=False, integer=False, help=""):
    """A measurement within a plausible range (impossible values are refused, not flagged)."""
    cls = fields.Integer if integer else fields.Float
    invalid = _("Enter a whole number.") if integer else _("Enter a number.")
    return cls(required=required, **_absent(required),
               validate=validate.Range(low, high, error=_(
                   "Enter a value between %(low)s and %(high)s.", low=Shown(low),
                   high=Shown(high))),
               error_messages={**REQUIRED, "invalid": invalid},
               metadata=_meta(label, help, "number", unit=unit, range=(low, high)))


def choice(label, options, *, required=False, default=None, help="", widget="select"):
    """One value among ``options`` (a list of ``(value, label)``)."""
    values = [value for value, _label in options]
    absent = {"load_default": default} if default is not None else _absent(required)
    return fields.String(required=required, **absent,
                         validate=validate.OneOf(values, error=_("Choose one of the options.")),
                         error_messages={**REQUIRED, "invalid": _("Choose one of the options.")},
                         metadata=_meta(label, help, widget, choices=options))


def flag(label, *, help=""):
    """A checkbox; unticked means False."""
    return fields.Boolean(load_default=False,
                          error_messages={"invalid": _("Tick the box or leave it empty.")},
                          metadata=_meta(label, help, "checkbox"))


def day(label, *, required=False, help=""):
    """A calendar date, stored as ISO text so payloads stay plain JSON."""
    return _IsoDate(required=required, **_absent(required),
                    error_messages={**REQUIRED, "invalid": _("Enter a date as YYYY-MM-DD.")},
                    metadata=_meta(label, help, "date"))


class _Text(fields.String):
    def _deserialize(self, value, attr, data, **kwargs):
        return super()._deserialize(value, attr, data, **kwargs).strip()


class _IsoDate(fields.Date):
    """Validates like a date, keeps the ISO string (JSON payloads hold no date objects)."""

    def _deserialize(self, value, attr, data, **kwargs):
        return super()._deserialize(value, attr, data, **kwargs).isoformat()
