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


def test_no_plugin_asks_flask_babel_for_the_locale():
    problems = [f"{package.name}/{problem}" for package in sorted(PLUGINS.iterdir())
                if (package / "__init__.py").exists()
                for problem in forbidden_imports(package, f"plugins.{package.name}", [])]
    assert problems == []


def test_the_contract_catches_a_plugin_that_does(tmp_path):
    (tmp_path / "views.py").write_text("from flask_babel import force_locale, get_locale\n"
                                       "import flask_babel\n"
                                       "code = str(flask_babel.get_locale())\n")
    assert forbidden_imports(tmp_path, "plugins.sample", []) == [
        "views.py:1: uses flask_babel.get_locale (use core.api.reader_language)",
        "views.py:3: uses flask_babel.get_locale (use core.api.reader_language)"]
