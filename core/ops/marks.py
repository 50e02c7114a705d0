"""Reading and writing the operations marks (the last good backup, the worker's heartbeat)."""

from __future__ import annotations

from sqlalchemy import select

from core import db
from core.db import utcnow
from core.ops.models import OpsMark


def mark(name: str, **detail) -> None:
    """Remember now as the last time ``name`` happened (in its own transaction)."""
    sess = db.session()
    row = sess.get(OpsMark, name) or OpsMark(name=name)
    row.at, row.detail = utcnow(), detail
    sess.add(row)
    sess.commit()


def last(name: str) -> OpsMark | None:
    return db.session().scalar(select(OpsMark).where(OpsMark.name == name))
