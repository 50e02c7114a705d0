"""A person's current entries read as rows, for the chart: every column of an entry, its
author's name, its visit's start and, for a sealed entry, the colleagues it is shared with, in
one statement, without the ORM's identity map.

The chart decides access entry by entry (``policy.ChartAccess.can_read``) on every current
entry of the person, then shows fifty: loading each as an ORM object, with its shares in a
second statement, then its author and visit in two more, cost more than drawing the page.
:class:`EntryRow` reads like an :class:`~core.record.models.Entry` (the same attribute
names and values): the policy, the renderers and the plugins' hooks (``check_entry_access``,
the chart panels through ``entries_for``) read it as they read an entry. Anything else an
entry has (its person, author or visit as objects) loads the entry itself.
"""

from __future__ import annotations

from functools import cache
from typing import NamedTuple

from sqlalchemy import String, bindparam, case, cast, literal_column, select
from sqlalchemy.orm import aliased

from core.db import joined, read_rows
from core.identity.models import Account
from core.record.models import Encounter, Entry, EntryShare

#: the entry's own columns, in the order of the statement
COLUMNS = tuple(column.key for column in Entry.__table__.columns)


class EntryRow:
    """One current version of an entry, read-only, as the chart reads it."""

    __slots__ = (*COLUMNS, "author_name", "visit_started_at", "_shared_with", "_timeline",
                 "_entry")

    def __init__(self, values, timeline: Timeline):
        _fill(self, values)
        self._timeline = timeline
        self._entry = None

    #: the id shared by every version of this entry, worked out as the entry does
    lineage_id = Entry.lineage_id

    @property
    def shares(self) -> list[Share]:
        """The colleagues named on the entry (read with it when it is sealed: only a sealed
        entry's are asked for), by account id."""
        if self.confidentiality != "sealed":
            return self._timeline.shares_of(self.id)
        if not isinstance(self._shared_with, list):  # as read: "12,31" or None, parsed once
            ids = sorted(int(i) for i in self._shared_with.split(",")) if self._shared_with else ()
            self._shared_with = [Share(self.id, account_id) for account_id in ids]
        return self._shared_with

    def __getattr__(self, name: str):
        # what a row does not hold (the person, the author, the visit as objects): the entry
        if name.startswith("_"):
            raise AttributeError(name)
        if self._entry is None:
            self._entry = self._timeline.session.get(Entry, self.id)
        return getattr(self._entry, name)

    def __repr__(self) -> str:
        return f"<EntryRow {self.id} {self.form_id}>"


def _filler():
    """``fill(row, values)``: every column and the three joined values set in one tuple
    assignment (a loop of ``setattr`` over twenty-odd columns cost as much per row as the
    rest of reading it)."""
    names = (*COLUMNS, "author_name", "visit_started_at", "_shared_with")
    targets = ", ".join(f"row.{name}" for name in names)
    code = f"def fill(row, values):\n    {targets}, = values\n"
    space: dict = {}
    exec(code, space)  # noqa: S102 - the names are the table's own columns, not input
    return space["fill"]


_fill = _filler()


class Share(NamedTuple):
    """A colleague named on an entry, as :class:`~core.record.models.EntryShare` reads."""

    entry_id: int
    account_id: int


class Timeline:
    """The rows of one read, and the shares of entries not sealed once asked for (a sealed
    entry's come with its row; an entry shared and then unsealed keeps its shares)."""

    def __init__(self, session):
        self.session = session
        self.rows: list[EntryRow] = []
        self._shares: dict[int, list] | None = None

    def shares_of(self, entry_id: int) -> list:
        if self._shares is None:
            self._shares = {}
            ids = [row.id for row in self.rows]
            if ids:
                for share in read_rows(self.session, _shares_statement(), {"ids": ids}):
                    self._shares.setdefault(share.entry_id, []).append(share)
        return self._shares.get(entry_id, [])


def current_rows(session, person_id: int, include_errors: bool = False) -> list[EntryRow]:
    """The person's current entries (not superseded), newest first, as rows; entries marked
    entered in error are left out unless ``include_errors``."""
    timeline = Timeline(session)
    result = read_rows(session, _rows_statement(include_errors), {"person": person_id})
    timeline.rows = [EntryRow(values, timeline) for values in result]
    return timeline.rows


def not_superseded(newer):
    """The condition that no version supersedes the entry (``newer``: an alias of Entry),
    asked entry by entry through the unique index on ``supersedes_id``."""
    # OFFSET 0 keeps PostgreSQL from making the NOT EXISTS an anti join: it chose a merge anti
    # join that read that index from its start up to the person's newest entry (22,642 rows
    # at 55,000 people, 2 ms of the chart's 2.7), where a probe per entry reads 3 pages
    # whatever the size of the table (the statement: 0.75 ms)
    return ~select(_ONE).where(newer.supersedes_id == Entry.id).offset(_ZERO).exists()


_ONE, _ZERO = literal_column("1"), literal_column("0")  # written as is, not bound


@cache
def _rows_statement(include_errors: bool):
    newer = aliased(Entry, name="newer_entry")
    # a sealed entry's shares, as "12,31" (the policy needs them for every sealed entry the
    # viewer did not write: a second statement for a third of the people otherwise); only a
    # sealed row probes the shares' primary key
    shared = case((Entry.confidentiality == "sealed", select(
        joined(cast(EntryShare.account_id, String))).where(EntryShare.entry_id == Entry.id)
        .scalar_subquery()))
    query = (select(*Entry.__table__.columns, Account.display_name, Encounter.started_at, shared)
             .outerjoin(Account, Account.id == Entry.author_id)
             .outerjoin(Encounter, Encounter.id == Entry.encounter_id)
             .where(Entry.person_id == bindparam("person"), not_superseded(newer))
             .order_by(Entry.occurred_at.desc(), Entry.id.desc()))
    return query if include_errors else query.where(Entry.status != "entered_in_error")


@cache
def _shares_statement():
    # the two columns the policy reads (``share.account_id``), as rows: no ORM objects
    return (select(EntryShare.entry_id, EntryShare.account_id)
            .where(EntryShare.entry_id.in_(bindparam("ids", expanding=True)))
            .order_by(EntryShare.entry_id, EntryShare.account_id))
