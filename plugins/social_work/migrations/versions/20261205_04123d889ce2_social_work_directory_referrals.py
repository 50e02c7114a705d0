"""social work: directory (HSDS), referrals and their events, screening facts, settings

Revision ID: 04123d889ce2
Revises: 
Create Date: 2026-12-05
"""
import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql  # noqa: F401

revision = '04123d889ce2'
down_revision = None
branch_labels = ('social_work',)
depends_on = ('80f97a330d1d', '21be2a8c8ff9')


def upgrade() -> None:
    op.create_table('social_work_organizations',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('alternate_name', sa.String(length=200), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('email', sa.String(length=200), nullable=False),
    sa.Column('website', sa.String(length=300), nullable=False),
    sa.Column('phone', sa.String(length=40), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_social_work_organizations'))
    )
    op.create_table('social_work_locations',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('organization_id', sa.String(length=36), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('location_type', sa.String(length=20), nullable=False),
    sa.Column('address_1', sa.String(length=200), nullable=False),
    sa.Column('city', sa.String(length=100), nullable=False),
    sa.Column('region', sa.String(length=100), nullable=False),
    sa.Column('postal_code', sa.String(length=20), nullable=False),
    sa.Column('country', sa.String(length=2), nullable=False),
    sa.Column('accessibility', sa.Text(), nullable=False),
    sa.Column('transportation', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['organization_id'], ['social_work_organizations.id'], name=op.f('fk_social_work_locations_organization_id_social_work_organizations')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_social_work_locations'))
    )
    with op.batch_alter_table('social_work_locations', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_social_work_locations_organization_id'), ['organization_id'], unique=False)

    op.create_table('social_work_screen_facts',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('lineage_id', sa.Integer(), nullable=False),
    sa.Column('entry_id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('screened_on', sa.Date(), nullable=False),
    sa.Column('positives', sa.JSON().with_variant(postgresql.JSONB(), 'postgresql'), nullable=False),
    sa.Column('in_error', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['person_id'], ['core_persons.id'], name=op.f('fk_social_work_screen_facts_person_id_core_persons')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_social_work_screen_facts')),
    sa.UniqueConstraint('lineage_id', name=op.f('uq_social_work_screen_facts_lineage_id'))
    )
    with op.batch_alter_table('social_work_screen_facts', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_social_work_screen_facts_person_id'), ['person_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_social_work_screen_facts_screened_on'), ['screened_on'], unique=False)

    op.create_table('social_work_services',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('organization_id', sa.String(length=36), nullable=False),
    sa.Column('location_id', sa.String(length=36), nullable=True),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('url', sa.String(length=300), nullable=False),
    sa.Column('email', sa.String(length=200), nullable=False),
    sa.Column('phone', sa.String(length=40), nullable=False),
    sa.Column('status', sa.String(length=30), nullable=False),
    sa.Column('eligibility_description', sa.Text(), nullable=False),
    sa.Column('fees_description', sa.Text(), nullable=False),
    sa.Column('application_process', sa.Text(), nullable=False),
    sa.Column('languages', sa.JSON().with_variant(postgresql.JSONB(), 'postgresql'), nullable=False),
    sa.Column('terms', sa.JSON().with_variant(postgresql.JSONB(), 'postgresql'), nullable=False),
    sa.Column('minimum_age', sa.Integer(), nullable=True),
    sa.Column('maximum_age', sa.Integer(), nullable=True),
    sa.Column('assured_date', sa.Date(), nullable=True),
    sa.Column('alert', sa.Text(), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['location_id'], ['social_work_locations.id'], name=op.f('fk_social_work_services_location_id_social_work_locations')),
    sa.ForeignKeyConstraint(['organization_id'], ['social_work_organizations.id'], name=op.f('fk_social_work_services_organization_id_social_work_organizations')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_social_work_services'))
    )
    with op.batch_alter_table('social_work_services', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_social_work_services_organization_id'), ['organization_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_social_work_services_status'), ['status'], unique=False)

    op.create_table('social_work_schedules',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('service_id', sa.String(length=36), nullable=False),
    sa.Column('rrule', sa.String(length=300), nullable=False),
    sa.Column('valid_from', sa.Date(), nullable=False),
    sa.Column('opens_at', sa.Time(), nullable=False),
    sa.Column('closes_at', sa.Time(), nullable=False),
    sa.Column('description', sa.String(length=300), nullable=False),
    sa.ForeignKeyConstraint(['service_id'], ['social_work_services.id'], name=op.f('fk_social_work_schedules_service_id_social_work_services')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_social_work_schedules'))
    )
    with op.batch_alter_table('social_work_schedules', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_social_work_schedules_service_id'), ['service_id'], unique=False)

    op.create_table('social_work_settings',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('key', sa.String(length=60), nullable=False),
    sa.Column('value', sa.String(length=200), nullable=False),
    sa.Column('changed_by_id', sa.Integer(), nullable=True),
    sa.Column('changed_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['changed_by_id'], ['core_accounts.id'], name=op.f('fk_social_work_settings_changed_by_id_core_accounts')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_social_work_settings')),
    sa.UniqueConstraint('key', name=op.f('uq_social_work_settings_key'))
    )
    op.create_table('social_work_referrals',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('need', sa.String(length=30), nullable=False),
    sa.Column('status', sa.String(length=30), nullable=False),
    sa.Column('source_entry_id', sa.Integer(), nullable=True),
    sa.Column('source_action_id', sa.Integer(), nullable=True),
    sa.Column('source_item', sa.String(length=120), nullable=False),
    sa.Column('service_id', sa.String(length=36), nullable=True),
    sa.Column('consent_given', sa.Boolean(), nullable=False),
    sa.Column('consent_what', sa.Text(), nullable=False),
    sa.Column('consent_with', sa.String(length=300), nullable=False),
    sa.Column('consent_on', sa.Date(), nullable=True),
    sa.Column('follow_up_on', sa.Date(), nullable=True),
    sa.Column('outcome', sa.Text(), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('closed_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['created_by_id'], ['core_accounts.id'], name=op.f('fk_social_work_referrals_created_by_id_core_accounts')),
    sa.ForeignKeyConstraint(['person_id'], ['core_persons.id'], name=op.f('fk_social_work_referrals_person_id_core_persons')),
    sa.ForeignKeyConstraint(['service_id'], ['social_work_services.id'], name=op.f('fk_social_work_referrals_service_id_social_work_services')),
    sa.ForeignKeyConstraint(['source_action_id'], ['record_actions.id'], name=op.f('fk_social_work_referrals_source_action_id_record_actions')),
    sa.ForeignKeyConstraint(['source_entry_id'], ['record_entries.id'], name=op.f('fk_social_work_referrals_source_entry_id_record_entries')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_social_work_referrals'))
    )
    with op.batch_alter_table('social_work_referrals', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_social_work_referrals_follow_up_on'), ['follow_up_on'], unique=False)
        batch_op.create_index(batch_op.f('ix_social_work_referrals_need'), ['need'], unique=False)
        batch_op.create_index(batch_op.f('ix_social_work_referrals_person_id'), ['person_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_social_work_referrals_status'), ['status'], unique=False)

    op.create_table('social_work_referral_events',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('referral_id', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=30), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('by_id', sa.Integer(), nullable=True),
    sa.Column('note', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['by_id'], ['core_accounts.id'], name=op.f('fk_social_work_referral_events_by_id_core_accounts')),
    sa.ForeignKeyConstraint(['referral_id'], ['social_work_referrals.id'], name=op.f('fk_social_work_referral_events_referral_id_social_work_referrals')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_social_work_referral_events'))
    )
    with op.batch_alter_table('social_work_referral_events', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_social_work_referral_events_referral_id'), ['referral_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('social_work_referral_events', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_social_work_referral_events_referral_id'))

    op.drop_table('social_work_referral_events')
    with op.batch_alter_table('social_work_referrals', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_social_work_referrals_status'))
        batch_op.drop_index(batch_op.f('ix_social_work_referrals_person_id'))
        batch_op.drop_index(batch_op.f('ix_social_work_referrals_need'))
        batch_op.drop_index(batch_op.f('ix_social_work_referrals_follow_up_on'))

    op.drop_table('social_work_referrals')
    op.drop_table('social_work_settings')
    with op.batch_alter_table('social_work_schedules', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_social_work_schedules_service_id'))

    op.drop_table('social_work_schedules')
    with op.batch_alter_table('social_work_services', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_social_work_services_status'))
        batch_op.drop_index(batch_op.f('ix_social_work_services_organization_id'))

    op.drop_table('social_work_services')
    with op.batch_alter_table('social_work_screen_facts', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_social_work_screen_facts_screened_on'))
        batch_op.drop_index(batch_op.f('ix_social_work_screen_facts_person_id'))

    op.drop_table('social_work_screen_facts')
    with op.batch_alter_table('social_work_locations', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_social_work_locations_organization_id'))

    op.drop_table('social_work_locations')
    op.drop_table('social_work_organizations')
