"""What the register page says when an OC document is refused, in the reader's language.

The document checks (:mod:`~plugins.nursing.oc.document`, :mod:`~plugins.nursing.oc.rules`) and
marshmallow under them speak plain English, so they stay pure and run without a request (when
the shipped files are loaded at activation). The page translates their messages here: exact ones
from a table, the ones that carry a place or a name from patterns. A message not listed is shown
as it is rather than hidden.
"""

from __future__ import annotations

import ast
import re

from plugins.nursing import _, ngettext

EXACT = {
    # marshmallow's own messages, for the field types an OC document uses
    "Missing data for required field.": _("Missing data for required field."),
    "Field may not be null.": _("This field may not be empty (null)."),
    "Unknown field.": _("Unknown field: remove it or check its spelling."),
    "Invalid input type.": _("Wrong type of value: a JSON object is expected."),
    "Not a valid date.": _("Not a valid date: write it as YYYY-MM-DD."),
    "Not a valid string.": _("Not a valid text."),
    "Not a valid integer.": _("Not a valid whole number."),
    "Not a valid number.": _("Not a valid number."),
    "Not a valid boolean.": _("Not a valid true/false value."),
    "Not a valid list.": _("Not a valid list: a JSON array is expected."),
    "Not a valid mapping type.": _("Not a valid JSON object."),
    "String does not match expected pattern.": _(
        "Not a valid code: capital letters, digits and hyphens (for example OC-CYSTITE)."),
    # the document's own checks
    'a French text is required: {"fr": ..., "en": ...}': _(
        'A French text is required: {"fr": ..., "en": ...}'),
    "use lower-case letters, digits and _": _("Use lower-case letters, digits and _ only."),
    "a choice question needs 'choices'": _("A choice question needs its 'choices'."),
    "must be after effective_date": _("The expiry date must come after effective_date."),
    "question ids must be unique": _("Question ids must be unique."),
    "the document must be a JSON object": _("The document must be a JSON object."),
}

#: (pattern of an English message, its translation with the same named parts, or the function
#: of those parts that writes it: a count agrees with its number)
PATTERNS = [(re.compile(pattern), translated) for pattern, translated in (
    (r"^Shorter than minimum length (?P<n>\d+)\.$", lambda parts: ngettext(
        "At least %(num)s item or character.", "At least %(num)s items or characters.",
        int(parts["n"]))),
    (r"^Must be greater than or equal to (?P<n>[\d.]+)\.$", _("Must be %(n)s or more.")),
    (r"^Must be one of: (?P<choices>.+)\.$", _("Must be one of: %(choices)s.")),
    (r"^not valid JSON: (?P<detail>.+)$", _("Not valid JSON: %(detail)s")),
    (r"^(?P<where>.+): a condition must be a JSON object$",
     _("%(where)s: a condition must be a JSON object.")),
    (r"^(?P<where>.+): 'all'/'any' need a non-empty list$",
     _("%(where)s: 'all' and 'any' need a non-empty list.")),
    (r"^(?P<where>.+): 'summary' must be one of (?P<kinds>.+) with 'has'$",
     _("%(where)s: 'summary' must be one of %(kinds)s, with 'has'.")),
    (r"^(?P<where>.+): unknown fact (?P<fact>.+) \(not a question id\)$",
     _("%(where)s: unknown fact %(fact)s (not a question id).")),
    (r"^(?P<where>.+): unknown operators? (?P<operators>\[.+\])$", lambda parts: ngettext(
        "%(where)s: unknown operator %(operators)s.", "%(where)s: unknown operators %(operators)s.",
        _listed(parts["operators"]), **parts)),
    (r"^(?P<where>.+): expected 'fact', 'summary', 'all', 'any' or 'not'$",
     _("%(where)s: expected 'fact', 'summary', 'all', 'any' or 'not'.")),
)]


def translate(message: str) -> str:
    """One check's message in the reader's language (unchanged when it is not known)."""
    if message in EXACT:
        return str(EXACT[message])
    for pattern, translated in PATTERNS:
        found = pattern.match(message)
        if found:
            parts = found.groupdict()
            return str(translated(parts) if callable(translated) else str(translated) % parts)
    return message


def _listed(names: str) -> int:
    """How many names the list a check wrote holds ("['about', 'near']": 2)."""
    return len(ast.literal_eval(names))
