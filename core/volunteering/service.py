"""Volunteering rules: profiles and the undertaking, publishing shifts, signing up.

Functions act inside the caller's transaction and never commit; a :class:`VolunteeringError`
(a :class:`core.refusal.Refused`) means nothing of the action should be kept.

A shift is never over-filled: a place is taken only by the conditional update ``taken =
taken + 1 WHERE taken < needed`` (atomic on both databases), after the shift's row is locked
(``SELECT ... FOR UPDATE`` on PostgreSQL; SQLite's BEGIN IMMEDIATE serialises writers), and a
CHECK constraint refuses ``taken > needed`` whatever happens.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from flask import current_app
from sqlalchemy import delete, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from core.coop_time import today
from core.db import utcnow
from core.i18n import _
from core.identity.models import Person
from core.refusal import Refused
from core.scheduling.extra_models import OUTBOX_PENDING, OutboxMessage
from core.volunteering.models import (ACCOMPANIMENTS, CANCELLED, CONFIRMED, ShiftSignup,
                                      VolunteerProfile, VolunteerShift)
from core.volunteering.programs import programs

#: the version of the confidentiality undertaking's text in force (a coop that rewrites its text
#: sets SOIN_VOLUNTEER_UNDERTAKING; everyone signs again before a shift with personal information)
UNDERTAKING_VERSION = "2026-1"
ACCOMPANIMENT = "core.accompaniment"


class VolunteeringError(Refused):
    """A volunteering rule refused the action (nothing is kept)."""


class ShiftFull(VolunteeringError):
    status = 409
    default = _("This shift has all the people it needs.")


class UndertakingMissing(VolunteeringError):
    default = _("This shift touches personal information: it needs the confidentiality "
                "undertaking, signed in its current version.")


def current_undertaking() -> str:
    """The version of the undertaking's text every volunteer must have signed."""
    return str(current_app.config.get("SOIN_VOLUNTEER_UNDERTAKING") or UNDERTAKING_VERSION)


# --- profiles -------------------------------------------------------------------------------


def profile_of(db: Session, person_id: int) -> VolunteerProfile:
    """The person's profile; a transient empty one (not added) when they have none yet."""
    return db.get(VolunteerProfile, person_id) or VolunteerProfile(
        person_id=person_id, likes="", skills="", availability="", languages="", trainings=[],
        undertaking_version="", reminders=True)


def save_profile(db: Session, person: Person, data: dict) -> VolunteerProfile:
    """Record what the person likes, can do, when and in which languages."""
    profile = db.get(VolunteerProfile, person.id) or profile_of(db, person.id)
    for key in ("likes", "skills", "availability", "languages", "reminders"):
        if key in data:
            setattr(profile, key, data[key])
    if "trainings" in data:
        profile.trainings = sorted({t.strip() for t in data["trainings"] if t.strip()})
    db.add(profile)
    db.flush()
    return profile


def sign_undertaking(db: Session, person: Person, signed_on: date | None = None,
                     version: str | None = None) -> VolunteerProfile:
    """Record that the person signed the confidentiality undertaking (the current text unless
    ``version`` says which one they signed, on paper for instance)."""
    signed_on = signed_on or today()
    if signed_on > today():
        raise VolunteeringError(_("The undertaking cannot be signed in the future."),
                                "signed_on")
    profile = db.get(VolunteerProfile, person.id) or profile_of(db, person.id)
    profile.undertaking_signed_on = signed_on
    profile.undertaking_version = (version or current_undertaking()).strip()[:20]
    db.add(profile)
    db.flush()
    return profile


def has_current_undertaking(db: Session, person_id: int) -> bool:
    """Has the person signed the undertaking's current text?"""
    profile = db.get(VolunteerProfile, person_id)
    return (profile is not None and profile.undertaking_signed_on is not None
            and profile.undertaking_version == current_undertaking())


# --- shifts ---------------------------------------------------------------------------------


