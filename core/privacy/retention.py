"""Retention per discipline, legal holds, and destruction under the privacy officer's approval.

Each discipline's plugin declares how long its records are kept after the last service (the
later of the discipline's last entry and the last appointment or group session the person
attended with one of its practitioners; ``register_retention_rules``); a discipline without a
rule keeps the coop's default. A chart written by several disciplines is kept until the longest period has passed. The daily job lists
the charts past retention (:class:`RetentionCandidate`); the privacy officer approves each
destruction, which deletes the chart's clinical rows (core's and every plugin's, through
``chart_destroyed``), appends one audit event and keeps a tombstone. A chart under legal hold
is never listed nor destroyed.

The audit trail is not touched by the destruction: its events hold ids, actions and form ids,
never what a chart said, and they are hash-chained and append-only (a PostgreSQL trigger refuses
DELETE); the destruction is one more event at the end of the chain, which the tombstone names.
The trail has its own retention, after the chart's: ``core.audit.purge``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import delete, func, select, update
from sqlalchemy.exc import IntegrityError

from core.audit.service import audit
from core.coop_time import local_day, today
from core.db import utcnow
from core.i18n import _
from core.identity.models import Person
from core.privacy.models import ChartDestruction, LegalHold, RetentionCandidate
from core.record.models import Action, Encounter, Entry, EntryShare, Finding, SummaryItem
from core.refusal import Refused
from core.registry import plugin_host
from core.specs import RetentionSpec

RETENTION_JOB = "core.retention"


class AlreadyDecided(Refused):
    """The chart was destroyed or dropped from the list since the page was drawn."""

    status = 409

#: the coop's policy for a discipline that declares no rule (disciplines.md §0.2)
DEFAULT = RetentionSpec("", 5, _("the coop's retention policy"), verified=False)


def rules() -> dict[str, RetentionSpec]:
    """Declared rules by discipline, from every installed plugin (records outlive activation)."""
    host = plugin_host()
    return {r.discipline: r for r in host.declarations("register_retention_rules",
                                                       active_only=False)}


def rule_text(discipline: str, rule: RetentionSpec) -> str:
    """How the tombstone and the officer's list name a rule (in the coop's words)."""
    from core.record.consent import discipline_name

    return str(_("%(discipline)s: %(years)s years after the last service (%(basis)s)",
                 discipline=discipline_name(discipline) if discipline else _("no discipline"),
                 years=rule.years, basis=rule.basis))[:300]


def add_years(day: date, years: int) -> date:
    """``day`` plus whole years (29 February becomes 28 February)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


@dataclass(frozen=True)
class Due:
    """When one chart may be destroyed, and the rule that keeps it longest."""

    person_id: int
    last_service_on: date
    due_on: date
    rule: str


def due_dates(session, person_ids: list[int] | None = None) -> dict[int, Due]:
    """Every chart's destruction date. The last service of a discipline is the later of its
    last entry and the last appointment or group session the person attended with a
    practitioner of it (an appointment with no discipline counts under the coop's default); each discipline's date
    plus its period, the latest wins. Only people with entries have a chart to destroy;
    ``person_ids`` limits the question to a few charts."""
    known = rules()
    entries, visits = _services(session, person_ids)
    last: dict[int, dict[str, date]] = {}
    for person_id, discipline, when in [*entries, *visits]:
        if when is None:
            continue
        days = last.setdefault(person_id, {})
        day = local_day(when)
        days[discipline or ""] = max(day, days.get(discipline or "", day))
    found: dict[int, Due] = {}
    for person_id in {row[0] for row in entries} & set(last):
        days = last[person_id]

        def due_of(discipline: str, days=days) -> date:
            return add_years(days[discipline], known.get(discipline, DEFAULT).years)

        longest = max(sorted(days), key=due_of)
        found[person_id] = Due(person_id, max(days.values()), due_of(longest),
                               rule_text(longest, known.get(longest, DEFAULT)))
    return found


