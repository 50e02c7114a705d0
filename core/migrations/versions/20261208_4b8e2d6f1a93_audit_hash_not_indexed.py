"""an audit event's hash is no longer indexed (nor declared unique)

Nothing looks an event up by its hash: ``soin audit verify`` walks the chain in id order and
recomputes each hash. The unique index on it cost every event written, and most events are chart
reads: a hash is random, so each insert landed on a leaf page of its own, and after each
checkpoint PostgreSQL wrote that whole page into the WAL again. Measured at 55,000 people
(1.5 million events, the index 179 MB, shared_buffers 128 MB): 15.1 KB of WAL per chart
read with it, 7.8 KB without. A hash cannot repeat unless SHA-256 collides: each event hashes
its content with the previous event's hash, so the constraint caught nothing the chain does not.

SQLite cannot drop a constraint declared in CREATE TABLE: the table is copied without it there
(once, at upgrade: 15 s for the 1.5 million events of
55,000 people; PostgreSQL drops it in place, at once).

Revision ID: 4b8e2d6f1a93
Revises: 7c4e2a9b5d31
Create Date: 2026-12-08 02:00:00
"""
from alembic import op

revision = "4b8e2d6f1a93"
down_revision = "7c4e2a9b5d31"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("audit_events", schema=None) as batch_op:
        batch_op.drop_constraint("uq_audit_events_hash", type_="unique")


def downgrade() -> None:
    with op.batch_alter_table("audit_events", schema=None) as batch_op:
        batch_op.create_unique_constraint("uq_audit_events_hash", ["hash"])
