"""First contact: every command on a database not set up says what to run, never a traceback;
the servers refuse to start on a database behind the code; a new database is created."""

from __future__ import annotations

import re

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
    from alembic import command

    from core.app import create_app
    from core.migrate import alembic_config, heads_by_branch

    assert soin("db", "upgrade")[0] == 0
    app = create_app({"SOIN_DATABASE_URL": soin.url})
    [head] = heads_by_branch(app)["core"]
    with app.extensions["soin_db"].engine.begin() as conn:  # as if core's newest were not applied
        command.downgrade(alembic_config(app, conn), "core@-1")
    app.extensions["soin_db"].engine.dispose()
    for command_name in ("run", "worker", "serve"):
        code, out = soin(command_name)
        assert code == 1
        # (branches depending on core's newest were taken back with it)
        assert re.search(r"the database needs an upgrade \(\d+ migration\(s\) pending\): "
                         r"run `soin db upgrade`", out), out
    code, out = soin("db", "status")
    assert re.search(rf"core +\w+ +{head} +1 to apply", out), out
    code, out = soin("db", "upgrade")
    assert code == 0 and f"applied {head}" in out and "database upgraded" in out
    assert soin("db", "status")[1].strip().endswith("the database matches the code")


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
