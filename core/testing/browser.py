"""Browser-test fixtures: a live server on its own database, and Playwright driving chromium.

* ``live_server``: the application served on 127.0.0.1 (a random port) from a thread, on a
  database of its own where writes are committed for real; ``live_server.url``,
  ``live_server.app``, ``live_server.setup(fn)`` runs ``fn(session)`` in the app and commits
  (returns what fn returns); ``live_server.activate(name)``, ``live_server.make_account(...)``
  and ``live_server.make_person(...)`` are the ``activate``, ``make_account`` and
  ``make_person`` fixtures for its database. Every table is emptied after each test.
* ``page``: a Playwright page in Debian's chromium (``/usr/bin/chromium``); Playwright's own
  browser download is never used. A missing chromium fails the test: it is never skipped.
* ``browser_login(page, live_server, username, password)``: sign in through the form
  (``core.testing.factories.PASSWORD`` is every ``make_account``'s password).
* ``signed_in(live_server, chromium, username, viewport)``: a page of a new window of that
  size (a phone's, a desktop's), someone signed in; ``read_pages(live_server, chromium,
  viewport, username, paths, script)``: what a script
  answers on each page, read by someone signed in at that window size (a phone's, a desktop's).
* ``follow(page, selector_or_locator)``: click a link or a submit button and wait until the page it
  leads to has loaded, before ``page.content()`` is read.
"""

from __future__ import annotations

import os
import shutil
import threading
from contextlib import contextmanager
from pathlib import Path

import pytest

from core.registry import plugin_host

CHROMIUM_FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update",
                  "--disable-sync", "--disable-dev-shm-usage"]


class LiveServer:
    def __init__(self, app):
        from werkzeug.serving import make_server

        self.app = app
        self.server = make_server("127.0.0.1", 0, app, threaded=True)
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def setup(self, fn):
        """Run ``fn(session)`` inside the application and commit; return its result."""
        with self.app.app_context():
            from core import db

            sess = db.session()
            result = fn(sess)
            sess.commit()
            return result

    def activate(self, *names: str) -> None:
        """Turn plugins on in the live server's database (as the ``activate`` fixture)."""
        from core.admin.service import set_active

        self.setup(lambda s: [set_active(s, plugin_host(self.app), n, True) for n in names])

    def make_account(self, roles=("admin",), discipline=None, username=None, **kw):
        """An account in the live server's database (as ``make_account``); sign in with
        ``browser_login(page, live_server, account.username, PASSWORD)``."""
        from core.testing.factories import Factories

        return self.setup(lambda s: _detached(s, Factories(self.app, s).account(
            roles, discipline, username, **kw)))

    def make_person(self, first_name="Hélène", last_name="Tremblay", **kw):
        """A person in the live server's database (as ``make_person``)."""
        from core.testing.factories import Factories

        return self.setup(lambda s: _detached(s, Factories(self.app, s).person(
            first_name, last_name, **kw)))

    def empty(self) -> None:
        from core.db import Base
        from core.identity.accounts import sync_roles_and_permissions

        engine = self.app.extensions["soin_db"].engine
        with engine.begin() as conn:
            for table in reversed(Base.metadata.sorted_tables):
                conn.execute(table.delete())
        self.setup(lambda s: sync_roles_and_permissions(s, plugin_host(self.app)))

    def stop(self) -> None:
        self.server.shutdown()
        self.thread.join(timeout=5)


def _detached(session, row):
    """``row`` with its columns loaded, usable after the setup's session is closed."""
    session.refresh(row)
    session.expunge(row)
    return row


@pytest.fixture(scope="session")
def _live_server_instance(tmp_path_factory, soin_extra_plugins):
    from core.app import create_app
    from core.identity.accounts import sync_roles_and_permissions
    from core.migrate import upgrade

    url = f"sqlite:///{tmp_path_factory.mktemp('live') / 'live.sqlite'}"
    app = create_app({"SOIN_DATABASE_URL": url, "SECRET_KEY": "live-test-secret",
                      "SOIN_BACKUP_DIR": str(tmp_path_factory.mktemp("live-backups")),
                      "SOIN_MFA": "optional"},  # as in the ``app`` fixture
                     extra_plugins=soin_extra_plugins)
    upgrade(app)
    server = LiveServer(app)
    server.setup(lambda s: sync_roles_and_permissions(s, plugin_host(app)))
    yield server
    server.stop()
    app.extensions["soin_db"].engine.dispose()


@pytest.fixture
def live_server(_live_server_instance):
    """The application served for a browser on its own database, committed for real and
    emptied after the test (a :class:`LiveServer`: ``url``, ``setup``, ``activate``,
    ``make_account``, ``make_person``). Plugins are inactive until ``activate``."""
    yield _live_server_instance
    _live_server_instance.empty()


