"""the audit chain's head read under its lock, for appending an event in one statement

PostgreSQL only. An audit event used to cost three round trips at its commit: take the chain's
advisory lock, read the newest event's hash, insert the new event. One statement cannot simply
take the lock and read the head: in READ COMMITTED a statement reads from a snapshot taken when
it starts, before the lock it waits for, so it would miss an event committed while it waited and
fork the chain. A VOLATILE PL/pgSQL function gets a fresh snapshot for each query it runs: this
one takes the lock, then reads the head; ``core.audit.service`` inserts the event with its hash
computed from that head in the same statement (issue 23).

Revision ID: 5c1e8a7d3f20
Revises: f2b8c4d6e1a9
Create Date: 2026-12-05 21:00:00
"""
from alembic import op

revision = "5c1e8a7d3f20"
down_revision = "f2b8c4d6e1a9"
branch_labels = None
depends_on = None

HEAD = """
CREATE FUNCTION audit_chain_head(lock_key bigint) RETURNS text
LANGUAGE plpgsql VOLATILE AS $$
BEGIN
    PERFORM pg_advisory_xact_lock(lock_key);
    -- a query of its own: its snapshot is taken now, once the lock is held
    RETURN coalesce((SELECT hash FROM audit_events ORDER BY id DESC LIMIT 1), '');
END;
$$;
"""


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(HEAD)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP FUNCTION IF EXISTS audit_chain_head(bigint)")
