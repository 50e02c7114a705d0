"""food security: community gardens

Revision ID: 5d1f0b7e9a21
Revises: 4cc8aec425aa
Create Date: 2026-11-23
"""
import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql  # noqa: F401

revision = '5d1f0b7e9a21'
down_revision = '4cc8aec425aa'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('food_security_garden_seasons',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('starts_on', sa.Date(), nullable=False),
    sa.Column('ends_on', sa.Date(), nullable=False),
    sa.Column('planting_deadline', sa.Date(), nullable=False),
    sa.CheckConstraint('ends_on > starts_on', name=op.f('ck_food_security_garden_seasons_ends_after_start')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_food_security_garden_seasons')),
    sa.UniqueConstraint('year', name=op.f('uq_food_security_garden_seasons_year'))
    )
    op.create_table('food_security_gardens',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('address', sa.String(length=300), nullable=False),
    sa.Column('raised_only', sa.Boolean(), nullable=False),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_food_security_gardens'))
    )
    op.create_table('food_security_plots',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('garden_id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=20), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('size_m2', sa.Numeric(precision=6, scale=2), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.CheckConstraint('size_m2 > 0', name=op.f('ck_food_security_plots_size_positive')),
    sa.ForeignKeyConstraint(['garden_id'], ['food_security_gardens.id'], name=op.f('fk_food_security_plots_garden_id_food_security_gardens')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_food_security_plots')),
    sa.UniqueConstraint('garden_id', 'code', name=op.f('uq_food_security_plots_garden_id'))
    )
    with op.batch_alter_table('food_security_plots', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_food_security_plots_garden_id'), ['garden_id'], unique=False)
    op.create_table('food_security_tools',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('garden_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['garden_id'], ['food_security_gardens.id'], name=op.f('fk_food_security_tools_garden_id_food_security_gardens')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_food_security_tools'))
    )
    with op.batch_alter_table('food_security_tools', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_food_security_tools_garden_id'), ['garden_id'], unique=False)
    op.create_table('food_security_chore_shifts',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('garden_id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('starts_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('ends_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('volunteer_id', sa.Integer(), nullable=True),
    sa.Column('done', sa.Boolean(), nullable=False),
    sa.CheckConstraint('ends_at > starts_at', name=op.f('ck_food_security_chore_shifts_ends_after_start')),
    sa.ForeignKeyConstraint(['garden_id'], ['food_security_gardens.id'], name=op.f('fk_food_security_chore_shifts_garden_id_food_security_gardens')),
    sa.ForeignKeyConstraint(['volunteer_id'], ['core_persons.id'], name=op.f('fk_food_security_chore_shifts_volunteer_id_core_persons')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_food_security_chore_shifts'))
    )
    with op.batch_alter_table('food_security_chore_shifts', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_food_security_chore_shifts_garden_id'), ['garden_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_food_security_chore_shifts_starts_at'), ['starts_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_food_security_chore_shifts_volunteer_id'), ['volunteer_id'], unique=False)
    op.create_table('food_security_tool_loans',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('tool_id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('lent_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('due_on', sa.Date(), nullable=True),
    sa.Column('returned_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['person_id'], ['core_persons.id'], name=op.f('fk_food_security_tool_loans_person_id_core_persons')),
    sa.ForeignKeyConstraint(['tool_id'], ['food_security_tools.id'], name=op.f('fk_food_security_tool_loans_tool_id_food_security_tools')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_food_security_tool_loans'))
    )
    with op.batch_alter_table('food_security_tool_loans', schema=None) as batch_op:
        batch_op.create_index('ix_food_security_tool_loans_one_open', ['tool_id'], unique=True, sqlite_where=sa.text('returned_at IS NULL'), postgresql_where=sa.text('returned_at IS NULL'))
        batch_op.create_index(batch_op.f('ix_food_security_tool_loans_person_id'), ['person_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_food_security_tool_loans_tool_id'), ['tool_id'], unique=False)
    op.create_table('food_security_waitlist',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('household_id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('garden_id', sa.Integer(), nullable=True),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('registered_on', sa.Date(), nullable=False),
    sa.Column('resident', sa.Boolean(), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('allocated_on', sa.Date(), nullable=True),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['garden_id'], ['food_security_gardens.id'], name=op.f('fk_food_security_waitlist_garden_id_food_security_gardens')),
    sa.ForeignKeyConstraint(['household_id'], ['core_households.id'], name=op.f('fk_food_security_waitlist_household_id_core_households')),
    sa.ForeignKeyConstraint(['person_id'], ['core_persons.id'], name=op.f('fk_food_security_waitlist_person_id_core_persons')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_food_security_waitlist'))
    )
    with op.batch_alter_table('food_security_waitlist', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_food_security_waitlist_household_id'), ['household_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_food_security_waitlist_person_id'), ['person_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_food_security_waitlist_registered_on'), ['registered_on'], unique=False)
    op.create_table('food_security_plot_allocations',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('plot_id', sa.Integer(), nullable=False),
    sa.Column('season_id', sa.Integer(), nullable=False),
    sa.Column('household_id', sa.Integer(), nullable=False),
    sa.Column('gardener_id', sa.Integer(), nullable=False),
    sa.Column('co_gardener_id', sa.Integer(), nullable=True),
    sa.Column('allocated_on', sa.Date(), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('planted_on', sa.Date(), nullable=True),
    sa.Column('ended_on', sa.Date(), nullable=True),
    sa.Column('waitlist_entry_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['co_gardener_id'], ['core_persons.id'], name=op.f('fk_food_security_plot_allocations_co_gardener_id_core_persons')),
    sa.ForeignKeyConstraint(['gardener_id'], ['core_persons.id'], name=op.f('fk_food_security_plot_allocations_gardener_id_core_persons')),
    sa.ForeignKeyConstraint(['household_id'], ['core_households.id'], name=op.f('fk_food_security_plot_allocations_household_id_core_households')),
    sa.ForeignKeyConstraint(['plot_id'], ['food_security_plots.id'], name=op.f('fk_food_security_plot_allocations_plot_id_food_security_plots')),
    sa.ForeignKeyConstraint(['season_id'], ['food_security_garden_seasons.id'], name=op.f('fk_food_security_plot_allocations_season_id_food_security_garden_seasons')),
    sa.ForeignKeyConstraint(['waitlist_entry_id'], ['food_security_waitlist.id'], name=op.f('fk_food_security_plot_allocations_waitlist_entry_id_food_security_waitlist')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_food_security_plot_allocations'))
    )
    with op.batch_alter_table('food_security_plot_allocations', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_food_security_plot_allocations_gardener_id'), ['gardener_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_food_security_plot_allocations_household_id'), ['household_id'], unique=False)
        batch_op.create_index('ix_food_security_plot_allocations_one_per_household', ['household_id', 'season_id'], unique=True, sqlite_where=sa.text("status = 'active'"), postgresql_where=sa.text("status = 'active'"))
        batch_op.create_index('ix_food_security_plot_allocations_one_per_plot', ['plot_id', 'season_id'], unique=True, sqlite_where=sa.text("status = 'active'"), postgresql_where=sa.text("status = 'active'"))
        batch_op.create_index(batch_op.f('ix_food_security_plot_allocations_plot_id'), ['plot_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_food_security_plot_allocations_season_id'), ['season_id'], unique=False)
    op.create_table('food_security_harvests',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('garden_id', sa.Integer(), nullable=False),
    sa.Column('allocation_id', sa.Integer(), nullable=True),
    sa.Column('logged_on', sa.Date(), nullable=False),
    sa.Column('kg_grown', sa.Numeric(precision=8, scale=2), nullable=False),
    sa.Column('kg_donated', sa.Numeric(precision=8, scale=2), nullable=False),
    sa.Column('recorded_by_id', sa.Integer(), nullable=True),
    sa.CheckConstraint('kg_donated <= kg_grown', name=op.f('ck_food_security_harvests_donated_within_grown')),
    sa.CheckConstraint('kg_donated >= 0', name=op.f('ck_food_security_harvests_donated_not_negative')),
    sa.ForeignKeyConstraint(['allocation_id'], ['food_security_plot_allocations.id'], name=op.f('fk_food_security_harvests_allocation_id_food_security_plot_allocations')),
    sa.ForeignKeyConstraint(['garden_id'], ['food_security_gardens.id'], name=op.f('fk_food_security_harvests_garden_id_food_security_gardens')),
    sa.ForeignKeyConstraint(['recorded_by_id'], ['core_accounts.id'], name=op.f('fk_food_security_harvests_recorded_by_id_core_accounts')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_food_security_harvests'))
    )
    with op.batch_alter_table('food_security_harvests', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_food_security_harvests_garden_id'), ['garden_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_food_security_harvests_logged_on'), ['logged_on'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('food_security_harvests', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_food_security_harvests_logged_on'))
        batch_op.drop_index(batch_op.f('ix_food_security_harvests_garden_id'))
    op.drop_table('food_security_harvests')
    with op.batch_alter_table('food_security_plot_allocations', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_food_security_plot_allocations_season_id'))
        batch_op.drop_index(batch_op.f('ix_food_security_plot_allocations_plot_id'))
        batch_op.drop_index('ix_food_security_plot_allocations_one_per_plot', sqlite_where=sa.text("status = 'active'"), postgresql_where=sa.text("status = 'active'"))
        batch_op.drop_index('ix_food_security_plot_allocations_one_per_household', sqlite_where=sa.text("status = 'active'"), postgresql_where=sa.text("status = 'active'"))
        batch_op.drop_index(batch_op.f('ix_food_security_plot_allocations_household_id'))
        batch_op.drop_index(batch_op.f('ix_food_security_plot_allocations_gardener_id'))
    op.drop_table('food_security_plot_allocations')
    with op.batch_alter_table('food_security_waitlist', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_food_security_waitlist_registered_on'))
        batch_op.drop_index(batch_op.f('ix_food_security_waitlist_person_id'))
        batch_op.drop_index(batch_op.f('ix_food_security_waitlist_household_id'))
    op.drop_table('food_security_waitlist')
    with op.batch_alter_table('food_security_tool_loans', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_food_security_tool_loans_tool_id'))
        batch_op.drop_index(batch_op.f('ix_food_security_tool_loans_person_id'))
        batch_op.drop_index('ix_food_security_tool_loans_one_open', sqlite_where=sa.text('returned_at IS NULL'), postgresql_where=sa.text('returned_at IS NULL'))
    op.drop_table('food_security_tool_loans')
    with op.batch_alter_table('food_security_chore_shifts', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_food_security_chore_shifts_volunteer_id'))
        batch_op.drop_index(batch_op.f('ix_food_security_chore_shifts_starts_at'))
        batch_op.drop_index(batch_op.f('ix_food_security_chore_shifts_garden_id'))
    op.drop_table('food_security_chore_shifts')
    with op.batch_alter_table('food_security_tools', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_food_security_tools_garden_id'))
    op.drop_table('food_security_tools')
    with op.batch_alter_table('food_security_plots', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_food_security_plots_garden_id'))
    op.drop_table('food_security_plots')
    op.drop_table('food_security_gardens')
    op.drop_table('food_security_garden_seasons')
