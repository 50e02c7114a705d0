"""``core.api.reader_language``: the reader's language for plugins, which may not import
Flask-Babel; the fallback outside a request is the coop's configured default, decided in core."""

from pathlib import Path

from flask import g, request_finished

from core.api import reader_language
from core.testing.contract_support import forbidden_imports

PLUGINS = Path(__file__).resolve().parents[2] / "plugins"


def test_outside_a_request_it_is_the_coops_configured_language(app, monkeypatch):
    monkeypatch.setitem(app.config, "SOIN_DEFAULT_LOCALE", "en")
    with app.app_context():  # a job, a command
        assert reader_language() == "en"
    monkeypatch.setitem(app.config, "SOIN_DEFAULT_LOCALE", "fr_CA")
    with app.app_context():
        assert reader_language() == "fr_CA"


def test_with_no_application_at_all_it_is_french():
    assert reader_language() == "fr_CA"


def test_in_a_request_it_is_the_language_the_reader_chose(app, client):
    heard = []

    def hear(_sender, **_kw):
        heard.append(reader_language())

    request_finished.connect(hear, app)
    try:
        client.get("/login", headers={"Accept-Language": "fr-CA"})
        client.post("/language", data={"locale": "en", "next": "/"})
        client.get("/login", headers={"Accept-Language": "fr-CA"})
    finally:
        request_finished.disconnect(hear, app)
    assert heard[0] == "fr_CA" and heard[-1] == "en"


def test_an_accounts_choice_outweighs_the_browser(app):
    with app.test_request_context("/", headers={"Accept-Language": "fr-CA"}):
        g.user_locale = "en"
        assert reader_language() == "en"
    with app.test_request_context("/", headers={"Accept-Language": "en-CA"}):
        assert reader_language() == "en"


def test_no_plugin_imports_flask_babel():
    problems = [f"{package.name}/{problem}" for package in sorted(PLUGINS.iterdir())
                if (package / "__init__.py").exists()
                for problem in forbidden_imports(package, f"plugins.{package.name}", [])]
    assert problems == []


def test_the_contract_catches_a_plugin_that_does(tmp_path):
    (tmp_path / "views.py").write_text("from flask_babel import get_locale\n"
                                       "import flask_babel\n"
                                       "code = str(flask_babel.get_locale())\n")
    assert forbidden_imports(tmp_path, "plugins.sample", []) == [
        "views.py:1: uses flask_babel.get_locale (use core.api.reader_language)",
        "views.py:2: imports flask_babel (ask core.api for languages and formatting)",
        "views.py:3: uses flask_babel.get_locale (use core.api.reader_language)"]


def test_a_volunteers_plugin_importing_flask_babel_is_told_what_core_api_offers(tmp_path):
    """Writing in a recipient's language or a number in the reader's goes through core.api:
    the contract names the core.api replacement of each Flask-Babel name a plugin reaches for."""
    (tmp_path / "mail.py").write_text("from flask_babel import force_locale, format_decimal\n"
                                      "import flask_babel\n"
                                      "def total(n):\n"
                                      "    from flask_babel import lazy_gettext\n"
                                      "    return flask_babel.format_date(n)\n"
                                      "babel = importlib.import_module('flask_babel')\n")
    assert forbidden_imports(tmp_path, "plugins.sample", []) == [
        "mail.py:1: uses flask_babel.force_locale (use core.api.in_language or "
        "core.api.each_language)",
        "mail.py:1: uses flask_babel.format_decimal (use core.api.format_number)",
        "mail.py:2: imports flask_babel (ask core.api for languages and formatting)",
        "mail.py:4: uses flask_babel.lazy_gettext (use core.api.make_gettext)",
        "mail.py:5: uses flask_babel.format_date (use core.api.format_day)",
        "mail.py:6: imports flask_babel (ask core.api for languages and formatting)"]


def test_in_language_writes_a_text_and_a_number_in_the_language_asked(app):
    from core.api import format_number, in_language

    from plugins.nursing import _

    with app.test_request_context("/", headers={"Accept-Language": "en"}):
        with in_language("fr") as code:  # a person's row may hold "fr"
            assert code == "fr_CA" and reader_language() == "fr_CA"
            assert (str(_("Yes")), format_number(1234.5), format_number(37.25, up_to=1),
                    format_number(37.0, up_to=1)) == ("Oui", "1\xa0234,5", "37,2", "37")
        assert reader_language() == "en" and format_number(1234.5) == "1,234.5"
