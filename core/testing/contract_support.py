"""What the plugin contract checks, as plain functions returning the problems they find.

:mod:`core.testing.contract` turns each into a test; they return lists of readable problems so
a failing test names every offending declaration, file and line at once.
"""

from __future__ import annotations

import ast
import uuid
from collections.abc import Mapping
from contextlib import contextmanager
from importlib import metadata
from pathlib import Path

from flask import Blueprint
from sqlalchemy import Table, create_engine, event, inspect, text
from sqlalchemy.engine import make_url

from core.plugins import ENTRY_POINT_GROUP

#: spec attributes that people read: each must be a string from the plugin's own catalog
TEXT_ATTRIBUTES = ("title", "description")
WIDGETS = {"text", "textarea", "number", "select", "radio", "checkbox", "date"}


def installed_plugin_names() -> list[str]:
    """Every plugin installed through the ``soin.plugins`` entry points, sorted."""
    return sorted({ep.name for ep in metadata.entry_points(group=ENTRY_POINT_GROUP)})


def plugin_names(config, module) -> list[str]:
    """Which plugins the contract runs on: ``--soin-contract``, else the test module's
    ``SOIN_CONTRACT_PLUGINS``, else every installed plugin."""
    chosen = [n for value in config.getoption("soin_contract", default=None) or []
              for n in value.split(",") if n]
    return chosen or list(getattr(module, "SOIN_CONTRACT_PLUGINS", None) or
                          installed_plugin_names())


def key_of(spec) -> str:
    for attr in ("id", "code", "form_id", "name"):
        if getattr(spec, attr, None):
            return str(getattr(spec, attr))
    return repr(spec)


# --- translations ----------------------------------------------------------------------------


def schema_texts(schema_class, where: str):
    """``(where, text)`` for every label, help and choice label of a marshmallow schema."""
    schema = schema_class()
    for name, field in schema.fields.items():
        meta = field.metadata
        for key in ("label", "help"):
            if meta.get(key):
                yield f"{where} field {name} {key}", meta[key]
        for value, label in meta.get("choices") or ():
            yield f"{where} field {name} choice {value!r}", label
        labels = meta.get("key_labels")
        if isinstance(labels, Mapping):  # a function's labels depend on the entry: not here
            for key, label in labels.items():
                yield f"{where} field {name} key {key!r}", label
        words = meta.get("value_labels")
        if isinstance(words, Mapping):  # a function's words depend on the entry: not here
            for path, codes in words.items():
                for code, label in (codes.items() if isinstance(codes, Mapping) else ()):
                    yield f"{where} field {name} value {path!r} {code!r}", label
        nested = getattr(field, "nested", None) or getattr(getattr(field, "inner", None), "nested", None)
        if isinstance(nested, type):
            yield from schema_texts(nested, f"{where}.{name}")


def declared_texts(plugin):
    """``(where, text)`` for every text a person reads in the plugin's declarations."""
    for attr in TEXT_ATTRIBUTES:
        if getattr(plugin.info, attr, None):
            yield f"plugin_info {attr}", getattr(plugin.info, attr)
    for hook, items in plugin.declarations.items():
        for item in items:
            if isinstance(item, Blueprint):
                continue
            where = f"{hook[9:]} {key_of(item)}"
            for attr in TEXT_ATTRIBUTES:
                if getattr(item, attr, None):
                    yield f"{where} {attr}", getattr(item, attr)
            for attr in ("schema", "params_schema"):
                if isinstance(getattr(item, attr, None), type):
                    yield from schema_texts(getattr(item, attr), where)


def untranslated_texts(plugin, catalog) -> list[str]:
    """Texts that are not ``_()`` of the plugin's own domain, or have no fr_CA translation."""
    problems = []
    for where, value in declared_texts(plugin):
        domain = getattr(getattr(value, "_func", None), "__self__", None)
        if domain is None or not getattr(value, "_args", None):
            problems.append(f"{where}: {str(value)!r} is not wrapped in the plugin's _()")
        elif getattr(domain, "name", None) != plugin.name:
            problems.append(f"{where}: {value._args[0]!r} uses the catalog of "
                            f"{getattr(domain, 'name', '?')!r}, not {plugin.name!r}")
        else:
            message = catalog.get(value._args[0])
            if message is None or not message.string or message.fuzzy:
                problems.append(f"{where}: {value._args[0]!r} has no fr_CA translation")
    return problems


def fr_catalog_path(plugin) -> Path:
    return plugin.path / "translations" / "fr_CA" / "LC_MESSAGES" / "messages.po"


