"""Links are built by werkzeug's own builders, compiled on a rule's first link (core.web.routing);
the application's class calls plain functions as they are (core.web.application)."""

from flask import Flask, url_for

from core.web.routing import LazyBuilderRule


def _app() -> Flask:
    app = Flask(__name__)
    app.url_rule_class = LazyBuilderRule
    app.add_url_rule("/people/<int:person_id>", "person", lambda person_id: "")
    agenda = lambda day: ""  # noqa: E731
    app.add_url_rule("/agenda/", "agenda", agenda, defaults={"day": "today"})
    app.add_url_rule("/agenda/<day>", "agenda", agenda)
    return app


def test_links_are_the_same_as_werkzeugs_and_the_builder_is_kept_after_the_first():
    app = _app()
    with app.test_request_context("/"):
        assert url_for("person", person_id=12) == "/people/12"
        assert url_for("person", person_id=12, tab="notes et suivis") == "/people/12?tab=notes+et+suivis"
        assert url_for("agenda") == "/agenda/"
        assert url_for("agenda", day="2026-12-05") == "/agenda/2026-12-05"
        assert url_for("person", person_id=7, _external=True) == "http://localhost/people/7"
    rule = next(app.url_map.iter_rules("person"))
    assert rule.build({"person_id": 3, "tab": "x"}, append_unknown=False) == ("", "/people/3")
    # both builders (with and without extra arguments) were compiled once and kept on the rule
    assert rule._build.__name__ != "build_then_replace"
    assert rule._build_unknown.__name__ != "build_then_replace"


def test_every_rule_of_the_application_builds_its_link(app):
    with app.test_request_context("/"):
        for rule in app.url_map.iter_rules():
            values = {name: _example(rule._converters[name])
                      for name in rule.arguments if name not in (rule.defaults or {})}
            assert url_for(rule.endpoint, **values).startswith("/")


def _example(converter):
    if hasattr(converter, "items"):  # any(a, b)
        return sorted(converter.items)[0]
    return "x" if type(converter).__name__ in ("UnicodeConverter", "PathConverter") else 1


def test_requests_still_reach_their_page(client):
    assert client.get("/login").status_code == 200
    assert client.get("/people/abc").status_code == 404


def test_a_plain_function_is_called_as_is_and_a_coroutine_goes_to_flask(app, monkeypatch):
    """SoinFlask.ensure_sync answers from the function's code; Flask's own path still turns an
    ``async def`` (or a function marked as one) into a call it waits for."""
    import functools
    import inspect

    def plain():
        return "plain"

    async def coroutine():
        return "async"

    marked = inspect.markcoroutinefunction(lambda: None) if hasattr(
        inspect, "markcoroutinefunction") else coroutine
    handed = []
    monkeypatch.setattr(type(app), "async_to_sync", lambda self, func: handed.append(func) or func)
    assert app.ensure_sync(plain) is plain
    partial = functools.partial(plain)
    assert app.ensure_sync(partial) is partial
    app.ensure_sync(coroutine)
    app.ensure_sync(marked)
    assert handed == [coroutine, marked]
