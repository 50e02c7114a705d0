"""First contact: every command on a database not set up says what to run, never a traceback;
the servers refuse to start on a database behind the code; a new database is created."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize("args", [("plugins", "list"), ("plugins", "enable", "nursing"),
                                  ("demo",), ("user", "token", "admin"), ("audit", "verify")])
def test_a_command_on_a_database_not_set_up_says_what_to_run(soin, args):
    code, out = soin(*args)
    assert code == 1
    assert "the database is not set up: run `soin db upgrade`" in out
    assert "Traceback" not in out and "no such table" not in out and "does not exist" not in out


@pytest.mark.parametrize("command", ["run", "worker", "serve"])
def test_the_servers_refuse_a_database_not_set_up(soin, command):
    code, out = soin(command)
    assert code == 1
    assert "the database is not set up: run `soin db upgrade`" in out and "nothing was started" in out


def test_the_servers_refuse_pending_migrations_with_the_command_to_run(soin):
    from sqlalchemy import create_engine, text

    assert soin("db", "upgrade")[0] == 0
    engine = create_engine(soin.url)
    with engine.begin() as conn:  # as if this release's newest core migration were not applied
        conn.execute(text("DROP TABLE core_membership_events"))
        for table, column in (("core_memberships", "category"),
                              ("core_memberships", "dues_paid_until"),
                              ("core_share_payments", "kind"), ("core_plugin_states", "resolution"),
                              ("core_plugin_state_changes", "resolution")):
            conn.execute(text(f"ALTER TABLE {table} DROP COLUMN {column}"))
        conn.execute(text("UPDATE alembic_version SET version_num = 'e3a1c0b7d942' "
                          "WHERE version_num = '4d7c1e9b2a60'"))
    engine.dispose()
    for command in ("run", "worker", "serve"):
        code, out = soin(command)
        assert code == 1
        assert "the database needs an upgrade (1 migration(s) pending): run `soin db upgrade`" in out
    code, out = soin("db", "status")
    assert "core             e3a1c0b7d942   4d7c1e9b2a60   1 to apply" in out
    code, out = soin("db", "upgrade")
    assert code == 0 and "applied 4d7c1e9b2a60" in out and "database upgraded (1 migrations)" in out


def test_a_new_database_is_created_then_up_to_date(soin):
    code, out = soin("db", "status")
    assert code == 0 and "`soin db upgrade` will create the schema" in out
    code, out = soin("db", "upgrade")
    assert code == 0 and "created the schema" in out and "backup taken" not in out
    assert not soin.backups.exists() or not any(soin.backups.iterdir())  # nothing to back up
    code, out = soin("db", "upgrade")
    assert code == 0 and out.strip() == "database already up to date"
    code, out = soin("plugins", "list")
    assert code == 0 and "nursing" in out
