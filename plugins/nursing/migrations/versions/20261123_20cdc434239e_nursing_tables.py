"""nursing tables: OC register and applications, expiry notices, report indexes

Revision ID: 20cdc434239e
Revises: 
Create Date: 2026-11-23 09:27:21.991395
"""
import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = '20cdc434239e'
down_revision = None
branch_labels = ('nursing',)
depends_on = '80f97a330d1d'


def upgrade() -> None:
    op.create_table('nursing_immunization_index',
    sa.Column('entry_id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('administered_on', sa.Date(), nullable=False),
    sa.Column('product', sa.String(length=40), nullable=False),
    sa.Column('product_other', sa.String(length=120), nullable=False),
    sa.ForeignKeyConstraint(['person_id'], ['core_persons.id'], name=op.f('fk_nursing_immunization_index_person_id_core_persons')),
    sa.PrimaryKeyConstraint('entry_id', name=op.f('pk_nursing_immunization_index'))
    )
    with op.batch_alter_table('nursing_immunization_index', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_nursing_immunization_index_administered_on'), ['administered_on'], unique=False)
        batch_op.create_index(batch_op.f('ix_nursing_immunization_index_person_id'), ['person_id'], unique=False)

    op.create_table('nursing_vital_signs_index',
    sa.Column('entry_id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('recorded_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('news2', sa.Integer(), nullable=True),
    sa.Column('risk', sa.String(length=20), nullable=True),
    sa.Column('red_flag', sa.Boolean(), nullable=False),
    sa.Column('bp_class', sa.String(length=30), nullable=True),
    sa.Column('hypertensive_urgency', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['person_id'], ['core_persons.id'], name=op.f('fk_nursing_vital_signs_index_person_id_core_persons')),
    sa.PrimaryKeyConstraint('entry_id', name=op.f('pk_nursing_vital_signs_index'))
    )
    with op.batch_alter_table('nursing_vital_signs_index', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_nursing_vital_signs_index_person_id'), ['person_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_nursing_vital_signs_index_recorded_at'), ['recorded_at'], unique=False)

    op.create_table('nursing_oc_versions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=60), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('effective_date', sa.Date(), nullable=False),
    sa.Column('expires_on', sa.Date(), nullable=False),
    sa.Column('document', sa.JSON().with_variant(postgresql.JSONB(), 'postgresql'), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('source', sa.String(length=200), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['created_by_id'], ['core_accounts.id'], name=op.f('fk_nursing_oc_versions_created_by_id_core_accounts')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_nursing_oc_versions')),
    sa.UniqueConstraint('code', 'version', name=op.f('uq_nursing_oc_versions_code'))
    )
    with op.batch_alter_table('nursing_oc_versions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_nursing_oc_versions_code'), ['code'], unique=False)
        batch_op.create_index(batch_op.f('ix_nursing_oc_versions_expires_on'), ['expires_on'], unique=False)

    op.create_table('nursing_oc_applications',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('oc_version_id', sa.Integer(), nullable=False),
    sa.Column('oc_code', sa.String(length=60), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('nurse_id', sa.Integer(), nullable=False),
    sa.Column('applied_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('outcome', sa.String(length=20), nullable=False),
    sa.Column('stage', sa.String(length=30), nullable=True),
    sa.Column('reason_code', sa.String(length=120), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('entry_id', sa.Integer(), nullable=True),
    sa.Column('communication', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['nurse_id'], ['core_accounts.id'], name=op.f('fk_nursing_oc_applications_nurse_id_core_accounts')),
    sa.ForeignKeyConstraint(['oc_version_id'], ['nursing_oc_versions.id'], name=op.f('fk_nursing_oc_applications_oc_version_id_nursing_oc_versions')),
    sa.ForeignKeyConstraint(['person_id'], ['core_persons.id'], name=op.f('fk_nursing_oc_applications_person_id_core_persons')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_nursing_oc_applications'))
    )
    with op.batch_alter_table('nursing_oc_applications', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_nursing_oc_applications_applied_at'), ['applied_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_nursing_oc_applications_nurse_id'), ['nurse_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_nursing_oc_applications_oc_code'), ['oc_code'], unique=False)
        batch_op.create_index(batch_op.f('ix_nursing_oc_applications_oc_version_id'), ['oc_version_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_nursing_oc_applications_person_id'), ['person_id'], unique=False)

    op.create_table('nursing_oc_expiry_notices',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('oc_version_id', sa.Integer(), nullable=False),
    sa.Column('warned_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('recipients', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['oc_version_id'], ['nursing_oc_versions.id'], name=op.f('fk_nursing_oc_expiry_notices_oc_version_id_nursing_oc_versions')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_nursing_oc_expiry_notices')),
    sa.UniqueConstraint('oc_version_id', name=op.f('uq_nursing_oc_expiry_notices_oc_version_id'))
    )


def downgrade() -> None:
    op.drop_table('nursing_oc_expiry_notices')
    with op.batch_alter_table('nursing_oc_applications', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_nursing_oc_applications_person_id'))
        batch_op.drop_index(batch_op.f('ix_nursing_oc_applications_oc_version_id'))
        batch_op.drop_index(batch_op.f('ix_nursing_oc_applications_oc_code'))
        batch_op.drop_index(batch_op.f('ix_nursing_oc_applications_nurse_id'))
        batch_op.drop_index(batch_op.f('ix_nursing_oc_applications_applied_at'))

    op.drop_table('nursing_oc_applications')
    with op.batch_alter_table('nursing_oc_versions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_nursing_oc_versions_expires_on'))
        batch_op.drop_index(batch_op.f('ix_nursing_oc_versions_code'))

    op.drop_table('nursing_oc_versions')
    with op.batch_alter_table('nursing_vital_signs_index', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_nursing_vital_signs_index_recorded_at'))
        batch_op.drop_index(batch_op.f('ix_nursing_vital_signs_index_person_id'))

    op.drop_table('nursing_vital_signs_index')
    with op.batch_alter_table('nursing_immunization_index', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_nursing_immunization_index_person_id'))
        batch_op.drop_index(batch_op.f('ix_nursing_immunization_index_administered_on'))

    op.drop_table('nursing_immunization_index')
