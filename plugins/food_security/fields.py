"""Form fields shared by the market, kitchen and garden pages, with messages in our catalog.

HTML forms send empty strings for empty fields: :class:`FormSchema` treats them as absent.
Times typed in a form are the coop's local time (America/Montreal by default) and are stored in
UTC, aware, as core requires.
"""

from __future__ import annotations

from datetime import datetime, timezone

from marshmallow import Schema, fields, pre_load, validate

from core.api import Refused, coop_zone, row_id

from plugins.food_security import _

REQUIRED = {"required": _("This field is required."), "null": _("This field is required.")}


class FormSchema(Schema):
    """Base of every form of this plugin: blank strings mean absent, unknown keys are ignored."""

    class Meta:
        unknown = "exclude"

    @pre_load
    def _drop_blanks(self, data, **kwargs):
        return {k: v for k, v in dict(data).items() if not (isinstance(v, str) and v.strip() == "")}


def _default(required: bool, value) -> dict:
    """marshmallow refuses a default on a required field."""
    return {"required": True} if required else {"load_default": value}


class _Text(fields.String):
    def _deserialize(self, value, attr, data, **kwargs):
        return super()._deserialize(value, attr, data, **kwargs).strip()


def text(label, *, required=False, max_length=200):
    """Free text, trimmed."""
    return _Text(**_default(required, ""),
                 validate=validate.Length(max=max_length, error=_(
                     "Enter at most %(n)s characters.", n=max_length)),
                 error_messages={**REQUIRED, "invalid": _("Enter text.")},
                 metadata={"label": label})


def whole(label, low=0, high=100000, *, required=False, default=None):
    """A whole number between ``low`` and ``high``."""
    return fields.Integer(**_default(required, default), strict=False,
                          validate=validate.Range(low, high, error=_(
                              "Enter a whole number between %(low)s and %(high)s.",
                              low=low, high=high)),
                          error_messages={**REQUIRED, "invalid": _("Enter a whole number.")},
                          metadata={"label": label})


def amount(label, *, required=False, places=2, high=1000000, default=None):
    """A non-negative decimal (money, kilograms, square metres)."""
    return fields.Decimal(**_default(required, default), places=places,
                          validate=validate.Range(0, high, error=_(
                              "Enter a number between %(low)s and %(high)s.", low=0, high=high)),
                          error_messages={**REQUIRED, "invalid": _("Enter a number."),
                                          "special": _("Enter a number.")},
                          metadata={"label": label})


def choice(label, values, *, required=False, default=None):
    """One value among ``values``."""
    return fields.String(**_default(required, default),
                         validate=validate.OneOf(list(values), error=_("Choose one of the options.")),
                         error_messages={**REQUIRED, "invalid": _("Choose one of the options.")},
                         metadata={"label": label})


def flag(label):
    """A checkbox; unticked means False."""
    return fields.Boolean(load_default=False,
                          error_messages={"invalid": _("Tick the box or leave it empty.")},
                          metadata={"label": label})


def day(label, *, required=False):
    """A calendar date (YYYY-MM-DD)."""
    return fields.Date(**_default(required, None),
                       error_messages={**REQUIRED, "invalid": _("Enter a date as YYYY-MM-DD.")},
                       metadata={"label": label})


def moment(label, *, required=False):
    """A local date and time typed in a form, returned as an aware UTC datetime."""
    return _LocalDateTime(**_default(required, None),
                          error_messages={**REQUIRED, "invalid": _(
                              "Enter a date and time as YYYY-MM-DD HH:MM.")},
                          metadata={"label": label})


def to_local_input(value: datetime | None) -> str:
    """An aware UTC datetime as the value of an ``<input type=datetime-local>``."""
    return value.astimezone(coop_zone()).strftime("%Y-%m-%dT%H:%M") if value else ""


class _LocalDateTime(fields.Field):
    def _deserialize(self, value, attr, data, **kwargs):
        try:
            naive = datetime.fromisoformat(str(value).strip().replace(" ", "T"))
        except ValueError as exc:
            raise self.make_error("invalid") from exc
        if naive.tzinfo is None:
            naive = naive.replace(tzinfo=coop_zone())
        return naive.astimezone(timezone.utc)


class ActionRefused(Refused):
    """A rule refused an action: a translated ``message`` and the form ``field`` it concerns.

    Services raise it before anything is kept; ``core.api.attempt`` rolls back and the page
    shows it next to the field (``_``: at the top of the form).
    """

    def __init__(self, message, field: str = "_"):
        super().__init__(message, field)


def chosen(db, model, ident, field: str):
    """The row ``ident`` of ``model`` picked in a form; a stale or forged id is refused next to
    ``field`` (rather than failing on the foreign key when the row is written)."""
    row = db.get(model, ident) if row_id(ident) is not None else None
    if row is None:
        raise ActionRefused(_("Choose from the list."), field)
    return row
