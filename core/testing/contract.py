"""The contract every plugin passes, the built-in ones and a volunteer's alike.

Core runs it on every installed plugin (``tests/contract/``). A plugin runs it on itself with
one file, ``tests/test_contract.py``::

    from core.testing.contract import *  # noqa: F401,F403
    SOIN_CONTRACT_PLUGINS = ["massage_therapy"]

Each test takes ``contract_plugin``, parametrized with ``--soin-contract NAME`` (repeatable),
else the module's ``SOIN_CONTRACT_PLUGINS``, else every plugin installed through the
``soin.plugins`` entry points. The fixtures (``app``, ``db``, ``client``...) come from
:mod:`core.testing.plugin`.
"""

from __future__ import annotations

import random
from collections.abc import Mapping

import pytest
from alembic import command
from alembic.script import ScriptDirectory
from flask import Blueprint

from core.form_specs import SEVERITIES, ClinicalSummary, Finding, ProtocolContext
from core.i18n_tools import extract, read_catalog, untranslated
from core.migrate import alembic_config, heads_by_branch, pending_model_changes
from core.registry import plugin_host
from core.specs import ReportTable
from core.testing import contract_support as support

__all__ = [
    "pytest_generate_tests", "test_contract_plugin_loads_without_refusal_or_fault",
    "test_contract_declarations_are_valid_and_prefixed", "test_contract_forms_can_be_rendered",
    "test_contract_texts_are_translated_in_fr_ca", "test_contract_catalog_is_complete",
    "test_contract_pages_answer_404_while_inactive", "test_contract_imports_only_core_api",
    "test_contract_migrations_have_one_head_in_their_own_branch",
    "test_contract_migrations_apply_alone_and_create_only_prefixed_tables",
    "test_contract_models_match_migrations", "test_contract_demo_data_loads",
    "test_contract_reports_run_and_only_read", "test_contract_protocols_evaluate_on_the_chart",
    "test_contract_fhir_mappings_export_valid_resources",
]


def pytest_generate_tests(metafunc):
    """One test per plugin, named after it: ``test_contract_...[nursing]``."""
    if "contract_plugin" in metafunc.fixturenames:
        names = support.plugin_names(metafunc.config, metafunc.module)
        metafunc.parametrize("contract_plugin", names, ids=names)


def _plugin(app, name):
    host = plugin_host(app)
    assert name not in host.refused, f"{name} was refused at start-up: {host.refused[name]}"
    assert name in host.plugins, f"{name} is not installed (no 'soin.plugins' entry point)"
    return host.plugins[name]


def _call(app, name, hook, **kwargs):
    """Call one plugin's implementation directly, so an error fails with its traceback."""
    host = plugin_host(app)
    impl = next(i for i in getattr(host.pm.hook, hook).get_hookimpls() if i.plugin_name == name)
    return impl.function(**{arg: kwargs[arg] for arg in impl.argnames})


def _declared_codes(host, hook, attr):
    return {getattr(s, attr) for s in host.declarations(hook, active_only=False)}


# --- declarations ----------------------------------------------------------------------------


def test_contract_plugin_loads_without_refusal_or_fault(app, contract_plugin):
    """Installed, accepted at start-up, and no hook raised while core collected declarations."""
    plugin = _plugin(app, contract_plugin)
    fault = plugin_host(app).faults.get(contract_plugin)
    assert fault is None, f"{contract_plugin} raised in {fault.hook}: {fault.error}"
    assert plugin.info.version and plugin.path is not None


