"""Prescription abbreviations in plain words, for the member reading their own record.

An OC's plan or a nurse's prescription is written for colleagues: "Nitrofurantoïne 100 mg PO
BID pendant 5 jours". The member read exactly that on their record. :func:`plain_dosage` writes
the common abbreviations out in the reader's language ("par la bouche deux fois par jour", "by
mouth twice a day"), whole words only, so a drug name or a unit holding the same letters is
never touched. Only the member's texts (the renderers' plain language) go through it: the
chart, the printed chart and the exports keep what the clinician wrote.
"""

from __future__ import annotations

import re

from core.api import reader_language

from plugins.nursing import _, ngettext

#: abbreviation (upper case) -> its plain words ("IV" left out: a roman numeral as often)
ABBREVIATIONS = {
    "PO": _("by mouth"),
    "SL": _("under the tongue"),
    "SC": _("under the skin"),
    "IM": _("into a muscle"),
    "DIE": _("once a day"),
    "BID": _("twice a day"),
    "TID": _("three times a day"),
    "QID": _("four times a day"),
    "HS": _("at bedtime"),
    "PRN": _("as needed"),
    "STAT": _("right away"),
}
#: also written in lower case ("die", "bid"); the others are abbreviations in capitals only
#: ("po" is an inch in Quebec, "Im" a name)
LOWER_TOO = {"DIE", "BID", "TID", "QID", "PRN"}
#: of those, words of English too: in lower case, expanded only in French texts ("so they do
#: not die" stays as it is)
ENGLISH_WORDS = {"DIE", "BID"}

_WORD = re.compile(r"(?<![\w.-])(" + "|".join(ABBREVIATIONS) + r")(?![\w-])", re.IGNORECASE)
#: "q4h", "q 4 h", "q.4h", "q4-6h", "Q4H": every 4 (to 6) hours
_INTERVAL = re.compile(r"(?<![\w.-])q\.?\s?(\d{1,2})(?:\s?[-–]\s?(\d{1,2}))?\s?h(?!\w)",
                       re.IGNORECASE)


def _word(match: re.Match, french: bool) -> str:
    written = match.group(1)
    key = written.upper()
    if written != key and (written != written.lower() or key not in LOWER_TOO
                           or (key in ENGLISH_WORDS and not french)):
        return written  # "po" (inches), "Bid", "bid" in English: not an abbreviation here
    return str(ABBREVIATIONS[key])


def _interval(match: re.Match) -> str:
    low, high = int(match.group(1)), match.group(2)
    if high:
        return str(_("every %(low)s to %(high)s hours", low=low, high=int(high)))
    if low == 1:
        return str(_("every hour"))
    return str(ngettext("every %(num)s hour", "every %(num)s hours", low))


def plain_dosage(text) -> str:
    """``text`` (a ``str`` or a per-language text, read in the reader's language) with its
    prescription abbreviations written out in that language, whole words only."""
    written = str(text or "")
    french = reader_language().startswith("fr")
    written = _WORD.sub(lambda m: _word(m, french), written)
    return _INTERVAL.sub(_interval, written)
