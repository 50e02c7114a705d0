"""The demo's clinic day: today's visits, laid out the same whatever the hour ``soin demo`` runs.

Visits used to begin tomorrow, so on the day the demo was loaded the desk's and the
practitioners' agenda was empty. Each practitioner now sees people today at fixed times
(:data:`SLOTS`), and what already happened is decided by comparing each visit with ``now``
(:func:`status_at`): ended, the person was seen (one did not come); under way or about to
begin, they arrived; later, they are booked. The day's visits are thus the same at any hour,
only their statuses move, and a test passes two fixed ``now`` to see it.

Visits still to come are booked (:func:`core.scheduling.service.book`); the others are
recorded as they happened (:func:`core.scheduling.service.record_visit`): the booking rules
people meet are untouched, and both hold the practitioner, so no one is in two visits at once.
"""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta

from core.coop_time import local_day
from core.scheduling import apptypes, service
from core.scheduling.availability import add_window, resources
from core.scheduling.models import ARRIVED, BOOKED, DONE, NO_SHOW, PRACTITIONER, Appointment
from core.scheduling.timeutil import local_datetime

#: each practitioner's visits of the day, local time, every other practitioner's half an hour
#: later (:data:`LATER`); a type that would run past noon or closing is replaced by a shorter
#: one of the same practitioner, or the slot left free
SLOTS = (time(9), time(10, 30), time(13), time(14, 30), time(16))
LATER = timedelta(minutes=30)
#: the demo's opening hours, weekdays (:func:`core.scheduling.demo.demo_data`)
HOURS = ((time(9), time(12)), (time(13), time(17)))
#: a person is in the waiting room this long before their time (and a booking this close to
#: now could be refused as past by the time it is written)
EARLY = timedelta(minutes=10)
#: the visit whose person did not come, once it has ended: (practitioner's place, slot's place)
ABSENT = (1, 1)


def clinic_day(session, people, now: datetime) -> list[Appointment]:
    """Today's visits (the coop's day of ``now``), in the order written, for every practitioner
    of a discipline offering individual visits: the same visits and people at any hour, their
    statuses as :func:`status_at` says at ``now``. A practitioner closed that weekday (the
    demo loaded on a weekend) opens it: a coop trying Soin commun on a Saturday sees a clinic
    day too."""
    if not people:
        return []
    day = local_day(now)
    offered = _individual_types()
    # its own draws, not the demo's (the rest of the demo stays as it was); a person once in
    # the day while there are people enough, so no one is with two practitioners at once
    who = random.Random(day.toordinal()).sample(people, len(people))
    visits: list[Appointment] = []
    practitioners = [r for r in resources(session, PRACTITIONER) if r.discipline in offered]
    for place, resource in enumerate(practitioners):
        _open_on(session, resource, day)
        for slot_place, (slot, spec) in enumerate(plan(offered[resource.discipline],
                                                       later=place % 2 == 1)):
            start = local_datetime(day, slot)
            status = status_at(start, start + spec.duration, now,
                               absent=(place, slot_place) == ABSENT)
            visit = dict(type_code=spec.code, start=start, person=who[len(visits) % len(who)],
                         practitioner=resource)
            visits.append(service.book(session, **visit) if status == BOOKED
                          else service.record_visit(session, status=status, now=now, **visit))
    return visits


def status_at(start: datetime, end: datetime, now: datetime, absent: bool = False) -> str:
    """What a visit of [start, end) is at ``now``: seen (did not come when ``absent``) once
    ended, arrived from a little before its start (:data:`EARLY`), else booked."""
    if end <= now:
        return NO_SHOW if absent else DONE
    if start - EARLY <= now:
        return ARRIVED
    return BOOKED


def plan(types: list, later: bool = False) -> list[tuple[time, object]]:
    """(start, type) of a practitioner's visits: each slot of :data:`SLOTS` (:data:`LATER`
    when ``later``) with the next of ``types`` in turn, or the first after it that ends by
    noon (morning) or closing."""
    out = []
    shift = LATER if later else timedelta(0)
    for place, slot in enumerate(SLOTS):
        starts = datetime.combine(date.min, slot) + shift
        closing = next(datetime.combine(date.min, ends) for opens, ends in HOURS
                       if opens <= slot < ends)
        turn = types[place % len(types):] + types[:place % len(types)]
        fits = [t for t in turn if starts + t.duration <= closing]
        if fits:
            out.append((starts.time(), fits[0]))
    return out


def _individual_types() -> dict[str, list]:
    """The active individual types by discipline, each list by code (not by title, which
    the language sorts differently: the day is the same in any language)."""
    offered: dict[str, list] = {}
    for spec in sorted(apptypes.declared_types(), key=lambda s: s.code):
        if spec.capacity == 1 and spec.discipline:
            offered.setdefault(spec.discipline, []).append(spec)
    return offered


def _open_on(session, resource, day: date) -> None:
    """Open ``resource`` on ``day``'s weekday with the demo's hours when it is closed then."""
    if not any(w.weekday == day.weekday() for w in resource.availability):
        for starts, ends in HOURS:
            add_window(session, resource, day.weekday(), starts, ends)
