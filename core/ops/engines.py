"""Copying a database out and back in, one way per database.

SQLite: the online backup API (``sqlite3.Connection.backup``) copies a consistent snapshot while
the server keeps writing, and copies a file back into the live database in one step.
PostgreSQL: ``pg_dump`` in custom format, started on a snapshot exported by the transaction that
also counts the rows (so the counts describe exactly what was dumped); restored by
``pg_restore`` turned into one script that ``psql`` runs in a single transaction after dropping
what is there (a failure changes nothing). The password goes through ``PGPASSWORD``, never the
command line.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from contextlib import closing
from pathlib import Path

from sqlalchemy import create_engine, inspect, text
from sqlalchemy.engine import make_url

from core.ops.archive import BackupError

#: tables not counted: SQLite's full-text index and its shadow tables mirror core_persons
SKIP_COUNTS = ("core_persons_fts", "sqlite_")


def dialect_of(url: str) -> str:
    return make_url(url).get_backend_name()


# --- SQLite ----------------------------------------------------------------------------------


def sqlite_path(url: str) -> Path:
    database = make_url(url).database
    if not database or database == ":memory:":
        raise BackupError("an in-memory SQLite database cannot be backed up")
    return Path(database)


def sqlite_snapshot(url: str, dest: Path) -> tuple[list[str], dict[str, int]]:
    """Copy the live database to ``dest`` (online backup API); its revisions and row counts."""
    with closing(sqlite3.connect(f"file:{sqlite_path(url)}?mode=ro", uri=True)) as src, \
            closing(sqlite3.connect(dest)) as dst:
        src.execute("PRAGMA busy_timeout=30000")
        src.backup(dst)
        dst.execute("PRAGMA journal_mode=DELETE")  # one self-contained file, no -wal beside it
        return _sqlite_describe(dst)


def _sqlite_describe(conn) -> tuple[list[str], dict[str, int]]:
    tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")]
    rows = {t: conn.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0]
            for t in tables if not t.startswith(SKIP_COUNTS)}
    revisions = sorted(r[0] for r in conn.execute("SELECT version_num FROM alembic_version")) \
        if "alembic_version" in tables else []
    return revisions, rows


def sqlite_load(payload: Path, url: str) -> None:
    """Replace the database at ``url`` with the copy ``payload``, in one step (backup API)."""
    target = sqlite_path(url)
    target.parent.mkdir(parents=True, exist_ok=True)
    with closing(sqlite3.connect(payload)) as src, closing(sqlite3.connect(target)) as dst:
        dst.execute("PRAGMA busy_timeout=30000")
        src.backup(dst)


def sqlite_describe_file(payload: Path) -> tuple[list[str], dict[str, int]]:
    with closing(sqlite3.connect(f"file:{payload}?mode=ro", uri=True)) as conn:
        return _sqlite_describe(conn)


# --- PostgreSQL ------------------------------------------------------------------------------


def _libpq(url: str) -> tuple[str, dict]:
    """A libpq connection URI without the password, and the environment that carries it."""
    parsed = make_url(url)
    env = dict(os.environ)
    if parsed.password:
        env["PGPASSWORD"] = parsed.password
    uri = parsed.set(drivername="postgresql", password=None).render_as_string(hide_password=False)
    return uri, env


def _tool(name: str) -> str:
    found = shutil.which(name)
    if not found:
        raise BackupError(f"{name} is missing: install PostgreSQL's client programs "
                          "(on Debian: apt-get install postgresql-client)")
    return found


def _run(args: list[str], env: dict, **kwargs) -> subprocess.CompletedProcess:
    done = subprocess.run(args, env=env, capture_output=True, **kwargs)
    if done.returncode != 0:
        err = done.stderr.decode(errors="replace") if isinstance(done.stderr, bytes) else done.stderr
        raise BackupError(f"{Path(args[0]).name} failed: {err.strip()[-800:]}")
    return done


def pg_snapshot(url: str, dest: Path) -> tuple[list[str], dict[str, int]]:
    """``pg_dump`` the database to ``dest`` on the same snapshot as the counts taken here."""
    engine = create_engine(url, isolation_level="REPEATABLE READ")
    try:
        with engine.connect() as conn:
            snapshot = conn.execute(text("SELECT pg_export_snapshot()")).scalar_one()
            revisions, rows = _pg_describe(conn)
            uri, env = _libpq(url)
            _run([_tool("pg_dump"), "--format=custom", "--no-owner", "--no-acl",
                  f"--snapshot={snapshot}", f"--file={dest}", f"--dbname={uri}"], env)
            conn.rollback()
    finally:
        engine.dispose()
    return revisions, rows


def _pg_describe(conn) -> tuple[list[str], dict[str, int]]:
    tables = sorted(inspect(conn).get_table_names())
    rows = {t: conn.execute(text(f'SELECT count(*) FROM "{t}"')).scalar_one() for t in tables}
    revisions = sorted(conn.execute(text("SELECT version_num FROM alembic_version")).scalars()) \
        if "alembic_version" in tables else []
    return revisions, rows


def pg_describe(url: str) -> tuple[list[str], dict[str, int]]:
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return _pg_describe(conn)
    finally:
        engine.dispose()


#: drops every table, view, sequence and our own function of the public schema (extensions and
#: their functions stay), so the restored database holds exactly the backup
DROP_ALL = """
DO $$ DECLARE r record; BEGIN
  FOR r IN SELECT tablename FROM pg_tables WHERE schemaname = 'public' LOOP
    EXECUTE format('DROP TABLE IF EXISTS public.%I CASCADE', r.tablename); END LOOP;
  FOR r IN SELECT sequencename FROM pg_sequences WHERE schemaname = 'public' LOOP
    EXECUTE format('DROP SEQUENCE IF EXISTS public.%I CASCADE', r.sequencename); END LOOP;
  FOR r IN SELECT p.oid::regprocedure AS sig FROM pg_proc p
           JOIN pg_namespace n ON n.oid = p.pronamespace
           WHERE n.nspname = 'public' AND NOT EXISTS (
             SELECT 1 FROM pg_depend d WHERE d.objid = p.oid AND d.deptype = 'e') LOOP
    EXECUTE format('DROP FUNCTION IF EXISTS %s CASCADE', r.sig); END LOOP;
END $$;
"""


def pg_load(payload: Path, url: str) -> None:
    """Replace the database at ``url`` with the dump ``payload``, all or nothing."""
    uri, env = _libpq(url)
    script = _run([_tool("pg_restore"), "--no-owner", "--no-acl", "--file=-", str(payload)], env).stdout
    _run([_tool("psql"), "--no-psqlrc", "--quiet", "--set=ON_ERROR_STOP=1", "--single-transaction",
          f"--dbname={uri}"], env, input=DROP_ALL.encode() + script)


def pg_scratch(url: str, name: str, create: bool) -> str:
    """Create (or drop) the scratch database ``name`` beside ``url``; return its URL."""
    engine = create_engine(url, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as conn:
            if create:
                conn.execute(text(f'CREATE DATABASE "{name}"'))
            else:
                conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    except Exception as exc:
        raise BackupError(f"cannot {'create' if create else 'drop'} the scratch database {name}: "
                          f"{str(getattr(exc, 'orig', exc)).strip().splitlines()[0]} (the role needs CREATEDB)") from None
    finally:
        engine.dispose()
    return make_url(url).set(database=name).render_as_string(hide_password=False)
