"""Languages: fr_CA by default, English second; one Babel domain per plugin.

Catalogs ship as ``.po`` files and are read directly (no compile step to forget): each domain
reads the ``.po`` files of ``translations/<locale>/LC_MESSAGES/`` once per process and locale
(a plugin has ``messages.po``; core has one file per area: ``messages.po``, ``record.po``...).
Parsing a ``.po`` is slow (pure Python): its compiled form is kept between starts
(:mod:`core.compiled_catalogs`).
Message ids are written in English in the code; the fr_CA catalog must translate every one
(a test fails otherwise).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from babel import Locale
from babel.support import NullTranslations, Translations
from flask import current_app, g, has_app_context, request
from flask_babel import Domain, force_locale, get_locale
from markupsafe import Markup

from core.compiled_catalogs import load_po
from core.memo import APP_CONTEXT
from core.typography import elide, is_french

LOCALES = ("fr_CA", "en")
CORE_TRANSLATIONS = Path(__file__).parent / "translations"


class PoDomain(Domain):
    """A Flask-Babel domain that reads ``.po`` catalogs from one folder."""

    def __init__(self, directory: Path, name: str):
        super().__init__(translation_directories=[str(directory)], domain="messages")
        self.directory = Path(directory)
        self.name = name
        self._catalogs: dict[str, Translations] = {}
        self._by_locale: dict[Locale, Translations] = {}
        self._last: tuple[Locale, Translations] | None = None

    def catalog_for(self, locale: str) -> Translations | NullTranslations:
        """Every ``*.po`` of the locale's folder, merged (core keeps one file per area)."""
        if locale not in self._catalogs:
            merged = NullTranslations()
            for path in sorted((self.directory / locale / "LC_MESSAGES").glob("*.po")):
                catalog = load_po(path)
                if isinstance(merged, Translations):
                    merged.merge(catalog)
                else:
                    merged = catalog
            if self.name != "core":
                # a plugin's pages also show core's layout (menus, footer, form macros)
                merged.add_fallback(core_domain.catalog_for(locale))
            self._catalogs[locale] = merged
        return self._catalogs[locale]

    def get_translations(self):
        locale = locale_in_force()
        if locale is None:
            return NullTranslations()
        last = self._last  # one tuple, replaced whole: threads never see half of it
        if last is not None and last[0] is locale:
            return last[1]  # the same request's locale object: no hashing (babel's is slow)
        found = self._by_locale.get(locale)
        if found is None:
            found = self._by_locale[locale] = self.catalog_for(str(locale))
        self._last = (locale, found)
        return found

    def gettext(self, string, **variables):
        """Flask-Babel's, with French elision before a placeholder (:func:`fill`)."""
        text = self.get_translations().ugettext(string)
        return fill(text, variables) if variables else text

    def ngettext(self, singular, plural, num, **variables):
        """Flask-Babel's, with French elision before a placeholder (:func:`fill`) and the
        count written as the reader's language writes it (:func:`counted`)."""
        variables.setdefault("num", counted(num))
        return fill(self.get_translations().ungettext(singular, plural, num), variables)

    def markup(self, string: str) -> Markup:
        """``Markup(gettext(string))`` in the language in force, kept per catalog: a page's
        template translates 20-odd strings, the same on every page (a template's ``_``)."""
        return markup_in(self.get_translations(), string)


def fill(text, variables: dict):
    """A catalog's ``text`` with its placeholders filled in from ``variables``, "de %(name)s"
    written "d’…" before a vowel (:func:`core.typography.elide`; only a French text has one)."""
    if "e %(" in text:
        text = elide(text, variables)
    return text % variables


def kept_markups(translations) -> dict:
    """The Markup of each string already translated by ``translations``, by string."""
    kept = getattr(translations, "soin_markups", None)
    if kept is None:
        kept = translations.soin_markups = {}
    return kept


def markup_in(translations, string: str) -> Markup:
    """``Markup(translations.ugettext(string))``, kept with ``translations``."""
    kept = kept_markups(translations)
    found = kept.get(string)
    if found is None:
        found = kept[string] = Markup(translations.ugettext(string))
    return found


def locale_in_force() -> Locale | None:
    """Flask-Babel's locale for now (``force_locale`` included), read without its overhead.

    Every translated string asks: ``flask_babel.get_locale()`` costs several proxy lookups,
    while the locale it settled on sits in ``g._flask_babel`` once asked for the first time.
    """
    context = APP_CONTEXT.get(None)
    if context is None:  # outside any application context
        return None
    found = context.g.__dict__.get("_flask_babel")
    locale = getattr(found, "babel_locale", None)
    return locale if locale is not None else get_locale()


#: the last locale asked for by :func:`locale_code` and its code (one tuple, replaced whole)
_last_code: tuple[Locale | None, str] = (None, "")


