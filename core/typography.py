"""French typography: a narrow no-break space (U+202F) before « : ; ! ? » and inside « »,
and the typographic apostrophe (’, U+2019) in "l’adhésion", "n’est", "aujourd’hui".

Applied once, where French text enters the application: every fr catalog as it is loaded
(core's and each plugin's, :func:`core.compiled_catalogs.load_po`), so translators may type an ordinary space
(or none) and no line ever breaks before a colon, and may type a straight apostrophe or the
typographic one and every French page reads ’ (OQLF). Only an apostrophe between two letters is
changed: a quote around an HTML attribute, a placeholder (``%(name)s``, ``{name}``), a digit or
an underscore is never beside one. Babel already writes dates, times ("14 h 30") and numbers
("1 234,5") the French way; a template joining a label to a value uses the ``colon`` filter
(:func:`colon`). English, and what people type, are never touched.

A placeholder's value is known only when the text is written out: "Dossier de %(name)s" must
read "Dossier d’Isabelle" but "Dossier de Marie". :func:`elide` makes that one change as the
catalogs' texts are filled in (core's gettext, a page's ``_()``), never inside the value.
"""

from __future__ import annotations

import re
import unicodedata

NNBSP = "\u202f"
#: the no-break space: a time or a postal code is never broken across two lines
NBSP = "\u00a0"
APOSTROPHE = "\u2019"

# an ordinary or no-break space (or none after a word) before : ; ! ? that ends a word or text
# (a URL's "?q=" or "https:" and a time's "14:30" are followed by no space, so left alone)
_BEFORE = re.compile(r"(?:[ \u00a0]+|(?<=[\w)%»]))([:;!?])(?=[\s<\"')»]|$)")
_OPEN = re.compile(r"«[ \u00a0]*")
_CLOSE = re.compile(r"[ \u00a0]*»")
# a straight apostrophe between two letters ([^\W\d_]: a word character that is a letter)
_ELISION = re.compile(r"(?<=[^\W\d_])'(?=[^\W\d_])")


# "de" or "que" (a word of its own) just before a placeholder
_BEFORE_VALUE = re.compile(r"(?<![^\W\d_])([dD]e|[qQ]ue) %\((\w+)\)s")
_VOWELS = frozenset("aeiouàâäéèêëîïôöùûüœæ")


def elide(text, variables: dict):
    """``text`` (a catalog's, placeholders not yet filled in) with "de %(name)s" and "que
    %(name)s" written "d’%(name)s" and "qu’%(name)s" when ``name``'s value begins with a vowel
    (“Dossier d’Isabelle”, “qu’Yves”), as French writes them; a value beginning with a
    consonant, a digit, or a "y" before a vowel (“de yogourt”) keeps its "de"; so does an "h",
    whose elision depends on the word (French writes “d’Hélène” but “de Hamel”). ``text`` comes
    back as it was when nothing changes, and as :class:`~markupsafe.Markup` if it was one."""
    def one(found: re.Match) -> str:
        value = variables.get(found.group(2))
        if value is None or not _elides(str(value)):
            return found.group(0)
        return f"{found.group(1)[:-1]}{APOSTROPHE}%({found.group(2)})s"

    changed = _BEFORE_VALUE.sub(one, text)
    if changed == text:
        return text
    return changed if type(text) is str else type(text)(changed)  # Markup stays Markup


def _elides(value: str) -> bool:
    """Whether a word beginning ``value`` takes "d’" rather than "de"."""
    first = value[:1].lower()
    if first == "y":  # Yves, Yvonne: a vowel; yogourt, Yolande: a consonant
        return value[1:2].lower() not in _VOWELS and value[1:2] != ""
    return first in _VOWELS


def is_french(locale) -> bool:
    """Whether a locale (``fr_CA``, ``fr``, a Babel ``Locale``) writes French."""
    return str(locale or "").split("_")[0].split("-")[0] == "fr"


def french(text: str) -> str:
    """``text`` with French spacing around its punctuation and typographic apostrophes
    (already right: unchanged)."""
    if not text:
        return text
    text = _ELISION.sub(APOSTROPHE, _BEFORE.sub(NNBSP + r"\1", text))
    return _CLOSE.sub(NNBSP + "»", _OPEN.sub("«" + NNBSP, text))


def colon(label: str, locale) -> str:
    """``label`` followed by a colon as the language writes it ("Motif :" / "Reason:")."""
    return f"{label}{NNBSP}:" if is_french(locale) else f"{label}:"


class _Unmarked(dict):
    """``str.translate``'s table: a combining mark (an accent once decomposed) to None, any
    other character to itself, each asked of ``unicodedata`` the first time it is met and
    kept when below U+3000 (the scripts names are written in here; the table stays small
    whatever is typed). Asking it of every character of every name was about 60 Python
    calls a registration."""

    def __missing__(self, code: int) -> int | None:
        kept = None if unicodedata.combining(chr(code)) else code
        if code < 0x3000:
            self[code] = kept
        return kept


_UNMARKED = _Unmarked()


def fold(text: str | None) -> str:
    """Case- and accent-insensitive form used for search ("Hélène" -> "helene")."""
    if not text:
        return ""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return " ".join(decomposed.translate(_UNMARKED).split())


def sort_key(text) -> tuple[str, str]:
    """Where a label (a translated title, a name) goes in a list in alphabetical order, as a
    reader looks for it: accents and case set aside (:func:`fold`: "Évaluation" among the E,
    "Sécurité" before "Solitude"), then the text itself. Sorting by the text alone put every
    accented capital after the Z and "évaluation" after "suivi"."""
    text = str(text)
    return fold(text), text
