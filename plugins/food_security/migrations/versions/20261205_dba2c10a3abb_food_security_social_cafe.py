"""food security social cafe

Revision ID: dba2c10a3abb
Revises: 5d1f0b7e9a21
Create Date: 2026-12-05

The social café: a menu per day made of kitchen recipes, its prices and meals counted, and the
produce it used by source.
"""
import sqlalchemy as sa
from alembic import op

revision = 'dba2c10a3abb'
down_revision = '5d1f0b7e9a21'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('food_security_cafe_menus',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('served_on', sa.Date(), nullable=False),
    sa.Column('standard_price', sa.Numeric(precision=8, scale=2), nullable=False),
    sa.Column('solidarity_price', sa.Numeric(precision=8, scale=2), nullable=False),
    sa.Column('pay_what_you_can', sa.Boolean(), nullable=False),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('meals_standard', sa.Integer(), nullable=False),
    sa.Column('meals_solidarity', sa.Integer(), nullable=False),
    sa.Column('meals_pay_what_you_can', sa.Integer(), nullable=False),
    sa.Column('pay_what_you_can_collected', sa.Numeric(precision=10, scale=2), nullable=False),
    sa.Column('counted_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint('meals_standard >= 0 AND meals_solidarity >= 0 AND meals_pay_what_you_can >= 0', name=op.f('ck_food_security_cafe_menus_meals_not_negative')),
    sa.CheckConstraint('pay_what_you_can_collected >= 0', name=op.f('ck_food_security_cafe_menus_collected_not_negative')),
    sa.CheckConstraint('solidarity_price >= 0 AND solidarity_price <= standard_price', name=op.f('ck_food_security_cafe_menus_solidarity_within_standard')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_food_security_cafe_menus')),
    sa.UniqueConstraint('served_on', name=op.f('uq_food_security_cafe_menus_served_on'))
    )
    op.create_table('food_security_cafe_dishes',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('menu_id', sa.Integer(), nullable=False),
    sa.Column('recipe_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['menu_id'], ['food_security_cafe_menus.id'], name=op.f('fk_food_security_cafe_dishes_menu_id_food_security_cafe_menus')),
    sa.ForeignKeyConstraint(['recipe_id'], ['food_security_recipes.id'], name=op.f('fk_food_security_cafe_dishes_recipe_id_food_security_recipes')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_food_security_cafe_dishes')),
    sa.UniqueConstraint('menu_id', 'recipe_id', name=op.f('uq_food_security_cafe_dishes_menu_id'))
    )
    with op.batch_alter_table('food_security_cafe_dishes', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_food_security_cafe_dishes_menu_id'), ['menu_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_food_security_cafe_dishes_recipe_id'), ['recipe_id'], unique=False)

    op.create_table('food_security_cafe_produce',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('menu_id', sa.Integer(), nullable=False),
    sa.Column('source', sa.String(length=20), nullable=False),
    sa.Column('garden_id', sa.Integer(), nullable=True),
    sa.Column('producer_id', sa.Integer(), nullable=True),
    sa.Column('description', sa.String(length=300), nullable=False),
    sa.Column('kg', sa.Numeric(precision=8, scale=2), nullable=False),
    sa.CheckConstraint("source <> 'garden' OR garden_id IS NOT NULL", name=op.f('ck_food_security_cafe_produce_garden_named')),
    sa.CheckConstraint("source NOT IN ('market', 'producer') OR producer_id IS NOT NULL", name=op.f('ck_food_security_cafe_produce_producer_named')),
    sa.CheckConstraint('kg > 0', name=op.f('ck_food_security_cafe_produce_kg_positive')),
    sa.ForeignKeyConstraint(['garden_id'], ['food_security_gardens.id'], name=op.f('fk_food_security_cafe_produce_garden_id_food_security_gardens')),
    sa.ForeignKeyConstraint(['menu_id'], ['food_security_cafe_menus.id'], name=op.f('fk_food_security_cafe_produce_menu_id_food_security_cafe_menus')),
    sa.ForeignKeyConstraint(['producer_id'], ['food_security_producers.id'], name=op.f('fk_food_security_cafe_produce_producer_id_food_security_producers')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_food_security_cafe_produce'))
    )
    with op.batch_alter_table('food_security_cafe_produce', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_food_security_cafe_produce_menu_id'), ['menu_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('food_security_cafe_produce', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_food_security_cafe_produce_menu_id'))

    op.drop_table('food_security_cafe_produce')
    with op.batch_alter_table('food_security_cafe_dishes', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_food_security_cafe_dishes_recipe_id'))
        batch_op.drop_index(batch_op.f('ix_food_security_cafe_dishes_menu_id'))

    op.drop_table('food_security_cafe_dishes')
    op.drop_table('food_security_cafe_menus')
