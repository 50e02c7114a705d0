"""A crawler of the HTML pages, for the hostile-input test (``test_hostile_forms``).

Signed in as someone, it follows the same-origin links it finds (breadth first, a bounded
number of pages, one page per shape of address: ``/people/12`` and ``/people/13`` are one
shape) and hands each form it finds to the test, which sends it back with hostile values, its
CSRF token taken from the form, so the request reaches the view.

Each post runs inside a savepoint rolled back afterwards, so one accepted post never changes
what the next one sees. A post refused (a 4xx, or a redirect to a page that shows the reason as
an error) must leave every table as it was: the tables the request wrote to (its INSERT, UPDATE
and DELETE statements, seen on the engine) are read before the rollback and after it, and must
be the same. Audit events are left out (a refusal is audited), and so are the tables a
signed-in request touches on its own (the session row).
"""

from __future__ import annotations

import logging
import re
import traceback
from collections import defaultdict
from html.parser import HTMLParser
from urllib.parse import quote_plus, urljoin, urlsplit

from sqlalchemy import event, text

from core.security import flash_cookie

HUGE = "99999999999999999999"
#: tables a refused request may write: its audit event, the session it was sent in
NOT_WRITES = {"audit_events", "core_sessions", "core_login_throttle", "core_known_devices"}
#: addresses never followed: signing out or in again, switching the language, files
SKIPPED = ("/logout", "/login", "/static/", "/lang")
FILES = (".csv", ".json", ".pdf", ".ics", ".xlsx", ".zip", ".png", ".svg")
_WRITE = re.compile(r'^\s*(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+"?(\w+)"?', re.I)
#: what a browser would type in a required field left blank, by input type
PLAUSIBLE = {"date": "2026-03-02", "time": "10:00", "number": "1", "email": "a@example.org",
             "tel": "514-555-0100", "datetime-local": "2026-03-02T10:00", "month": "2026-03",
             "url": "https://example.org"}


