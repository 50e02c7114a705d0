"""psychology crisis lines

The crisis lines the suicide-risk rule shows become data the coop keeps (title in French and
English, number, what a phone dials, region, source, review date), seeded with the lines that
were written in the code until now.

Revision ID: 391640cc876e
Revises: 0587fe70dc61
Create Date: 2026-12-05 15:40:00
"""
from datetime import date, datetime, timezone

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = '391640cc876e'
down_revision = '0587fe70dc61'
branch_labels = None
depends_on = None

JSON = sa.JSON().with_variant(postgresql.JSONB(), 'postgresql')

#: the lines as they were in plugins/psychology/protocols.py, checked on 2026-12-05
SEED = [
    ("qc_suicide_prevention", {
        "fr": "Ligne québécoise de prévention du suicide (suicide.ca), 24 h sur 24, 7 jours sur 7",
        "en": "Quebec suicide prevention line (suicide.ca), 24/7"},
     "1 866 APPELLE (1-866-277-3553)", "tel:+18662773553", "Québec", "https://suicide.ca"),
    ("ca_988", {
        "fr": "Ligne d'aide en cas de crise de suicide, appels et textos, 24 h sur 24, 7 jours sur 7",
        "en": "Suicide Crisis Helpline, calls and texts, 24/7"},
     "9-8-8", "tel:988", "Canada", "https://988.ca"),
    ("emergency_911", {
        "fr": "Danger imminent : services d'urgence",
        "en": "Imminent danger: emergency services"},
     "9-1-1", "tel:911", "Canada", "https://www.agence911.org"),
]


def upgrade() -> None:
    table = op.create_table('psychology_crisis_lines',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=60), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('title', JSON, nullable=False),
    sa.Column('number', sa.String(length=80), nullable=False),
    sa.Column('dial', sa.String(length=40), nullable=False),
    sa.Column('region', sa.String(length=120), nullable=False),
    sa.Column('source', sa.String(length=500), nullable=False),
    sa.Column('reviewed_on', sa.Date(), nullable=True),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['updated_by_id'], ['core_accounts.id'], name=op.f('fk_psychology_crisis_lines_updated_by_id_core_accounts')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_psychology_crisis_lines')),
    sa.UniqueConstraint('code', name=op.f('uq_psychology_crisis_lines_code'))
    )
    now = datetime.now(timezone.utc)
    op.bulk_insert(table, [
        {"code": code, "version": 1, "title": title, "number": number, "dial": dial,
         "region": region, "source": source, "reviewed_on": date(2026, 12, 5),
         "position": n, "active": True, "updated_at": now, "updated_by_id": None}
        for n, (code, title, number, dial, region, source) in enumerate(SEED, start=1)])


def downgrade() -> None:
    op.drop_table('psychology_crisis_lines')
