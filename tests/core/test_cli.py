"""The soin command line against the test database."""

import pytest
from click.testing import CliRunner

from core.cli import main


@pytest.fixture
def run(app, db):
    from flask.cli import ScriptInfo

    def _run(*args, input=None):
        result = CliRunner().invoke(main, list(args), input=input,
                                    obj=ScriptInfo(create_app=lambda: app))
        return result
    return _run


def test_plugins_list_enable_disable(run, db):
    from core.admin.models import PluginState

    listing = run("plugins", "list")
    assert listing.exit_code == 0
    line = [l for l in listing.output.splitlines() if l.startswith("sample ")][0]
    assert "1.2.3" in line and "inactive" in line
    assert "misspelled" in listing.output and "REFUSED" in listing.output
    assert run("plugins", "enable", "sample").exit_code == 0
    db.expire_all()
    assert db.get(PluginState, "sample").active
    assert db.get(PluginState, "sample").changed_by_label == "shell"
    assert "active" in [l for l in run("plugins", "list").output.splitlines() if l.startswith("sample ")][0]
    assert run("plugins", "disable", "sample").exit_code == 0
    unknown = run("plugins", "enable", "nope")
    assert unknown.exit_code != 0 and "nope" in unknown.output


def test_create_admin_refuses_a_weak_password(run, db):
    from core.identity.models import Account

    weak = run("user", "create-admin", "root", input="password\npassword\n")
    assert weak.exit_code != 0
    ok = run("user", "create-admin", "root", input="une phrase assez longue\nune phrase assez longue\n")
    assert ok.exit_code == 0, ok.output
    account = db.query(Account).filter_by(username="root").one()
    assert account.role_codes == {"admin"} and not account.is_demo


def test_demo_creates_demo_accounts_only_marked_as_such(run, db):
    from core.identity.models import Account, Person

    result = run("demo")
    assert result.exit_code == 0, result.output
    assert db.query(Person).count() >= 40
    assert all(a.is_demo for a in db.query(Account))
    assert "already" in run("demo", "--if-empty").output


def test_people_merge_folds_a_duplicate_and_old_links_lead_to_the_person_kept(
        run, db, make_person, client, login):
    kept = make_person("Hélène", "Tremblay")
    duplicate = make_person("Helene", "Tremblay", ramq="TREH80551712")
    refused = run("people", "merge", str(kept.id), str(kept.id), "--yes")
    assert refused.exit_code != 0 and "elle-même" in refused.output
    asked = run("people", "merge", str(kept.id), str(duplicate.id), input="n\n")
    assert asked.exit_code != 0 and "Helene Tremblay" in asked.output   # nothing without a yes
    db.expire_all()
    assert db.get(type(duplicate), duplicate.id).merged_into_id is None
    done = run("people", "merge", str(kept.id), str(duplicate.id), "--yes")
    assert done.exit_code == 0, done.output
    db.expire_all()
    assert db.get(type(kept), kept.id).ramq == "TREH80551712"
    login(role="reception")
    old_link = client.get(f"/people/{duplicate.id}")
    assert old_link.status_code == 302 and old_link.location.endswith(f"/people/{kept.id}")
    assert "en double" in client.get(old_link.location).get_data(as_text=True)


def test_help_without_a_secret_key_lists_the_commands_and_leaves_no_folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    for name in ("SOIN_SECRET_KEY", "SOIN_DEMO", "SOIN_DATABASE_URL", "SOIN_INSTANCE_DIR"):
        monkeypatch.delenv(name, raising=False)
    shown = CliRunner().invoke(main, ["--help"])
    assert shown.exit_code == 0 and "plugins" in shown.output and "Traceback" not in shown.output
    refused = CliRunner().invoke(main, ["plugins", "list"])
    assert refused.exit_code != 0 and "SOIN_SECRET_KEY is not set" in refused.output
    assert list(tmp_path.iterdir()) == []  # no empty instance/ left behind


def test_help_with_a_secret_key_lists_plugin_commands_and_leaves_no_folder(tmp_path, monkeypatch):
    """``soin --help`` starts the application to list the plugins' commands: it opens no
    database, so the embedded default's ./instance folder is not made either."""
    monkeypatch.chdir(tmp_path)
    for name in ("SOIN_DEMO", "SOIN_DATABASE_URL", "SOIN_INSTANCE_DIR", "SOIN_LOAD_PLUGINS"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("SOIN_SECRET_KEY", "k" * 64)
    shown = CliRunner().invoke(main, ["--help"])
    assert shown.exit_code == 0 and "plugins" in shown.output and "Traceback" not in shown.output
    assert list(tmp_path.iterdir()) == []  # no empty instance/ left behind


def test_db_revision_names_a_plugin_that_is_not_installed(run):
    result = run("db", "revision", "no_such_plugin", "-m", "add a column")
    assert result.exit_code != 0 and "no installed plugin named 'no_such_plugin'" in result.output


def test_python_dash_m_core_cli_works_as_the_soin_script(tmp_path):
    """`python -m core.cli` (no installed script needed) lists and runs the same commands."""
    import os
    import subprocess
    import sys

    env = {**os.environ, "SOIN_DATABASE_URL": f"sqlite:///{tmp_path / 'cli.sqlite'}",
           "SOIN_SECRET_KEY": "k" * 64}
    listing = subprocess.run([sys.executable, "-m", "core.cli", "--help"], env=env,
                             capture_output=True, text=True, timeout=120)
    assert listing.returncode == 0 and "backup" in listing.stdout and "db" in listing.stdout
    upgrade = subprocess.run([sys.executable, "-m", "core.cli", "db", "upgrade"], env=env,
                             capture_output=True, text=True, timeout=300)
    assert upgrade.returncode == 0, upgrade.stderr
    assert (tmp_path / "cli.sqlite").stat().st_size > 0
