"""trigram index for name-fragment search (SQLite)

PostgreSQL answers ``LIKE '%frag%'`` from pg_trgm's index (18c3d53e730f); SQLite had no index
for it, and a fragment whose matches sort late ("tremb": the Tremblays) read the whole table
(50-80 ms at 55,000 people). SQLite's FTS5 has a trigram tokenizer that answers LIKE (without
ESCAPE) from an index: an external-content table over ``core_persons.search_name``, kept in step
by triggers. ``search_people`` uses it when it exists (SQLite built without FTS5: skipped).

A later migration that rebuilds ``core_persons`` on SQLite (batch mode) drops these triggers and
must create them again.

Revision ID: 9a4f6d2e8c31
Revises: 5e8d2c4f9a17
Create Date: 2026-11-23 14:30:00
"""
from alembic import op

revision = "9a4f6d2e8c31"
down_revision = "5e8d2c4f9a17"
branch_labels = None
depends_on = None

TABLE = "core_persons_fts"
TRIGGERS = {
    "core_persons_fts_insert": """AFTER INSERT ON core_persons BEGIN
        INSERT INTO core_persons_fts(rowid, search_name) VALUES (new.id, new.search_name); END""",
    "core_persons_fts_delete": """AFTER DELETE ON core_persons BEGIN
        INSERT INTO core_persons_fts(core_persons_fts, rowid, search_name)
        VALUES ('delete', old.id, old.search_name); END""",
    "core_persons_fts_update": """AFTER UPDATE OF search_name ON core_persons BEGIN
        INSERT INTO core_persons_fts(core_persons_fts, rowid, search_name)
        VALUES ('delete', old.id, old.search_name);
        INSERT INTO core_persons_fts(rowid, search_name) VALUES (new.id, new.search_name); END""",
}


def _sqlite_with_fts5() -> bool:
    bind = op.get_bind()
    return (bind.dialect.name == "sqlite"
            and bool(bind.exec_driver_sql("SELECT sqlite_compileoption_used('ENABLE_FTS5')")
                     .scalar()))


def upgrade() -> None:
    if not _sqlite_with_fts5():
        return
    op.execute(f"CREATE VIRTUAL TABLE {TABLE} USING fts5(search_name, content='core_persons', "
               "content_rowid='id', tokenize='trigram')")
    for name, body in TRIGGERS.items():
        op.execute(f"CREATE TRIGGER {name} {body}")
    op.execute(f"INSERT INTO {TABLE}({TABLE}) VALUES ('rebuild')")  # the people already there


def downgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    for name in TRIGGERS:
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.execute(f"DROP TABLE IF EXISTS {TABLE}")