@pytest.fixture(scope="session")
def _chromium():
    executable = shutil.which("chromium") or "/usr/bin/chromium"
    if not shutil.which("chromium"):
        pytest.fail("Debian's chromium is required for browser tests: apt-get install chromium")
    from playwright.sync_api import sync_playwright

    playwright = sync_playwright().start()
    browser = playwright.chromium.launch(executable_path=executable, headless=True,
                                         args=CHROMIUM_FLAGS)
    yield browser
    browser.close()
    playwright.stop()


@pytest.fixture
def page(_chromium):
    """A Playwright page (its own browser context, French of Quebec) in Debian's chromium:
    ``page.goto(live_server.url + "/p/...")``, ``page.fill``, ``page.click``,
    ``page.set_viewport_size({"width": 390, "height": 844})`` for a phone."""
    context = _chromium.new_context(locale="fr-CA")
    pg = context.new_page()
    pg.set_default_timeout(10_000)
    yield pg
    context.close()


def browser_login(page, live_server, username: str, password: str) -> None:
    """Sign in through the sign-in form and wait for the next page."""
    page.goto(f"{live_server.url}/login")
    page.fill("#username", username)
    page.fill("#password", password)
    follow(page, "form.stack button[type=submit]")


@contextmanager
def signed_in(live_server, chromium, username: str, viewport: dict, locale: str = "fr-CA"):
    """A page of a new browser window of ``viewport``'s size (``{"width": 390, "height":
    844}``: a phone), ``username`` signed in (``PASSWORD``), in ``locale``; closed after."""
    from core.testing.factories import PASSWORD

    context = chromium.new_context(locale=locale, viewport=viewport)
    page = context.new_page()
    try:
        browser_login(page, live_server, username, PASSWORD)
        yield page
    finally:
        context.close()


def read_pages(live_server, chromium, viewport: dict, username: str, paths: list[str],
               script: str) -> dict:
    """What ``script`` (a page's JavaScript function) answers on each of ``paths``, read in
    French by ``username`` in a window of ``viewport``."""
    with signed_in(live_server, chromium, username, viewport) as page:
        found = {}
        for path in paths:
            page.goto(f"{live_server.url}{path}")
            found[path] = page.evaluate(script)
        return found


def follow(page, target) -> None:
    """Click ``target`` (a selector or a Playwright locator: a link, or a button that submits a
    form) and wait until the page it leads to has loaded.

    ``click`` returns once the navigation has started, not once the new page is there:
    ``page.content()`` read right after it may be the new page's empty document (seen in CI)."""
    with page.expect_navigation():
        if isinstance(target, str):
            page.click(target)  # as page.click does: the first match
        else:
            target.click()


#: the two screens every page is looked at on: a desk and a phone
SCREENS = {"wide": {"width": 1280, "height": 900}, "phone": {"width": 375, "height": 812}}


def screenshots(page, folder, name: str) -> None:
    """Save ``page`` at desk and phone width as ``folder/name-wide.png`` and ``-phone.png``,
    to be looked at; fails when either width scrolls sideways."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    for size, viewport in SCREENS.items():
        page.set_viewport_size(viewport)
        page.screenshot(path=str(folder / f"{name}-{size}.png"), full_page=True)
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1"), size


#: each ``tel:`` link inside ``selector``: its href, text, how many boxes it is drawn in (one:
#: it never breaks across lines), its height against its line's
PHONE_LINKS = """selector => [...document.querySelectorAll(selector)].flatMap(box =>
    [...box.querySelectorAll('a.phone')]).map(a => {
        const style = getComputedStyle(a);
        const line = parseFloat(style.lineHeight) || parseFloat(style.fontSize) * 1.2;
        return {href: a.getAttribute('href'), text: a.innerText, boxes: a.getClientRects().length,
                height: a.getClientRects()[0].height, line: line};
    })"""


def one_line_phone_links(page, selector: str) -> list[str]:
    """The hrefs of the ``tel:`` links inside ``selector``, sorted; fails when one is broken
    across lines or drawn more than one line high (a number to call, read on a phone)."""
    found = page.evaluate(PHONE_LINKS, selector)
    for link in found:
        assert link["boxes"] == 1, link  # drawn in one piece: not broken across lines
        assert link["height"] <= link["line"] * 1.5, link  # one line high
    return sorted(link["href"] for link in found)


def element_shots(page, name: str, selector: str, back_to: dict) -> None:
    """With ``SOIN_SCREENSHOTS=DIR``: the first ``selector`` at 390 and 1280 px, saved in DIR to
    be looked at; the viewport is set back to ``back_to``."""
    folder = os.environ.get("SOIN_SCREENSHOTS")
    if folder:
        for width, height in ((390, 844), (1280, 900)):
            page.set_viewport_size({"width": width, "height": height})
            page.locator(selector).first.screenshot(
                path=os.path.join(folder, f"{name}-{width}.png"))
        page.set_viewport_size(back_to)
