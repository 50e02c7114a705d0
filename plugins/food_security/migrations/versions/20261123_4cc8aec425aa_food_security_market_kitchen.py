"""food security: market, solidarity tier, collective kitchen, screening facts

Revision ID: 4cc8aec425aa
Revises: 
Create Date: 2026-11-23
"""
import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql  # noqa: F401

revision = '4cc8aec425aa'
down_revision = None
branch_labels = ('food_security',)
depends_on = '80f97a330d1d'


def upgrade() -> None:
    op.create_table('food_security_kitchen_groups',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('theme', sa.String(length=30), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('place', sa.String(length=200), nullable=False),
    sa.Column('capacity', sa.Integer(), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint('capacity >= 3', name=op.f('ck_food_security_kitchen_groups_capacity_at_least_three')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_food_security_kitchen_groups'))
    )
    op.create_table('food_security_producers',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('contact_name', sa.String(length=200), nullable=False),
    sa.Column('phone', sa.String(length=40), nullable=False),
    sa.Column('email', sa.String(length=200), nullable=False),
    sa.Column('address', sa.String(length=300), nullable=False),
    sa.Column('grows', sa.Text(), nullable=False),
    sa.Column('local', sa.Boolean(), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_food_security_producers'))
    )
    op.create_table('food_security_recipes',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('yield_portions', sa.Integer(), nullable=False),
    sa.Column('allergens', sa.JSON().with_variant(postgresql.JSONB(), 'postgresql'), nullable=False),
    sa.Column('instructions', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint('yield_portions > 0', name=op.f('ck_food_security_recipes_yield_positive')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_food_security_recipes'))
    )
    op.create_table('food_security_kitchen_sessions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('group_id', sa.Integer(), nullable=False),
    sa.Column('starts_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('ends_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('place', sa.String(length=200), nullable=False),
    sa.Column('animator', sa.String(length=200), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('evaluation', sa.Text(), nullable=False),
    sa.Column('calendar_ref', sa.Integer(), nullable=True),
    sa.CheckConstraint('ends_at > starts_at', name=op.f('ck_food_security_kitchen_sessions_ends_after_start')),
    sa.ForeignKeyConstraint(['group_id'], ['food_security_kitchen_groups.id'], name=op.f('fk_food_security_kitchen_sessions_group_id_food_security_kitchen_groups')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_food_security_kitchen_sessions'))
    )
    with op.batch_alter_table('food_security_kitchen_sessions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_food_security_kitchen_sessions_group_id'), ['group_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_food_security_kitchen_sessions_starts_at'), ['starts_at'], unique=False)
    op.create_table('food_security_products',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('producer_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('unit', sa.String(length=40), nullable=False),
    sa.Column('producer_price', sa.Numeric(precision=10, scale=2), nullable=False),
    sa.Column('kg_per_unit', sa.Numeric(precision=10, scale=3), nullable=True),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.CheckConstraint('producer_price >= 0', name=op.f('ck_food_security_products_price_not_negative')),
    sa.ForeignKeyConstraint(['producer_id'], ['food_security_producers.id'], name=op.f('fk_food_security_products_producer_id_food_security_producers')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_food_security_products'))
    )
    with op.batch_alter_table('food_security_products', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_food_security_products_producer_id'), ['producer_id'], unique=False)
    op.create_table('food_security_recipe_ingredients',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('recipe_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('quantity', sa.Numeric(precision=10, scale=3), nullable=True),
    sa.Column('unit', sa.String(length=40), nullable=False),
    sa.ForeignKeyConstraint(['recipe_id'], ['food_security_recipes.id'], name=op.f('fk_food_security_recipe_ingredients_recipe_id_food_security_recipes')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_food_security_recipe_ingredients'))
    )
    with op.batch_alter_table('food_security_recipe_ingredients', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_food_security_recipe_ingredients_recipe_id'), ['recipe_id'], unique=False)
    op.create_table('food_security_kitchen_members',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('group_id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('joined_on', sa.Date(), nullable=False),
    sa.Column('household_size', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['group_id'], ['food_security_kitchen_groups.id'], name=op.f('fk_food_security_kitchen_members_group_id_food_security_kitchen_groups')),
    sa.ForeignKeyConstraint(['person_id'], ['core_persons.id'], name=op.f('fk_food_security_kitchen_members_person_id_core_persons')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_food_security_kitchen_members')),
    sa.UniqueConstraint('group_id', 'person_id', name=op.f('uq_food_security_kitchen_members_group_id'))
    )
    with op.batch_alter_table('food_security_kitchen_members', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_food_security_kitchen_members_group_id'), ['group_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_food_security_kitchen_members_person_id'), ['person_id'], unique=False)
    op.create_table('food_security_kitchen_participations',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('session_id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('portions', sa.Integer(), nullable=False),
    sa.Column('contribution', sa.Numeric(precision=10, scale=2), nullable=False),
    sa.CheckConstraint('portions >= 0', name=op.f('ck_food_security_kitchen_participations_portions_not_negative')),
    sa.ForeignKeyConstraint(['person_id'], ['core_persons.id'], name=op.f('fk_food_security_kitchen_participations_person_id_core_persons')),
    sa.ForeignKeyConstraint(['session_id'], ['food_security_kitchen_sessions.id'], name=op.f('fk_food_security_kitchen_participations_session_id_food_security_kitchen_sessions')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_food_security_kitchen_participations')),
    sa.UniqueConstraint('session_id', 'person_id', name=op.f('uq_food_security_kitchen_participations_session_id'))
    )
    with op.batch_alter_table('food_security_kitchen_participations', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_food_security_kitchen_participations_person_id'), ['person_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_food_security_kitchen_participations_session_id'), ['session_id'], unique=False)
    op.create_table('food_security_kitchen_purchases',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('session_id', sa.Integer(), nullable=False),
    sa.Column('source', sa.String(length=20), nullable=False),
    sa.Column('producer_id', sa.Integer(), nullable=True),
    sa.Column('description', sa.String(length=300), nullable=False),
    sa.Column('cost', sa.Numeric(precision=10, scale=2), nullable=False),
    sa.Column('kg', sa.Numeric(precision=10, scale=2), nullable=True),
    sa.CheckConstraint('cost >= 0', name=op.f('ck_food_security_kitchen_purchases_cost_not_negative')),
    sa.ForeignKeyConstraint(['producer_id'], ['food_security_producers.id'], name=op.f('fk_food_security_kitchen_purchases_producer_id_food_security_producers')),
    sa.ForeignKeyConstraint(['session_id'], ['food_security_kitchen_sessions.id'], name=op.f('fk_food_security_kitchen_purchases_session_id_food_security_kitchen_sessions')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_food_security_kitchen_purchases'))
    )
    with op.batch_alter_table('food_security_kitchen_purchases', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_food_security_kitchen_purchases_session_id'), ['session_id'], unique=False)
    op.create_table('food_security_screening_results',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('lineage_id', sa.Integer(), nullable=False),
    sa.Column('entry_id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('instrument', sa.String(length=10), nullable=False),
    sa.Column('screened_on', sa.Date(), nullable=False),
    sa.Column('positive', sa.Boolean(), nullable=False),
    sa.Column('category', sa.String(length=20), nullable=False),
    sa.Column('in_error', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['person_id'], ['core_persons.id'], name=op.f('fk_food_security_screening_results_person_id_core_persons')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_food_security_screening_results')),
    sa.UniqueConstraint('lineage_id', name=op.f('uq_food_security_screening_results_lineage_id'))
    )
    with op.batch_alter_table('food_security_screening_results', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_food_security_screening_results_person_id'), ['person_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_food_security_screening_results_screened_on'), ['screened_on'], unique=False)
    op.create_table('food_security_session_recipes',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('session_id', sa.Integer(), nullable=False),
    sa.Column('recipe_id', sa.Integer(), nullable=False),
    sa.Column('batches', sa.Integer(), nullable=False),
    sa.CheckConstraint('batches > 0', name=op.f('ck_food_security_session_recipes_batches_positive')),
    sa.ForeignKeyConstraint(['recipe_id'], ['food_security_recipes.id'], name=op.f('fk_food_security_session_recipes_recipe_id_food_security_recipes')),
    sa.ForeignKeyConstraint(['session_id'], ['food_security_kitchen_sessions.id'], name=op.f('fk_food_security_session_recipes_session_id_food_security_kitchen_sessions')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_food_security_session_recipes')),
    sa.UniqueConstraint('session_id', 'recipe_id', name=op.f('uq_food_security_session_recipes_session_id'))
    )
    with op.batch_alter_table('food_security_session_recipes', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_food_security_session_recipes_recipe_id'), ['recipe_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_food_security_session_recipes_session_id'), ['session_id'], unique=False)
    op.create_table('food_security_order_cycles',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('opens_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('closes_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('pickup_place', sa.String(length=300), nullable=False),
    sa.Column('pickup_starts_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('pickup_ends_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('standard_percent', sa.Integer(), nullable=False),
    sa.Column('solidarity_percent', sa.Integer(), nullable=False),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint('closes_at > opens_at', name=op.f('ck_food_security_order_cycles_closes_after_opening')),
    sa.CheckConstraint('pickup_ends_at > pickup_starts_at', name=op.f('ck_food_security_order_cycles_pickup_ends_after_start')),
    sa.CheckConstraint('standard_percent > 0 AND solidarity_percent > 0', name=op.f('ck_food_security_order_cycles_percents_positive')),
    sa.ForeignKeyConstraint(['created_by_id'], ['core_accounts.id'], name=op.f('fk_food_security_order_cycles_created_by_id_core_accounts')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_food_security_order_cycles'))
    )
    with op.batch_alter_table('food_security_order_cycles', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_food_security_order_cycles_closes_at'), ['closes_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_food_security_order_cycles_opens_at'), ['opens_at'], unique=False)
    op.create_table('food_security_solidarity_tiers',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('granted_on', sa.Date(), nullable=False),
    sa.Column('review_on', sa.Date(), nullable=True),
    sa.Column('agreed', sa.Boolean(), nullable=False),
    sa.Column('basis', sa.String(length=20), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('granted_by_id', sa.Integer(), nullable=True),
    sa.Column('revoked_on', sa.Date(), nullable=True),
    sa.ForeignKeyConstraint(['granted_by_id'], ['core_accounts.id'], name=op.f('fk_food_security_solidarity_tiers_granted_by_id_core_accounts')),
    sa.ForeignKeyConstraint(['person_id'], ['core_persons.id'], name=op.f('fk_food_security_solidarity_tiers_person_id_core_persons')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_food_security_solidarity_tiers'))
    )
    with op.batch_alter_table('food_security_solidarity_tiers', schema=None) as batch_op:
        batch_op.create_index('ix_food_security_solidarity_tiers_one_current', ['person_id'], unique=True, sqlite_where=sa.text('revoked_on IS NULL'), postgresql_where=sa.text('revoked_on IS NULL'))
        batch_op.create_index(batch_op.f('ix_food_security_solidarity_tiers_person_id'), ['person_id'], unique=False)
    op.create_table('food_security_offers',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('cycle_id', sa.Integer(), nullable=False),
    sa.Column('product_id', sa.Integer(), nullable=False),
    sa.Column('producer_price', sa.Numeric(precision=10, scale=2), nullable=False),
    sa.Column('quantity', sa.Integer(), nullable=False),
    sa.Column('remaining', sa.Integer(), nullable=False),
    sa.CheckConstraint('remaining <= quantity', name=op.f('ck_food_security_offers_remaining_within_quantity')),
    sa.CheckConstraint('remaining >= 0', name=op.f('ck_food_security_offers_remaining_not_negative')),
    sa.ForeignKeyConstraint(['cycle_id'], ['food_security_order_cycles.id'], name=op.f('fk_food_security_offers_cycle_id_food_security_order_cycles')),
    sa.ForeignKeyConstraint(['product_id'], ['food_security_products.id'], name=op.f('fk_food_security_offers_product_id_food_security_products')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_food_security_offers')),
    sa.UniqueConstraint('cycle_id', 'product_id', name=op.f('uq_food_security_offers_cycle_id'))
    )
    with op.batch_alter_table('food_security_offers', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_food_security_offers_cycle_id'), ['cycle_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_food_security_offers_product_id'), ['product_id'], unique=False)
    op.create_table('food_security_orders',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('cycle_id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('tier', sa.String(length=20), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('placed_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('placed_by_id', sa.Integer(), nullable=True),
    sa.Column('picked_up_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['cycle_id'], ['food_security_order_cycles.id'], name=op.f('fk_food_security_orders_cycle_id_food_security_order_cycles')),
    sa.ForeignKeyConstraint(['person_id'], ['core_persons.id'], name=op.f('fk_food_security_orders_person_id_core_persons')),
    sa.ForeignKeyConstraint(['placed_by_id'], ['core_accounts.id'], name=op.f('fk_food_security_orders_placed_by_id_core_accounts')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_food_security_orders'))
    )
    with op.batch_alter_table('food_security_orders', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_food_security_orders_cycle_id'), ['cycle_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_food_security_orders_person_id'), ['person_id'], unique=False)
    op.create_table('food_security_order_lines',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('order_id', sa.Integer(), nullable=False),
    sa.Column('offer_id', sa.Integer(), nullable=False),
    sa.Column('quantity', sa.Integer(), nullable=False),
    sa.Column('unit_price', sa.Numeric(precision=10, scale=2), nullable=False),
    sa.Column('producer_price', sa.Numeric(precision=10, scale=2), nullable=False),
    sa.CheckConstraint('quantity > 0', name=op.f('ck_food_security_order_lines_quantity_positive')),
    sa.ForeignKeyConstraint(['offer_id'], ['food_security_offers.id'], name=op.f('fk_food_security_order_lines_offer_id_food_security_offers')),
    sa.ForeignKeyConstraint(['order_id'], ['food_security_orders.id'], name=op.f('fk_food_security_order_lines_order_id_food_security_orders')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_food_security_order_lines'))
    )
    with op.batch_alter_table('food_security_order_lines', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_food_security_order_lines_offer_id'), ['offer_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_food_security_order_lines_order_id'), ['order_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('food_security_order_lines', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_food_security_order_lines_order_id'))
        batch_op.drop_index(batch_op.f('ix_food_security_order_lines_offer_id'))
    op.drop_table('food_security_order_lines')
    with op.batch_alter_table('food_security_orders', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_food_security_orders_person_id'))
        batch_op.drop_index(batch_op.f('ix_food_security_orders_cycle_id'))
    op.drop_table('food_security_orders')
    with op.batch_alter_table('food_security_offers', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_food_security_offers_product_id'))
        batch_op.drop_index(batch_op.f('ix_food_security_offers_cycle_id'))
    op.drop_table('food_security_offers')
    with op.batch_alter_table('food_security_solidarity_tiers', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_food_security_solidarity_tiers_person_id'))
        batch_op.drop_index('ix_food_security_solidarity_tiers_one_current', sqlite_where=sa.text('revoked_on IS NULL'), postgresql_where=sa.text('revoked_on IS NULL'))
    op.drop_table('food_security_solidarity_tiers')
    with op.batch_alter_table('food_security_order_cycles', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_food_security_order_cycles_opens_at'))
        batch_op.drop_index(batch_op.f('ix_food_security_order_cycles_closes_at'))
    op.drop_table('food_security_order_cycles')
    with op.batch_alter_table('food_security_session_recipes', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_food_security_session_recipes_session_id'))
        batch_op.drop_index(batch_op.f('ix_food_security_session_recipes_recipe_id'))
    op.drop_table('food_security_session_recipes')
    with op.batch_alter_table('food_security_screening_results', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_food_security_screening_results_screened_on'))
        batch_op.drop_index(batch_op.f('ix_food_security_screening_results_person_id'))
    op.drop_table('food_security_screening_results')
    with op.batch_alter_table('food_security_kitchen_purchases', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_food_security_kitchen_purchases_session_id'))
    op.drop_table('food_security_kitchen_purchases')
    with op.batch_alter_table('food_security_kitchen_participations', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_food_security_kitchen_participations_session_id'))
        batch_op.drop_index(batch_op.f('ix_food_security_kitchen_participations_person_id'))
    op.drop_table('food_security_kitchen_participations')
    with op.batch_alter_table('food_security_kitchen_members', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_food_security_kitchen_members_person_id'))
        batch_op.drop_index(batch_op.f('ix_food_security_kitchen_members_group_id'))
    op.drop_table('food_security_kitchen_members')
    with op.batch_alter_table('food_security_recipe_ingredients', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_food_security_recipe_ingredients_recipe_id'))
    op.drop_table('food_security_recipe_ingredients')
    with op.batch_alter_table('food_security_products', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_food_security_products_producer_id'))
    op.drop_table('food_security_products')
    with op.batch_alter_table('food_security_kitchen_sessions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_food_security_kitchen_sessions_starts_at'))
        batch_op.drop_index(batch_op.f('ix_food_security_kitchen_sessions_group_id'))
    op.drop_table('food_security_kitchen_sessions')
    op.drop_table('food_security_recipes')
    op.drop_table('food_security_producers')
    op.drop_table('food_security_kitchen_groups')
