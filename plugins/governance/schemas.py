"""What the governance forms accept: translated messages, nothing written on an error.

Times typed in a form are the coop's local wall-clock time; they are stored in UTC.
"""

from __future__ import annotations

from datetime import datetime, timezone

from marshmallow import EXCLUDE, Schema, ValidationError, fields, post_load, pre_load, validate

from core.api import IdField, coop_zone

from plugins.governance import _

REQUIRED = {"required": _("This field is required."), "null": _("This field is required.")}


class Form(Schema):
    """Blank strings are absent; unknown keys (the CSRF token) are ignored."""

    class Meta:
        unknown = EXCLUDE

    @pre_load
    def _drop_blanks(self, data, **kwargs):
        return {k: v for k, v in dict(data).items() if not (isinstance(v, str) and v.strip() == "")}


class Text(fields.String):
    """Trimmed text with our messages."""

    default_error_messages = {**REQUIRED, "invalid": _("Enter text.")}

    def _deserialize(self, value, attr, data, **kwargs):
        return super()._deserialize(value, attr, data, **kwargs).strip()


def free_text(max_length: int, required: bool = False):
    length = validate.Length(max=max_length, error=_("Enter at most %(n)s characters.",
                                                     n=max_length))
    return Text(required=True, validate=length) if required else \
        Text(load_default="", validate=length)


def whole(low: int, high: int, default=None):
    rng = validate.Range(low, high, error=_("Enter a whole number between %(low)s and %(high)s.",
                                            low=low, high=high))
    kw = {"required": True} if default is None else {"load_default": default}
    return fields.Integer(strict=False, validate=rng, **kw,
                          error_messages={**REQUIRED, "invalid": _("Enter a whole number.")})


def one_of(choices, default=None):
    kw = {"required": True} if default is None else {"load_default": default}
    return Text(validate=validate.OneOf(choices, error=_("Choose from the list.")), **kw)


class LocalDateTime(fields.NaiveDateTime):
    """A local date and time from an ``<input type=datetime-local>``, returned aware in UTC."""

    default_error_messages = {**REQUIRED, "invalid": _("Enter a date and a time.")}

    def _deserialize(self, value, attr, data, **kwargs):
        naive = super()._deserialize(value, attr, data, **kwargs)
        zone = coop_zone()
        return naive.replace(tzinfo=zone).astimezone(timezone.utc)


class AssemblySchema(Form):
    title = free_text(200, required=True)
    kind = one_of(("annual", "special"), default="annual")
    starts_at = LocalDateTime(required=True)
    place = free_text(300)
    video_link = Text(load_default="", validate=validate.URL(
        schemes={"https"}, error=_("Enter a link starting with https://.")))
    documents = free_text(5000)
    agenda = free_text(5000)
    notice_days = whole(0, 90, default=10)
    quorum = whole(1, 100000)


class MotionSchema(Form):
    title = free_text(300, required=True)
    text = free_text(10000)
    agenda_position = whole(0, 200, default=0)
    method = one_of(("hands", "secret"), default="hands")
    majority = one_of(("simple", "two_thirds"), default="simple")
    amends_id = IdField(load_default=None, error_messages={"invalid": _("Choose from the list.")})
    candidates = free_text(3000)
    seats = whole(1, 30, default=1)
    category = one_of(("", "user", "worker", "support"), default="")
    adopts_minutes_of_id = IdField(load_default=None,
                                   error_messages={"invalid": _("Choose from the list.")})


class HandsSchema(Form):
    votes_for = whole(0, 100000, default=0)
    votes_against = whole(0, 100000, default=0)
    abstentions = whole(0, 100000, default=0)

    @post_load
    def _as_counts(self, data, **kwargs):
        return {"for": data["votes_for"], "against": data["votes_against"],
                "abstain": data["abstentions"]}


class ProposalSchema(Form):
    title = free_text(300, required=True)
    details = free_text(10000)
    closes_at = LocalDateTime(required=True)

    @post_load
    def _in_future(self, data, **kwargs):
        if data["closes_at"] <= datetime.now(timezone.utc):
            raise ValidationError({"closes_at": [str(_("Choose a closing date in the future."))]})
        return data


def form_errors(exc: ValidationError) -> dict:
    """marshmallow's messages as plain strings by field."""
    return {k: [str(m) for m in (v if isinstance(v, list) else [v])]
            for k, v in exc.messages.items()}