def test_contract_declarations_are_valid_and_prefixed(app, contract_plugin):
    """Every id is ``<plugin>.*``; references (forms, endpoints, permissions, roles) resolve."""
    plugin, host = _plugin(app, contract_plugin), plugin_host(app)
    problems = []
    for hook, items in plugin.declarations.items():
        for item in items:
            try:
                if isinstance(item, Blueprint):
                    assert item.name.startswith(contract_plugin), f"blueprint {item.name}"
                else:
                    item.validate(contract_plugin)
            except Exception as exc:
                problems.append(f"{hook}: {exc}")
    forms = {f.id for f in plugin.declared("register_forms")}
    for spec in plugin.declared("register_entry_renderers") + plugin.declared("register_fhir_mappings"):
        if spec.form_id not in forms:
            problems.append(f"{type(spec).__name__} for {spec.form_id}: the plugin declares no such form")
    permissions = _declared_codes(host, "register_permissions", "code")
    roles = _declared_codes(host, "register_roles", "code")
    for item in plugin.declared("register_nav_items"):
        if item.endpoint not in app.view_functions:
            problems.append(f"nav item {item.id}: no page has endpoint {item.endpoint!r}")
        try:  # nobody signed in: the predicate answers (no), it does not raise
            if item.visible is not None and item.visible(None) not in (True, False):
                problems.append(f"nav item {item.id}: visible(None) is not True or False")
        except Exception as exc:
            problems.append(f"nav item {item.id}: visible(None) raised {exc!r}")
    for item in plugin.declared("register_nav_items") + plugin.declared("register_reports"):
        if item.permission and item.permission not in permissions:
            problems.append(f"{item.id}: permission {item.permission!r} is declared by nobody")
    for spec in plugin.declared("register_permissions"):
        problems += [f"permission {spec.code}: no role {r!r}" for r in spec.default_roles
                     if r not in roles]
    for spec in plugin.declared("register_protocols"):
        if spec.valid_from and spec.valid_until and spec.valid_from > spec.valid_until:
            problems.append(f"protocol {spec.id}: valid_from is after valid_until")
    assert not problems, "\n".join(problems)


def test_contract_forms_can_be_rendered(app, contract_plugin):
    """Each form's schema builds, and each field has a label and a widget core knows."""
    problems = []
    for spec in _plugin(app, contract_plugin).declared("register_forms"):
        for name, field in spec.schema().fields.items():
            if not field.metadata.get("label"):
                problems.append(f"{spec.id} v{spec.version} field {name}: no label in metadata")
            widget = field.metadata.get("widget")
            if widget is not None and widget not in support.WIDGETS:
                problems.append(f"{spec.id} field {name}: unknown widget {widget!r}")
            for meta in ("key_labels", "value_labels"):
                labels = field.metadata.get(meta)
                if labels is not None and not (isinstance(labels, Mapping) or callable(labels)):
                    problems.append(f"{spec.id} field {name}: {meta} is neither a mapping "
                                    f"nor a function of the payload")
            words = field.metadata.get("value_labels")
            if isinstance(words, Mapping) and not all(isinstance(w, Mapping)
                                                      for w in words.values()):
                problems.append(f"{spec.id} field {name}: value_labels holds, by key path, "
                                f"a mapping {{code: words}}")
    assert not problems, "\n".join(problems)


def test_contract_texts_are_translated_in_fr_ca(app, contract_plugin):
    """Every title, description and field label is ``_()`` translated in the fr_CA catalog."""
    plugin = _plugin(app, contract_plugin)
    path = support.fr_catalog_path(plugin)
    assert path.exists(), f"{contract_plugin}: no catalog at {path}"
    problems = support.untranslated_texts(plugin, read_catalog(path))
    assert not problems, "\n".join(problems)


def test_contract_catalog_is_complete(app, contract_plugin):
    """Every message in the plugin's code and pages has a fr_CA translation (none fuzzy), and
    the catalog keeps no message the code no longer uses."""
    plugin = _plugin(app, contract_plugin)
    path = support.fr_catalog_path(plugin)
    catalog = read_catalog(path)
    used = extract([plugin.path])
    missing = sorted(m for m in used if m not in catalog)
    assert not missing, f"not in {path}: {missing}"
    assert not untranslated(catalog), f"untranslated or fuzzy: {untranslated(catalog)}"
    stale = sorted(m.id for m in catalog if m.id and m.id not in used)
    assert not stale, (f"{path} keeps messages the code no longer uses: {stale}; run python -m "
                       f"core.i18n_tools {plugin.path} --po {path} --drop-obsolete")