def locale_code() -> str | None:
    """``str(locale_in_force())`` ("fr_CA", "en"), None when there is none: the menus, the
    resource picker and the page's ``lang`` ask it several times a page, and babel writes a
    locale's code in Python each time. The locale is a new object each request: the code of
    the last one asked is kept beside it."""
    global _last_code
    locale = locale_in_force()
    if locale is None:
        return None
    last = _last_code
    if last[0] is locale:
        return last[1]
    code = str(locale)
    _last_code = (locale, code)
    return code


def reader_language() -> str:
    """The reader's language as a code ("fr_CA", "en"): the request's (or a ``force_locale``'s),
    else the coop's default (``SOIN_DEFAULT_LOCALE``) for a job, a command or a test without a
    request, fr_CA with no application at all. Plugins must not import Flask-Babel (they ask
    ``core.api``), and the fallback is decided here, once."""
    code = locale_code()  # in an application without a request, select_locale's default
    return code if code is not None else LOCALES[0]


core_domain = PoDomain(CORE_TRANSLATIONS, "core")
_ = core_domain.lazy_gettext
gettext = core_domain.gettext
ngettext = core_domain.ngettext


def make_gettext(package_file: str, name: str):
    """Return a lazy ``_`` bound to the plugin's own catalog (``translations/`` beside it)."""
    domain = PoDomain(Path(package_file).resolve().parent / "translations", name)
    DOMAINS[name] = domain
    return domain.lazy_gettext


def make_ngettext(name: str):
    """Return a lazy ``ngettext`` bound to the catalog :func:`make_gettext` gave plugin
    ``name``: ``ngettext("%(num)s portion", "%(num)s portions", n)`` reads "1 portion",
    "2 portions" in English and takes its French forms from the catalog's plural rule."""
    return DOMAINS[name].lazy_ngettext


def counted(num):
    """A count as the reader's language writes it in a sentence: "20 598 membres", "20,598
    members" (it read "20598"); below 1,000 every language writes the digits alone, so they
    are left as they are (no formatting for the counts of most pages)."""
    if isinstance(num, int) and not isinstance(num, bool) and abs(num) >= 1000:
        from babel.numbers import format_decimal

        return format_decimal(num, locale=locale_in_force() or LOCALES[0])
    return num


def plural_number(value) -> int:
    """The whole number ``ngettext`` picks a form by for a quantity that may have decimals
    (hours): French puts the noun in the plural from 2 ("1,5 heure"), English for anything
    but exactly 1 ("1.5 hours", "0.5 hours"). A whole quantity is itself."""
    if value == int(value):
        return int(value)
    locale = locale_in_force()
    return int(value) if locale is not None and is_french(locale) else 2


#: plugin name -> its domain (filled by :func:`make_gettext`)
DOMAINS: dict[str, PoDomain] = {"core": core_domain}


def select_locale() -> Locale:
    """The account's choice, then the session's choice, then Accept-Language, then the coop.

    Answered as the language's one :class:`~babel.Locale` (Flask-Babel keeps it as it is):
    parsed from a code, it was a new object every request, so what is kept per language by
    identity (each catalog's last answer, :func:`locale_code`, babel's locale data) was
    worked out again on every page."""
    chosen = g.get("user_locale")  # set when the account is loaded (the row may be closed later)
    if chosen in LOCALES:
        return shared_locale(chosen)
    from flask import session

    chosen = session.get("locale") if session else None
    if chosen in LOCALES:
        return shared_locale(chosen)
    best = _accepted(request.environ.get("HTTP_ACCEPT_LANGUAGE", "")) if request else None
    if best:
        return shared_locale("en" if best.startswith("en") else "fr_CA")
    return shared_locale(current_app.config["SOIN_DEFAULT_LOCALE"])


#: each language's Locale (see :func:`select_locale`), by code
_SHARED_LOCALES: dict[str, Locale] = {}


def shared_locale(code: str) -> Locale:
    """The one :class:`~babel.Locale` of ``code`` for the process (locales do not change)."""
    found = _SHARED_LOCALES.get(code)
    if found is None:
        found = _SHARED_LOCALES[code] = Locale.parse(code)
    return found


#: the language chosen for each Accept-Language header seen (a browser sends the same one on
#: every page; parsing it and matching it cost 50-odd calls a page), a bounded few
_ACCEPTED: dict[str, str | None] = {}


def _accepted(header: str) -> str | None:
    """``request.accept_languages.best_match(["fr-CA", "fr", "en"])`` for ``header``."""
    if header in _ACCEPTED:
        return _ACCEPTED[header]
    from werkzeug.datastructures import LanguageAccept
    from werkzeug.http import parse_accept_header

    best = parse_accept_header(header or None, LanguageAccept).best_match(["fr-CA", "fr", "en"])
    if len(_ACCEPTED) >= 256:
        _ACCEPTED.clear()
    _ACCEPTED[header] = best
    return best


