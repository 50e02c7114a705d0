"""Every HTML form of the platform refuses hostile input with a clear answer: never a server
error, and a refusal writes nothing.

The forms are not listed here: the demo coop is loaded, each of its accounts signs in and a
crawler (``tests/core/form_crawler.py``) follows the links it can reach, so the pages of a
plugin added later are covered without touching this file. Each post form found (once, by the
first account that reaches it) is sent back with its CSRF token and hostile values: each field
in turn a number larger than any column holds, then every field at once blank, 5,000 digits,
very long, with a NUL byte, invalid UTF-8, a negative number, an impossible date, then nothing
but the token, then every field twice. Each search form (a GET) gets the same values
in its query string, and ``page=-1``.
"""

from __future__ import annotations

from io import BytesIO
from urllib.parse import parse_qsl

from sqlalchemy import func, select

from core.demo import DEMO_PASSWORD, load_demo
from core.identity.models import Account
from core.record.chart import latest_forms
from core.record.models import Entry
from core.record.service import written_by_hand
from tests.core.form_crawler import HUGE, Crawler, base_pairs, encode

FORM = "application/x-www-form-urlencoded"
#: each field in turn: a number no column holds (an id, an amount: server errors found by this
#: crawl)
ONE_BY_ONE = [HUGE]
#: the content of an uploaded file: not text, a number of 5,000 digits, nesting too deep
FILES = [b"\xff\x00" + HUGE.encode(), b"9" * 5000, b"[" * 100_000 + b"]" * 100_000]
#: every field at once (5,000 digits: more than Python's int() reads, a server error found too)
ALL_AT_ONCE = ["", "9" * 5000, "x" * 5000, "a\x00b", b"a\xed\xa0\x80b\xff", "-1", "2026-02-30"]


def attack(crawler: Crawler):
    """``crawler.crawl``'s ``attack``: the hostile variants of one form."""
    def send(client, username, action, form):
        pairs = base_pairs(form)
        names = [k for k, _ in pairs if k != "csrf_token"]
        where = f"{username} {action}"
        if form["method"] != "post":
            return search(client, action, pairs, names, where)
        if form["multipart"]:  # an upload: files of garbage, every field at once hostile
            files = [f["name"] for f in form["fields"] if f["type"] == "file"]
            for value, content in zip(ALL_AT_ONCE[:3], FILES, strict=True):
                for hostile in ({n: value for n in names}, {}):  # with the fields, then alone
                    data = {**dict(pairs), **hostile,
                            **{f: (BytesIO(content), "x.json") for f in files}}
                    crawler.send(client, "POST", action, data, "multipart/form-data",
                                 f"{where} file={content[:8]!r} {hostile and value!r:.12}")
            return
        for name in names:
            for value in ONE_BY_ONE:
                sent = [(k, value if k == name else v) for k, v in pairs]
                crawler.send(client, "POST", action, encode(sent), FORM, f"{where} {name}")
        for value in ALL_AT_ONCE:
            sent = [(k, v if k == "csrf_token" else value) for k, v in pairs]
            crawler.send(client, "POST", action, encode(sent), FORM, f"{where} all={value!r:.12}")
        token = [(k, v) for k, v in pairs if k == "csrf_token"]
        crawler.send(client, "POST", action, encode(token), FORM, f"{where} nothing")
        crawler.send(client, "POST", action, encode(pairs + [(n, HUGE) for n in names]), FORM,
                     f"{where} twice")

    def search(client, action, pairs, names, where):
        path, _, query = action.partition("?")
        kept = [(k, v) for k, v in parse_qsl(query) if k not in names]
        for value in [HUGE, "-1", "2026-02-30", "a\x00b", b"\xed\xa0\x80"]:
            sent = kept + [(n, value) for n in names] + [("page", "-1")]
            crawler.send(client, "GET", f"{path}?{encode(sent).decode()}", label=f"{where} {value!r}")
    return send


def test_no_form_answers_a_server_error_or_writes_when_it_refuses(app, db):
    load_demo(db, app, households=3)
    db.commit()
    usernames = db.scalars(select(Account.username).where(Account.is_demo)
                           .order_by(Account.id)).all()
    # the chart forms are registered: those no link led to are opened on the busiest chart
    person = db.scalar(select(Entry.person_id).group_by(Entry.person_id)
                       .order_by(func.count().desc()).limit(1))
    chart_forms = {spec.id for spec in latest_forms() if written_by_hand(spec)}
    clients = []
    with Crawler(app, db.get_bind(), max_pages=60) as crawler:
        for username in usernames:
            client = app.test_client()
            signed_in = client.post("/login", data={"username": username,
                                                    "password": DEMO_PASSWORD})
            assert signed_in.status_code == 302, username
            crawler.crawl(client, username, attack(crawler))
            clients.append((username, client))
        for form_id in sorted(chart_forms - charted(crawler)):
            for username, client in clients:
                crawler.crawl(client, username, attack(crawler),
                              start=[f"/people/{person}/chart/new/{form_id}"], depth=0)
    assert crawler.errors == []
    assert crawler.partial == []
    # the crawl reached what is registered: every form of the chart, each plugin's own pages
    assert chart_forms <= charted(crawler)
    posted = {action for found in crawler.forms.values() for method, action in found
              if method == "post"}
    plugins = {a.split("/")[2] for a in posted if a.startswith("/p/")}
    assert {"nursing", "psychology", "herbalism", "acupuncture", "social_work", "food_security",
            "governance"} <= plugins
    assert any(a.startswith("/portal/") for a in posted)
    assert any(method == "get" for found in crawler.forms.values() for method, _ in found)


def charted(crawler: Crawler) -> set[str]:
    """The chart forms attacked so far, by form id."""
    return {action.rsplit("/", 1)[1] for found in crawler.forms.values()
            for method, action in found if method == "post" and "/chart/new/" in action}


def test_the_crawler_sees_a_refusal_that_wrote(app, db, client, login):
    """The partial-write check itself: a view that writes a household and answers 422."""
    from core import db as dbmod
    from core.identity.models import Household

    def half_done():
        sess = dbmod.session()
        sess.add(Household(name="Écrit à moitié"))
        sess.commit()
        return "refused", 422

    login()
    original = app.view_functions["identity.register"]
    half_done._soin_access = original._soin_access
    app.view_functions["identity.register"] = half_done
    try:
        with Crawler(app, db.get_bind()) as crawler:
            answer = crawler.send(client, "POST", "/people/new",
                                  encode([("csrf_token", client.csrf_token())]), FORM, "half")
    finally:
        app.view_functions["identity.register"] = original
    assert answer.status_code == 422
    assert crawler.partial == [("half", "/people/new", 422, ["core_households"])]
    assert db.scalar(select(Household.id).where(Household.name == "Écrit à moitié")) is None
