"""The walk-in queue (sans rendez-vous): tickets, triage priority, waiting time, calling.

The queue is ordered by priority (urgent first) and then by arrival. Ticket numbers restart at
1 each local day; a unique (day, number) constraint makes two receptionists at the same moment
get different numbers (the second retries with the next one).
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from core.coop_time import today
from core.db import utcnow
from core.i18n import _
from core.scheduling.errors import InvalidTransition, SchedulingError
from core.scheduling.extra_models import (PRIORITIES, ROUTINE, TICKET_CALLED, TICKET_DONE,
                                          TICKET_LEFT, TICKET_WAITING, WalkInTicket)


def add_ticket(db: Session, *, person=None, label: str = "", priority: int = ROUTINE,
               discipline: str | None = None, by=None) -> WalkInTicket:
    """Give an arriving person the next ticket of the day (a person record or a label)."""
    label = (label or "").strip()
    if person is None and not label:
        raise SchedulingError(_("Choose a person or write a name to call them by."),
                              field="label")
    if priority not in PRIORITIES:
        raise SchedulingError(_("Choose a priority."), field="priority")
    day = today()
    for _attempt in range(5):
        number = (db.scalar(select(func.max(WalkInTicket.number)).where(
            WalkInTicket.service_day == day)) or 0) + 1
        ticket = WalkInTicket(service_day=day, number=number, person=person, label=label,
                              priority=priority, discipline=discipline or None,
                              created_by_id=by.id if by is not None else None, arrived_at=utcnow())
        try:
            with db.begin_nested():
                db.add(ticket)
                db.flush()
            return ticket
        except IntegrityError:
            continue  # another desk took this number at the same moment
    raise SchedulingError(_("The queue is busy; please try again."))


def queue(db: Session, day: date | None = None) -> list[WalkInTicket]:
    """Today's open tickets: people waiting (by priority, then arrival), then those called."""
    rows = db.scalars(select(WalkInTicket).where(
        WalkInTicket.service_day == (day or today()),
        WalkInTicket.status.in_((TICKET_WAITING, TICKET_CALLED))))
    return sorted(rows, key=lambda t: (t.status != TICKET_WAITING, t.priority, t.arrived_at))


def closed_today(db: Session, day: date | None = None) -> list[WalkInTicket]:
    """Tickets of the day already seen or gone, most recent first."""
    return list(db.scalars(select(WalkInTicket).where(
        WalkInTicket.service_day == (day or today()),
        WalkInTicket.status.in_((TICKET_DONE, TICKET_LEFT))).order_by(
        WalkInTicket.closed_at.desc())))


def waiting_time(ticket: WalkInTicket, now: datetime | None = None) -> timedelta:
    """How long the person waited (until called) or has been waiting (until now)."""
    return (ticket.called_at or now or utcnow()) - ticket.arrived_at


def call(db: Session, ticket: WalkInTicket, by) -> WalkInTicket:
    """Call a waiting person: records when and by whom they were seen.

    A conditional update, so two practitioners pressing "call" at the same moment never both
    call the same person: the second one is told the person was already called.
    """
    claimed = db.execute(update(WalkInTicket).where(
        WalkInTicket.id == ticket.id, WalkInTicket.status == TICKET_WAITING
    ).values(status=TICKET_CALLED, called_at=utcnow(),
             called_by_id=by.id if by is not None else None).execution_options(
        synchronize_session=False)).rowcount
    db.refresh(ticket)
    if not claimed:
        raise InvalidTransition(_("This person has already been called."))
    return ticket


def call_next(db: Session, by, discipline: str | None = None) -> WalkInTicket | None:
    """Call the first person waiting (for ``discipline`` or anyone); None when nobody waits."""
    for ticket in queue(db):
        if ticket.status == TICKET_WAITING and (discipline is None or ticket.discipline in
                                                (None, discipline)):
            try:
                return call(db, ticket, by)
            except InvalidTransition:
                continue  # a colleague called this person a moment ago: the next one
    return None


def close(db: Session, ticket: WalkInTicket, outcome: str) -> WalkInTicket:
    """End a ticket: ``done`` (seen) or ``left`` (gone before being seen)."""
    if outcome not in (TICKET_DONE, TICKET_LEFT) or ticket.status not in (TICKET_WAITING,
                                                                            TICKET_CALLED):
        raise InvalidTransition()
    if outcome == TICKET_DONE and ticket.status != TICKET_CALLED:
        raise InvalidTransition(_("Call the person before marking them seen."))
    ticket.status = outcome
    ticket.closed_at = utcnow()
    db.flush()
    return ticket


def set_priority(db: Session, ticket: WalkInTicket, priority: int) -> None:
    """Re-triage a waiting person."""
    if priority not in PRIORITIES:
        raise SchedulingError(_("Choose a priority."), field="priority")
    if ticket.status != TICKET_WAITING:
        raise InvalidTransition()
    ticket.priority = priority
    db.flush()
