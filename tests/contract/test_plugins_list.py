"""`soin plugins list`: version, where each plugin comes from, active or not, faulty or refused."""

import sys
import textwrap

import pytest
from click.testing import CliRunner
from flask.cli import ScriptInfo

from core.cli import main
from core.registry import plugin_host

LISTDEMO = '''
from core.api import PluginInfo, hookimpl

@hookimpl
def plugin_info():
    return PluginInfo("listdemo", "List demo", "Installed from a package.", "0.3.0", kind="program")
'''


def listing(app) -> dict[str, str]:
    result = CliRunner().invoke(main, ["plugins", "list"], obj=ScriptInfo(create_app=lambda: app))
    assert result.exit_code == 0, result.output
    return {line.split()[0]: line for line in result.output.splitlines() if line.strip()}


@pytest.fixture
def installed_package(tmp_path, monkeypatch):
    """A distribution ``soin-listdemo`` installed on sys.path (its metadata and module), with a
    second entry point whose module does not exist."""
    site = tmp_path / "site"
    info = site / "soin_listdemo-0.3.0.dist-info"
    info.mkdir(parents=True)
    (site / "listdemo_plugin.py").write_text(textwrap.dedent(LISTDEMO))
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: soin-listdemo\nVersion: 0.3.0\n")
    (info / "entry_points.txt").write_text(
        "[soin.plugins]\nlistdemo = listdemo_plugin\nghost = listdemo_missing.plugin\n")
    monkeypatch.syspath_prepend(str(site))
    yield
    monkeypatch.delitem(sys.modules, "listdemo_plugin", raising=False)


def test_a_plugin_installed_from_a_package_names_its_distribution(app, installed_package):
    from core.app import create_app

    other = create_app({"SOIN_DATABASE_URL": app.config["SOIN_DATABASE_URL"], "TESTING": True})
    lines = listing(other)
    assert lines["listdemo"].split()[1:] == ["0.3.0", "package", "soin-listdemo", "0.3.0", "inactive"]
    assert "REFUSED" in lines["ghost"] and "listdemo_missing" in lines["ghost"]
    for name in ("nursing", "psychology", "food_security"):
        if name in lines and "REFUSED" not in lines[name]:
            assert " built-in " in lines[name]
    other.extensions["soin_db"].engine.dispose()


def test_a_plugin_that_raised_is_listed_faulty_with_its_last_error(app, db):
    plugin_host(app).faults.pop("broken", None)
    runner = CliRunner()
    enabled = runner.invoke(main, ["plugins", "enable", "broken"], obj=ScriptInfo(create_app=lambda: app))
    assert enabled.exit_code == 0, enabled.output
    line = listing(app)["broken"]
    assert "0.0.1" in line and "active" in line
    assert "FAULTY (plugin_activated: RuntimeError('broken on purpose'))" in line
    plugin_host(app).faults.pop("broken")


def test_active_and_inactive_follow_the_coop_choice(app, db, activate):
    assert listing(app)["sample"].split()[1:4] == ["1.2.3", "built-in", "inactive"]
    activate("sample")
    assert listing(app)["sample"].split()[1:4] == ["1.2.3", "built-in", "active"]


def test_a_plugin_refused_at_start_up_is_listed_with_the_reason(app, db):
    line = listing(app)["badprefix"]
    assert "REFUSED" in line and "core.people.view" in line
