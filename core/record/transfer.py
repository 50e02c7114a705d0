"""Bringing in a record another coop (or another system) exported as a FHIR R4 Bundle.

:func:`read_bundle` checks the file (JSON, a Bundle, valid FHIR R4 with ``fhir.resources``,
about one person) and refuses it with a translated reason before anything is written.
:func:`start_import` then finds who it is about: the person a previous import of the same
patient went to, or the one whose RAMQ number and birth date agree; someone who only looks
alike (same birth date and name) is never taken silently: the import waits in the privacy
officer's review list (:func:`resolve`). The writing itself is in :mod:`core.record.transfer_apply`.
Services never commit: the command or the page commits once, so a failure leaves nothing.
"""

from __future__ import annotations

import hashlib
from datetime import date

from sqlalchemy import or_, select, update

from core.audit.service import audit
from core.db import utcnow
from core.i18n import _
from core.identity.models import Person, name_key
from core.record.transfer_apply import apply_bundle
from core.record.transfer_bundle import (AlreadyDecided, BundleRefused, key, origin_of,
                                         patient_entry, person_details, read_bundle, source_of)
from core.record.transfer_models import RecordImport
from core.refusal import Refused

__all__ = ["AlreadyDecided", "BundleRefused", "start_import", "resolve", "candidates_for"]

def _birth(details: dict) -> date | None:
    try:
        return date.fromisoformat(details["date_of_birth"]) if details.get("date_of_birth") else None
    except ValueError:
        return None


def candidates_for(session, details: dict) -> tuple[Person | None, list[Person]]:
    """(the person it surely is, or None; the people it could be, for a human to decide).

    Sure: the same RAMQ number with the same birth date and family name. Could be: the same
    RAMQ number otherwise, or the same birth date and one of the names, unless both have a
    RAMQ number and they differ (two numbers are two people).
    """
    born = _birth(details)
    ramq = details.get("ramq")
    if ramq:
        same = session.scalar(select(Person).where(Person.ramq == ramq))
        if same is not None:
            agrees = (same.date_of_birth in (None, born)
                      and name_key(same.last_name) == name_key(details["last_name"]))
            return (same, []) if agrees else (None, [same])
    if born is None:
        return None, []
    alike = session.scalars(select(Person).where(
        Person.date_of_birth == born, Person.merged_into_id.is_(None),
        or_(Person.search_name.contains(name_key(details["last_name"])),
            Person.search_name.contains(name_key(details["first_name"]))))
        .order_by(Person.id)).all()
    folded = {name_key(details["first_name"]), name_key(details["last_name"])}
    return None, [p for p in alike
                  if (name_key(p.first_name) in folded or name_key(p.last_name) in folded)
                  and not (ramq and p.ramq and p.ramq != ramq)][:10]


def start_import(session, raw: bytes | str, *, actor=None) -> RecordImport:
    """Read ``raw``, find its person and import it, or put it on the review list (no commit).

    Returns the :class:`RecordImport`: ``state`` "done" (``person``, ``counts``) or "review"
    (the privacy officer decides who it is about). The same file while it waits for review
    returns the waiting import instead of a second one.
    """
    bundle = read_bundle(raw)
    digest = hashlib.sha256(raw if isinstance(raw, bytes) else raw.encode()).hexdigest()
    waiting = session.scalar(select(RecordImport).where(RecordImport.bundle_hash == digest,
                                                        RecordImport.state == "review"))
    if waiting is not None:
        return waiting
    origin, origin_name = origin_of(bundle)
    entry = patient_entry(bundle)
    details = person_details(entry["resource"])
    batch = RecordImport(created_by_id=actor.id if actor else None, origin=origin,
                         origin_name=origin_name, bundle_hash=digest, created_at=utcnow(),
                         patient_key=key(source_of(entry, origin)), patient=details,
                         candidates=[], counts={}, how="", state="review")
    session.add(batch)
    person = _linked_before(session, batch.patient_key)
    how = "matched"
    if person is None:
        person, alike = candidates_for(session, details)
        if person is None and alike:
            batch.candidates, batch.bundle = [p.id for p in alike], bundle
            session.flush()
            audit(session, "record.import.review", actor=actor,
                  detail={"import_id": batch.id, "origin": origin, "candidates": batch.candidates})
            return batch
        if person is None:
            person, how = _new_person(session, details), "created"
    apply_bundle(session, batch, person, bundle, how=how, actor=actor)
    return batch


def _linked_before(session, patient_key: str) -> Person | None:
    """The person an earlier import of the same patient went to (followed through merges)."""
    person_id = session.scalar(select(RecordImport.person_id).where(
        RecordImport.patient_key == patient_key, RecordImport.state == "done",
        RecordImport.person_id.is_not(None)).order_by(RecordImport.id.desc()).limit(1))
    person = session.get(Person, person_id) if person_id else None
    while person is not None and person.merged_into_id:
        person = session.get(Person, person.merged_into_id)
    return person


def _new_person(session, details: dict) -> Person:
    from core.identity.service import create_household, register_person

    data = {**details, "date_of_birth": _birth(details)}
    household = create_household(session, {"name": details["last_name"]})
    return register_person(session, data, household)


def resolve(session, batch: RecordImport, *, choice: str, actor) -> RecordImport:
    """The privacy officer's decision on an import waiting for review (no commit).

    ``choice``: the id of one of the candidates (the same person), ``"new"`` (someone else:
    a new person is registered) or ``"reject"`` (nothing is imported). Refused when the
    import is no longer waiting or the choice is not one of its candidates.
    """
    # claimed with one conditional write: of two officers deciding at once, one wins
    claimed = session.execute(update(RecordImport).where(
        RecordImport.id == batch.id, RecordImport.state == "review",
        RecordImport.decided_at.is_(None)).values(decided_at=utcnow(), decided_by_id=actor.id))
    if claimed.rowcount != 1:
        raise AlreadyDecided(field="choice")
    session.refresh(batch)
    if choice == "reject":
        batch.state, batch.bundle = "rejected", None
        audit(session, "record.import.reject", actor=actor, detail={"import_id": batch.id})
        return batch
    if choice == "new":
        person, how = _new_person(session, batch.patient), "new"
    elif choice.isdigit() and int(choice) in batch.candidates:
        person, how = session.get(Person, int(choice)), "chosen"
    else:
        raise Refused(_("Choose one of the people listed, a new person, or reject the import."),
                      field="choice")
    bundle = batch.bundle
    apply_bundle(session, batch, person, bundle, how=how, actor=actor)
    return batch
