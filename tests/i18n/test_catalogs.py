"""Every string a person reads is translated: fr_CA catalogs are complete and not fuzzy."""

from pathlib import Path

import pytest

from core.i18n_tools import extract, read_catalog, translated, untranslated
from core.registry import plugin_host
from core.typography import french

CORE = Path(__file__).resolve().parents[2] / "core"
CORE_CATALOGS = CORE / "translations" / "fr_CA" / "LC_MESSAGES"
NOT_USER_FACING = [CORE / "testing", CORE / "scaffold" / "templates"]


def _catalog_ids(folder: Path) -> dict:
    """msgid (a plural's: singular and plural) -> whether it is translated."""
    ids = {}
    for po in sorted(folder.glob("*.po")):
        for message in read_catalog(po):
            if message.id:
                ids[message.id] = translated(message)
    return ids


def _missing(sources, folder, exclude=()):
    translated = _catalog_ids(folder)
    return sorted(f"{msgid!r} ({places[0]})" for msgid, places in extract(sources, exclude).items()
                  if not translated.get(msgid))


def test_core_strings_are_all_translated_in_french():
    assert _missing([CORE], CORE_CATALOGS, NOT_USER_FACING) == []


def _plugins(app):
    return [p for p in plugin_host(app).installed()
            if p.path and (p.path / "translations").is_dir()]


def test_every_installed_plugin_translates_its_strings(app):
    problems = {}
    for plugin in _plugins(app):
        missing = _missing([plugin.path], plugin.path / "translations" / "fr_CA" / "LC_MESSAGES",
                           [plugin.path / "tests"])
        if missing:
            problems[plugin.name] = missing
    assert problems == {}


def _shipped_catalogs():
    root = CORE.parent
    return sorted(list(CORE_CATALOGS.glob("*.po")) + list(root.glob("plugins/*/translations/*/LC_MESSAGES/*.po")))


@pytest.mark.parametrize("po", _shipped_catalogs(), ids=lambda p: str(p.relative_to(CORE.parent)))
def test_shipped_catalog_has_no_untranslated_or_fuzzy_entry(po):
    assert untranslated(read_catalog(po)) == []


@pytest.mark.parametrize("po", _shipped_catalogs(), ids=lambda p: str(p.relative_to(CORE.parent)))
def test_shipped_catalog_holds_no_merge_conflict(po):
    """Babel reads past a merge's conflict markers without a word, and the strings of one side
    would silently show in English: a catalog with a marker left in it is refused."""
    markers = [n for n, line in enumerate(po.read_text(encoding="utf-8").splitlines(), 1)
               if line.startswith(("<<<<<<< ", "=======", ">>>>>>> "))]
    assert markers == [], f"conflict markers at lines {markers}"


def test_french_is_the_default_and_english_is_chosen_by_accept_language(client):
    assert "Se connecter" in client.get("/login").get_data(as_text=True)
    english = client.get("/login", headers={"Accept-Language": "en-CA,en;q=0.9"})
    assert "Sign in" in english.get_data(as_text=True)


def test_the_choice_overrides_the_browser_and_is_remembered_on_the_account(client, login, db):
    account = login(role="admin")
    client.post("/language", data={"locale": "en", "next": "/"})
    assert "Services" in client.get("/admin/services").get_data(as_text=True)
    assert "Services of the coop" in client.get(
        "/admin/services", headers={"Accept-Language": "fr-CA"}).get_data(as_text=True)
    db.expire_all()
    assert db.get(type(account), account.id).locale == "en"


def test_money_and_dates_follow_the_reader_language(client, login, make_person):
    person = make_person()
    login(role="reception")
    client.post(f"/households/{person.household_id}/membership",
                data={"started_on": "2026-01-15", "share_amount": "1234.5"})
    french = client.get(f"/households/{person.household_id}").get_data(as_text=True)
    assert "1\u00a0234,50\u00a0$" in french and "15 janv. 2026" in french
    client.post("/language", data={"locale": "en", "next": "/"})
    english = client.get(f"/households/{person.household_id}").get_data(as_text=True)
    assert "$1,234.50" in english and "CA$" not in english
    assert "Jan 15, 2026" in english


def test_the_language_switcher_names_each_language_as_cldr_does():
    # the names are written in core.i18n (reading CLDR at every start cost 4 % of it)
    from babel import Locale

    from core.i18n import LANGUAGE_NAMES, LOCALES

    assert set(LANGUAGE_NAMES) == set(LOCALES)
    for code in LOCALES:
        own = Locale.parse(code).get_display_name(code).split(" (")[0].capitalize()
        assert LANGUAGE_NAMES[code] == own, code


def test_cores_catalogs_share_one_plural_rule_and_each_plural_reads_right_in_french(app):
    """Core's catalogs are merged into one, which counts with the first one's plural rule: a
    catalog with another rule would show a plural's wrong form, or its English. Through each
    domain, one of a thing reads in the singular, two of them in the plural."""
    from flask_babel import force_locale

    from core.i18n import DOMAINS

    rules = {po.name: read_catalog(po).plural_forms for po in CORE_CATALOGS.glob("*.po")}
    assert len(set(rules.values())) == 1, rules
    folders = {name: domain.directory / "fr_CA" / "LC_MESSAGES"
               for name, domain in DOMAINS.items()}
    checked = 0
    with app.test_request_context(), force_locale("fr_CA"):
        for name, folder in folders.items():
            translations = DOMAINS[name].get_translations()
            for po in folder.glob("*.po"):
                for message in read_catalog(po):
                    if isinstance(message.id, tuple):
                        forms = message.string
                        assert translations.ungettext(*message.id, 1) == french(forms[0])
                        assert translations.ungettext(*message.id, 2) == french(forms[-1])
                        checked += 1
    assert checked >= 8
