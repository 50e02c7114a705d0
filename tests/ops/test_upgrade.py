"""Upgrades: a database made by the previous release comes through with every row; a migration
that fails half-way is reported with the restore command, and the restore brings everything
back. Run on SQLite, and on PostgreSQL with SOIN_TEST_DATABASE_URL."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import create_engine, text

from tests.ops.conftest import load_release, row_counts, snapshot


def garden_shifts(url: str) -> int:
    """How many volunteer shifts came from a garden's chores."""
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return conn.execute(text("SELECT count(*) FROM core_volunteer_shifts "
                                     "WHERE source LIKE 'food_security.garden:%'")).scalar_one()
    finally:
        engine.dispose()


def test_upgrading_the_previous_release_keeps_every_row(soin):
    load_release(soin.url)
    before, content = row_counts(soin.url), snapshot(soin.url)

    code, out = soin("db", "status")
    assert code == 0 and "needs an upgrade" in out and "would run e3a1c0b7d942" in out

    code, out = soin("db", "upgrade")
    assert code == 0, out
    assert "backup taken before upgrading" in out and "database upgraded" in out
    after = row_counts(soin.url)
    # the garden's chore shifts moved into core's volunteering: the old table is gone and each
    # of its rows is a core shift now (nothing else was retired)
    retired = {t for t in before if t not in after}
    assert retired <= {"food_security_chore_shifts"}
    if retired:
        assert garden_shifts(soin.url) == before["food_security_chore_shifts"]
    # every other row is still there; only the roles and permissions this release adds were added
    grown = {t for t in before if t not in retired and after[t] != before[t]}
    assert grown <= {"alembic_version", "core_roles", "core_known_permissions", "core_role_permissions"}
    assert all(after[t] >= before[t] for t in grown)
    # every value kept; the columns this release adds are not part of the comparison
    assert snapshot(soin.url, columns={t: names for t, (names, _) in content.items()}) == content

    code, out = soin("db", "status")
    assert out.strip().endswith("the database matches the code")
    code, out = soin("plugins", "list")
    assert code == 0 and "nursing" in out

    # the backup taken before upgrading is the previous release's database, whole
    backup = next(soin.backups.glob("soin-backup-*-pre-upgrade.tar"))
    code, out = soin("backup", "verify", str(backup))
    assert code == 0, out
    assert "every table has its rows" in out and "9a4f6d2e8c31" in out


def test_the_upgraded_schema_matches_the_models(soin):
    from core.app import create_app
    from core.migrate import pending_model_changes

    load_release(soin.url)
    assert soin("db", "upgrade")[0] == 0
    app = create_app({"SOIN_DATABASE_URL": soin.url})
    try:
        assert pending_model_changes(app) == []
    finally:
        app.extensions["soin_db"].engine.dispose()


@pytest.fixture
def halfway_app(soin):
    """The previous release's database, upgraded, then the ``halfway`` plugin installed."""
    from core.app import create_app
    from tests.ops.halfway import plugin

    load_release(soin.url)
    assert soin("db", "upgrade")[0] == 0
    app = create_app({"SOIN_DATABASE_URL": soin.url, "SOIN_BACKUP_DIR": str(soin.backups)},
                     extra_plugins=[("halfway", plugin)])
    yield app
    app.extensions["soin_db"].engine.dispose()


def test_a_migration_failing_half_way_is_told_and_the_backup_restores_everything(halfway_app, soin):
    from core.ops.backup import restore_backup
    from core.ops.status import database_status
    from core.ops.upgrade import UpgradeFailed, upgrade_safely

    before, content = row_counts(soin.url), snapshot(soin.url)
    said = []
    with pytest.raises(UpgradeFailed) as failure:
        upgrade_safely(halfway_app, say=said.append)
    message = str(failure.value)
    assert "UPGRADE FAILED in migration 4a1fa11ed0c5" in message
    assert "simulated failure half-way" in message
    assert re.search(r"soin restore \S+-pre-upgrade\.tar", message)
    assert said and "backup taken before upgrading" in said[0]

    # half-way: what the migration committed before failing is in the database
    assert snapshot(soin.url)["core_persons"] != content["core_persons"]
    assert "halfway_notes" in row_counts(soin.url)

    restore_backup(halfway_app, failure.value.backup)
    assert row_counts(soin.url) == before
    assert snapshot(soin.url) == content
    status = database_status(halfway_app)
    assert [b.label for b in status.branches if not b.current] == ["halfway"]
    assert status.unknown == []


def test_an_upgrade_with_a_plugin_missing_is_refused_before_anything_changes(soin):
    from sqlalchemy import create_engine, text

    load_release(soin.url)
    assert soin("db", "upgrade")[0] == 0
    engine = create_engine(soin.url)
    with engine.begin() as conn:  # a plugin's branch recorded, its package since removed
        conn.execute(text("INSERT INTO alembic_version VALUES ('0ddba11c0de0')"))
        conn.execute(text("CREATE TABLE retired_remedies (id INTEGER PRIMARY KEY)"))
    engine.dispose()
    backups = set(soin.backups.iterdir())

    code, out = soin("db", "upgrade")
    assert code == 1
    assert "upgrade refused, nothing was changed" in out and "0ddba11c0de0" in out
    assert "retired (1 tables)" in out
    assert set(soin.backups.iterdir()) == backups
    code, out = soin("db", "status")
    assert "UNKNOWN revision 0ddba11c0de0" in out
    assert "tables of 'retired' exist but no installed plugin owns them: retired_remedies" in out
    for command in ("run", "worker", "serve"):
        code, out = soin(command)
        assert code == 1 and "does not know (0ddba11c0de0)" in out and "nothing was started" in out


def test_a_second_upgrade_at_the_same_time_is_refused(soin):
    from core.app import create_app
    from core.ops.upgrade import UpgradeRefused, upgrade_lock

    app = create_app({"SOIN_DATABASE_URL": soin.url})
    try:
        with upgrade_lock(app):
            code, out = soin("db", "upgrade")
            assert code == 1 and "another `soin db upgrade` is running" in out
    finally:
        app.extensions["soin_db"].engine.dispose()
    assert UpgradeRefused  # the lock is released: the next upgrade goes ahead
    assert "created the schema" in soin("db", "upgrade")[1]
