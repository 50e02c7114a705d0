"""Demo rows for ``soin demo``: opening hours, rooms, today's clinic day, visits ahead, group
sessions, events, a queue."""

from __future__ import annotations

from datetime import time, timedelta

from sqlalchemy import select

from core.coop_time import today
from core.db import utcnow
from core.identity.models import Account, Practitioner
from core.scheduling import apptypes, events, groups, service, walkin
from core.scheduling.availability import (add_exception, add_window, create_room,
                                          resource_for_account)
from core.scheduling.demo_today import HOURS, clinic_day
from core.scheduling.errors import SchedulingError
from core.scheduling.timeutil import local_datetime

ROOMS = ("Salle 1", "Salle 2", "Cuisine communautaire")


def demo_data(session, rng, people) -> None:
    """Weekday hours for every practitioner, two weeks of visits and groups from tomorrow,
    public events, a walk-in queue, and today's clinic day (:mod:`core.scheduling.demo_today`:
    at fixed times, what has happened by now recorded as done)."""
    practitioners = []
    for account in session.scalars(select(Account).join(Practitioner)):
        resource = resource_for_account(session, account)
        for weekday in range(5):
            for starts, ends in HOURS:
                add_window(session, resource, weekday, starts, ends)
        practitioners.append(resource)
    rooms = [create_room(session, name) for name in ROOMS]
    start_day = today() + timedelta(days=1)
    add_exception(session, None, "holiday", start_day + timedelta(days=20), note="Journée pédagogique")
    _visits(session, rng, people, start_day)
    _group_sessions(session, rng, people, start_day, rooms[-1])
    _events(session, start_day)
    for label, priority in (("Jean", 3), ("Aïcha", 1), ("Pierre", 2)):
        walkin.add_ticket(session, label=label, priority=priority)
    clinic_day(session, people, utcnow())  # last, and with its own draws: the rest is unchanged


def _visits(session, rng, people, start_day) -> None:
    """Individual visits for the types of active services, skipping slots already taken."""
    for spec in (t for t in apptypes.declared_types() if t.capacity == 1):
        for _ in range(12):
            day = start_day + timedelta(days=rng.randrange(0, 14))
            at = local_datetime(day, time(rng.choice([9, 10, 11, 13, 14, 15, 16])))
            try:
                service.book(session, type_code=spec.code, start=at, person=rng.choice(people))
            except SchedulingError:
                continue  # closed that day or already booked: a real calendar has gaps too


def _group_sessions(session, rng, people, start_day, room) -> None:
    for spec in (t for t in apptypes.declared_types() if t.capacity > 1):
        for week in range(2):
            day = start_day + timedelta(days=7 * week + rng.randrange(0, 5))
            try:
                group = groups.create_group_session(session, type_code=spec.code, room=room,
                                                    start=local_datetime(day, time(18)))
            except SchedulingError:
                continue
            for person in rng.sample(people, min(len(people), spec.capacity + 2)):
                groups.sign_up(session, group, person)


def _events(session, start_day) -> None:
    saturday = start_day + timedelta(days=(5 - start_day.weekday()) % 7)
    events.save_event(session, {
        "title": "Marché solidaire", "location": "Parc des Faubourgs", "duration_minutes": 180,
        "description": "Fruits et légumes à prix solidaire, ouvert à toutes et à tous.",
        "starts_at": local_datetime(saturday, time(9)), "rrule": "FREQ=WEEKLY;BYDAY=SA;COUNT=20"})
    events.save_event(session, {
        "title": "Atelier : lire les étiquettes", "location": "Cuisine communautaire",
        "duration_minutes": 90, "starts_at": local_datetime(start_day + timedelta(days=3), time(18)),
        "rrule": "FREQ=MONTHLY;BYDAY=2TU;COUNT=6"})