def publish_shift(db: Session, *, program: str, title: str, starts_at: datetime,
                  ends_at: datetime, needed: int = 1, place: str = "", description: str = "",
                  training: str = "", personal_info: bool = False, source: str = "",
                  by=None, appointment=None, accompaniment: str = "") -> VolunteerShift:
    """Publish a shift of a declared ``program`` needing ``needed`` people.

    ``personal_info``: the shift touches personal information (reception, accompaniment); only
    volunteers with a current signed undertaking get it. ``source`` is the publisher's own
    reference to find its shifts again (``shifts_for``). ``by`` is the account publishing.
    """
    # an inactive service's program is still known (its plugin may tidy its own shifts);
    # members only see shifts of active programs
    if program not in programs(active_only=False):
        raise VolunteeringError(_("Choose a program."), "program")
    if not (title or "").strip():
        raise VolunteeringError(_("Say what the shift is."), "title")
    if ends_at <= starts_at:
        raise VolunteeringError(_("The shift must end after it starts."), "ends_at")
    if ends_at - starts_at > timedelta(hours=24):
        raise VolunteeringError(_("A shift lasts at most 24 hours."), "ends_at")
    if not 1 <= needed <= 500:
        raise VolunteeringError(_("A shift needs from 1 to 500 people."), "needed")
    if accompaniment and accompaniment not in ACCOMPANIMENTS:
        raise VolunteeringError(_("Choose what the person needs."), "accompaniment")
    shift = VolunteerShift(
        program=program, title=title.strip()[:200], starts_at=starts_at, ends_at=ends_at,
        needed=needed, taken=0, place=(place or "").strip()[:300],
        description=(description or "").strip(), training=(training or "").strip()[:120],
        personal_info=bool(personal_info or appointment is not None), source=source[:120],
        appointment_id=appointment.id if appointment is not None else None,
        accompaniment=accompaniment, cancelled=False, created_by_id=by.id if by else None)
    db.add(shift)
    db.flush()
    return shift


def shifts_for(db: Session, *, source: str | None = None, program: str | None = None,
               start: datetime | None = None, end: datetime | None = None,
               include_cancelled: bool = False) -> list[VolunteerShift]:
    """Shifts by time, filtered by the publisher's ``source``, ``program`` and period."""
    stmt = select(VolunteerShift).order_by(VolunteerShift.starts_at, VolunteerShift.id)
    if source is not None:
        stmt = stmt.where(VolunteerShift.source == source)
    if program is not None:
        stmt = stmt.where(VolunteerShift.program == program)
    if start is not None:
        stmt = stmt.where(VolunteerShift.ends_at > start)
    if end is not None:
        stmt = stmt.where(VolunteerShift.starts_at < end)
    if not include_cancelled:
        stmt = stmt.where(VolunteerShift.cancelled.is_(False))
    return list(db.scalars(stmt))


def open_shifts(db: Session, now: datetime | None = None) -> list[VolunteerShift]:
    """Shifts still to come that need people, of active programs, soonest first."""
    now = now or utcnow()
    return list(db.scalars(select(VolunteerShift).where(
        VolunteerShift.cancelled.is_(False), VolunteerShift.starts_at > now,
        VolunteerShift.program.in_(list(programs())),
        VolunteerShift.taken < VolunteerShift.needed).order_by(VolunteerShift.starts_at)))


def cancel_shift(db: Session, shift: VolunteerShift) -> None:
    """Call a shift off: its volunteers are released and their reminders withdrawn."""
    _lock(db, shift)
    if shift.cancelled:
        raise VolunteeringError(_("This shift is already called off."))
    shift.cancelled = True
    for signup in shift.signups:
        if signup.status == CONFIRMED:
            signup.status, signup.cancelled_at = CANCELLED, utcnow()
            withdraw_reminder(db, signup)
    shift.taken = 0
    db.flush()


# --- signing up -----------------------------------------------------------------------------


def check_may_take(db: Session, shift: VolunteerShift, person_id: int,
                   after_the_fact: bool = False) -> None:
    """Refuse when the person may not take the shift: the undertaking for personal
    information, the training asked for, a shift over (unless recorded ``after_the_fact``) or
    called off."""
    if shift.cancelled or (shift.starts_at <= utcnow() and not after_the_fact):
        raise VolunteeringError(_("Sign-up for this shift is closed."))
    if shift.personal_info and not has_current_undertaking(db, person_id):
        raise UndertakingMissing(field="person")
    if shift.training and shift.training not in (profile_of(db, person_id).trainings or []):
        raise VolunteeringError(_("This shift asks for the training “%(training)s”.",
                                  training=shift.training), "person")
    if shift.appointment_id is not None and shift.appointment.person_id == person_id:
        raise VolunteeringError(_("Someone cannot accompany themselves."), "person")


