"""The query planner's statistics on SQLite, kept up to date (PostgreSQL: autovacuum does it).

Without ``sqlite_stat1`` SQLite plans by rules of thumb: at 55,000 people it ignores an index
that fits the monthly activity report. SQLite advises ``PRAGMA optimize``, but before 3.46 it
only analyzes the tables the same connection has queried: on the fresh connection of a nightly
job it does nothing (3.40 here). So the job analyzes, table by table, what has no statistics
(a new database, or an index a migration added) or has grown or shrunk by half since.
"""

from __future__ import annotations

import logging

from core.i18n import _
from core.specs import JobSpec

log = logging.getLogger("soin.ops")

STATISTICS_JOB = "core.ops.statistics"
#: re-analyze a table whose row count changed by this factor since its statistics
DRIFT = 2.0


def jobs() -> list[JobSpec]:
    """Every night at 02:30 (before the backup): the statistics refreshed where stale."""
    return [JobSpec(STATISTICS_JOB, run_statistics_job, trigger="cron",
                    trigger_args={"hour": 2, "minute": 30}, title=_("Database statistics"))]


def run_statistics_job(app) -> list[str]:
    """The job: refresh stale statistics; the tables analyzed (none on PostgreSQL)."""
    return refresh_statistics(app.extensions["soin_db"].engine)


def refresh_statistics(engine) -> list[str]:
    """ANALYZE each SQLite table whose statistics are missing or stale; return their names."""
    if engine.dialect.name != "sqlite":
        return []  # PostgreSQL: autovacuum analyzes what changed
    with engine.connect() as conn:
        stale = stale_tables(conn)
        for table in stale:
            conn.exec_driver_sql(f'ANALYZE "{table}"')
        conn.exec_driver_sql("PRAGMA optimize")  # what this connection's queries would gain
        conn.commit()
    if stale:
        log.info("statistics refreshed for %d table(s): %s", len(stale), ", ".join(stale))
    return stale


def stale_tables(conn) -> list[str]:
    """Tables with rows whose statistics are missing (for the table or one of its full
    indexes: a partial one that matches no row has none) or drifted by :data:`DRIFT`."""
    full = conn.exec_driver_sql(  # autoindexes have no sql; partial indexes have a WHERE
        "SELECT tbl_name, name FROM sqlite_master WHERE type = 'index' "
        "AND (sql IS NULL OR upper(sql) NOT LIKE '% WHERE %')").all()
    tables = [r[0] for r in conn.exec_driver_sql(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
        "AND upper(sql) NOT LIKE 'CREATE VIRTUAL TABLE%'")]  # ANALYZE skips them (FTS5)
    known: dict[str, dict[str | None, int]] = {}
    if conn.exec_driver_sql("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat1'").first():
        for table, index, stat in conn.exec_driver_sql("SELECT tbl, idx, stat FROM sqlite_stat1"):
            known.setdefault(table, {})[index] = int(str(stat).split()[0])
    stale = []
    for table in tables:
        rows = conn.exec_driver_sql(f'SELECT count(*) FROM "{table}"').scalar_one()
        if not rows:
            continue  # nothing to learn; analyzed once it holds rows
        stats = known.get(table, {})
        indexes = {name for owner, name in full if owner == table}
        # the row count analyzed: the table's own (no index; WITHOUT ROWID: its name) or a full index's
        counted = [n for index, n in stats.items() if index in indexes or index in (None, table)]
        if not counted or not indexes <= set(stats) \
                or max(rows, counted[0]) / max(min(rows, counted[0]), 1) >= DRIFT:
            stale.append(table)
    return stale
