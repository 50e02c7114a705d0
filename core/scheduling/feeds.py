"""iCalendar feeds: the public events feed and each practitioner's private feed.

A private feed lives at a secret URL (``/calendar/<token>.ics``) so calendar apps can
subscribe without signing in. Only the token's SHA-256 is stored; issuing a new token revokes
the old one, and revoking leaves none. Because a subscribed calendar is copied to services we do
not control, a private feed says *what kind* of visit and when, never who: the person's name
stays behind the sign-in (each event links to the appointment page).
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta, timezone
from typing import TYPE_CHECKING

from flask import current_app, url_for
from sqlalchemy import select
from sqlalchemy.orm import Session

from core.coop_time import coop_zone, to_local
from core.db import utcnow
from core.scheduling.apptypes import type_title
from core.scheduling.extra_models import CommunityEvent
from core.scheduling.models import CANCELLED, Appointment, GroupSession, Resource

if TYPE_CHECKING:
    from icalendar import Calendar, Event, vRecur

PAST, FUTURE = timedelta(days=30), timedelta(days=365)


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def issue_token(db: Session, resource: Resource) -> str:
    """A new secret feed token for ``resource`` (shown once; the previous one stops working)."""
    token = secrets.token_urlsafe(32)
    resource.feed_token_hash = _digest(token)
    db.flush()
    return token


def revoke_token(db: Session, resource: Resource) -> None:
    """Stop the private feed of ``resource``."""
    resource.feed_token_hash = None
    db.flush()


def resource_for_token(db: Session, token: str) -> Resource | None:
    """The active resource whose feed token this is, or None."""
    if not token or len(token) > 100:
        return None
    return db.scalar(select(Resource).where(Resource.feed_token_hash == _digest(token),
                                            Resource.active.is_(True)))


def _calendar(name: str) -> Calendar:
    # icalendar is imported when a feed is first asked for: it cost every worker 40 ms of CPU
    # at start-up, for a page calendar applications fetch now and then
    from icalendar import Calendar

    cal = Calendar()
    cal.add("prodid", "-//Soin commun//Scheduling//FR")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", str(coop_zone()))
    return cal


def _event(uid: str, summary: str, start: datetime, end: datetime, **extra) -> Event:
    from icalendar import Event

    event = Event()
    event.add("uid", uid)
    event.add("dtstamp", utcnow())
    event.add("dtstart", to_local(start))
    event.add("dtend", to_local(end))
    event.add("summary", summary)
    for key, value in extra.items():
        if value:
            event.add(key, value)
    return event


def practitioner_feed(db: Session, resource: Resource) -> bytes:
    """The private feed of one practitioner or room: visits and group sessions, no names."""
    now = utcnow()
    cal = _calendar(f"{current_app.config['SOIN_COOP_NAME']} · {resource.name}")
    visits = db.scalars(select(Appointment).where(
        (Appointment.practitioner_id == resource.id) | (Appointment.room_id == resource.id),
        Appointment.status != CANCELLED, Appointment.starts_at >= now - PAST,
        Appointment.starts_at <= now + FUTURE).order_by(Appointment.starts_at))
    for visit in visits:
        cal.add_component(_event(
            f"appointment-{visit.id}@soin-commun", type_title(visit.type_code), visit.starts_at,
            visit.ends_at, url=url_for("scheduling.appointment", appointment_id=visit.id,
                                       _external=True),
            location=visit.room.name if visit.room else ""))
    groups = db.scalars(select(GroupSession).where(
        (GroupSession.practitioner_id == resource.id) | (GroupSession.room_id == resource.id),
        GroupSession.cancelled.is_(False), GroupSession.starts_at >= now - PAST,
        GroupSession.starts_at <= now + FUTURE))
    for group in groups:
        cal.add_component(_event(f"group-{group.id}@soin-commun", group.title, group.starts_at,
                                 group.ends_at, location=group.room.name if group.room else ""))
    cal.add_missing_timezones()
    return cal.to_ical()


def public_feed(db: Session) -> bytes:
    """The public community events, with their recurrence rules."""
    cal = _calendar(current_app.config["SOIN_COOP_NAME"])
    for item in db.scalars(select(CommunityEvent).where(CommunityEvent.published.is_(True))):
        event = _event(item.uid, item.title, item.starts_at,
                       item.starts_at + timedelta(minutes=item.duration_minutes),
                       description=item.description, location=item.location)
        if item.rrule:
            from icalendar import vRecur

            event.add("rrule", _utc_until(vRecur.from_ical(item.rrule)))
        cal.add_component(event)
    cal.add_missing_timezones()
    return cal.to_ical()


def _utc_until(rule: vRecur) -> vRecur:
    """RFC 5545: with a zoned DTSTART, UNTIL must be in UTC (a date means the local day's end)."""
    until = rule.get("UNTIL")
    if until:
        value = until[0]
        if not isinstance(value, datetime):
            value = datetime.combine(value, datetime.max.time())
        if value.tzinfo is None:
            value = value.replace(tzinfo=coop_zone())
        rule["UNTIL"] = [value.astimezone(timezone.utc).replace(microsecond=0)]
    return rule
