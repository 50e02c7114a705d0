"""Reading what another coop's record brought: imported entries, proposed summary lines.

Imported entries are read under the chart's rules (:mod:`core.record.policy`): the viewer must
be able to open the chart; a ``discipline`` entry is for that discipline (or an emergency
access); a discipline the person keeps out of their ``team`` entries does not see them.
A proposed summary line becomes a line of the summary only when a practitioner confirms it.
"""

from __future__ import annotations

import copy

from sqlalchemy import bindparam, delete, exists, select

from core.audit.service import audit
from core.db import utcnow
from core.record.transfer_bundle import AlreadyDecided
from core.record.transfer_models import ImportedEntry, ImportProposal


def can_read_imported(access, row: ImportedEntry) -> bool:
    """May the staff viewer of ``access`` (a :class:`policy.ChartAccess`) read ``row``?"""
    if not access.can_open:
        return False
    if row.confidentiality == "discipline":
        return access.emergency or (bool(row.discipline) and row.discipline == access.discipline)
    return access.emergency or access.discipline not in access.restricted


def imported_entries(session, person_id: int, access=None) -> list[ImportedEntry]:
    """The person's imported entries, newest first; only those ``access`` may read (all of
    them for the command line, ``access`` None)."""
    rows = session.scalars(select(ImportedEntry).where(ImportedEntry.person_id == person_id)
                           .order_by(ImportedEntry.occurred_at.desc(), ImportedEntry.id)).all()
    return [r for r in rows if access is None or can_read_imported(access, r)]


def has_imports(session, person_id: int) -> tuple[bool, bool]:
    """(any imported entry, any pending proposal) for the person, in one statement: most
    people have neither, and every chart asks."""
    row = session.execute(_HAS_IMPORTS, {"person": person_id}).one()
    return bool(row[0]), bool(row[1])


_HAS_IMPORTS = select(
    exists().where(ImportedEntry.person_id == bindparam("person")),
    exists().where(ImportProposal.person_id == bindparam("person"),
                   ImportProposal.state == "proposed"))


def pending_proposals(session, person_id: int) -> list[ImportProposal]:
    return list(session.scalars(select(ImportProposal).where(
        ImportProposal.person_id == person_id, ImportProposal.state == "proposed")
        .order_by(ImportProposal.kind, ImportProposal.id)))


def decide_proposal(session, proposal: ImportProposal, *, confirm: bool, actor) -> None:
    """Confirm (the line joins the summary, with its origin's dates) or decline (no commit)."""
    from core.record.summary import add_summary_item

    if proposal.state != "proposed":
        raise AlreadyDecided()
    proposal.state = "confirmed" if confirm else "declined"
    proposal.decided_at, proposal.decided_by_id = utcnow(), actor.id
    if confirm:
        item = add_summary_item(session, person_id=proposal.person_id, kind=proposal.kind,
                                label=proposal.label, code=proposal.code, author=actor,
                                natural_product=proposal.natural_product, since=proposal.since,
                                detail=proposal.origin_name)
        if proposal.recorded_at:  # recorded then, at the origin: the summary keeps that date
            item.recorded_at = proposal.recorded_at
        proposal.summary_item_id = item.id
    session.flush()
    audit(session, "record.import.confirm" if confirm else "record.import.decline",
          person_id=proposal.person_id, actor=actor,
          detail={"proposal_id": proposal.id, "kind": proposal.kind})


def exported_resources(session, person_id: int, patient: str, access=None):
    """(fullUrl, resource) of each imported entry to export again, references pointing to
    this export's patient and to the imported visits they were filed under."""
    from core.record.fhir import ref

    rows = imported_entries(session, person_id, access)
    urls = {r.full_url: ref("ImportedEntry", r.id) for r in rows if r.full_url}
    for row in sorted(rows, key=lambda r: r.id):
        resource = copy.deepcopy(row.resource)
        for name in ("subject", "patient"):
            if name in resource:
                resource[name] = {"reference": patient}
        if "encounter" in resource:
            target = urls.get((resource["encounter"] or {}).get("reference", ""))
            if target:
                resource["encounter"] = {"reference": target}
            else:
                resource.pop("encounter")
        yield ref("ImportedEntry", row.id), resource


def destroy_imported(session, person_id: int) -> dict[str, int]:
    """Delete the person's imported entries and proposed lines (chart destruction, approved by
    the privacy officer past retention); the imports' log keeps who and when, not content."""
    return {"record_imported_entries": session.execute(
                delete(ImportedEntry).where(ImportedEntry.person_id == person_id)).rowcount,
            "record_import_proposals": session.execute(
                delete(ImportProposal).where(ImportProposal.person_id == person_id)).rowcount}