def test_contract_imports_only_core_api(app, contract_plugin):
    """The plugin imports ``core.api`` and nothing else of core, and no other plugin; nor
    Flask-Babel (``core.api`` has ``reader_language``, ``in_language``, ``format_number``...:
    the coop's default language and French typography are decided in core)."""
    plugin, host = _plugin(app, contract_plugin), plugin_host(app)
    packages = [p.module.__package__ or p.module.__name__ for p in host.installed()]
    own = plugin.module.__package__ or plugin.module.__name__
    problems = support.forbidden_imports(plugin.path, own, packages)
    assert not problems, "only core.api may be imported:\n" + "\n".join(problems)


# --- pages -----------------------------------------------------------------------------------


def test_contract_pages_answer_404_while_inactive(app, client, login, activate, contract_plugin):
    """Every route of the plugin is absent while it is inactive, and present once active."""
    names = {bp.name for bp in _plugin(app, contract_plugin).declared("register_blueprints")}
    rules = [r for r in app.url_map.iter_rules() if r.endpoint.split(".")[0] in names
             and not r.endpoint.endswith(".static")]
    login(role="admin")
    adapter = app.url_map.bind("localhost")
    for rule in rules:
        url = support.sample_url(adapter, rule)
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            status = client.open(url, method=method).status_code
            assert status == 404, f"{method} {url} answered {status} while {contract_plugin} is inactive"
    activate(contract_plugin)
    for rule in rules:
        if "GET" in rule.methods and not rule.arguments:
            url = adapter.build(rule.endpoint, {})
            status = client.get(url).status_code
            assert status != 404 and status < 500, f"GET {url} answered {status} once active"


# --- migrations ------------------------------------------------------------------------------


def test_contract_migrations_have_one_head_in_their_own_branch(app, contract_plugin):
    """A plugin with tables has a branch labelled with its name, with exactly one head."""
    plugin = _plugin(app, contract_plugin)
    script = ScriptDirectory.from_config(alembic_config(app))
    revisions = support.plugin_revisions(script, plugin)
    if not revisions:
        assert not support.model_tables(plugin), f"{contract_plugin} has models but no migrations"
        return
    assert support.branch_problems(script, plugin) == []
    heads = heads_by_branch(app).get(contract_plugin)
    assert heads and len(heads) == 1, f"branch {contract_plugin!r} heads: {heads}"


def test_contract_migrations_apply_alone_and_create_only_prefixed_tables(app, contract_plugin, tmp_path):
    """On an empty database, ``<plugin>@head`` applies with its dependencies, creates only
    ``<plugin>_*`` tables, and ``<plugin>@base`` removes them again."""
    plugin = _plugin(app, contract_plugin)
    script = ScriptDirectory.from_config(alembic_config(app))
    if not support.plugin_revisions(script, plugin):
        return
    with support.scratch_engine(app, tmp_path) as engine:
        with engine.begin() as conn:
            command.upgrade(alembic_config(app, conn), f"{contract_plugin}@head")
            upgraded = support.tables_of(conn)
            command.downgrade(alembic_config(app, conn), f"{contract_plugin}@base")
            remaining = support.tables_of(conn)
    created = upgraded - remaining
    assert created, f"{contract_plugin}'s migrations create no table"
    strays = sorted(t for t in created if not t.startswith(f"{contract_plugin}_"))
    assert not strays, f"tables not prefixed with '{contract_plugin}_': {strays}"


def test_contract_models_match_migrations(app, contract_plugin):
    """The plugin's models are named ``<plugin>_*`` and equal what its migrations create."""
    plugin = _plugin(app, contract_plugin)
    tables = support.model_tables(plugin)
    strays = sorted(t for t in tables if not t.startswith(f"{contract_plugin}_"))
    assert not strays, f"models with tables not prefixed '{contract_plugin}_': {strays}"
    diffs = [d for d in pending_model_changes(app) if any(
        t in tables or t.startswith(f"{contract_plugin}_") for t in support.diff_tables(d))]
    assert not diffs, f"models and migrations differ (write a new revision): {diffs}"


