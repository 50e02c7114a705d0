"""Alembic environment shared by core and every plugin (one branch each, found by convention)."""

import warnings

from alembic import context

from core.db import Base
from core.migrate import UNMODELLED, for_dialect

config = context.config
target_metadata = Base.metadata


def include_object(obj, name, type_, reflected, compare_to):
    """What autogenerate compares: not the unmodelled tables, not what the models limit to
    another database; for a plugin's revision (``plugin_revision``) only its own tables."""
    if type_ == "table" and name.startswith(UNMODELLED):
        return False
    if not for_dialect(obj, context.get_context().dialect.name):
        return False
    prefix = config.attributes.get("soin_only_prefix")
    if prefix:
        table = name if type_ == "table" else getattr(getattr(obj, "table", None), "name", "")
        return bool(table) and table.startswith(prefix)
    return True


def render_item(type_, obj, autogen_context):
    """Render our column types as plain SQLAlchemy so migration files stand on their own."""
    from core.db import UTCDateTime

    if type_ == "type" and isinstance(obj, UTCDateTime):
        return "sa.DateTime(timezone=True)"
    if type_ == "type" and obj.__class__.__name__ == "JSON" and getattr(obj, "_variant_mapping", None):
        autogen_context.imports.add("from sqlalchemy.dialects import postgresql")
        return "sa.JSON().with_variant(postgresql.JSONB(), 'postgresql')"
    if type_ == "server_default" and _boolean_literal(obj) is not None:
        return f"sa.{_boolean_literal(obj)}()"  # SQLite would write text('0'): not PostgreSQL's
    return False


def _boolean_literal(default):
    """``"false"``/``"true"`` for a server default made of ``sa.false()``/``sa.true()``."""
    arg = getattr(default, "arg", None)
    name = type(arg).__name__
    return {"False_": "false", "True_": "true"}.get(name)


def run() -> None:
    connection = config.attributes.get("connection")
    if connection is None:
        from core.db import make_engine

        engine = make_engine(config.get_main_option("sqlalchemy.url"))
        with engine.begin() as conn:
            _migrate(conn)
        return
    _migrate(connection)


def _migrate(connection) -> None:
    context.configure(connection=connection, target_metadata=target_metadata,
                      render_as_batch=connection.dialect.name == "sqlite", compare_type=True,
                      include_object=include_object, render_item=render_item)
    with context.begin_transaction(), warnings.catch_warnings():
        if connection.dialect.name == "sqlite":  # autogenerate cannot compare them there
            warnings.filterwarnings("ignore", message=".*expression-based index")
        context.run_migrations()


run()