class Page(HTMLParser):
    """The links and the forms of an HTML page."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.forms: list[dict] = []
        self._form = self._select = self._textarea = None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "a" and a.get("href"):
            self.links.append(a["href"])
        elif tag == "form":
            self._form = {"method": (a.get("method") or "get").lower(), "action": a.get("action"),
                          "multipart": "multipart" in (a.get("enctype") or ""),
                          "fields": [], "buttons": []}
            self.forms.append(self._form)
        elif tag == "option" and self._select is not None:
            self._select["options"].append(a.get("value") or "")
            if "selected" in a and self._select["value"] is None:
                self._select["value"] = a.get("value") or ""
        elif self._form is not None and a.get("name"):
            self._field(tag, a)

    def _field(self, tag, a):
        kind = (a.get("type") or ("submit" if tag == "button" else "text")).lower()
        field = {"name": a["name"], "type": kind, "value": a.get("value") or "",
                 "checked": "checked" in a, "required": "required" in a}
        if tag == "input" and kind in ("submit", "image") or tag == "button" and kind == "submit":
            self._form["buttons"].append((a["name"], a.get("value") or ""))
        elif tag == "input" and kind not in ("button", "reset"):
            if kind in ("checkbox", "radio"):
                field["value"] = a.get("value") or "on"
            self._form["fields"].append(field)
        elif tag == "select":
            self._select = {**field, "type": "select", "value": None, "options": [],
                            "multiple": "multiple" in a}
            self._form["fields"].append(self._select)
        elif tag == "textarea":
            self._textarea = {**field, "type": "textarea", "value": ""}
            self._form["fields"].append(self._textarea)

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea["value"] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None


def base_pairs(form: dict) -> list[tuple[str, str]]:
    """What a browser would send, the required blanks filled with something plausible (so a
    hostile value in one field reaches that field's checks)."""
    pairs: list[tuple[str, str]] = []
    radios: set[str] = set()
    for f in form["fields"]:
        if f["type"] in ("checkbox", "radio"):
            if f["checked"] or (f["type"] == "radio" and f["required"] and f["name"] not in radios):
                radios.add(f["name"])
                pairs.append((f["name"], f["value"]))
        elif f["type"] == "select":
            if f["value"] is None and f["multiple"]:
                continue
            picked = f["value"] if f["value"] is not None else next(
                (o for o in f["options"] if o), "")
            pairs.append((f["name"], picked))
        elif f["type"] != "file":
            pairs.append((f["name"], f["value"] or (PLAUSIBLE.get(f["type"], "Essai")
                                                    if f["required"] else "")))
    return pairs + form["buttons"][:1]


def encode(pairs) -> bytes:
    """A urlencoded body; a value may be bytes (invalid UTF-8 reaches the server as sent)."""
    return "&".join(f"{quote_plus(k)}={quote_plus(v)}" for k, v in pairs).encode("ascii")


def shape(path: str) -> str:
    """An address with its ids (numbers, uuids) blanked: ``/people/N/chart``."""
    return re.sub(r"\d+", "N", re.sub(r"[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}", "U", path))


class Crawler:
    """Crawls as one account after another; ``errors`` (500s) and ``partial`` (refusals that
    wrote) are what the test asserts empty; ``forms`` counts the forms attacked per account."""

    def __init__(self, app, connection, max_pages: int = 40):
        self.app, self.conn, self.max_pages = app, connection, max_pages
        self.errors: list[tuple] = []
        self.partial: list[tuple] = []
        self.forms: dict[str, list[tuple[str, str]]] = defaultdict(list)
        self.requests = 0
        self._seen_forms: set = set()
        self._read: set[str] = set()
        self._written: set[str] = set()
        self._logged: list[str] = []

    def __enter__(self):
        event.listen(self.app.extensions["soin_db"].engine, "before_cursor_execute", self._sql)
        self._handler = _Keep(self._logged)
        logging.getLogger().addHandler(self._handler)
        return self

    def __exit__(self, *exc):
        event.remove(self.app.extensions["soin_db"].engine, "before_cursor_execute", self._sql)
        logging.getLogger().removeHandler(self._handler)

    def _sql(self, conn, cursor, statement, params, context, executemany):
        found = _WRITE.match(statement)
        if found and found.group(1) not in NOT_WRITES:
            self._written.add(found.group(1))

    def _table(self, name: str) -> list[str]:
        return sorted(repr(tuple(row)) for row in self.conn.execute(text(f'SELECT * FROM "{name}"')))

    def send(self, client, method: str, url: str, body=None, content_type=None, label=""):
        """One request; a post is rolled back after, and checked for what a refusal wrote. A GET
        is kept: the session's CSRF token is written on the first page read."""
        savepoint = self.conn.begin_nested() if method == "POST" else None
        if savepoint is not None:  # only this post's messages on the page it leads to
            client.delete_cookie(flash_cookie.COOKIE)
        self._written, self.requests, logged = set(), self.requests + 1, len(self._logged)
        try:
            if method == "GET":
                response = client.get(url)
            else:
                response = client.post(url, data=body, content_type=content_type, csrf=False)
        except Exception:  # TESTING propagates what an error handler did not catch
            response = None
            self.errors.append((label, url, traceback.format_exc(limit=-4)))
        else:
            if response.status_code >= 500:
                self.errors.append((label, url, "".join(self._logged[logged:])))
        after = {t: self._table(t) for t in self._written} if savepoint and response else {}
        if after and not 400 <= response.status_code < 500 and not self._refused(client, response):
            after = {}  # kept: what it wrote is what it was asked to write
        if savepoint is not None and savepoint.is_active:
            savepoint.rollback()
        changed = sorted(t for t in after if self._table(t) != after[t])
        if changed:
            self.partial.append((label, url, response.status_code, changed))
        return response

    def _refused(self, client, response) -> bool:
        """A button refused says why on the page it leads back to (a redirect, the reason
        flashed as an error)."""
        target = self.local("/", response.location or "") if response.status_code in (
            302, 303) else None
        return bool(target) and 'class="flash error"' in client.get(target).get_data(as_text=True)

    def crawl(self, client, username: str, attack, start=("/",), depth: int = 8) -> int:
        """Read up to ``max_pages`` pages from ``start``; ``attack(client, username, action,
        form)`` once per form (a post or a search) not yet seen (by address shape and field
        names), following links up to ``depth`` links away.

        A page two links or more from the start that an earlier account read is not read
        again (the menus, which differ by account, are one link away)."""
        queue = [(url, 0) for url in start]
        seen, pages = {shape(url) for url, _ in queue}, 0
        while queue and pages < self.max_pages:
            url, level = queue.pop(0)
            if level >= 2 and shape(url) in self._read:
                continue
            response = self.send(client, "GET", url, label=f"{username} GET")
            if response is None:
                continue
            links = [response.location] if response.status_code in (301, 302, 303) else []
            html = response.status_code == 200 and "html" in response.content_type
            page = Page(response.get_data(as_text=True)) if html else None
            if page:
                pages += 1
                self._read.add(shape(url))
            for href in links + (page.links if page and level < depth else []):
                target = self.local(url, href)
                if target and shape(target) not in seen and not target.endswith(FILES):
                    seen.add(shape(target))
                    queue.append((target, level + 1))
            for form in page.forms if page else []:
                action = self.local(url, form["action"] or url)
                key = (shape((action or "").split("?")[0]),
                       tuple(sorted(f["name"] for f in form["fields"])))
                if action and key not in self._seen_forms:
                    self._seen_forms.add(key)
                    self.forms[username].append((form["method"], action))
                    attack(client, username, action, form)
        return pages

    @staticmethod
    def local(base: str, href: str) -> str | None:
        parts = urlsplit(urljoin("http://localhost" + base, href))
        if parts.netloc != "localhost" or parts.path.startswith(SKIPPED):
            return None
        return parts.path + (f"?{parts.query}" if parts.query else "")


class _Keep(logging.Handler):
    """Keeps the tracebacks the application logs (a 500's error handler logs it)."""

    def __init__(self, into: list[str]):
        super().__init__(logging.ERROR)
        self.into = into

    def emit(self, record):
        if record.exc_info:
            self.into.append("".join(traceback.format_exception(*record.exc_info)))
