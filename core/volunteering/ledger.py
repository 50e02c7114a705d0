"""The hours ledger: hours given per person, program and month, confirmed by the coordination,
and the recognition the coop grants for them.

Only confirmed hours are in the ledger. A past sign-up waits for the coordinator, who confirms
its hours (the shift's length unless they say otherwise) or records that the person did not
come; hours given outside a shift are recorded directly.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from core.coop_time import local_day, today
from core.db import utcnow
from core.i18n import _, ngettext, plural_number
from core.identity.models import Person
from core.volunteering.models import (CONFIRMED, NO_SHOW, RECOGNITIONS, HoursEntry, Recognition,
                                      ShiftSignup, VolunteerShift)
from core.volunteering.programs import programs
from core.volunteering.service import VolunteeringError
from core.volunteering.wording import hours as written_hours

MAX_DAY = Decimal("24")


def to_confirm(db: Session) -> list[ShiftSignup]:
    """Sign-ups of shifts already over whose hours nobody confirmed yet, oldest first."""
    confirmed = select(HoursEntry.signup_id).where(HoursEntry.signup_id.is_not(None))
    return list(db.scalars(select(ShiftSignup).join(VolunteerShift).where(
        ShiftSignup.status == CONFIRMED, VolunteerShift.cancelled.is_(False),
        VolunteerShift.ends_at <= utcnow(), ShiftSignup.id.not_in(confirmed))
        .order_by(VolunteerShift.starts_at, ShiftSignup.id)))


def _hours(value, most: Decimal = MAX_DAY) -> Decimal:
    try:
        hours = Decimal(str(value).replace(",", ".")).quantize(Decimal("0.01"))
    except ArithmeticError as exc:
        raise VolunteeringError(_("Give a number of hours."), "hours") from exc
    if not hours.is_finite() or not Decimal("0") < hours <= most:
        raise VolunteeringError(_("Hours are more than 0 and at most %(most)s.", most=most),
                                "hours")
    return hours


def confirm_hours(db: Session, signup: ShiftSignup, by, hours=None, note: str = "") -> HoursEntry:
    """Confirm the hours of a sign-up (the shift's length unless ``hours`` says otherwise)."""
    shift = signup.shift
    if signup.status != CONFIRMED:
        raise VolunteeringError(_("This person was not on the shift."), "hours")
    if shift.ends_at > utcnow():
        raise VolunteeringError(_("Hours are confirmed once the shift is over."), "hours")
    if db.scalar(select(HoursEntry.id).where(HoursEntry.signup_id == signup.id)):
        raise VolunteeringError(_("These hours are already confirmed."), "hours")
    entry = HoursEntry(person_id=signup.person_id, program=shift.program,
                       worked_on=local_day(shift.starts_at),
                       hours=_hours(shift.hours if hours in (None, "") else hours),
                       signup_id=signup.id, note=(note or "")[:300],
                       confirmed_by_id=by.id if by else None, confirmed_at=utcnow())
    db.add(entry)
    db.flush()
    return entry


def mark_no_show(db: Session, signup: ShiftSignup) -> None:
    """The person did not come: no hours, and the sign-up leaves the list to confirm."""
    if signup.status != CONFIRMED or signup.shift.ends_at > utcnow():
        raise VolunteeringError(_("Only a past shift's volunteer can be marked absent."))
    if db.scalar(select(HoursEntry.id).where(HoursEntry.signup_id == signup.id)):
        raise VolunteeringError(_("These hours are already confirmed."))
    signup.status = NO_SHOW
    db.flush()


def record_hours(db: Session, person: Person, program: str, worked_on: date, hours, by,
                 note: str = "") -> HoursEntry:
    """Hours given outside a published shift, confirmed by ``by`` as they are recorded."""
    if program not in programs(active_only=False):
        raise VolunteeringError(_("Choose a program."), "program")
    if worked_on > today():
        raise VolunteeringError(_("Hours are recorded once they are done."), "worked_on")
    entry = HoursEntry(person_id=person.id, program=program, worked_on=worked_on,
                       hours=_hours(hours), note=(note or "")[:300],
                       confirmed_by_id=by.id if by else None, confirmed_at=utcnow())
    db.add(entry)
    db.flush()
    return entry


def hours_by_program(db: Session, start: date, end: date) -> dict[str, Decimal]:
    """Confirmed hours per program from ``start`` to ``end`` (both included)."""
    rows = db.execute(select(HoursEntry.program, func.sum(HoursEntry.hours)).where(
        HoursEntry.worked_on >= start, HoursEntry.worked_on <= end).group_by(HoursEntry.program))
    return {program: Decimal(total or 0).quantize(Decimal("0.01")) for program, total in rows}


def monthly(db: Session, start: date, end: date, person_id: int | None = None
            ) -> dict[tuple[str, str], Decimal]:
    """Confirmed hours by (``YYYY-MM``, program), for one person when ``person_id`` is given."""
    stmt = select(HoursEntry.worked_on, HoursEntry.program, HoursEntry.hours).where(
        HoursEntry.worked_on >= start, HoursEntry.worked_on <= end)
    if person_id is not None:
        stmt = stmt.where(HoursEntry.person_id == person_id)
    totals: dict[tuple[str, str], Decimal] = defaultdict(Decimal)
    for worked_on, program, hours in db.execute(stmt):
        totals[(f"{worked_on:%Y-%m}", program)] += Decimal(hours)
    return dict(sorted(totals.items()))


def year_total(db: Session, person_id: int, year: int) -> Decimal:
    """A person's confirmed hours in calendar ``year``."""
    total = db.scalar(select(func.sum(HoursEntry.hours)).where(
        HoursEntry.person_id == person_id, HoursEntry.worked_on >= date(year, 1, 1),
        HoursEntry.worked_on <= date(year, 12, 31)))
    return Decimal(total or 0).quantize(Decimal("0.01"))


def recognised(db: Session, person_id: int, year: int) -> Decimal:
    total = db.scalar(select(func.sum(Recognition.hours)).where(
        Recognition.person_id == person_id, Recognition.year == year))
    return Decimal(total or 0).quantize(Decimal("0.01"))


def recognise(db: Session, person: Person, year: int, kind: str, hours, by,
              note: str = "") -> Recognition:
    """Record hours the coop recognises as it decided (credited against the annual dues, the
    market's solidarity tier...): never more than the year's confirmed hours not yet
    recognised."""
    if kind not in RECOGNITIONS:
        raise VolunteeringError(_("Choose what the hours are recognised as."), "kind")
    if kind == "other" and not (note or "").strip():
        raise VolunteeringError(_("Say what the hours are recognised as."), "note")
    hours = _hours(hours, Decimal("2000"))
    left = year_total(db, person.id, year) - recognised(db, person.id, year)
    if hours > left:
        raise VolunteeringError(_left_to_recognise(left, year), "hours")
    row = Recognition(person_id=person.id, year=year, kind=kind, hours=hours,
                      note=(note or "").strip()[:300], recorded_by_id=by.id if by else None)
    db.add(row)
    db.flush()
    return row


def _left_to_recognise(left: Decimal, year: int) -> str:
    """Why more hours cannot be recognised: "Only 1 confirmed hour of 2026 is left to
    recognise." (was "1.00 confirmed hours"), or none at all."""
    if left <= 0:
        return str(_("No confirmed hours of %(year)s are left to recognise.", year=year))
    return ngettext("Only %(left)s confirmed hour of %(year)s is left to recognise.",
                    "Only %(left)s confirmed hours of %(year)s are left to recognise.",
                    plural_number(left), left=written_hours(left), year=year)


def recognitions_of(db: Session, person_id: int) -> list[Recognition]:
    return list(db.scalars(select(Recognition).where(Recognition.person_id == person_id)
                           .order_by(Recognition.year.desc(), Recognition.id)))
