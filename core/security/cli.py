"""``soin secrets rotate``: re-seal the secrets kept in the database under the current key."""

from __future__ import annotations

import click
from flask.cli import with_appcontext

from core import db


@click.group("secrets")
def secrets_group():
    """Secrets kept in the database (sealed with SOIN_SECRET_KEY)."""


@secrets_group.command("rotate")
@with_appcontext
def rotate_command():
    """Re-seal every secret under SOIN_SECRET_KEY, opening them with SOIN_OLD_SECRET_KEYS.

    Start every process with the new key in SOIN_SECRET_KEY and the old one in
    SOIN_OLD_SECRET_KEYS, run this once, then remove SOIN_OLD_SECRET_KEYS. All or nothing: a
    secret no key opens stops the rotation and nothing is changed.
    """
    from core.security.sealing import SecretUnreadable

    sess = db.session()
    try:
        count = rotate_all(sess)
    except SecretUnreadable as exc:
        sess.rollback()
        raise click.ClickException(
            "a stored secret opens with none of the keys: put the key it was sealed with in "
            "SOIN_OLD_SECRET_KEYS; nothing was changed") from exc
    sess.commit()
    click.echo(f"{count} secret(s) sealed under the current key")


def rotate_all(session) -> int:
    """Re-seal every stored secret under the current key; returns how many (caller commits)."""
    from sqlalchemy import select

    from core.security.models import TotpDevice
    from core.security.sealing import reseal

    count = 0
    for device in session.scalars(select(TotpDevice)):
        device.sealed_secret = reseal(device.sealed_secret)
        count += 1
    session.flush()
    return count
