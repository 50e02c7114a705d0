"""Secrets at rest: TOTP secrets sealed with a key derived from SOIN_SECRET_KEY (rotated by
``soin secrets rotate``, existing rows sealed by a migration), and no production start-up
without SOIN_SECRET_KEY."""

import re
import uuid

import pyotp
import pytest
from click.testing import CliRunner
from flask.cli import ScriptInfo
from sqlalchemy import create_engine, text

from core.cli import main
from core.security.models import TotpDevice
from core.testing.plugin import TEST_PASSWORD


def _stored(db, account_id) -> str:
    """The column as the database holds it (what a copy of the database gives away)."""
    return db.execute(text("SELECT secret FROM core_totp_devices WHERE account_id = :a"),
                      {"a": account_id}).scalar_one()


def _enrol(client, db, account):
    client.post("/login", data={"username": account.username, "password": TEST_PASSWORD})
    client.post("/account/two-step", data={"action": "start"})
    secret = re.search(r"<code>([A-Z2-7]+)</code>", client.get("/account").get_data(as_text=True)).group(1)
    totp = pyotp.TOTP(secret)
    assert client.post("/account/two-step", data={"action": "confirm", "code": totp.now()}
                       ).status_code == 302
    client.post("/logout")
    return secret


@pytest.fixture
def keys(app):
    """Restore the application's keys after a test that changes them."""
    before = (app.config["SECRET_KEY"], app.config.get("SOIN_OLD_SECRET_KEYS"))
    yield app.config
    app.config["SECRET_KEY"], app.config["SOIN_OLD_SECRET_KEYS"] = before


def test_the_totp_secret_is_not_in_the_database_in_clear(client, db, make_account):
    account = make_account(roles=["practitioner"], discipline="nursing")
    secret = _enrol(client, db, account)
    stored = _stored(db, account.id)
    assert secret not in stored and stored.startswith("gAAAAA")  # a Fernet token
    assert db.get(TotpDevice, account.id).secret == secret


def test_rotation_reseals_under_the_new_key_and_sign_in_keeps_working(app, client, db,
                                                                      make_account, keys):
    account = make_account(roles=["practitioner"], discipline="nursing")
    secret = _enrol(client, db, account)
    before = _stored(db, account.id)
    keys["SECRET_KEY"], keys["SOIN_OLD_SECRET_KEYS"] = "the-new-key", "test-secret"
    result = CliRunner().invoke(main, ["secrets", "rotate"], obj=ScriptInfo(create_app=lambda: app))
    assert result.exit_code == 0 and "1 secret(s)" in result.output
    after = _stored(db, account.id)
    assert after != before
    keys["SOIN_OLD_SECRET_KEYS"] = None  # the old key is gone: the new one alone opens it
    db.expire_all()
    assert db.get(TotpDevice, account.id).secret == secret


def test_a_secret_no_key_opens_is_said_at_sign_in_and_rotation_changes_nothing(
        app, client, db, make_account, keys):
    account = make_account(roles=["practitioner"], discipline="nursing")
    secret = _enrol(client, db, account)
    before = _stored(db, account.id)
    keys["SECRET_KEY"] = "a-key-nobody-used"
    result = CliRunner().invoke(main, ["secrets", "rotate"], obj=ScriptInfo(create_app=lambda: app))
    assert result.exit_code == 1 and "SOIN_OLD_SECRET_KEYS" in result.output
    assert _stored(db, account.id) == before
    client.post("/login", data={"username": account.username, "password": TEST_PASSWORD})
    page = client.post("/login/code", data={"code": pyotp.TOTP(secret).now()})
    assert page.status_code == 503
    assert "clé secrète du serveur a été changée" in page.get_data(as_text=True)


def test_the_migration_seals_secrets_stored_in_clear(app, soin_database_url):
    """A database at the revision before: its clear secret is sealed by ``soin db upgrade``."""
    from core.app import create_app
    from core.migrate import upgrade
    from core.security.sealing import unseal

    url, drop = _fresh_database(soin_database_url)
    try:
        other = create_app({"SOIN_DATABASE_URL": url, "SECRET_KEY": "migration-key",
                            "TESTING": True})
        upgrade(other, "4d7c1e9b2a60")
        engine = other.extensions["soin_db"].engine
        with engine.begin() as conn:
            conn.execute(text(
                "INSERT INTO core_accounts (username, display_name, email, password_hash, active, "
                "is_demo, locale, created_at) VALUES ('n', 'N', '', 'x', true, false, 'fr_CA', "
                "CURRENT_TIMESTAMP)"))
            account_id = conn.execute(text("SELECT id FROM core_accounts")).scalar_one()
            conn.execute(text("INSERT INTO core_totp_devices (account_id, secret, created_at, "
                              "last_step) VALUES (:a, 'JBSWY3DPEHPK3PXP', CURRENT_TIMESTAMP, 0)"),
                         {"a": account_id})
        upgrade(other)
        with engine.connect() as conn:
            stored = conn.execute(text("SELECT secret FROM core_totp_devices")).scalar_one()
        assert stored != "JBSWY3DPEHPK3PXP"
        assert unseal(stored, other.config) == "JBSWY3DPEHPK3PXP"
        engine.dispose()
    finally:
        drop()


def _fresh_database(session_url: str):
    """An empty database next to the test run's (SQLite file or PostgreSQL database)."""
    if session_url.startswith("sqlite"):
        return session_url.replace(".sqlite", f"-{uuid.uuid4().hex[:6]}.sqlite"), lambda: None
    name = f"soin_mig_{uuid.uuid4().hex[:10]}"
    base, _db = session_url.rsplit("/", 1)
    admin = create_engine(f"{base}/postgres", isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))

    def drop():
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()
    return f"{base}/{name}", drop


def test_production_refuses_to_start_without_a_secret_key(monkeypatch, tmp_path):
    from core.app import create_app
    from core.config import ConfigError

    monkeypatch.delenv("SOIN_SECRET_KEY", raising=False)
    monkeypatch.delenv("SOIN_DEMO", raising=False)
    monkeypatch.setenv("SOIN_INSTANCE_DIR", str(tmp_path))
    monkeypatch.setenv("SOIN_DATABASE_URL", f"sqlite:///{tmp_path / 'prod.sqlite'}")
    with pytest.raises(ConfigError, match="SOIN_SECRET_KEY is not set"):
        create_app()
    result = CliRunner().invoke(main, ["db", "upgrade"])
    assert result.exit_code == 1 and "SOIN_SECRET_KEY is not set" in result.output
    assert "Traceback" not in result.output


def test_the_demo_keeps_a_key_of_its_own_across_restarts(monkeypatch, tmp_path):
    from core.app import create_app

    monkeypatch.delenv("SOIN_SECRET_KEY", raising=False)
    monkeypatch.setenv("SOIN_DEMO", "1")
    monkeypatch.setenv("SOIN_INSTANCE_DIR", str(tmp_path))
    url = f"sqlite:///{tmp_path / 'demo.sqlite'}"
    first = create_app({"SOIN_DATABASE_URL": url}).config["SECRET_KEY"]
    again = create_app({"SOIN_DATABASE_URL": url}).config["SECRET_KEY"]
    assert first == again and len(first) == 64
    assert (tmp_path / "demo-secret-key").stat().st_mode & 0o077 == 0
