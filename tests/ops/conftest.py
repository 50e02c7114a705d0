"""Operations tests: each gets an empty database of its own, on SQLite or (with
``SOIN_TEST_DATABASE_URL``) on PostgreSQL, and runs ``soin`` commands against it."""

from __future__ import annotations

import gzip
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import create_engine, inspect, text
from sqlalchemy.engine import make_url

from core.testing.plugin import new_database

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture
def blank_url(tmp_path):
    """The URL of a new, empty database (dropped after the test on PostgreSQL)."""
    with new_database(tmp_path, "soin_ops") as url:
        yield url


@pytest.fixture
def soin(blank_url, tmp_path, monkeypatch):
    """``soin(*args)`` runs the command line on the blank database; returns (exit code, output)."""
    from core.cli import main

    monkeypatch.setenv("SOIN_DATABASE_URL", blank_url)
    monkeypatch.setenv("SOIN_BACKUP_DIR", str(tmp_path / "backups"))
    monkeypatch.setenv("SOIN_SECRET_KEY", "ops-test")
    monkeypatch.delenv("SOIN_BACKUP_KEY", raising=False)
    # the account's cache (compiled catalogs, the remembered schema check): the test's own
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))

    def run(*args, input=None):
        result = CliRunner().invoke(main, list(args), input=input, catch_exceptions=False)
        return result.exit_code, result.output
    run.url = blank_url
    run.backups = tmp_path / "backups"
    return run


def load_release(url: str, release: str = "0.1") -> None:
    """Put the database the ``release`` demo left (tests/ops/fixtures) into the empty ``url``."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        with gzip.open(FIXTURES / f"release-{release}.sqlite.gz") as src, open(parsed.database, "wb") as dst:
            shutil.copyfileobj(src, dst)
        return
    env = dict(os.environ, PGPASSWORD=parsed.password or "")
    uri = parsed.set(drivername="postgresql", password=None).render_as_string(hide_password=False)
    subprocess.run(["pg_restore", "--no-owner", "--no-acl", "--exit-on-error", f"--dbname={uri}",
                    str(FIXTURES / f"release-{release}.pgdump")], env=env, check=True)


def row_counts(url: str) -> dict[str, int]:
    """Rows per table (SQLite's full-text shadow tables aside)."""
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return {t: conn.execute(text(f'SELECT count(*) FROM "{t}"')).scalar_one()
                    for t in sorted(inspect(conn).get_table_names()) if not t.startswith("core_persons_fts")}
    finally:
        engine.dispose()


def snapshot(url: str, tables=("core_persons", "core_households", "record_entries"),
             columns: dict | None = None) -> dict:
    """The full content of a few tables, to compare before and after: ``{table: (column names,
    sorted rows)}``. ``columns`` (the names an earlier snapshot read) limits it to what existed
    then: an upgrade may add a column, never change what was already there."""
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            content = {}
            for table in tables:
                names = (columns[table] if columns
                         else tuple(c["name"] for c in inspect(conn).get_columns(table)))
                listed = ", ".join(f'"{name}"' for name in names)
                rows = conn.execute(text(f'SELECT {listed} FROM "{table}"'))
                content[table] = (tuple(names), sorted(tuple(map(str, r)) for r in rows))
            return content
    finally:
        engine.dispose()
