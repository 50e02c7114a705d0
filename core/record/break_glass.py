"""Break the glass: an open emergency grant of an account on a person's chart.

Read by the access policy (an open grant widens access for its duration) and by the audit
trail (every access made under a grant is flagged ``emergency``); opening one is in
:mod:`core.record.consent`. It sits apart from the record service so that neither the policy
nor the audit trail depends on the service that depends on them.
"""

from __future__ import annotations

from datetime import datetime
from functools import cache

from sqlalchemy import bindparam, select

from core.db import utcnow
from core.memo import per_request
from core.record.models import BreakGlass

#: ``known``'s default: the caller has not read the grant
UNREAD = object()


def open_break_glass(session, account_id: int, person_id: int, now: datetime | None = None, *,
                     known: object = UNREAD):
    """The account's emergency grant on the person still open at ``now``, or None.

    Without ``now`` (the time of the request), the answer is read once per request: the chart
    page, its access check and its audit event all ask. ``known``: the open grant's id (or
    None for none) when the caller has just read it (the access decision reads it with the
    consent rules).
    """
    def read():
        if known is UNREAD:
            return _open_grant(session, account_id, person_id, now or utcnow())
        return session.get(BreakGlass, known) if known is not None else None
    if now is not None:
        return read()
    return per_request(("break_glass", account_id, person_id), read)


def _open_grant(session, account_id: int, person_id: int, now: datetime):
    return session.scalar(_grant_statement(),
                          {"account": account_id, "person": person_id, "now": now})


@cache
def _grant_statement():
    return (select(BreakGlass).where(
        BreakGlass.account_id == bindparam("account"), BreakGlass.person_id == bindparam("person"),
        BreakGlass.started_at <= bindparam("now"), BreakGlass.expires_at > bindparam("now"))
        .order_by(BreakGlass.id.desc()).limit(1))
