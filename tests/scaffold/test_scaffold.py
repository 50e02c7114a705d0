"""`soin plugin new`: what it writes, checked without installing it (the pip install path is
tests/contract/run_scaffold_e2e.sh, run by CI)."""

import ast
import os
import re
import subprocess
import sys
import tomllib

import pytest
from click.testing import CliRunner

from core.cli import main
from core.i18n_tools import extract, read_catalog
from core.scaffold import ScaffoldError, core_base_revision, generate

NAME = "massage_therapy"
PACKAGE = "soin_massage_therapy"


@pytest.fixture(scope="module")
def plugin(tmp_path_factory):
    return generate(NAME, tmp_path_factory.mktemp("scaffold") / "soin-massage-therapy",
                    title="Massage therapy", title_fr="Massothérapie")


def test_the_package_is_its_own_distribution_found_by_its_entry_point(plugin):
    project = tomllib.loads((plugin / "pyproject.toml").read_text())["project"]
    assert project["name"] == "soin-massage-therapy"
    assert project["entry-points"]["soin.plugins"] == {NAME: f"{PACKAGE}.plugin"}
    assert any(d.startswith("soin-commun>=") for d in project["dependencies"])
    init = (plugin / PACKAGE / "__init__.py").read_text()
    assert f'_ = make_gettext(__file__, "{NAME}")' in init


def test_every_part_the_issue_asks_for_is_there(plugin):
    made = {str(p.relative_to(plugin)) for p in plugin.rglob("*") if p.is_file()}
    for part in ("plugin.py", "forms.py", "protocols.py", "reports.py", "views.py", "models.py",
                 "demo.py", "fhir.py", f"templates/{NAME}/index.html",
                 "translations/fr_CA/LC_MESSAGES/messages.po"):
        assert f"{PACKAGE}/{part}" in made
    assert {"tests/test_contract.py", "tests/test_chart.py", "tests/test_views.py"} <= made
    assert not [p for p in made if p.endswith(".tmpl") or "{" in p]


def test_plugin_py_holds_hook_implementations_only(plugin):
    tree = ast.parse((plugin / PACKAGE / "plugin.py").read_text())
    functions = [n for n in tree.body if isinstance(n, ast.FunctionDef)]
    assert functions and all(
        any(getattr(d, "id", None) == "hookimpl" for d in f.decorator_list) for f in functions)
    assert not [n for n in tree.body if isinstance(n, (ast.ClassDef, ast.Assign))]


def test_the_migration_starts_its_own_branch_after_core(plugin):
    [migration] = (plugin / PACKAGE / "migrations" / "versions").glob("*.py")
    values = {t.id: ast.literal_eval(n.value) for n in ast.parse(migration.read_text()).body
              if isinstance(n, ast.Assign) for t in n.targets}
    assert values["down_revision"] is None and values["branch_labels"] == (NAME,)
    assert values["depends_on"] == core_base_revision()
    assert migration.name == f"{migration.name[:8]}_{values['revision']}_{NAME}_activities.py"
    assert f'"{NAME}_activities"' in migration.read_text()


def test_every_message_is_translated_in_quebec_french(plugin):
    catalog = read_catalog(plugin / PACKAGE / "translations" / "fr_CA" / "LC_MESSAGES" / "messages.po")
    messages = extract([plugin / PACKAGE])
    assert len(messages) > 20
    assert [m for m in messages if not (catalog.get(m) and catalog.get(m).string)] == []
    assert catalog.get("Massage therapy").string == "Massothérapie"


def test_the_python_compiles_and_no_placeholder_is_left(plugin):
    for path in plugin.rglob("*"):
        if path.is_file():
            text = path.read_text()
            assert "$" not in text, path
            if path.suffix == ".py":
                compile(text, str(path), "exec")


@pytest.mark.parametrize("name", ["Massage", "ab", "core", "soin_extra", "x" * 25, "for",
                                  "double__underscore", "trailing_"])
def test_a_name_that_cannot_prefix_ids_and_tables_is_refused(tmp_path, name):
    with pytest.raises(ScaffoldError):
        generate(name, tmp_path / "out")
    assert not (tmp_path / "out").exists()


def test_the_command_writes_the_package_and_refuses_a_folder_in_use(tmp_path):
    runner = CliRunner()
    done = runner.invoke(main, ["plugin", "new", "midwifery", "--dest", str(tmp_path / "m"),
                                "--title-fr", "Pratique sage-femme"])
    assert done.exit_code == 0, done.output
    assert (tmp_path / "m" / "soin_midwifery" / "plugin.py").exists()
    assert "soin plugins enable midwifery" in done.output
    again = runner.invoke(main, ["plugin", "new", "midwifery", "--dest", str(tmp_path / "m")])
    assert again.exit_code != 0 and "not empty" in again.output
    quoted = runner.invoke(main, ["plugin", "new", "tools", "--dest", str(tmp_path / "t"),
                                  "--title", 'Tool "library"'])
    assert quoted.exit_code != 0 and not (tmp_path / "t").exists()


def test_the_generated_plugin_passes_its_own_tests_and_the_contract(plugin):
    """Its tests run in a fresh pytest, the plugin registered by SOIN_TEST_EXTRA_PLUGINS
    (not installed), on the same kind of database as this run."""
    env = {**os.environ, "PYTHONPATH": str(plugin),
           "SOIN_TEST_EXTRA_PLUGINS": f"{NAME}={PACKAGE}.plugin"}
    result = subprocess.run([sys.executable, "-m", "pytest", "-q"],
                            cwd=plugin, env=env, capture_output=True, text=True, timeout=600)
    summary = result.stdout.strip().splitlines()[-1] if result.stdout.strip() else result.stderr
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    assert "failed" not in summary and "skipped" not in summary and "error" not in summary
    # "35 passed in 12.3s", with " (0:01:17)" after it when the run took over a minute
    assert re.fullmatch(r"\d+ passed in [\d.]+s( \(\d+:\d\d:\d\d\))?", summary), summary
    assert int(summary.split()[0]) >= 30, summary
