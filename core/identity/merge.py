"""Folding a duplicate registration into the right person, all or nothing.

Reception sometimes registers someone twice (a new RAMQ card, a typo in the birth date). The
duplicate's chart entries, visits, appointments, consent, tasks and member account move to the
person kept; every plugin moves its own rows through the ``person_merged`` hook, in the same
transaction, so a plugin that fails cancels the whole merge; then core repoints any plugin's
row still naming the duplicate (a plugin need not implement the hook to lose nothing). The duplicate stays as a row that
points at the person kept (``merged_into_id``): audit events and old links still name someone,
and search no longer finds it.
"""

from __future__ import annotations

from sqlalchemy import UniqueConstraint, and_, delete, exists, inspect, select, update
from sqlalchemy.orm import Session, aliased

from core.audit.service import audit
from core.db import Base
from core.i18n import _
from core.identity.models import Account, Person
from core.registry import plugin_host
from core.volunteering.merge import fold_signups

#: core areas whose tables move generically; plugins move theirs in ``person_merged``
CORE_PREFIXES = ("core_", "record_", "sched_")
#: handled by name below (the member account) or never moved (the person rows themselves)
SPECIAL = {"core_accounts", "core_persons"}


class MergeRefused(ValueError):
    """A translated reason the two people cannot be merged; nothing was changed."""


def merge_people(db: Session, kept: Person, duplicate: Person, *, actor=None) -> dict:
    """Move everything about ``duplicate`` to ``kept``; returns rows moved per table.

    Does not commit: the caller commits, or rolls back on any exception (a plugin's included).
    """
    _check(db, kept, duplicate)
    moved = {"core_accounts": _move_account(db, kept, duplicate),
             "core_volunteer_signups (folded)": fold_signups(db, kept.id, duplicate.id)}
    for table, column, unique_with in _references():
        moved[table.name] = _move_rows(db, table, column, unique_with, kept.id, duplicate.id)
    if kept.ramq is None and duplicate.ramq:
        ramq, duplicate.ramq = duplicate.ramq, None
        db.flush()  # the RAMQ number is unique: free it before giving it
        kept.ramq = ramq
    for field in ("date_of_birth", "email", "phone"):
        if not getattr(kept, field) and getattr(duplicate, field):
            setattr(kept, field, getattr(duplicate, field))
    host = plugin_host()
    for _name, call in host.implementations("person_merged", active_only=False):
        # every installed plugin, active or not (its data outlives activation); not isolated:
        # a plugin that raises must cancel the merge, never leave half a person behind
        call(kept=kept, merged=duplicate, session=db)
    # a plugin without a person_merged of its own (a volunteer's, say) loses nothing: what
    # still names the duplicate follows the person kept, as core's own rows do
    existing = set(inspect(db.connection()).get_table_names())
    for table, column, unique_with in _references(core=False):
        if table.name in existing:
            moved[table.name] = _move_rows(db, table, column, unique_with, kept.id, duplicate.id)
    duplicate.merged_into_id = kept.id
    audit(db, "person.merge", person_id=kept.id, actor=actor,
          detail={"merged": duplicate.id, "moved": {k: v for k, v in moved.items() if v}})
    db.flush()
    return moved


def _check(db: Session, kept: Person, duplicate: Person) -> None:
    if kept.id == duplicate.id:
        raise MergeRefused(_("A person cannot be merged into themselves."))
    if kept.merged_into_id or duplicate.merged_into_id:
        raise MergeRefused(_("One of these people was already merged into someone else."))
    accounts = db.scalars(select(Account.id).where(
        Account.person_id.in_([kept.id, duplicate.id]))).all()
    if len(accounts) > 1:
        raise MergeRefused(_("Both people have a member account: close one of them first."))


def _move_account(db: Session, kept: Person, duplicate: Person) -> int:
    return db.execute(update(Account).where(Account.person_id == duplicate.id)
                      .values(person_id=kept.id)).rowcount


def _references(core: bool = True):
    """(table, column, other columns of a unique constraint on it) for every core table that
    points at a person (``core=False``: every plugin's table)."""
    for table in Base.metadata.sorted_tables:
        if table.name in SPECIAL or table.name.startswith(CORE_PREFIXES) != core:
            continue
        for fk in table.foreign_keys:
            if fk.column.table.name != "core_persons":
                continue
            column = fk.parent
            unique_with = None
            if column.unique or column.primary_key:
                unique_with = ()
            for constraint in table.constraints:
                names = {c.name for c in getattr(constraint, "columns", [])}
                if isinstance(constraint, UniqueConstraint) and column.name in names:
                    unique_with = tuple(table.c[n] for n in sorted(names - {column.name}))
            yield table, column, unique_with


def _move_rows(db, table, column, unique_with, kept_id: int, duplicate_id: int) -> int:
    """Repoint rows; where one per person (or per person and session...) is allowed and the
    person kept already has one, the duplicate's row gives way to it."""
    if unique_with is not None:
        other = aliased(table)
        same = [getattr(other.c, c.name) == c for c in unique_with]
        db.execute(delete(table).where(column == duplicate_id, exists().where(
            and_(getattr(other.c, column.name) == kept_id, *same))))
    return db.execute(update(table).where(column == duplicate_id)
                      .values({column.name: kept_id})).rowcount