# --- behaviour -------------------------------------------------------------------------------


def test_contract_demo_data_loads(app, db, activate, make_person, contract_plugin):
    """``soin demo`` shows every service: the plugin adds demo rows without error."""
    host = plugin_host(app)
    assert hasattr(host.pm.get_plugin(contract_plugin), "demo_data"), \
        f"{contract_plugin} has no demo_data hook: `soin demo` would show nothing of it"
    activate(contract_plugin)
    # about as many people as a small coop's demo (soin demo makes some eighty)
    people = [make_person(first_name=f"Personne {n}", last_name="Contrat") for n in range(24)]
    _call(app, contract_plugin, "demo_data", session=db, rng=random.Random(2026), people=people)
    db.flush()


def test_contract_reports_run_and_only_read(app, db, activate, contract_plugin):
    """Each report runs (default parameters, else examples of the required ones), returns a
    consistent table, and sends no INSERT, UPDATE or DELETE."""
    activate(contract_plugin)
    db.flush()
    for spec in _plugin(app, contract_plugin).declared("register_reports"):
        params = support.report_params(spec)
        with support.statements(db.connection()) as sent:
            table = spec.run(db, params)
            db.flush()
        assert isinstance(table, ReportTable), f"{spec.id} returned {type(table).__name__}"
        assert all(len(row) == len(table.columns) for row in table.rows), f"{spec.id}: row width"
        writes = [s for s in sent if s.split(None, 1)[0].upper() in ("INSERT", "UPDATE", "DELETE")]
        assert not writes, f"{spec.id} wrote to the database: {writes}"


def test_contract_protocols_evaluate_on_the_chart(app, db, make_person, contract_plugin):
    """Opened on a chart (no entry just saved), each protocol returns a list of its findings."""
    person = make_person(first_name="Eva", last_name="Contrat")
    context = ProtocolContext(session=db, person=person, summary=ClinicalSummary())
    for spec in _plugin(app, contract_plugin).declared("register_protocols"):
        findings = spec.evaluate(context)
        assert isinstance(findings, list), f"{spec.id} returned {type(findings).__name__}"
        for finding in findings:
            assert isinstance(finding, Finding) and finding.protocol_id == spec.id
            assert finding.severity in SEVERITIES, f"{spec.id}: severity {finding.severity!r}"


def test_contract_fhir_mappings_export_valid_resources(app, db, activate, make_person,
                                                     make_account, contract_plugin):
    """Entries of each form with a FHIR mapping, recorded through core, export as resources
    that ``fhir.resources`` (R4B) validates. The entries' payloads come from
    ``FormSpec.extra["example"]``, else from each field's metadata and validators."""
    from core.record.export import build_bundle
    from core.record.service import record_entry

    plugin, host = _plugin(app, contract_plugin), plugin_host(app)
    activate(contract_plugin)
    mapped = {m.form_id for m in plugin.declared("register_fhir_mappings")}
    for spec in [f for f in plugin.declared("register_forms") if f.id in mapped]:
        person = make_person(first_name="Fhir", last_name=spec.id)
        author = make_account(discipline=spec.discipline or plugin.info.discipline or contract_plugin)
        for payload in support.example_payloads(spec):
            try:
                # a workflow's form is written here as its workflow writes it
                record_entry(db, person=person, form_id=spec.id, payload=payload, author=author,
                             workflow=spec.written_by)
            except Exception as exc:
                pytest.fail(f"{spec.id}: example {payload} was refused ({exc!r}): give a valid "
                            "one as FormSpec(extra={'example': {...}})")
        _bundle, builder = build_bundle(db, person, viewer=author)
        assert builder.rejected == [], f"{spec.id}: invalid FHIR resources {builder.rejected}"
        fault = host.faults.get(contract_plugin)
        assert fault is None, f"{spec.id}: the mapping raised {fault.error}"
