"""TOTP secrets sealed at rest: the column widened, existing secrets encrypted

Each stored secret is sealed with the key derived from SOIN_SECRET_KEY (core.security.sealing);
the key comes from the application running the migration (``soin db upgrade``).

Revision ID: d41c7e0b9a52
Revises: 4d7c1e9b2a60
Create Date: 2026-12-05 09:45:00
"""
import sqlalchemy as sa
from alembic import context, op

revision = "d41c7e0b9a52"
down_revision = "4d7c1e9b2a60"
branch_labels = None
depends_on = None

DEVICES = sa.table("core_totp_devices", sa.column("account_id", sa.Integer),
                   sa.column("secret", sa.String))


def _rewrite(change) -> None:
    """Apply ``change(secret, config)`` to every stored secret."""

    config = context.config.attributes["soin_app_config"]
    connection = op.get_bind()
    for account_id, secret in connection.execute(sa.select(DEVICES.c.account_id, DEVICES.c.secret)).all():
        connection.execute(DEVICES.update().where(DEVICES.c.account_id == account_id)
                           .values(secret=change(secret, config)))


def upgrade() -> None:
    with op.batch_alter_table("core_totp_devices") as batch:
        batch.alter_column("secret", type_=sa.String(length=255), existing_nullable=False)
    from core.security.sealing import seal

    _rewrite(seal)


def downgrade() -> None:
    from core.security.sealing import unseal

    _rewrite(unseal)
    with op.batch_alter_table("core_totp_devices") as batch:
        batch.alter_column("secret", type_=sa.String(length=64), existing_nullable=False)
