"""Alembic environment shared by core and every plugin (one branch each, found by convention)."""

from alembic import context

from core.db import Base
from core.migrate import UNMODELLED

config = context.config
target_metadata = Base.metadata


def include_object(obj, name, type_, reflected, compare_to):
    return not (type_ == "table" and name.startswith(UNMODELLED))


def render_item(type_, obj, autogen_context):
    """Render our column types as plain SQLAlchemy so migration files stand on their own."""
    from core.db import UTCDateTime

    if type_ == "type" and isinstance(obj, UTCDateTime):
        return "sa.DateTime(timezone=True)"
    if type_ == "type" and obj.__class__.__name__ == "JSON" and getattr(obj, "_variant_mapping", None):
        autogen_context.imports.add("from sqlalchemy.dialects import postgresql")
        return "sa.JSON().with_variant(postgresql.JSONB(), 'postgresql')"
    return False


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
    with context.begin_transaction():
        context.run_migrations()


run()
