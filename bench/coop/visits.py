"""Five years of care for one generated person: appointments, visits, chart entries, audit.

Appointments are placed one after another in each practitioner's day (from 08:00 local), so no
two live bookings of a practitioner overlap and PostgreSQL's exclusion constraint on
``sched_occupancy`` accepts every hold. Cancelled visits hold nothing, as in the platform.
Every entry and every chart opening gets its audit event, chained by hash like the real ones.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from types import SimpleNamespace

from bench.coop.names import SUMMARY_ITEMS
from core.audit.service import HASHED, event_hash

DAY_START, DAY_END = 8 * 60, 17 * 60
OTHER_KINDS = ("walk_in", "phone", "home")


def _weekday(day: date) -> date:
    return day - timedelta(days=day.weekday() - 4) if day.weekday() > 4 else day


def audit(ctx, action: str, at: datetime, actor: dict, person_id: int, entry_id=None, detail=None):
    """One audit row, hash-chained to the previous one (same hash as ``core.audit.service``)."""
    row = {"id": ctx.take("audit_events"), "occurred_at": at, "actor_id": actor["account_id"],
           "actor_label": actor["name"], "actor_role": "practitioner",
           "discipline": actor["discipline"], "person_id": person_id, "entry_id": entry_id,
           "action": action, "outcome": "success", "purpose": "", "emergency": False,
           "break_glass_id": None, "source_address": "", "detail": detail,
           "prev_hash": ctx.last_hash}
    row["hash"] = event_hash(SimpleNamespace(**{k: row[k] for k in HASHED}))
    ctx.last_hash = row["hash"]
    ctx.writer.add("audit_events", row)


def _place(ctx, practitioners: list[dict], day: date, minutes: int):
    """(practitioner, local start minute) on ``day`` or a following weekday, or None."""
    rng = ctx.rng
    for attempt in range(12):
        who = rng.choice(practitioners)
        when = _weekday(day + timedelta(days=attempt // 3))
        key = (who["resource_id"], when)
        start = ctx.cursors.get(key, DAY_START) + rng.choice((0, 0, 0, 15, 30))
        if start + minutes <= DAY_END:
            ctx.cursors[key] = start + minutes
            return who, when, start
    return None


def appointment(ctx, person_id: int, discipline: str, day: date, status: str):
    """Book (in the past or the future) a visit; returns (appointment id, start, practitioner)."""
    code, duration = ctx.rng.choice(ctx.types[discipline])
    placed = _place(ctx, ctx.practitioners[discipline], day, int(duration.total_seconds() // 60))
    if placed is None:
        return None
    who, when, minute = placed
    start = ctx.local(when, minute)
    end = start + duration
    appointment_id = ctx.take("sched_appointments")
    booked_at = min(start - timedelta(days=ctx.rng.randint(1, 40)), ctx.now)
    changed = None if status == "booked" else start + duration
    ctx.writer.add("sched_appointments", {
        "id": appointment_id, "type_code": code, "person_id": person_id,
        "practitioner_id": who["resource_id"], "room_id": None, "starts_at": start, "ends_at": end,
        "status": status, "booked_by_id": None, "online": False, "created_at": booked_at,
        "arrived_at": start - timedelta(minutes=5) if status == "done" else None,
        "status_changed_at": changed})
    if status != "cancelled":
        ctx.writer.add("sched_occupancy", {"id": ctx.take("sched_occupancy"),
                                           "resource_id": who["resource_id"], "starts_at": start,
                                           "ends_at": end, "appointment_id": appointment_id})
    return appointment_id, start, end, who


def _visit_day(ctx, born: date) -> date:
    first = max(ctx.start, born)
    span = max((ctx.today - first).days - 1, 1)
    return first + timedelta(days=ctx.rng.randrange(span))


def person_history(ctx, person_id: int, born: date) -> None:
    """Every visit, entry, summary line and audit event of one person."""
    rng = ctx.rng
    for _n in range(round(rng.expovariate(1 / ctx.encounters_per_person))):
        discipline = rng.choices(ctx.disciplines, ctx.weights)[0]
        day = _visit_day(ctx, born)
        booked = None
        if ctx.types.get(discipline) and rng.random() < 0.55:
            booked = appointment(ctx, person_id, discipline, day, "done")
        if booked:
            appointment_id, start, end, who = booked
            kind = "visit"
        else:
            appointment_id, kind = None, rng.choice(OTHER_KINDS)
            who = rng.choice(ctx.practitioners[discipline])
            start = ctx.local(_weekday(day), rng.randrange(DAY_START, DAY_END - 30))
            end = start + timedelta(minutes=rng.choice((10, 20, 30)))
        _encounter(ctx, person_id, who, kind, start, end, appointment_id)
        if rng.random() < 0.16 and ctx.types.get(discipline):
            appointment(ctx, person_id, discipline, _visit_day(ctx, born),
                        rng.choice(("cancelled", "cancelled", "no_show")))
    if rng.random() < ctx.future_share:
        discipline = rng.choices(ctx.disciplines, ctx.weights)[0]
        if ctx.types.get(discipline):
            appointment(ctx, person_id, discipline, ctx.today + timedelta(days=rng.randint(1, 28)),
                        "booked")
    if rng.random() < 0.35:
        _summary(ctx, person_id)


def _encounter(ctx, person_id, who, kind, start, end, appointment_id) -> None:
    rng = ctx.rng
    encounter_id = ctx.take("record_encounters")
    ctx.writer.add("record_encounters", {
        "id": encounter_id, "person_id": person_id, "started_at": start, "ended_at": end,
        "kind": kind, "discipline": who["discipline"], "created_by_id": who["account_id"],
        "appointment_ref": appointment_id})
    audit(ctx, "chart.read", start, who, person_id)
    pools = ctx.pools[who["discipline"]]
    for index in range(rng.randint(1, 5)):
        pool = rng.choice(ctx.shared_pools if ctx.shared_pools and rng.random() < 0.08 else pools)
        at = start + timedelta(minutes=2 + 3 * index, seconds=rng.randrange(60))
        _entry(ctx, person_id, who, pool, encounter_id, at)


def _entry(ctx, person_id, who, pool, encounter_id, at) -> None:
    rng, spec = ctx.rng, pool.spec
    entry_id = ctx.take("record_entries")
    row = {"id": entry_id, "person_id": person_id, "author_id": who["account_id"],
           "discipline": who["discipline"], "form_id": spec.id, "form_version": spec.version,
           "payload": rng.choice(pool.payloads), "confidentiality": spec.confidentiality,
           "member_visible": spec.member_visible, "encounter_id": encounter_id,
           "created_at": at, "occurred_at": at, "status": "final", "reason": "",
           "supersedes_id": None, "root_id": None}
    ctx.writer.add("record_entries", row)
    detail = {"form_id": spec.id, "form_version": spec.version}
    audit(ctx, "entry.create", at, who, person_id, entry_id, detail)
    roll = rng.random()
    if roll < 0.02 or roll > 0.997:
        later = min(at + timedelta(days=rng.randint(0, 3), hours=1), ctx.now)
        status = "amended" if roll < 0.02 else "entered_in_error"
        new_id = ctx.take("record_entries")
        ctx.writer.add("record_entries", {
            **row, "id": new_id, "created_at": later, "status": status,
            "payload": rng.choice(pool.payloads) if status == "amended" else row["payload"],
            "reason": "Correction d'une valeur transcrite" if status == "amended"
            else "Inscrit au mauvais dossier", "supersedes_id": entry_id, "root_id": entry_id})
        audit(ctx, "entry.amend" if status == "amended" else "entry.error", later, who, person_id,
              new_id, detail)


def _summary(ctx, person_id: int) -> None:
    rng = ctx.rng
    who = rng.choice(ctx.practitioners[ctx.disciplines[0]])
    for _n in range(rng.randint(1, 3)):
        kind = rng.choice(("problem", "problem", "medication", "allergy"))
        at = ctx.local(_weekday(ctx.start + timedelta(days=rng.randrange(5 * 365))), 9 * 60)
        item_id = ctx.take("record_summary_items")
        ctx.writer.add("record_summary_items", {
            "id": item_id, "person_id": person_id, "kind": kind,
            "label": rng.choice(SUMMARY_ITEMS[kind]), "code": "", "natural_product": False,
            "detail": "", "since": at.date(), "entry_id": None,
            "recorded_by_id": who["account_id"], "recorded_at": at})
        audit(ctx, "summary.add", at, who, person_id, detail={"kind": kind, "item_id": item_id})


def local_moment(tz, day: date, minute: int) -> datetime:
    """``minute`` after local midnight of ``day``, as an aware UTC datetime."""
    from datetime import timezone

    return datetime.combine(day, time(minute // 60, minute % 60), tzinfo=tz).astimezone(timezone.utc)
