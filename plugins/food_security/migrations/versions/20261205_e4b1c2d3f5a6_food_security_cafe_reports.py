"""the social café's coordinator reads the program's reports, on installations that had the café

The café's coordinator role arrived after the reports permission was known, and core then
granted a permission's defaults only once, when the permission was first seen: the role was
created without the reports its description promises. Core now grants a new role its declared
defaults; this grants the one missing on installations where the role already exists (the role is
days old there: no administrator has had reason to take the permission away).

Revision ID: e4b1c2d3f5a6
Revises: c7d2f19a4b80
Create Date: 2026-12-05 16:00:00
"""
import sqlalchemy as sa
from alembic import op

revision = "e4b1c2d3f5a6"
down_revision = "c7d2f19a4b80"
branch_labels = None
depends_on = None

ROLE, PERMISSION = "food_security.cafe_coordinator", "food_security.reports.view"


def upgrade():
    conn = op.get_bind()
    roles = sa.table("core_roles", sa.column("code", sa.String))
    grants = sa.table("core_role_permissions", sa.column("role_code", sa.String),
                      sa.column("permission", sa.String))
    has_role = conn.execute(sa.select(roles.c.code).where(roles.c.code == ROLE)).first()
    granted = conn.execute(sa.select(grants.c.role_code).where(
        grants.c.role_code == ROLE, grants.c.permission == PERMISSION)).first()
    if has_role and not granted:
        op.bulk_insert(grants, [{"role_code": ROLE, "permission": PERMISSION}])


def downgrade():
    pass  # a grant an administrator may since have relied on is not taken back