# --- pages -----------------------------------------------------------------------------------


def sample_url(adapter, rule) -> str:
    """A URL of ``rule`` with plausible arguments (1 for numbers, an allowed word for ``any``)."""
    values = {}
    for arg in rule.arguments:
        converter = rule._converters.get(arg)  # werkzeug keeps no public accessor
        items = sorted(getattr(converter, "items", ()) or ())
        values[arg] = items[0] if items else (
            "00000000-0000-0000-0000-000000000001" if type(converter).__name__ == "UUIDConverter"
            else 1)
    return adapter.build(rule.endpoint, values)


# --- imports ---------------------------------------------------------------------------------


def _imported(node) -> list[str]:
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    if isinstance(node, ast.ImportFrom) and not node.level and node.module:
        if node.module in ("core", "plugins"):
            return [f"{node.module}.{alias.name}" for alias in node.names]
        return [node.module]
    if (isinstance(node, ast.Call) and getattr(node.func, "attr", getattr(node.func, "id", ""))
            in ("import_module", "__import__") and node.args
            and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str)):
        return [node.args[0].value]
    return []


def _within(module: str, package: str) -> bool:
    return module == package or module.startswith(package + ".")


#: libraries a plugin asks ``core.api`` for instead: what to use for each of their names, and
#: for the rest (None). Flask-Babel: languages and formatting depend on the coop's settings
#: (its default language, French typography), which core alone reads.
ASK_CORE_API = {"flask_babel": {
    "get_locale": "core.api.reader_language",
    "force_locale": "core.api.in_language or core.api.each_language",
    "format_decimal": "core.api.format_number", "format_number": "core.api.format_number",
    "format_date": "core.api.format_day", "format_datetime": "core.api.format_moment",
    "format_time": "core.api.format_clock",
    "gettext": "core.api.make_gettext", "lazy_gettext": "core.api.make_gettext",
    "_": "core.api.make_gettext",
    "ngettext": "core.api.make_ngettext", "lazy_ngettext": "core.api.make_ngettext",
    None: "ask core.api for languages and formatting"}}


def _library(module: str) -> str | None:
    return next((name for name in ASK_CORE_API if _within(module, name)), None)


def _use(library: str, name: str) -> str:
    """What to write instead of ``library.name`` (the library's general advice otherwise)."""
    advice = ASK_CORE_API[library]
    instead = advice.get(name)
    return (f"uses {library}.{name} (use {instead})" if instead
            else f"uses {library}.{name} ({advice[None]})")


def _asks_around_core_api(node) -> list[str]:
    """What the node imports or reads of a library of :data:`ASK_CORE_API`, each with the
    ``core.api`` name to use instead."""
    if isinstance(node, ast.ImportFrom) and not node.level and node.module:
        library = _library(node.module)
        return [_use(library, alias.name) for alias in node.names] if library else []
    if isinstance(node, ast.Import):
        return [f"imports {alias.name} ({ASK_CORE_API[library][None]})" for alias in node.names
                if (library := _library(alias.name))]
    if (isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name)
            and node.value.id in ASK_CORE_API):
        return [_use(node.value.id, node.attr)]
    return []


def forbidden_imports(package_dir: Path, own: str, others: list[str]) -> list[str]:
    """``file:line: module`` for each import of core other than ``core.api``, or of another
    plugin's package, in the plugin's code (its ``tests/`` may use ``core.testing``); and for
    each import or use of a library ``core.api`` answers for (:data:`ASK_CORE_API`: Flask-Babel),
    naming what to use instead."""
    problems = []
    for path in sorted(package_dir.rglob("*.py")):
        relative = path.relative_to(package_dir)
        if "tests" in relative.parts:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        found = []  # (line, problem): told in the file's order (the walk goes level by level)
        for node in ast.walk(tree):
            for module in _imported(node):
                core_inside = _within(module, "core") and not _within(module, "core.api")
                other = any(_within(module, p) for p in others if not _within(p, own))
                library = _library(module) if isinstance(node, ast.Call) else None
                if core_inside or other:
                    found.append((node.lineno, f"imports {module}"))
                elif library:  # import_module("flask_babel")
                    found.append((node.lineno,
                                  f"imports {module} ({ASK_CORE_API[library][None]})"))
            found += [(node.lineno, problem) for problem in _asks_around_core_api(node)]
        problems += [f"{relative}:{line}: {problem}"
                     for line, problem in sorted(found, key=lambda item: item[0])]
    return problems


# --- migrations and tables -------------------------------------------------------------------


