"""What the database holds against what the code expects, branch by branch.

Core has the branches ``core``, ``record`` and ``scheduling``; each installed plugin with tables
has its own. A revision recorded in the database that no installed code knows is *unknown*: most
often a plugin whose package was removed (its tables are still there), or a database made by a
newer release. Nothing here writes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from sqlalchemy import inspect
from sqlalchemy.exc import DBAPIError

from core.db import UNMODELLED
from core.registry import plugin_host

if TYPE_CHECKING:
    from alembic.script import ScriptDirectory

# alembic and core.migrate are imported when a status is asked for, not by every worker at
# start-up (alembic's import was a sixth of create_app)

#: table name prefixes of core's own areas (every other prefix is a plugin's name)
CORE_PREFIXES = ("core_", "record_", "sched_", "audit_", "commons_", "alembic_version", *UNMODELLED)
UPGRADE = "soin db upgrade"


class DatabaseNotReady(Exception):
    """The database cannot serve this code yet; ``str()`` says what to run."""


@dataclass
class BranchStatus:
    """One migration branch: the revision applied, the one the code expects, what would run."""

    label: str
    applied: str | None
    expected: str | None
    pending: list[tuple[str, str]] = field(default_factory=list)  # (revision, description)

    @property
    def current(self) -> bool:
        return not self.pending


@dataclass
class Status:
    """The whole database against the code."""

    reachable: bool = True
    error: str = ""
    empty: bool = False  # no migration was ever applied (a new database)
    branches: list[BranchStatus] = field(default_factory=list)
    unknown: list[str] = field(default_factory=list)  # revisions no installed code knows
    orphan_tables: dict[str, list[str]] = field(default_factory=dict)  # prefix -> tables

    @property
    def pending(self) -> list[tuple[str, str]]:
        return [step for branch in self.branches for step in branch.pending]

    @property
    def current(self) -> bool:
        return self.reachable and not self.empty and not self.pending and not self.unknown

    def problem(self) -> str | None:
        """One sentence saying why this code may not serve this database, or None."""
        if not self.reachable:
            return f"cannot reach the database: {self.error}"
        if self.empty:
            return f"the database is not set up: run `{UPGRADE}`"
        if self.unknown:
            return (f"the database has migrations this code does not know ({', '.join(self.unknown)}): "
                    "reinstall the plugin or release that made them (`soin db status` shows "
                    "which tables they own), or restore a backup made by this release")
        if self.pending:
            return (f"the database needs an upgrade ({len(self.pending)} migration(s) pending): "
                    f"run `{UPGRADE}`")
        return None


def script_directory(app) -> ScriptDirectory:
    from alembic.script import ScriptDirectory

    from core.migrate import alembic_config

    return ScriptDirectory.from_config(alembic_config(app))


def applied_heads(connection) -> tuple[str, ...]:
    """The revisions recorded in ``alembic_version`` (empty for a new database)."""
    from alembic.migration import MigrationContext

    return tuple(MigrationContext.configure(connection).get_current_heads())


def database_status(app) -> Status:
    """Compare the database of ``app`` with the migrations of core and installed plugins."""
    engine = app.extensions["soin_db"].engine
    try:
        with engine.connect() as connection:
            heads = applied_heads(connection)
            tables = inspect(connection).get_table_names()
    except DBAPIError as exc:
        return Status(reachable=False, error=_first_line(exc))
    return compare(app, heads, tables)


def compare(app, heads: tuple[str, ...], tables: list[str]) -> Status:
    """The status of a database whose ``alembic_version`` holds ``heads`` and has ``tables``."""
    script = script_directory(app)
    status = Status(empty=not heads)
    known = [h for h in heads if _known(script, h)]
    status.unknown = sorted(set(heads) - set(known))
    applied = applied_revisions(script, known)
    in_order = list(reversed(list(script.walk_revisions())))  # base first: the upgrade order
    labels = sorted({label for rev in in_order for label in (rev.branch_labels or ())})
    for label in labels:
        revs = [r for r in in_order if label in (r.branch_labels or ())]
        done = [r.revision for r in revs if r.revision in applied]
        status.branches.append(BranchStatus(
            label=label, applied=done[-1] if done else None, expected=revs[-1].revision,
            pending=[(r.revision, (r.doc or "").strip()) for r in revs if r.revision not in applied]))
    status.orphan_tables = orphan_tables(app, tables)
    return status


def applied_revisions(script: ScriptDirectory, heads) -> set[str]:
    """Every revision the recorded ``heads`` imply (their ancestors and dependencies): Alembic
    does not record a revision another branch depends on, so heads alone are not the answer."""
    if not heads:
        return set()
    return {r.revision for r in script.revision_map.iterate_revisions(
        tuple(heads), "base", inclusive=True, assert_relative_length=False)}


def is_current(script: ScriptDirectory, heads) -> bool:
    """Whether the recorded ``heads`` mean every migration of the code is applied, no other."""
    if not heads or not all(_known(script, h) for h in heads):
        return False
    return applied_revisions(script, heads) == {r.revision for r in script.walk_revisions()}


def orphan_tables(app, tables: list[str]) -> dict[str, list[str]]:
    """Tables whose prefix is neither core's nor an installed plugin's: code that is gone."""
    owners = tuple(f"{p.name}_" for p in plugin_host(app).installed())
    out: dict[str, list[str]] = {}
    for table in sorted(tables):
        if table.startswith(CORE_PREFIXES + owners) or table.startswith("sqlite_"):
            continue
        out.setdefault(table.split("_", 1)[0], []).append(table)
    return out


def require_current(app) -> None:
    """Raise :class:`DatabaseNotReady` unless the database is exactly what the code expects
    (an answer already found for the same migrations and recorded revisions is remembered:
    :mod:`core.ops.schema_memo`)."""
    from core.ops import schema_memo

    if schema_memo.known_current(app):
        return
    problem = database_status(app).problem()
    if problem:
        raise DatabaseNotReady(problem)
    schema_memo.remember_current(app)


def _known(script: ScriptDirectory, revision: str) -> bool:
    from alembic.util import CommandError

    try:
        return script.get_revision(revision) is not None
    except (CommandError, KeyError):
        return False


def _first_line(exc: BaseException) -> str:
    text = str(getattr(exc, "orig", None) or exc).strip()
    return text.splitlines()[0] if text else exc.__class__.__name__


def explain(app, exc: BaseException) -> str | None:
    """For a command that failed on the database: one sentence saying why and what to run, when
    the cause is the database's state (not set up, unreachable, behind the code); else None."""
    status = database_status(app)
    if not status.reachable:
        return f"cannot reach the database: {status.error}"
    return status.problem()
