"""The same SQL sent straight to the database: capture an operation's statements, replay them.

A probe runs the operation in-process (Flask's test client) inside an outer transaction that
is rolled back afterwards; every statement the application sends during the timed requests is
recorded (a ``before_cursor_execute`` listener), and each of the application's commits is
recorded too. On PostgreSQL the id sequences are then put back where they were, so the replay
(psycopg or sqlite3, no SQLAlchemy, no Flask) sends exactly the same statements with the same
parameters, gets the same ids and commits where the application committed. The database ends
in the state the operation would have left, so write operations are measured for real.
"""

from __future__ import annotations

import sqlite3
import time

from sqlalchemy import event

SKIP = ("SAVEPOINT", "BEGIN")


class Capture:
    """Statements sent while ``on`` (toggled by the in-process client around timed requests)."""

    def __init__(self, engine):
        self.on = False
        self.items: list[tuple] = []
        event.listen(engine, "before_cursor_execute", self._record)

    def _record(self, _conn, _cursor, statement, parameters, _context, executemany):
        if not self.on:
            return
        head = statement.lstrip()[:24].upper()
        if head.startswith("RELEASE SAVEPOINT"):
            self.items.append(("commit",))
        elif head.startswith("ROLLBACK TO SAVEPOINT"):
            self.items.append(("rollback",))
        elif not head.startswith(SKIP):
            self.items.append(("sql", statement, parameters, executemany))

    def statements(self) -> int:
        return sum(1 for item in self.items if item[0] == "sql")


class Sequences:
    """PostgreSQL: remember every sequence's position and put it back (ids replay the same).

    Sent through the driver without parameters: psycopg keeps the last 128 statements given
    with parameters, parsed, and these (some sixty sequences each way) pushed the measured
    action's own statements out of that cache, so each was parsed again (about 1 ms of a
    chart's CPU in bench.cpu, none of it in a server)."""

    def __init__(self, engine):
        self.engine = engine.execution_options(isolation_level="AUTOCOMMIT")
        self.pg = engine.dialect.name == "postgresql"

    def snapshot(self) -> list:
        if not self.pg:
            return []
        with self.engine.connect() as conn:
            driver = conn.connection.driver_connection
            names = [row[0] for row in driver.execute(
                "SELECT sequencename FROM pg_sequences WHERE schemaname = 'public'")]
            return [(name, *driver.execute(f'SELECT last_value, is_called FROM "{name}"').fetchone())
                    for name in names]

    def restore(self, snapshot: list) -> None:
        if not snapshot:
            return
        with self.engine.connect() as conn:
            driver = conn.connection.driver_connection
            for name, value, called in snapshot:
                driver.execute(f"SELECT setval('\"{name}\"', {int(value)}, {bool(called)})")


class Replayer:
    """Sends captured statements with the bare driver; returns the seconds it took."""

    def __init__(self, engine):
        url = engine.url
        self.pg = engine.dialect.name == "postgresql"
        if self.pg:
            import psycopg

            self.conn = psycopg.connect(url.set(drivername="postgresql").render_as_string(
                hide_password=False))
        else:
            # the pragmas core.db applies to every SQLite connection of the application
            self.conn = sqlite3.connect(url.database, isolation_level=None, check_same_thread=False)
            for pragma in ("foreign_keys=ON", "busy_timeout=30000", "journal_mode=WAL",
                           "synchronous=FULL"):
                self.conn.execute(f"PRAGMA {pragma}")
        self.open = False

    def run(self, items: list[tuple]) -> float:
        began = time.perf_counter()
        cursor = self.conn.cursor()
        for item in items:
            if item[0] == "sql":
                self._begin()
                _kind, statement, parameters, many = item
                (cursor.executemany if many else cursor.execute)(statement, parameters)
                if cursor.description:
                    cursor.fetchall()
            elif self.open:
                self._end(item[0])
        if self.open:
            self._end("commit")
        return time.perf_counter() - began

    def _begin(self) -> None:
        if not self.open and not self.pg:
            self.conn.execute("BEGIN IMMEDIATE")  # as core.db does on SQLite
        self.open = True

    def _end(self, how: str) -> None:
        if self.pg:
            (self.conn.commit if how == "commit" else self.conn.rollback)()
        else:
            self.conn.execute("COMMIT" if how == "commit" else "ROLLBACK")
        self.open = False

    def close(self) -> None:
        self.conn.close()


def probe(app, capture: Capture, sequences: Sequences, action) -> tuple[float, list, float]:
    """Run ``action(client)`` in-process in a rolled-back transaction.

    Returns its timed seconds, its SQL and the CPU seconds of this process in the timed part.
    """
    from bench.client import AppClient

    database = app.extensions["soin_db"]
    snapshot = sequences.snapshot()
    connection = database.engine.connect()
    outer = connection.begin()
    database.bind_to(connection)
    try:
        client = AppClient(app, capture)
        capture.items = []
        action(client)
        return client.elapsed, list(capture.items), client.cpu
    finally:
        capture.on = False
        outer.rollback()
        database.unbind()
        connection.close()
        sequences.restore(snapshot)
