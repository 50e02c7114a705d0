"""The everyday actions measured, as a browser performs them, and the inputs they draw from.

Inputs are read from the generated database once, before any timing: name fragments typed
the way people type them (no accents, any case), people who have a chart, practitioners and
days with bookings, free slots after everything already booked.
"""

from __future__ import annotations

import random
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from urllib.parse import quote
from zoneinfo import ZoneInfo

from sqlalchemy import func, select

from core.identity.models import Person
from core.record.models import Entry
from core.scheduling.models import Appointment, Occupancy, Resource

HOUSEHOLD = re.compile(r"/households/(\d+)")
PERSON = re.compile(r"/people/(\d+)")


def _plain(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


@dataclass
class Inputs:
    """What the operations work on (drawn from the data, never typed by hand)."""

    fragments: list = field(default_factory=list)
    chart_people: list = field(default_factory=list)
    agenda: list = field(default_factory=list)
    practitioner: int = 0
    type_code: str = ""
    slots: list = field(default_factory=list)
    book_people: list = field(default_factory=list)
    serial: int = 0
    zone: str = "America/Montreal"


def pick_inputs(session, *, type_code: str, discipline: str, count: int, seed: int = 9,
                tz: str = "America/Montreal") -> Inputs:
    """Inputs for ``count`` runs of each operation (booking after everything already held).

    Each action draws from a generator of its own, seeded from ``seed`` and its name, over rows
    read in a fixed order: the same database gives the same samples run after run (the chart's
    people no longer depend on how many draws the search fragments happened to take)."""
    def rng(action: str) -> random.Random:
        return random.Random(f"{seed}:{action}")

    found = Inputs(type_code=type_code, serial=rng("create_person").randrange(10**6), zone=tz)
    words = rng("search")
    ids = list(session.scalars(select(Person.id).order_by(Person.id)))
    chosen = words.sample(ids, min(count, len(ids)))
    names = dict((row[0], row[1:]) for row in session.execute(
        select(Person.id, Person.first_name, Person.last_name).where(Person.id.in_(chosen))))
    for person_id in chosen:
        first, last = names[person_id]
        word = words.choice((first, last)).split("-")[0]
        start = words.randrange(max(len(word) - 3, 0) + 1)
        piece = word[start:start + words.choice((3, 4, 5))]
        found.fragments.append(words.choice((_plain(piece).lower(), piece.upper(), piece)))
    found.chart_people = list(session.scalars(select(Entry.person_id).distinct()
                                              .order_by(Entry.person_id)))
    rng("chart").shuffle(found.chart_people)
    found.chart_people = found.chart_people[:count]
    found.book_people = found.chart_people[::-1]
    resource = session.scalar(select(Resource).where(Resource.discipline == discipline,
                                                     Resource.kind == "practitioner")
                              .order_by(Resource.id))
    found.practitioner = resource.id
    first = func.min(Appointment.starts_at)
    days = session.execute(
        select(first, Appointment.practitioner_id)
        .where(Appointment.practitioner_id.is_not(None))
        .group_by(Appointment.practitioner_id, func.date(Appointment.starts_at))
        .order_by(Appointment.practitioner_id, first)).all()
    days = rng("agenda").sample(days, min(count, len(days)))
    zone = ZoneInfo(tz)
    found.agenda = [(rid, start.astimezone(zone).date() if start.tzinfo else start.date())
                    for start, rid in days]
    last = session.scalar(select(func.max(Occupancy.ends_at))
                          .where(Occupancy.resource_id == resource.id))
    found.slots = _free_slots(last, count + 20, zone)
    return found


def _free_slots(after: datetime | None, count: int, zone) -> list[tuple[str, str]]:
    """(local date, HH:MM) half-hours on weekdays, from the day after ``after``."""
    day = max((after.astimezone(zone).date() if after else date.today()), date.today())
    slots = []
    while len(slots) < count:
        day += timedelta(days=1)
        if day.weekday() > 4:
            continue
        for minute in range(8 * 60, 16 * 60 + 30, 30):
            slots.append((day.isoformat(), time(minute // 60, minute % 60).strftime("%H:%M")))
    return slots[:count]


# --- the operations: each takes a client and the run number ----------------------------------

def create_person(client, inputs: Inputs, n: int) -> None:
    """Register a person in a new household, then open the household's membership."""
    inputs.serial += 1
    serial = inputs.serial
    answer = client.post("/people/new", {
        "first_name": "Éloïse", "last_name": f"Bénard-Test{serial}", "date_of_birth": "1984-03-09",
        "ramq": f"BENE{serial % 10**8:08d}", "language": "fr_CA", "new_household": "1",
        "household_name": f"Bénard {serial}", "phone": "514-555-0199"})
    person_id = PERSON.search(answer.location).group(1)
    page = client.get(f"/people/{person_id}", timed=False)
    household_id = HOUSEHOLD.search(page.body).group(1)
    client.post(f"/households/{household_id}/membership",
                {"started_on": date.today().isoformat(), "share_amount": "50.00"})


def search(client, inputs: Inputs, n: int) -> None:
    """Find people by a name fragment (the first 20, case and accents ignored)."""
    fragment = inputs.fragments[n % len(inputs.fragments)]
    client.get(f"/people?q={quote(fragment)}")


def chart(client, inputs: Inputs, n: int) -> None:
    """Open a chart: summary and timeline, access checks and the audit event of the read."""
    client.get(f"/people/{inputs.chart_people[n % len(inputs.chart_people)]}/chart")


def book(client, inputs: Inputs, n: int) -> None:
    """Book a visit with one practitioner at a free time (the overlap check runs every time)."""
    day, at = inputs.slots.pop(0)
    client.post("/schedule/book", {
        "type_code": inputs.type_code, "person_id": inputs.book_people[n % len(inputs.book_people)],
        "practitioner_id": inputs.practitioner, "date": day, "time": at})


def agenda(client, inputs: Inputs, n: int) -> None:
    """One practitioner's day: bookings in time order and the free half-hours."""
    resource, day = inputs.agenda[n % len(inputs.agenda)]
    client.get(f"/schedule/day?resource={resource}&date={day.isoformat()}")


def double_booking_refused(client, inputs: Inputs) -> bool:
    """Book a slot, then the same slot again for someone else: the second must be refused."""
    day, at = inputs.slots.pop(0)
    data = {"type_code": inputs.type_code, "practitioner_id": inputs.practitioner,
            "date": day, "time": at}
    client.post("/schedule/book", {**data, "person_id": inputs.book_people[0]}, timed=False)
    client.post("/schedule/book", {**data, "person_id": inputs.book_people[1]}, timed=False,
                expect=409)
    return True


OPERATIONS = {"create_person": create_person, "search": search, "chart": chart, "book": book,
              "agenda": agenda}
LABELS = {"create_person": "create person + household + membership",
          "search": "search by name fragment (20)", "chart": "open a chart",
          "book": "book an appointment", "agenda": "practitioner's day agenda",
          "report": "monthly activity report"}
