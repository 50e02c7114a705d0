"""Migrations: one Alembic environment, core's branch plus one branch per installed plugin.

A plugin's migrations live in ``<plugin package>/migrations/versions`` and start a branch
labelled with the plugin's name (``depends_on`` core's revision it needs). ``soin db upgrade``
applies every head, for installed plugins whether active or not, so activating a service never
waits for a schema change.
"""

from __future__ import annotations

import re
import warnings
from pathlib import Path

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory

from core.db import UNMODELLED
from core.migration_paths import CORE_MIGRATIONS, version_locations
from core.registry import plugin_host


def alembic_config(app, connection=None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(CORE_MIGRATIONS))
    config.set_main_option("version_locations", " ".join(version_locations(plugin_host(app))))
    config.set_main_option("path_separator", "space")
    # date-prefixed files: a listing of versions/ reads as a timeline (as in Indico)
    config.set_main_option("file_template", "%%(year)d%%(month).2d%%(day).2d_%%(rev)s_%%(slug)s")
    config.set_main_option("sqlalchemy.url", app.config["SOIN_DATABASE_URL"].replace("%", "%%"))
    if connection is not None:
        config.attributes["connection"] = connection
    # migrations that seal or open stored secrets read the keys from here
    config.attributes["soin_app_config"] = app.config
    return config


def upgrade(app, revision: str = "heads") -> None:
    """Bring the schema to ``revision`` (all heads by default) in one transaction."""
    engine = app.extensions["soin_db"].engine
    with engine.begin() as connection:
        command.upgrade(alembic_config(app, connection), revision)


def plugin_revision(app, name: str, message: str) -> Path:
    """Autogenerate the next revision of plugin ``name``'s branch from its models; return the
    file (review it before keeping it). Only the plugin's ``<name>_*`` tables are compared
    (core's tables, and objects of another database such as PostgreSQL's trigram index, are
    left out); a Boolean's server default is written ``sa.false()``/``sa.true()``, valid on both
    databases. The database must be at every head first (``soin db upgrade``). A plugin without
    a branch yet gets its first revision: the branch label, and ``depends_on`` the core
    revisions that create the tables its models reference."""
    plugin = next((p for p in plugin_host(app).installed() if p.name == name), None)
    if plugin is None or plugin.path is None:
        raise ValueError(f"no installed plugin named {name!r}")
    versions = plugin.path / "migrations" / "versions"
    versions.mkdir(parents=True, exist_ok=True)
    config = alembic_config(app)
    config.attributes["soin_only_prefix"] = f"{name}_"
    script = ScriptDirectory.from_config(config)
    if any(name in (rev.branch_labels or ()) for rev in script.walk_revisions()):
        where: dict = {"head": f"{name}@head"}
    else:
        where = {"head": "base", "branch_label": name,
                 "depends_on": creating_revisions(script, referenced_tables(name)) or None}
    made = command.revision(config, message=message, autogenerate=True,
                            version_path=str(versions), **where)
    return Path(made.path)


def referenced_tables(name: str) -> set[str]:
    """The other tables the models of plugin ``name`` point at with a foreign key."""
    from core.db import Base

    prefix = f"{name}_"
    return {fk.column.table.name for table in Base.metadata.sorted_tables
            if table.name.startswith(prefix) for fk in table.foreign_keys
            if not fk.column.table.name.startswith(prefix)}


def creating_revisions(script: ScriptDirectory, tables: set[str]) -> list[str]:
    """The revisions that create ``tables`` (a new branch's ``depends_on``), sorted."""
    found = set()
    for rev in script.walk_revisions():
        text = Path(rev.path).read_text(encoding="utf-8")
        if any(re.search(rf"create_table\(\s*['\"]{t}['\"]", text) for t in tables):
            found.add(rev.revision)
    return sorted(found)


def heads_by_branch(app) -> dict[str, list[str]]:
    """Branch label -> its head revisions (a healthy tree has exactly one per branch)."""
    from alembic.script.revision import MultipleHeads

    script = ScriptDirectory.from_config(alembic_config(app))
    labels = {label for rev in script.walk_revisions() for label in (rev.branch_labels or ())}
    out: dict[str, list[str]] = {}
    for label in sorted(labels):
        try:
            out[label] = [script.get_revision(f"{label}@head").revision]
        except MultipleHeads as exc:
            out[label] = list(exc.heads)
    return out


def pending_model_changes(app) -> list:
    """Differences between the migrated database and the models (empty when they match)."""
    engine = app.extensions["soin_db"].engine
    with engine.connect() as connection:
        dialect = connection.dialect.name
        context = MigrationContext.configure(connection, opts={
            "compare_type": True,
            "include_object": lambda o, n, t, r, c: (not (t == "table" and n.startswith(UNMODELLED))
                                                     and for_dialect(o, dialect))})
        from core.db import Base

        with warnings.catch_warnings():
            if dialect == "sqlite":
                # SQLite cannot reflect expression indexes (lower(last_name)...), so they cannot
                # be compared there; the PostgreSQL run compares them.
                warnings.filterwarnings("ignore", message=".*expression-based index")
            return compare_metadata(context, Base.metadata)


def for_dialect(obj, dialect: str) -> bool:
    """False for a model object limited to another database (``.ddl_if(dialect=...)``), such as
    PostgreSQL's trigram index: Alembic does not read ``ddl_if`` and would expect it on SQLite."""
    condition = getattr(obj, "_ddl_if", None)
    return condition is None or condition.dialect in (None, dialect)
