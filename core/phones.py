"""Phone numbers in what a person reads: the "9-8-8" of an urgent alert, tapped on a phone.

A plugin says which numbers a text holds, each as a label, the number as written and what a
phone dials (``core.form_specs.PhoneNumber("Suicide Crisis Helpline", "9-8-8", "tel:988")``):

* a finding carries them in ``Finding.phones``: core keeps them with its text, in each language
  (:func:`stored`, read back by :func:`kept_in`);
* any other text a page shows (a refusal's message at the top of a form, a chart panel's line,
  a member's plain words) is given them by :func:`with_phones`: still the same text wherever
  text is read (JSON, CSV, an e-mail), drawn by a page with each number a link.

On a page each number is a ``tel:`` link that never breaks across lines (``.phone``: on a
phone, "1-866-277-" at a line's end and "3553" on the next was no number anyone could tap).
A number is linked where the text writes it (French spacing inside it matches an ordinary
space); a number the text does not write is added after it as "label: number", so a number is
never lost. A dial that is not ``tel:`` and digits is shown but not linked: a text never
carries a link that goes anywhere else.

A phone typed as free text (a privacy officer's, a member's, a community service's: "(514)
555-0100 poste 22") is read by :func:`parse_phone`, the one reading of it: a ``PhoneNumber``
whose dial is E.164 ("tel:+15145550100", the extension never dialled as digits of the number),
or None when what is typed is no number a phone can dial without guessing; templates draw it
with the ``dialable`` filter (:func:`dialable`: linked, or shown as typed).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from markupsafe import Markup, escape

from core.form_specs import PhoneNumber
from core.i18n import _, reader_language

#: what a link may dial: "tel:988", "tel:+18662773553"
DIAL = re.compile(r"^tel:\+?[0-9]{2,15}$")
_SPACES = "[\\s\u00a0\u202f]+"  # an ordinary, no-break or narrow no-break space (French)
_HYPHENS = "[-\u2010\u2011]"  # a hyphen, or the no-break one a translator may type
#: the three-digit numbers dialled as they are in North America (the N11 services, 988)
SHORT_NUMBERS = frozenset({"211", "311", "411", "511", "611", "711", "811", "911", "988"})
#: an extension at the end of a typed number: "poste 22", "p. 22", "ext. 22", "x22", "#22"
_EXTENSION = re.compile(r"[\s,;(]*(?<![^\W\d_])(?:postes?|p\.|ext\.?|extension|x|#)\s*[:.]?"
                        r"\s*\d{1,7}\s*\)?[\s.]*$", re.IGNORECASE)
#: a number as typed: digits, an opening "+", spaces, hyphens, dots and parentheses, nothing else
_TYPED = re.compile(r"^\+?[(]?\d[\d\s\u00a0\u202f().\-\u2010\u2011]*$")
_NANP = re.compile(r"^[2-9](?!11)\d\d[2-9](?!11)\d{6}$")  # area code, exchange, line


class PhoneText(str):
    """A text holding phone numbers (:func:`with_phones`): an ordinary ``str`` to everything
    that reads text, and a page draws it with each number a ``tel:`` link (``__html__``)."""

    phones: tuple = ()

    def __new__(cls, text: Any, phones: Iterable = ()) -> PhoneText:
        made = super().__new__(cls, str(text))
        made.phones = tuple(phones)
        return made

    def __html__(self) -> Markup:
        return linked(self)


def with_phones(text: Any, phones: Iterable) -> PhoneText:
    """``text`` (a translated string: rendered now, in the reader's language) as a
    :class:`PhoneText` whose ``phones`` (``PhoneNumber`` values, or (label, number, dial)
    triples) a page draws as ``tel:`` links."""
    return PhoneText(text, (_triple(phone) for phone in phones))


def linked(text: Any, phones: Iterable = (), besides: Any = "", add: bool = True) -> Markup:
    """``text`` escaped for a page, each of its ``phones`` (and a :class:`PhoneText`'s own)
    a ``tel:`` link kept on one line where the text writes it; the numbers neither ``text``
    nor ``besides`` (a text shown with it: a finding's message beside its advice) writes are
    added after it as "label: number" (``add=False``: not here, ``besides`` adds them)."""
    every = [*getattr(text, "phones", ()), *(_triple(phone) for phone in phones or ())]
    every = [phone for phone in every if phone[1]]
    source = "" if text is None else str(text)
    if not every:  # markup a template made stays markup
        return escape(source if text is None or isinstance(text, PhoneText) else text)
    by_length = sorted(every, key=lambda phone: -len(phone[1]))
    finder = re.compile("|".join(f"({_pattern(phone[1])})" for phone in by_length))
    out, start, found = [], 0, set()
    for match in finder.finditer(source):
        phone = by_length[(match.lastindex or 1) - 1]
        out += [escape(source[start:match.start()]), _link(match.group(0), phone[2])]
        start = match.end()
        found.add(phone[1])
    out.append(escape(source[start:]))
    also = str(besides or "")
    missing = [phone for phone in every if add and phone[1] not in found
               and not re.search(_pattern(phone[1]), also)]
    if missing:
        added = Markup(" · ").join(
            escape(str(_("%(label)s: %(number)s", label=label, number="\x00")))
            .replace("\x00", _link(number, dial)) for label, number, dial in _once(missing))
        out.append(Markup(" ") + added if source.strip() else added)
    return Markup("").join(out)


def parse_phone(text: Any, label: Any = "") -> PhoneNumber | None:
    """A phone typed as free text as a ``PhoneNumber(label, number, dial)``: ``number`` as
    typed without its extension, ``dial`` E.164 for a North American number ("514 555-0100",
    "(514) 555-0100 poste 22", "1-800-363-9010": "tel:+15145550100") or the short number
    ("911", "8-1-1": "tel:811"); a number written with "+" and its country code is dialled as
    written. None when the text is no such number (letters, seven digits without their area
    code, two numbers, an area code no phone has): shown as typed, never a guessed link."""
    typed = "" if text is None else str(text).strip()
    number = _EXTENSION.sub("", typed).strip() if typed else ""
    if not _TYPED.match(number):
        return None
    digits = re.sub(r"\D", "", number)
    if number.startswith("+"):
        ok = _NANP.match(digits[1:]) if digits[:1] == "1" else 8 <= len(digits) <= 15
        return PhoneNumber(label, number, f"tel:+{digits}") if ok else None
    if len(digits) == 11 and digits[0] == "1":
        digits = digits[1:]
    if len(digits) == 10 and _NANP.match(digits):
        return PhoneNumber(label, number, f"tel:+1{digits}")
    if digits in SHORT_NUMBERS:
        return PhoneNumber(label, number, f"tel:{digits}")
    return None


def dialable(text: Any, label: Any = "") -> Markup:
    """A phone typed as free text, for a page: its number a ``tel:`` link, its extension after
    it as text, the two kept on one line ("poste 12" alone on the next line read as nothing);
    the text as typed when :func:`parse_phone` finds no number to dial
    (``{{ officer.phone|dialable }}``)."""
    typed = "" if text is None else str(text).strip()
    found = parse_phone(typed, label)
    if found is None:
        return escape(typed)
    drawn = linked(typed, (found,))
    return drawn if found.number == typed else Markup('<span class="nowrap">%s</span>') % drawn


def stored(phones: Iterable) -> list[list[str]]:
    """``phones`` as kept with a finding's text in one language: [label, number, dial]."""
    return [[str(label), str(number), str(dial)] for label, number, dial in map(_triple, phones)]


def kept_in(texts: dict | None) -> tuple[tuple[str, str, str], ...]:
    """The numbers kept with a finding's ``texts`` (:func:`stored`), in the reader's language
    (none for a finding kept without them)."""
    if not texts:
        return ()
    locale = reader_language()
    found = texts.get(locale) or texts.get(locale.split("_")[0]) or {}
    return tuple((str(label), str(number), str(dial))
                 for label, number, dial in (phone for phone in found.get("phones") or ()
                                             if isinstance(phone, list) and len(phone) == 3))


def _triple(phone: Any) -> tuple[Any, str, str]:
    """(label, number, dial) of a ``PhoneNumber`` or of a triple."""
    if isinstance(phone, (tuple, list)):
        label, number, dial = phone
    else:
        label, number, dial = phone.label, phone.number, phone.dial
    return label, str(number or ""), str(dial or "")


def _once(phones: list) -> list:
    """``phones`` without a number given twice (the first one's label kept)."""
    seen: set[str] = set()
    out = []
    for phone in phones:
        if phone[1] not in seen:
            seen.add(phone[1])
            out.append(phone)
    return out


def _pattern(number: str) -> str:
    """A number as a pattern: any space or hyphen matches its French and no-break forms, and
    a number is never found inside a longer one ("9-1-1" in "19-1-1")."""
    parts = []
    for piece in re.split(r"(\s+|[-\u2010\u2011])", number.strip()):
        if not piece:
            continue
        parts.append(_SPACES if piece.isspace() else _HYPHENS if len(piece) == 1 and
                     piece in "-\u2010\u2011" else re.escape(piece))
    body = "".join(parts)
    before = r"(?<!\w)" if number.strip()[:1].isalnum() else ""
    after = r"(?!\w)" if number.strip()[-1:].isalnum() else ""
    return f"{before}{body}{after}"


def _link(number: str, dial: str) -> Markup:
    """The number as written, a link dialling it (a bad dial: the number, never broken)."""
    if DIAL.match(dial):
        return Markup('<a class="phone" href="%s">%s</a>') % (dial, number)
    return Markup('<span class="phone">%s</span>') % number
