"""pytest plugin (entry point ``pytest11: soin``): fixtures for core and plugin tests.

* ``app``: the application on a migrated test database (SQLite file, or PostgreSQL when
  ``SOIN_TEST_DATABASE_URL`` is set: a fresh database is created for the run and dropped after);
* ``db``: the test's session; everything it and the app write is rolled back after the test
  (real transactions, with savepoints for the app's commits);
* ``client``: a test client that fills in the CSRF token of form posts;
* ``make_account``, ``make_person``, ``login``: factories and sign-in helpers;
* ``fresh_app``: for tests that must commit for real (concurrency): tables emptied afterwards.
* ``smtp``: a real SMTP server (aiosmtpd) the app sends its mail to (``core.testing.mail``);
* ``live_server`` and ``page``: browser tests on a served copy with a database of its own
  (``core.testing.browser``: ``live_server.activate``, ``make_account``, ``make_person``).
"""

from __future__ import annotations

import os
import re
import uuid
from contextlib import contextmanager
from pathlib import Path

import pytest
from flask.testing import FlaskClient
from sqlalchemy import create_engine, text

from core.registry import plugin_host
from core.testing.browser import _chromium, _live_server_instance, live_server, page  # noqa: F401
from core.testing.factories import Factories
from core.testing.mail import smtp  # noqa: F401  (a real SMTP server for mail tests)

TEST_PASSWORD = "correct horse battery staple"


def pytest_addoption(parser):
    parser.addoption("--soin-contract", action="append", default=[], metavar="NAME",
                     help="run core's plugin contract (core.testing.contract) on NAME only")


def pytest_configure(config):
    config.addinivalue_line("markers", "e2e: browser tests (Playwright driving Debian's chromium)")
    config.addinivalue_line("markers", "concurrency: tests that commit for real from several threads")


@pytest.fixture(scope="session")
def soin_database_url(tmp_path_factory):
    """A database for this test run: a temporary SQLite file, or a new PostgreSQL database."""
    with new_database(tmp_path_factory.mktemp("db")) as url:
        yield url


@contextmanager
def new_database(folder: Path, prefix: str = "soin_test"):
    """A new empty database: SQLite in ``folder``, or, when ``SOIN_TEST_DATABASE_URL`` is set, a
    PostgreSQL database made on that server and dropped on exit."""
    base = os.environ.get("SOIN_TEST_DATABASE_URL")
    if not base:
        yield f"sqlite:///{folder / 'test.sqlite'}"
        return
    name = f"{prefix}_{uuid.uuid4().hex[:10]}"
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield base.rsplit("/", 1)[0] + f"/{name}"
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture(scope="session")
def soin_extra_plugins():
    """Override to register test plugins: ``[(name, module)]``. ``SOIN_TEST_EXTRA_PLUGINS=
    name=package.plugin,...`` registers a plugin that is not installed (a fresh scaffold)."""
    import importlib

    pairs = [p.split("=", 1) for p in os.environ.get("SOIN_TEST_EXTRA_PLUGINS", "").split(",") if p]
    return [(name, importlib.import_module(module)) for name, module in pairs]


@pytest.fixture(scope="session")
def app(soin_database_url, soin_extra_plugins, tmp_path_factory):
    """The application, its schema created through the migrations (never ``create_all``)."""
    from core.app import create_app
    from core.identity.accounts import sync_roles_and_permissions
    from core.migrate import upgrade

    application = create_app({"SOIN_DATABASE_URL": soin_database_url, "TESTING": True,
                              "SECRET_KEY": "test-secret", "SOIN_DEFAULT_LOCALE": "fr_CA",
                              # feature tests sign in with a password; the second factor has
                              # its own tests under the production default ("staff")
                              "SOIN_MFA": "optional",
                              "SOIN_BACKUP_DIR": str(tmp_path_factory.mktemp("backups"))},
                             extra_plugins=soin_extra_plugins)
    application.test_client_class = SoinClient
    upgrade(application)
    with application.app_context():
        from core import db as dbmod

        sess = dbmod.session()
        sync_roles_and_permissions(sess, plugin_host(application))
        sess.commit()
    _SEEDED[id(application)] = _rows_after_migrations(application)
    yield application
    application.extensions["soin_db"].engine.dispose()