def sign_up(db: Session, shift: VolunteerShift, person, *,
            after_the_fact: bool = False) -> ShiftSignup:
    """Put ``person`` (a Person or id) on the shift: first come, first served, never over-filled.

    Raises :class:`ShiftFull` when every place is taken, :class:`UndertakingMissing` when the
    shift touches personal information and the person has not signed the current undertaking.
    ``after_the_fact``: a coordinator records who did a shift already held (members never can).
    """
    person_id = person if isinstance(person, int) else person.id
    if db.get(Person, person_id) is None:
        raise VolunteeringError(_("Choose a person."), "person")
    _lock(db, shift)
    check_may_take(db, shift, person_id, after_the_fact)
    signup = db.scalar(select(ShiftSignup).where(ShiftSignup.shift_id == shift.id,
                                                 ShiftSignup.person_id == person_id))
    if signup is not None and signup.status == CONFIRMED:
        raise VolunteeringError(_("Already signed up for this shift."), "person")
    if not _take_place(db, shift):
        raise ShiftFull(field="person")
    try:
        with db.begin_nested():
            if signup is None:
                signup = ShiftSignup(shift_id=shift.id, person_id=person_id)
                db.add(signup)
            signup.status, signup.created_at, signup.cancelled_at = CONFIRMED, utcnow(), None
            db.flush()
    except IntegrityError as exc:  # the same person twice at the same instant
        give_back_place(db, shift)
        raise VolunteeringError(_("Already signed up for this shift."), "person") from exc
    return signup


def cancel_signup(db: Session, signup: ShiftSignup) -> None:
    """The volunteer cannot come: their place is free again (a shift already over stays)."""
    shift = signup.shift
    _lock(db, shift)
    db.refresh(signup)
    if signup.status != CONFIRMED:
        raise VolunteeringError(_("This sign-up is already cancelled."))
    if shift.starts_at <= utcnow():
        raise VolunteeringError(_("This shift has started; tell the coordinator instead."))
    signup.status, signup.cancelled_at = CANCELLED, utcnow()
    give_back_place(db, shift)
    withdraw_reminder(db, signup)
    db.flush()


def swap(db: Session, signup: ShiftSignup, other: VolunteerShift) -> ShiftSignup:
    """Move a volunteer from their shift to ``other`` in one step: either both happen, or
    (``other`` full, not allowed) the volunteer keeps their place."""
    if other.id == signup.shift_id:
        raise VolunteeringError(_("Choose another shift."), "shift")
    person_id = signup.person_id
    cancel_signup(db, signup)
    return sign_up(db, other, person_id)


def signups_of(db: Session, person_id: int) -> list[ShiftSignup]:
    """A person's confirmed sign-ups, by shift time."""
    return list(db.scalars(select(ShiftSignup).join(VolunteerShift).where(
        ShiftSignup.person_id == person_id, ShiftSignup.status == CONFIRMED,
        VolunteerShift.cancelled.is_(False)).order_by(VolunteerShift.starts_at)))


def coming_signups(db: Session, person_id: int, now: datetime | None = None) -> list[ShiftSignup]:
    """A person's confirmed sign-ups to shifts not over yet, by shift time (their portal page,
    their home)."""
    return list(db.scalars(select(ShiftSignup).join(VolunteerShift).where(
        ShiftSignup.person_id == person_id, ShiftSignup.status == CONFIRMED,
        VolunteerShift.cancelled.is_(False), VolunteerShift.ends_at > (now or utcnow()))
        .order_by(VolunteerShift.starts_at)))


def withdraw_reminder(db: Session, signup: ShiftSignup) -> None:
    """Forget the reminder of a sign-up not sent yet."""
    db.execute(delete(OutboxMessage).where(
        OutboxMessage.key.startswith(f"volunteer:{signup.id}:", autoescape=True),
        OutboxMessage.status == OUTBOX_PENDING).execution_options(synchronize_session=False))


def _lock(db: Session, shift: VolunteerShift) -> None:
    db.execute(select(VolunteerShift.id).where(VolunteerShift.id == shift.id).with_for_update())
    db.refresh(shift)


def _take_place(db: Session, shift: VolunteerShift) -> bool:
    result = db.execute(update(VolunteerShift).where(
        VolunteerShift.id == shift.id, VolunteerShift.taken < VolunteerShift.needed
    ).values(taken=VolunteerShift.taken + 1).execution_options(synchronize_session=False))
    db.expire(shift, ["taken"])
    return result.rowcount == 1


def give_back_place(db: Session, shift: VolunteerShift) -> None:
    """One place of ``shift`` free again (a cancellation, or two sign-ups merged into one)."""
    db.execute(update(VolunteerShift).where(VolunteerShift.id == shift.id).values(
        taken=VolunteerShift.taken - 1).execution_options(synchronize_session=False))
    db.expire(shift, ["taken"])
