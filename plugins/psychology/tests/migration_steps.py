"""Run one of psychology's data migrations, upgrade or downgrade, inside a test's transaction
(the test sets up the rows the migration meets, then reads what it left), and read what it left:
a finding's stored texts and data, the chart's timeline."""

import copy
import importlib.util
from pathlib import Path

from alembic.operations import Operations
from alembic.runtime.migration import MigrationContext
from sqlalchemy import update

from core.record.models import Finding


def migration(revision: str):
    """The migration module of ``revision``, loaded from plugins/psychology/migrations."""
    path = next(Path(__file__).parents[1].glob(f"migrations/versions/*_{revision}_*.py"))
    spec = importlib.util.spec_from_file_location(f"psychology_{revision}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def run_step(db, revision: str, step: str) -> None:
    """``step`` ("upgrade" or "downgrade") of ``revision`` on the test session's connection."""
    with Operations.context(MigrationContext.configure(db.connection())):
        getattr(migration(revision), step)()


def finding_state(db, finding_id: int) -> tuple:
    """A finding's stored ``texts`` and ``data`` as the database holds them now (copies)."""
    db.expire_all()
    row = db.get(Finding, finding_id)
    return copy.deepcopy(row.texts), copy.deepcopy(row.data)


def timeline(client, person) -> str:
    """The chart's timeline of ``person``: the stored findings, not the live panel above it."""
    chart = client.get(f"/people/{person.id}/chart").get_data(as_text=True)
    return chart[chart.index('id="timeline-title"'):]


def kept_the_old_way(db, finding, **values) -> None:
    """``finding`` as the code before the phone pass kept it: its texts without ``phones``
    (``values``: other columns as an older version kept them, ``texts`` among them)."""
    texts = copy.deepcopy(finding.texts)
    for kept in texts.values():
        kept.pop("phones")
    db.execute(update(Finding).where(Finding.id == finding.id).values(
        texts=values.pop("texts", texts), **values))
    db.commit()
    db.expire_all()
