"""herbalism tables: the monograph register (every version kept) and the register of checks

Revision ID: 3f1663cbd55f
Revises: 
Create Date: 2026-12-05 09:24:20.121217
"""
import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = '3f1663cbd55f'
down_revision = None
branch_labels = ('herbalism',)
depends_on = '80f97a330d1d'


def upgrade() -> None:
    op.create_table('herbalism_monograph_versions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=60), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('document', sa.JSON().with_variant(postgresql.JSONB(), 'postgresql'), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('source', sa.String(length=200), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['created_by_id'], ['core_accounts.id'], name=op.f('fk_herbalism_monograph_versions_created_by_id_core_accounts')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_herbalism_monograph_versions')),
    sa.UniqueConstraint('code', 'version', name=op.f('uq_herbalism_monograph_versions_code'))
    )
    with op.batch_alter_table('herbalism_monograph_versions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_herbalism_monograph_versions_code'), ['code'], unique=False)

    op.create_table('herbalism_checks',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('herb', sa.String(length=60), nullable=False),
    sa.Column('monograph_version_id', sa.Integer(), nullable=True),
    sa.Column('trigger', sa.String(length=30), nullable=False),
    sa.Column('outcome', sa.String(length=20), nullable=False),
    sa.Column('result', sa.JSON().with_variant(postgresql.JSONB(), 'postgresql'), nullable=False),
    sa.Column('override_reason', sa.Text(), nullable=False),
    sa.Column('entry_id', sa.Integer(), nullable=True),
    sa.Column('actor_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['actor_id'], ['core_accounts.id'], name=op.f('fk_herbalism_checks_actor_id_core_accounts')),
    sa.ForeignKeyConstraint(['monograph_version_id'], ['herbalism_monograph_versions.id'], name=op.f('fk_herbalism_checks_monograph_version_id_herbalism_monograph_versions')),
    sa.ForeignKeyConstraint(['person_id'], ['core_persons.id'], name=op.f('fk_herbalism_checks_person_id_core_persons')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_herbalism_checks'))
    )
    with op.batch_alter_table('herbalism_checks', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_herbalism_checks_created_at'), ['created_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_herbalism_checks_herb'), ['herb'], unique=False)
        batch_op.create_index(batch_op.f('ix_herbalism_checks_outcome'), ['outcome'], unique=False)
        batch_op.create_index(batch_op.f('ix_herbalism_checks_person_id'), ['person_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('herbalism_checks', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_herbalism_checks_person_id'))
        batch_op.drop_index(batch_op.f('ix_herbalism_checks_outcome'))
        batch_op.drop_index(batch_op.f('ix_herbalism_checks_herb'))
        batch_op.drop_index(batch_op.f('ix_herbalism_checks_created_at'))

    op.drop_table('herbalism_checks')
    with op.batch_alter_table('herbalism_monograph_versions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_herbalism_monograph_versions_code'))

    op.drop_table('herbalism_monograph_versions')
