"""Small builders for form fields: the label, help and validator written once, translated."""

from __future__ import annotations

from marshmallow import Schema, fields, validate

from plugins.herbalism import _

REQUIRED = {"required": _("This field is required.")}


class HerbalSchema(Schema):
    """Base of the herbalism forms (unknown fields are refused by core before loading)."""


def _need(required: bool, default):
    """marshmallow refuses a default on a required field."""
    return {"required": True} if required else {"load_default": default}


def text(label, required=False, max_length=300, **meta):
    """A one-line text."""
    return fields.String(**_need(required, ""), validate=validate.Length(max=max_length),
                         error_messages=REQUIRED, metadata={"label": label, **meta})


def note(label, required=False, **meta):
    """A long text (a textarea)."""
    return fields.String(**_need(required, ""), validate=validate.Length(max=5000),
                         error_messages=REQUIRED,
                         metadata={"label": label, "widget": "textarea", **meta})


def choice(label, choices, required=False, default=None, widget="select", **meta):
    """One of ``choices`` (``(value, label)`` pairs), as a select or radio buttons."""
    return fields.String(**_need(required, default), allow_none=not required,
                         validate=validate.OneOf([v for v, _l in choices]),
                         error_messages=REQUIRED,
                         metadata={"label": label, "choices": choices, "widget": widget, **meta})


def flag(label, **meta):
    """A yes/no checkbox."""
    return fields.Boolean(load_default=False, metadata={"label": label, **meta})


def day(label, **meta):
    """A date."""
    return fields.Date(load_default=None, allow_none=True, metadata={"label": label, **meta})
