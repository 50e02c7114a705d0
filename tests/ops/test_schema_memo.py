"""The servers' schema check, remembered (core.ops.schema_memo): once Alembic found a database
current, a start with the same migration files and the same recorded revisions does not ask
it again; any change to either asks again, and a database behind the code is still refused."""

from __future__ import annotations

import pytest

from core.ops import schema_memo, status
from core.ops.status import DatabaseNotReady, require_current


@pytest.fixture
def app(soin):
    from core.app import create_app

    assert soin("db", "upgrade")[0] == 0
    app = create_app({"SOIN_DATABASE_URL": soin.url})
    yield app
    app.extensions["soin_db"].engine.dispose()


def _alembic_not_asked(monkeypatch):
    def refuse(_app):
        raise AssertionError("Alembic was asked although the answer was known")

    monkeypatch.setattr(status, "database_status", refuse)


def test_a_current_database_is_checked_by_alembic_once(app, monkeypatch):
    require_current(app)  # Alembic decides, and the answer is kept
    assert schema_memo.known_current(app)
    _alembic_not_asked(monkeypatch)
    require_current(app)  # the next start reads alembic_version only


def test_other_migration_files_ask_alembic_again(app, monkeypatch):
    require_current(app)
    monkeypatch.setattr(schema_memo, "migrations_digest", lambda _app: "another release")
    assert not schema_memo.known_current(app)
    asked = []
    real = status.database_status
    monkeypatch.setattr(status, "database_status", lambda a: asked.append(a) or real(a))
    require_current(app)
    assert asked == [app]


def test_a_database_taken_back_after_a_remembered_check_is_still_refused(app, soin):
    from alembic import command

    from core.migrate import alembic_config

    require_current(app)
    with app.extensions["soin_db"].engine.begin() as conn:  # a restore of an older backup
        command.downgrade(alembic_config(app, conn), "core@-1")
    assert not schema_memo.known_current(app)
    with pytest.raises(DatabaseNotReady, match="needs an upgrade"):
        require_current(app)
    code, out = soin("serve")
    assert code == 1 and "needs an upgrade" in out and "nothing was started" in out


def test_a_new_database_is_not_remembered(soin):
    from core.app import create_app

    app = create_app({"SOIN_DATABASE_URL": soin.url})
    try:
        assert schema_memo.recorded_heads(app) is None  # no alembic_version yet
        with pytest.raises(DatabaseNotReady, match="not set up"):
            require_current(app)
        assert not schema_memo.known_current(app)
    finally:
        app.extensions["soin_db"].engine.dispose()