def _services(session, person_ids) -> tuple[list, list]:
    """(person, discipline, newest moment) of the entries, and of the appointments attended
    (arrived or done; never a booking, a no-show or a cancellation) with the group sessions a
    practitioner led that the person attended."""
    from core.scheduling.models import ARRIVED, DONE, Appointment, GroupSeat, GroupSession, Resource

    entries = select(Entry.person_id, Entry.discipline, func.max(Entry.occurred_at)).group_by(
        Entry.person_id, Entry.discipline)
    visits = (select(Appointment.person_id, Resource.discipline, func.max(Appointment.starts_at))
              .outerjoin(Resource, Resource.id == Appointment.practitioner_id)
              .where(Appointment.status.in_((ARRIVED, DONE)), Appointment.starts_at <= utcnow())
              .group_by(Appointment.person_id, Resource.discipline))
    # a group session counts when a practitioner of a discipline led it (a vaccination clinic,
    # a psychoeducation group), never a community activity (a collective kitchen)
    groups = (select(GroupSeat.person_id, Resource.discipline, func.max(GroupSession.starts_at))
              .join(GroupSession, GroupSession.id == GroupSeat.group_session_id)
              .join(Resource, Resource.id == GroupSession.practitioner_id)
              .where(GroupSeat.attended.is_(True), GroupSession.cancelled.is_(False),
                     Resource.discipline.is_not(None), GroupSession.starts_at <= utcnow())
              .group_by(GroupSeat.person_id, Resource.discipline))
    if person_ids is not None:
        entries = entries.where(Entry.person_id.in_(person_ids))
        visits = visits.where(Appointment.person_id.in_(person_ids))
        groups = groups.where(GroupSeat.person_id.in_(person_ids))
    return (list(session.execute(entries)),
            [*session.execute(visits), *session.execute(groups)])


def held_ids(session) -> set[int]:
    """People whose chart is under legal hold now."""
    return set(session.scalars(select(LegalHold.person_id).where(LegalHold.lifted_at.is_(None))))


def active_hold(session, person_id: int) -> LegalHold | None:
    return session.scalar(select(LegalHold).where(LegalHold.person_id == person_id,
                                                  LegalHold.lifted_at.is_(None)))


def refresh_candidates(session, on: date | None = None) -> int:
    """List the charts past retention on ``on`` (today) that are not held; a chart listed
    earlier that is no longer due (new entry, hold) becomes ``stale``. Idempotent; returns how
    many charts were added."""
    on = on or today()
    held = held_ids(session)
    due = {p: d for p, d in due_dates(session).items() if d.due_on <= on and p not in held}
    pending = {c.person_id: c for c in session.scalars(
        select(RetentionCandidate).where(RetentionCandidate.status == "pending"))}
    for person_id, candidate in pending.items():
        if person_id not in due:
            candidate.status = "stale"
    added = 0
    for person_id, d in due.items():
        if person_id not in pending:
            session.add(RetentionCandidate(person_id=person_id, last_service_on=d.last_service_on,
                                           due_on=d.due_on, rule=d.rule))
            added += 1
    session.flush()
    return added


def run_retention_job(app) -> None:
    """The daily job: list the charts past retention for the privacy officer."""
    from core import db

    sess = db.session()
    refresh_candidates(sess)
    sess.commit()


def pending(session) -> list[RetentionCandidate]:
    """What the privacy officer has to decide, oldest due first."""
    return list(session.scalars(select(RetentionCandidate).where(
        RetentionCandidate.status == "pending").order_by(RetentionCandidate.due_on,
                                                         RetentionCandidate.id)))


def destroy(session, candidate: RetentionCandidate, *, by, on: date | None = None
            ) -> ChartDestruction:
    """Destroy the chart of ``candidate`` (the privacy officer approved it): every plugin's
    clinical rows, then core's, one audit event, one tombstone. Refused, changing nothing,
    for a chart under legal hold or no longer past retention."""
    on = on or today()
    if candidate.status != "pending":
        raise AlreadyDecided(_("This chart is no longer waiting for a decision."))
    person_id = candidate.person_id
    if active_hold(session, person_id) is not None:
        raise Refused(_("This chart is under legal hold: it cannot be destroyed until the hold "
                        "is lifted."))
    due = due_dates(session, [person_id]).get(person_id)
    if due is None or due.due_on > on:
        raise Refused(_("This chart is no longer past its retention period (an entry was "
                        "written since it was listed): it is kept."))
    rows: dict[str, int] = {}
    host = plugin_host()
    person = session.get(Person, person_id)
    try:
        for name, call in host.implementations("chart_destroyed", active_only=False):
            # not isolated: a plugin that fails cancels the destruction, never half a chart
            try:
                found = call(person=person, session=session) or {}
            except Exception as exc:
                host.record_fault(name, "chart_destroyed", exc)
                raise Refused(_("The chart could not be destroyed: the service %(name)s failed "
                                "to delete its rows. Nothing was deleted; tell the "
                                "administrator.", name=name)) from exc
            for table, count in found.items():
                rows[table] = rows.get(table, 0) + int(count)
        rows.update(_delete_core_rows(session, person_id))
    except IntegrityError as exc:
        raise Refused(_("The chart could not be destroyed: a service still keeps rows linked "
                        "to it. Nothing was deleted; tell the administrator.")) from exc
    event = audit(session, "chart.destroy", person_id=person_id, actor=by,
                  detail={"rule": due.rule, "due_on": due.due_on.isoformat(),
                          "rows": {k: v for k, v in rows.items() if v}}, now=True)
    tombstone = ChartDestruction(
        person_id=person_id, destroyed_at=utcnow(), destroyed_by_id=by.id if by else None,
        destroyed_by_label=by.display_name if by else "", rule=due.rule,
        last_service_on=due.last_service_on, due_on=due.due_on,
        rows={k: v for k, v in rows.items() if v}, audit_event_id=event.id)
    session.add(tombstone)
    candidate.status = "destroyed"
    session.flush()
    return tombstone


