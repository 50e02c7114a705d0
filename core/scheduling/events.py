"""Recurring community events (markets, workshops, days of action): public, no personal data.

A recurrence is an RFC 5545 RRULE expanded by python-dateutil in *local wall-clock time*, then
converted to UTC occurrence by occurrence: the Saturday market stays at 9:00 before and after a
daylight-saving change.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

from sqlalchemy import select
from sqlalchemy.orm import Session

from core.coop_time import coop_zone, to_local
from core.i18n import _
from core.scheduling.errors import SchedulingError
from core.scheduling.extra_models import CommunityEvent

#: recurrence parts we accept (the rest of RFC 5545 is not needed by a coop's calendar)
ALLOWED_PARTS = {"FREQ", "INTERVAL", "COUNT", "UNTIL", "BYDAY", "BYMONTHDAY", "BYMONTH",
                 "BYSETPOS", "WKST"}


@dataclass(frozen=True)
class Occurrence:
    """One occurrence of an event, for the public page."""

    event: CommunityEvent
    starts_at: datetime
    ends_at: datetime


def check_rrule(text: str) -> str:
    """A normalised RRULE body (``FREQ=WEEKLY;BYDAY=SA``), or a field error."""
    # python-dateutil is loaded by the events' pages and feeds, not by every start
    from dateutil.rrule import rrulestr

    text = (text or "").strip().upper()
    if text.startswith("RRULE:"):
        text = text[6:]
    if not text:
        return ""
    parts = {p.split("=", 1)[0] for p in text.split(";") if p}
    if not parts <= ALLOWED_PARTS or "FREQ" not in parts:
        raise SchedulingError(_("This repetition rule is not valid."), field="rrule")
    try:
        rrulestr(f"RRULE:{text}", dtstart=datetime(2000, 1, 1))
    except (ValueError, TypeError) as exc:
        raise SchedulingError(_("This repetition rule is not valid."), field="rrule") from exc
    return text


def save_event(db: Session, data: dict, event: CommunityEvent | None = None) -> CommunityEvent:
    """Create or update an event from validated data (title, starts_at aware, duration...)."""
    rule = check_rrule(data.get("rrule", ""))
    if event is None:
        event = CommunityEvent(uid=f"{uuid.uuid4()}@soin-commun")
        db.add(event)
    event.title = data["title"].strip()
    event.description = (data.get("description") or "").strip()
    event.location = (data.get("location") or "").strip()
    event.starts_at = data["starts_at"].astimezone(timezone.utc)
    event.duration_minutes = data["duration_minutes"]
    event.rrule = rule
    event.published = data.get("published", True)
    db.flush()
    return event


def occurrences(event: CommunityEvent, start: datetime, end: datetime) -> list[Occurrence]:
    """Occurrences of ``event`` starting in [start, end) (aware UTC)."""
    from dateutil.rrule import rrulestr

    zone = coop_zone()
    duration = timedelta(minutes=event.duration_minutes)
    first_local = to_local(event.starts_at).replace(tzinfo=None)
    if not event.rrule:
        starts = [event.starts_at] if start <= event.starts_at < end else []
    else:
        rule = rrulestr(f"RRULE:{event.rrule}", dtstart=first_local)
        lo = to_local(start).replace(tzinfo=None) - timedelta(days=1)
        hi = to_local(end).replace(tzinfo=None) + timedelta(days=1)
        starts = [local.replace(tzinfo=zone).astimezone(timezone.utc)
                  for local in rule.between(lo, hi, inc=True)]
        starts = [s for s in starts if start <= s < end]
    return [Occurrence(event, s, s + duration) for s in starts]


def upcoming(db: Session, start: datetime, days: int = 60,
             published_only: bool = True) -> list[Occurrence]:
    """Every occurrence of every event in the next ``days`` days, in time order."""
    end = start + timedelta(days=days)
    query = select(CommunityEvent).where(CommunityEvent.starts_at < end)
    if published_only:
        query = query.where(CommunityEvent.published.is_(True))
    found = [occ for event in db.scalars(query) for occ in occurrences(event, start, end)]
    return sorted(found, key=lambda o: (o.starts_at, o.event.title))


def all_events(db: Session) -> list[CommunityEvent]:
    """Every event, for coordinators."""
    return list(db.scalars(select(CommunityEvent).order_by(CommunityEvent.starts_at.desc())))
