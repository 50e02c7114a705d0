"""Languages: fr_CA by default, English second; one Babel domain per plugin.

Catalogs ship as ``.po`` files and are read directly (no compile step to forget): each domain
parses the ``.po`` files of ``translations/<locale>/LC_MESSAGES/`` once per process and locale
(a plugin has ``messages.po``; core has one file per area: ``messages.po``, ``record.po``...).
Message ids are written in English in the code; the fr_CA catalog must translate every one
(a test fails otherwise).
"""

from __future__ import annotations

import io
from pathlib import Path

from babel import Locale
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import NullTranslations, Translations
from flask import current_app, g, request
from flask_babel import Domain, get_locale

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
        found = self._by_locale.get(locale)
        if found is None:
            found = self._by_locale[locale] = self.catalog_for(str(locale))
        return found


def locale_in_force() -> Locale | None:
    """Flask-Babel's locale for now (``force_locale`` included), read without its overhead.

    Every translated string asks: ``flask_babel.get_locale()`` costs several proxy lookups,
    while the locale it settled on sits in ``g._flask_babel`` once asked for the first time.
    """
    try:
        found = g._get_current_object().__dict__.get("_flask_babel")
    except RuntimeError:  # outside any application context
        return None
    locale = getattr(found, "babel_locale", None)
    return locale if locale is not None else get_locale()


def load_po(path: Path) -> Translations | NullTranslations:
    """Parse a ``.po`` file into gettext translations (fuzzy entries are ignored)."""
    if not path.exists():
        return NullTranslations()
    with path.open("rb") as fh:
        catalog = read_po(fh)
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    buffer.seek(0)
    return Translations(fp=buffer, domain="messages")


core_domain = PoDomain(CORE_TRANSLATIONS, "core")
_ = core_domain.lazy_gettext
gettext = core_domain.gettext
ngettext = core_domain.ngettext


def make_gettext(package_file: str, name: str):
    """Return a lazy ``_`` bound to the plugin's own catalog (``translations/`` beside it)."""
    domain = PoDomain(Path(package_file).resolve().parent / "translations", name)
    DOMAINS[name] = domain
    return domain.lazy_gettext


#: plugin name -> its domain (filled by :func:`make_gettext`)
DOMAINS: dict[str, PoDomain] = {"core": core_domain}


def select_locale() -> str:
    """The account's choice, then the session's choice, then Accept-Language, then the coop."""
    chosen = g.get("user_locale")  # set when the account is loaded (the row may be closed later)
    if chosen in LOCALES:
        return chosen
    from flask import session

    chosen = session.get("locale") if session else None
    if chosen in LOCALES:
        return chosen
    best = request.accept_languages.best_match(["fr-CA", "fr", "en"]) if request else None
    if best:
        return "en" if best.startswith("en") else "fr_CA"
    return current_app.config["SOIN_DEFAULT_LOCALE"]


def locale_name(code: str) -> str:
    """A language's own name ("français", "English") for the language switcher."""
    return Locale.parse(code).get_display_name(code).split(" (")[0].capitalize()