def in_every_language(**values) -> dict[str, dict[str, str]]:
    """``{locale: {name: text}}``: each value (a lazy translated string, a :class:`PerLanguage`,
    or plain text) rendered in every language of the coop, to store beside the writer's text so
    each reader later sees their own."""
    return each_language(lambda _locale: {name: str(value if value is not None else "")
                                          for name, value in values.items()})


def each_language(make) -> dict:
    """``{locale: make(locale)}`` for every language of the coop, each call made with that
    language in force (lazy strings inside ``make`` are rendered in it)."""
    out = {}
    for locale in LOCALES:
        with in_language(locale):
            out[locale] = make(locale)
    return out


def coop_language(code: str | None) -> str:
    """The coop's language ``code`` names ("fr", "fr-CA", "fr_CA" -> "fr_CA"; "en_CA" ->
    "en"); the coop's default (``SOIN_DEFAULT_LOCALE``, fr_CA with no application) for None or
    a language the coop does not write (a person's row may hold none)."""
    if code:
        base = str(code).replace("-", "_").split("_")[0].lower()
        found = next((locale for locale in LOCALES if locale.split("_")[0] == base), None)
        if found is not None:
            return found
    default = current_app.config.get("SOIN_DEFAULT_LOCALE") if has_app_context() else None
    return default if default in LOCALES else LOCALES[0]


@contextmanager
def in_language(code: str | None) -> Iterator[str]:
    """Write in one language for the ``with`` block, whatever the reader's: an e-mail in its
    recipient's language (``person.language``), a FHIR text in English. Translated strings,
    ``format_day``, ``format_number``... inside it follow that language; the reader's comes
    back after it. ``code`` is read by :func:`coop_language` (None: the coop's default); the
    block receives the code in force. Use :func:`each_language` to write every language."""
    locale = coop_language(code)
    with force_locale(locale):
        yield locale


def in_reader_language(texts: dict | None, name: str, stored: str) -> str:
    """The text ``name`` of ``texts`` (see :func:`in_every_language`) in the reader's
    language; ``stored`` (the writer's text) when the row predates stored languages."""
    if not texts:
        return stored
    locale = reader_language()
    found = texts.get(locale) or texts.get(locale.split("_")[0]) or {}
    return found.get(name) or stored


class PerLanguage:
    """A text a plugin already holds in each language (``{"fr_CA": ..., "en": ...}``, ``"fr"``
    accepted for French): shown in the language in force, like a lazy translated string."""

    def __init__(self, texts: dict):
        self.texts = {("fr_CA" if k == "fr" else k): v for k, v in (texts or {}).items()}

    def __str__(self) -> str:
        locale = reader_language()
        return str(self.texts.get(locale) or self.texts.get(locale.split("_")[0])
                   or self.texts.get("fr_CA") or next(iter(self.texts.values()), ""))

    def __html__(self) -> str:
        from markupsafe import escape

        return str(escape(str(self)))

    def __bool__(self) -> bool:
        return any(self.texts.values())


#: each language in its own name, as the language switcher shows it. Written here rather than
#: read from CLDR at start-up: the read loaded Babel's data of both languages (4 % of a
#: start-up's instructions) for two words; tests/i18n/test_catalogs.py checks them against CLDR.
LANGUAGE_NAMES = {"fr_CA": "Français", "en": "English"}


def locale_name(code: str) -> str:
    """A language's own name ("Français", "English") for the language switcher."""
    return LANGUAGE_NAMES[code]


def language_name(code: str) -> str:
    """A language named in the reader's language, as a label: "Français" and "Anglais" for a
    French reader, "French" and "English" for an English one (Babel's CLDR names, the first
    letter raised: French writes them in lower case). ``code``: a language code as keys hold
    it ("fr_CA", "fr", "en", "en-CA"); one Babel does not know is given back as it is."""
    from babel import UnknownLocaleError

    try:
        name = Locale.parse(code.replace("-", "_")).get_language_name(
            shared_locale(reader_language()))
    except (ValueError, TypeError, UnknownLocaleError):
        return code
    return name[:1].upper() + name[1:] if name else code


def load_language_data() -> None:
    """Read Babel's data of every language of the coop (the words and patterns of dates and
    numbers, several MB), which otherwise waits for the first date or number written.

    ``soin serve`` calls it before forking its workers, so that they share one copy instead of
    each reading its own on its first dated page; a single process does not pay it to start.
    """
    from babel import localedata

    for code in LOCALES:
        localedata.load(code)
