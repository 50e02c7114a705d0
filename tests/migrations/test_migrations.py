"""Migrations: one head per branch, and the migrated schema matches the models."""

from core.migrate import heads_by_branch, pending_model_changes
from core.registry import plugin_host


def test_each_branch_has_exactly_one_head(app):
    heads = heads_by_branch(app)
    assert "core" in heads
    assert {label: revs for label, revs in heads.items() if len(revs) != 1} == {}


def test_every_installed_plugin_with_tables_has_its_own_branch(app):
    from core.db import Base

    heads = heads_by_branch(app)
    for plugin in plugin_host(app).installed():
        owns_tables = any(t.startswith(f"{plugin.name}_") for t in Base.metadata.tables)
        if owns_tables:
            assert plugin.name in heads, f"{plugin.name} has tables but no migration branch"


def test_migrations_match_the_models(app):
    # the app fixture built this database through the migrations, never create_all
    assert pending_model_changes(app) == []


def test_every_table_is_cores_or_an_installed_plugins(app):
    """`soin db status` warns of tables no code owns (a plugin removed): never of core's own."""
    from sqlalchemy import inspect

    from core.ops.status import orphan_tables

    tables = inspect(app.extensions["soin_db"].engine).get_table_names()
    assert orphan_tables(app, tables) == {}