#: per application, the rows the migrations themselves wrote (a plugin's seeded reference data,
#: such as psychology's crisis lines), put back after a test that empties every table
_SEEDED: dict[int, list] = {}


def _rows_after_migrations(app) -> list:
    """``[(table, [row])]`` of every table that holds rows once the schema is up to date."""
    from sqlalchemy import select

    from core.db import Base

    with app.extensions["soin_db"].engine.connect() as conn:
        found = [(table, [dict(r) for r in conn.execute(select(table)).mappings()])
                 for table in Base.metadata.sorted_tables]
    return [(table, rows) for table, rows in found if rows]


@pytest.fixture
def db(app):
    """A session inside a transaction rolled back after the test; the app shares it."""
    database = app.extensions["soin_db"]
    connection = database.engine.connect()
    outer = connection.begin()
    database.bind_to(connection)
    ctx = app.app_context()
    ctx.push()
    from core import db as dbmod

    try:
        yield dbmod.session()
    finally:
        ctx.pop()
        database.unbind()
        outer.rollback()
        connection.close()


@pytest.fixture
def client(app, db):
    return app.test_client()


@pytest.fixture
def factories(app, db):
    return Factories(app, db)


@pytest.fixture
def make_account(factories):
    return factories.account


@pytest.fixture
def make_person(factories):
    return factories.person


@pytest.fixture
def activate(app, db):
    """Activate plugins by name for this test (rolled back after)."""
    from core.admin.service import set_active

    def _activate(*names):
        for name in names:
            set_active(db, plugin_host(app), name, True)
        db.commit()
    return _activate


@pytest.fixture
def login(client, factories):
    """``login(role="reception")`` or ``login(account)``: sign the client in, return the account."""
    def _login(account=None, *, role="admin", discipline=None, password=TEST_PASSWORD):
        if account is None:
            account = factories.account(roles=[role], discipline=discipline)
        response = client.post("/login", data={"username": account.username, "password": password})
        assert response.status_code == 302, response.get_data(as_text=True)[:500]
        return account
    return _login


class SoinClient(FlaskClient):
    """A test client that adds the session's CSRF token to form posts unless told not to."""

    _csrf_pattern = re.compile(r'name="csrf_token" value="([^"]+)"')

    def csrf_token(self) -> str:
        html = self.open("/login", method="GET").get_data(as_text=True)
        return self._csrf_pattern.search(html).group(1)

    def open(self, *args, csrf: bool = True, **kwargs):
        method = kwargs.get("method", "GET").upper()
        if csrf and method in ("POST", "PUT", "PATCH", "DELETE") and "json" not in kwargs:
            data = kwargs.get("data")
            if data is None or isinstance(data, dict):
                data = dict(data or {})
                data.setdefault("csrf_token", self.csrf_token())
                kwargs["data"] = data
        # A fresh application context per request: otherwise the test's own context (pushed by
        # the ``db`` fixture) would be reused and ``g`` would leak from one request to the next.
        with self.application.app_context():
            return super().open(*args, **kwargs)


@pytest.fixture
def fresh_app(app):
    """For tests that commit for real from several threads: every table back, afterwards, to
    what the migrations left (emptied, then the migrations' own rows put back)."""
    yield app
    from core.db import Base

    engine = app.extensions["soin_db"].engine
    with engine.begin() as conn:
        for table in reversed(Base.metadata.sorted_tables):
            conn.execute(table.delete())
        for table, rows in _SEEDED.get(id(app), []):
            conn.execute(table.insert(), rows)
    with app.app_context():
        from core import db as dbmod
        from core.identity.accounts import sync_roles_and_permissions

        sess = dbmod.session()
        sync_roles_and_permissions(sess, plugin_host(app))
        sess.commit()


def pytest_collection_modifyitems(config, items):
    """Browser tests run last, so a slow browser start never hides a plain failure.

    A test marked ``postgresql`` checks what only PostgreSQL has (roles, advisory locks): on
    SQLite it is deselected, and the run says so, rather than passing without checking anything.
    """
    if not os.environ.get("SOIN_TEST_DATABASE_URL", "").startswith("postgresql"):
        only_pg = [item for item in items if item.get_closest_marker("postgresql")]
        if only_pg:
            config.hook.pytest_deselected(items=only_pg)
            items[:] = [item for item in items if not item.get_closest_marker("postgresql")]
    items.sort(key=lambda item: item.get_closest_marker("e2e") is not None)
