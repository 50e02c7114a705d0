"""An action proposed again while the first one is still open (``ProposedAction.one_open``).

A second positive screen the same week must not make a second "assessment today" task for
the same person: the practitioners would do it twice, or close one and think it was all done.
Core keeps the open one, brings its deadline forward when the new one is sooner (never later:
the first promise still holds), and writes in it, in every language, on which day it was
raised again and why, so the task list shows it and nothing is lost.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select

from core.coop_time import local_day
from core.i18n import _, each_language
from core.record.models import Action
from core.web.formatting import day as format_day


def _same(column, value):
    return column.is_(None) if value is None else column == value


def open_like(session, person_id: int, protocol_id: str, proposed) -> Action | None:
    """The person's open action of ``protocol_id`` with ``proposed``'s kind and recipients
    (the soonest due when there are several), or None."""
    return session.scalars(
        select(Action).where(Action.person_id == person_id, Action.status == "open",
                             Action.protocol_id == protocol_id, Action.kind == proposed.kind,
                             _same(Action.to_discipline, proposed.to_discipline),
                             _same(Action.to_role, proposed.to_role))
        .order_by(Action.due_at.is_(None), Action.due_at, Action.id).limit(1)).first()


def raise_again(session, action: Action, *, due_at: datetime | None, message,
                at: datetime) -> Action:
    """Keep ``action`` open for a finding raised again at ``at`` (``message``: the finding's,
    a lazy or per-language text): its deadline brought forward to ``due_at`` if sooner, and a
    line added to its detail in every language. Not audited apart: the entry that raised it
    is, as it is for a new action."""
    if due_at is not None and (action.due_at is None or due_at < action.due_at):
        action.due_at = due_at
    day = local_day(at)

    def note() -> str:
        return str(_("Raised again on %(day)s: %(message)s", day=format_day(day, "long"),
                     message=message))

    old = action.texts or {}
    # a new dict: the column is JSON, so an in-place change would not be seen as a change
    action.texts = each_language(lambda locale: {
        **old.get(locale, {}), "title": old.get(locale, {}).get("title", action.title),
        "detail": _joined(old.get(locale, {}).get("detail", action.detail), note())})
    action.detail = _joined(action.detail, note())
    session.flush()
    return action


def _joined(detail: str | None, line: str) -> str:
    return f"{detail}\n{line}" if detail else line