def plugin_revisions(script, plugin) -> list:
    """The revisions that live in the plugin's ``migrations/versions`` folder."""
    folder = (plugin.path / "migrations" / "versions").resolve()
    return [rev for rev in script.walk_revisions()
            if rev.path and Path(rev.path).resolve().parent == folder]


def branch_problems(script, plugin) -> list[str]:
    """Each revision of the folder must descend from the root labelled with the plugin's name."""
    by_id = {rev.revision: rev for rev in script.walk_revisions()}
    problems = []
    for rev in plugin_revisions(script, plugin):
        node = rev
        while node.down_revision is not None:
            down = node.down_revision
            if not isinstance(down, str):
                problems.append(f"{rev.revision}: merges branches ({down}); keep one line")
                break
            node = by_id[down]
        if plugin.name not in (node.branch_labels or ()):
            problems.append(f"{rev.revision}: its first revision {node.revision} is not labelled "
                            f"{plugin.name!r} (branch_labels = ({plugin.name!r},))")
    return problems


def model_tables(plugin) -> dict[str, str]:
    """Table name -> model class, for models defined in the plugin's package."""
    from core.db import Base

    package = plugin.module.__package__ or plugin.module.__name__
    return {mapper.local_table.name: mapper.class_.__qualname__ for mapper in Base.registry.mappers
            if _within(mapper.class_.__module__, package) and isinstance(mapper.local_table, Table)}


def tables_of(connection) -> set[str]:
    return set(inspect(connection).get_table_names())


def diff_tables(diff) -> set[str]:
    """The table names an Alembic autogenerate difference is about."""
    items = diff if isinstance(diff, list) else [diff]
    names = set()
    for item in items:
        for part in item[1:]:
            if isinstance(part, Table):
                names.add(part.name)
            elif isinstance(getattr(part, "table", None), Table):
                names.add(part.table.name)
        if len(item) > 2 and isinstance(item[2], str):
            names.add(item[2])
    return names


@contextmanager
def statements(connection):
    """Collect the SQL statements sent on ``connection`` inside the block."""
    sent: list[str] = []

    def spy(_conn, _cursor, statement, *_args):
        sent.append(statement.strip())

    event.listen(connection, "before_cursor_execute", spy)
    try:
        yield sent
    finally:
        event.remove(connection, "before_cursor_execute", spy)


@contextmanager
def scratch_engine(app, tmp_path: Path):
    """An empty database of the same kind as the app's (SQLite file or a new PostgreSQL one)."""
    url = make_url(app.config["SOIN_DATABASE_URL"])
    if url.get_backend_name() == "sqlite":
        engine = create_engine(f"sqlite:///{tmp_path / 'scratch.sqlite'}")
        try:
            yield engine
        finally:
            engine.dispose()
        return
    name = f"soin_contract_{uuid.uuid4().hex[:10]}"
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    engine = create_engine(url.set(database=name))
    try:
        yield engine
    finally:
        engine.dispose()
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


# --- example payloads ------------------------------------------------------------------------


def example_value(field):
    """A plausible value for one marshmallow field, from its metadata and validators."""
    from marshmallow import validate

    from core.record.field_kinds import kind_of

    meta = field.metadata
    choices = [value for value, _label in meta.get("choices") or ()]
    for rule in field.validators:
        if isinstance(rule, validate.OneOf):
            choices = choices or list(rule.choices)
    kind = kind_of(field)
    if kind.name == "list":
        return [choices[0]] if choices else [example_value(field.inner)]
    if choices:
        return choices[0]
    low, high = meta.get("range") or (None, None)
    middle = (low + high) / 2 if low is not None and high is not None else (low or high or 1)
    return kind.example(field, middle)


def example_payloads(spec) -> list[dict]:
    """``FormSpec.extra["example"]`` if the plugin gives one, else two payloads built from the
    schema: every field filled, and required fields only."""
    if spec.extra.get("example"):
        return [dict(spec.extra["example"])]
    full, required = {}, {}
    for name, field in spec.schema().load_fields.items():
        value = example_value(field)
        if value is None:
            continue
        full[name] = value
        if field.required:
            required[name] = value
    return [full, required] if required != full else [full]


def report_params(spec) -> dict:
    """A report's parameters as core would pass them: the defaults, else an example for each
    required parameter (the reader fills those in before core runs the report)."""
    from marshmallow import ValidationError

    if spec.params_schema is None:
        return {}
    schema = spec.params_schema()
    try:
        return schema.load({})
    except ValidationError:
        return schema.load({name: example_value(field) for name, field in schema.load_fields.items()
                            if field.required})
