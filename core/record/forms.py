"""Plugin forms: finding their declarations, validating payloads, translating errors.

marshmallow writes its default messages in English ("Not a valid integer."); the chart shows
them in the reader's language, so the known ones are mapped to catalog messages here. Messages
a plugin wrote itself (already translated lazily by its own catalog) pass through unchanged.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from marshmallow import ValidationError

from core.i18n import _
from core.phones import PhoneText
from core.refusal import Refused
from core.registry import registry
from core.web.formatting import number


class EntryInvalid(Refused):
    """The payload (or a choice around it) is not valid: ``messages`` is ``{field: [text]}``."""

    def __init__(self, messages: dict):
        super().__init__(messages=messages)


def all_forms(active_only: bool = True) -> list:
    """Every declared FormSpec (of active plugins by default), in declaration order."""
    return list(registry(active_only).forms.values())


def forms_coded(key: str, value) -> list[str]:
    """Ids of the active forms whose ``extra[key]`` equals ``value`` (e.g. ``"loinc"``)."""
    return sorted({f.id for f in all_forms() if f.extra.get(key) == value})


def current_form(form_id: str, active_only: bool = True):
    """The newest version of ``form_id`` an active plugin declares, or None."""
    return registry(active_only).form(form_id)


def form_version(form_id: str, version: int):
    """The exact (id, version) declaration, active or not: old entries keep rendering."""
    return registry(active_only=False).form(form_id, version)


def json_safe(value):
    """Loaded values as JSON: dates in ISO format, decimals as strings (no precision lost)."""
    if isinstance(value, dict):
        return {k: json_safe(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set)):
        return [json_safe(v) for v in value]
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def validate_payload(spec, payload: dict) -> dict:
    """Load ``payload`` with the form's schema; JSON-safe result, or :class:`EntryInvalid`."""
    if not isinstance(payload, dict):
        raise EntryInvalid({"_schema": [str(_("Send the form's fields as an object."))]})
    try:
        loaded = spec.schema().load(payload)
    except ValidationError as exc:
        raise EntryInvalid(translate_messages(exc.messages)) from None
    return json_safe(loaded)


def known_fields(spec) -> set[str]:
    return set(spec.schema().fields)


def strip_unknown(spec, data: dict) -> dict:
    """HTML forms carry extra inputs (CSRF, confidentiality); keep only the schema's fields."""
    keep = known_fields(spec)
    return {k: v for k, v in data.items() if k in keep}


# --- translated messages ------------------------------------------------------------------

def _fixed():
    return {
        "Missing data for required field.": _("This field is required."),
        "Field may not be null.": _("This field is required."),
        "Invalid value.": _("This value is not valid."),
        "Not a valid string.": _("Enter text."),
        "Not a valid integer.": _("Enter a whole number."),
        "Not a valid number.": _("Enter a number."),
        "Number too large.": _("This number is too large."),
        "Special numeric values (nan or infinity) are not permitted.": _("Enter a number."),
        "Not a valid boolean.": _("Choose yes or no."),
        "Not a valid date.": _("Enter a date as YYYY-MM-DD."),
        "Not a valid datetime.": _("Enter a date and time."),
        "Not a valid list.": _("Choose from the list."),
        "Unknown field.": _("This field is not part of the form."),
        "Invalid input type.": _("Send the form's fields as an object."),
        "Not a valid mapping type.": _("Send these values as an object (a JSON mapping)."),
        "Not a valid email address.": _("Enter a valid e-mail address."),
        "Not a valid time.": _("Enter a time."),
        "Not a valid UUID.": _("This value is not valid."),
        "Not a valid URL.": _("Enter a web address."),
    }


_PATTERNS = [
    (re.compile(r"^Must be greater than or equal to (?P<min>\S+) and less than or equal to (?P<max>\S+)\.$"),
     lambda m: _("Enter a value between %(min)s and %(max)s.", **_numbers(m))),
    (re.compile(r"^Must be greater than or equal to (?P<min>\S+)\.$"),
     lambda m: _("Enter a value of at least %(min)s.", **_numbers(m))),
    (re.compile(r"^Must be less than or equal to (?P<max>\S+)\.$"),
     lambda m: _("Enter a value of at most %(max)s.", **_numbers(m))),
    (re.compile(r"^Must be greater than (?P<min>\S+)\.$"),
     lambda m: _("Enter a value greater than %(min)s.", **_numbers(m))),
    (re.compile(r"^Must be less than (?P<max>\S+)\.$"),
     lambda m: _("Enter a value less than %(max)s.", **_numbers(m))),
    (re.compile(r"^Longer than maximum length (?P<max>\d+)\.$"),
     lambda m: _("Enter at most %(max)s characters.", **m)),
    (re.compile(r"^Shorter than minimum length (?P<min>\d+)\.$"),
     lambda m: _("Enter at least %(min)s characters.", **m)),
    (re.compile(r"^Length must be between (?P<min>\d+) and (?P<max>\d+)\.$"),
     lambda m: _("Enter between %(min)s and %(max)s characters.", **m)),
    (re.compile(r"^Must be one of: .*\.$"), lambda m: _("Choose one of the options.")),
    (re.compile(r"^One or more of the choices you made was not in: .*\.$"),
     lambda m: _("Choose only from the options.")),
]


def _numbers(bounds: dict) -> dict:
    """A range's bounds as the reader's language writes numbers ("0,5", not "0.5", in French);
    anything that is not a number as it is."""
    shown = {}
    for name, text in bounds.items():
        try:
            shown[name] = number(Decimal(text))
        except InvalidOperation:
            shown[name] = text
    return shown


def translate_message(message) -> str:
    """One marshmallow message in the reader's language (unknown ones unchanged; a plugin's
    message holding numbers to call, ``with_phones``, kept as it is: its page links them)."""
    if isinstance(message, PhoneText):
        return message
    text = str(message)
    fixed = _fixed().get(text)
    if fixed is not None:
        return str(fixed)
    for pattern, make in _PATTERNS:
        match = pattern.match(text)
        if match:
            return str(make(match.groupdict()))
    return text


def translate_messages(messages) -> dict[str, list[str]]:
    """marshmallow's nested messages as ``{field: [translated text]}`` (list items folded in)."""
    out: dict[str, list[str]] = {}

    def walk(key, value):
        if isinstance(value, dict):
            for sub in value.values():
                walk(key, sub)
        elif isinstance(value, (list, tuple)):
            for sub in value:
                walk(key, sub)
        else:
            bucket = out.setdefault(key, [])
            text = translate_message(value)
            if text not in bucket:
                bucket.append(text)

    if isinstance(messages, dict):
        for key, value in messages.items():
            walk(str(key), value)
    else:
        walk("_schema", messages)
    return out