def _delete_core_rows(session, person_id: int) -> dict[str, int]:
    """Core's clinical rows about the person, children first (foreign keys)."""
    entry_ids = select(Entry.id).where(Entry.person_id == person_id).scalar_subquery()
    counts = {
        "record_entry_shares": session.execute(
            delete(EntryShare).where(EntryShare.entry_id.in_(entry_ids))).rowcount,
        "record_actions": session.execute(
            delete(Action).where(Action.person_id == person_id)).rowcount,
        "record_findings": session.execute(
            delete(Finding).where(Finding.person_id == person_id)).rowcount,
        "record_summary_items": session.execute(
            delete(SummaryItem).where(SummaryItem.person_id == person_id)).rowcount,
    }
    # amendments point at what they supersede: unlink the versions before deleting them
    session.execute(update(Entry).where(Entry.person_id == person_id)
                    .values(supersedes_id=None, root_id=None))
    counts["record_entries"] = session.execute(
        delete(Entry).where(Entry.person_id == person_id)).rowcount
    counts["record_encounters"] = session.execute(
        delete(Encounter).where(Encounter.person_id == person_id)).rowcount
    session.flush()
    return counts


def set_hold(session, person_id: int, reason: str, *, by) -> LegalHold:
    """Put a chart under legal hold (a reason is required; one hold at a time)."""
    reason = (reason or "").strip()
    if not reason:
        raise Refused(_("Say why the chart is held (the proceeding, the request)."), "reason")
    if len(reason) > 500:
        raise Refused(_("Enter at most %(n)s characters.", n=500), "reason")
    if active_hold(session, person_id) is not None:
        raise Refused(_("This chart is already under legal hold."), "reason")
    hold = LegalHold(person_id=person_id, reason=reason, set_at=utcnow(),
                     set_by_id=by.id if by else None)
    session.add(hold)
    for candidate in session.scalars(select(RetentionCandidate).where(
            RetentionCandidate.person_id == person_id, RetentionCandidate.status == "pending")):
        candidate.status = "stale"
    audit(session, "chart.hold", person_id=person_id, actor=by, purpose=reason)
    session.flush()
    return hold


def lift_hold(session, hold: LegalHold, reason: str, *, by) -> LegalHold:
    """Lift a legal hold, with the reason (the row stays as its history)."""
    reason = (reason or "").strip()
    if hold.lifted_at is not None:
        raise Refused(_("This hold was already lifted."), "lift_reason")
    if not reason:
        raise Refused(_("Say why the hold is lifted."), "lift_reason")
    if len(reason) > 500:
        raise Refused(_("Enter at most %(n)s characters.", n=500), "lift_reason")
    hold.lifted_at, hold.lifted_by_id, hold.lift_reason = utcnow(), by.id if by else None, reason
    audit(session, "chart.unhold", person_id=hold.person_id, actor=by, purpose=reason)
    session.flush()
    return hold


def holds(session) -> list[LegalHold]:
    """Holds in force, newest first."""
    return list(session.scalars(select(LegalHold).where(LegalHold.lifted_at.is_(None))
                                .order_by(LegalHold.id.desc())))


def tombstones(session, limit: int = 200) -> list[ChartDestruction]:
    """Destroyed charts, newest first."""
    return list(session.scalars(select(ChartDestruction).order_by(
        ChartDestruction.id.desc()).limit(limit)))
