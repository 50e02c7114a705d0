"""Getting a benchmark database ready: schema, roles, every installed plugin active."""

from __future__ import annotations

from sqlalchemy import select

from core.registry import plugin_host

BENCH_USER = "bench.reception"


def prepare(app) -> None:
    """Migrate, refresh SQLite's statistics (as ``soin db upgrade`` does), sync roles and
    permissions, and activate every installed plugin."""
    from core import db
    from core.admin.service import set_active
    from core.identity.accounts import sync_roles_and_permissions
    from core.migrate import upgrade
    from core.ops.statistics import refresh_statistics

    upgrade(app)
    # the statistics a coop's SQLite database has (upgrade, nightly job); PostgreSQL: autovacuum
    refresh_statistics(app.extensions["soin_db"].engine)
    host = plugin_host(app)
    with app.app_context():
        sess = db.session()
        sync_roles_and_permissions(sess, host)
        for plugin in host.installed():
            set_active(sess, host, plugin.name, True)
        sess.commit()


def bench_account(app, password: str, discipline: str = "nursing") -> str:
    """The workload's account (reception, admin and a practitioner of ``discipline``)."""
    from core import db
    from core.identity.accounts import create_account
    from core.identity.models import Account

    with app.app_context():
        sess = db.session()
        if sess.scalar(select(Account.id).where(Account.username == BENCH_USER)) is None:
            create_account(sess, username=BENCH_USER, display_name="Bench (réception et soins)",
                           password=password, roles=["admin", "reception", "practitioner"],
                           practitioner={"discipline": discipline,
                                         "professional_order": "OIIQ",
                                         "licence_number": "0000000"})
            sess.commit()
    return BENCH_USER
