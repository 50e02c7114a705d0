"""Field builders for the plugin's chart forms: labels, help and messages in the plugin's words.

Every builder puts the real rule in a marshmallow validator (core renders from the metadata
and validates with the schema), and gives the error messages through the plugin's catalog.
"""

from __future__ import annotations

from marshmallow import ValidationError, fields, validate

from core.api import today

from plugins.social_work import _

REQUIRED = _("This field is required.")
PICK_ONE = _("Choose one of the options.")


def _meta(label, help, widget, **more) -> dict:
    return {"label": label, "help": help, "widget": widget, **more}


def prose(label, help="", *, required=False, short=False):
    """Free text; ``required`` refuses an empty or blank answer."""
    widget = "text" if short else "textarea"
    if not required:
        return fields.String(load_default=None, allow_none=True, validate=validate.Length(max=20000),
                             metadata=_meta(label, help, widget))
    return fields.String(required=True,
                         validate=[validate.Length(max=20000),
                                   validate.Regexp(r"(?s).*\S", error=REQUIRED)],
                         error_messages={"required": REQUIRED, "null": REQUIRED},
                         metadata=_meta(label, help, widget))


def day(label, help="", *, required=False, past=False, initial=None):
    """A calendar date; ``past``: today at the latest (a thing done, not planned);
    ``initial``: what a new form shows (``today``: the coop's today, changed when not)."""
    optional = {} if required else {"load_default": None, "allow_none": True}
    return fields.Date(required=required, **optional, validate=_not_future if past else None,
                       error_messages={"required": REQUIRED, "null": REQUIRED,
                                       "invalid": _("Enter a valid date.")},
                       metadata=_meta(label, help, "date", initial=initial))


def _not_future(value) -> None:
    """Refuse a day after the coop's today."""
    if value > today():
        raise ValidationError(str(_("This date is in the future.")))


def pick(label, choices, help="", *, required=True, widget="radio"):
    """One value among ``choices`` (``(value, label)`` pairs)."""
    optional = {} if required else {"load_default": None, "allow_none": True}
    return fields.String(required=required, **optional,
                         validate=validate.OneOf([v for v, _l in choices], error=PICK_ONE),
                         error_messages={"required": REQUIRED, "null": REQUIRED},
                         metadata=_meta(label, help, widget, choices=list(choices)))


def several(label, choices, help=""):
    """Any number of values among ``choices`` (checkboxes)."""
    return fields.List(fields.String(validate=validate.OneOf([v for v, _l in choices],
                                                             error=PICK_ONE)),
                       load_default=list,
                       metadata=_meta(label, help, "checkbox", choices=list(choices)))


def agreed(label, help=""):
    """A box the social worker ticks when the person agreed (never required: a refusal is kept
    as an unticked box and said in the notes)."""
    return fields.Boolean(load_default=False, metadata=_meta(label, help, "checkbox"))
