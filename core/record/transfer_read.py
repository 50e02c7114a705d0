"""Reading what another coop's record brought: imported entries, proposed summary lines.

Imported entries are read under the chart's rules (:mod:`core.record.policy`): the viewer must
be able to open the chart; a ``discipline`` entry is for that discipline (or an emergency
access); a discipline the person keeps out of their ``team`` entries does not see them.
The member reads, in their portal, the imported entries the origin let them read (its
``urn:soin-commun:member-visible`` tag, as our own ``member_visible``); without that tag, a form
known here decides as its own entries would, and any other resource is shown only at the normal
level (never a restricted one). An entry marked in error at the origin is never shown to them.
A proposed summary line becomes a line of the summary only when a practitioner confirms it.
"""

from __future__ import annotations

import copy
from datetime import datetime, timezone
from types import SimpleNamespace

from flask_babel import get_locale
from sqlalchemy import JSON, bindparam, delete, select
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import aliased
from sqlalchemy.sql.functions import FunctionElement

from core.audit.service import audit
from core.db import utcnow
from core.i18n import _
from core.record import fhir
from core.record.transfer_bundle import AlreadyDecided
from core.record.transfer_models import ImportedEntry, ImportProposal
from core.typography import NNBSP, is_french


def can_read_imported(access, row: ImportedEntry) -> bool:
    """May the staff viewer of ``access`` (a :class:`policy.ChartAccess`) read ``row``?"""
    if not access.can_open:
        return False
    if row.confidentiality == "discipline":
        return access.emergency or (bool(row.discipline) and row.discipline == access.discipline)
    return access.emergency or access.discipline not in access.restricted


def member_can_read_imported(row: ImportedEntry) -> bool:
    """May the person read ``row``, an imported entry about them, in their portal?"""
    from core.record.transfer_apply import form_of

    resource = row.resource or {}
    if resource.get("status") == "entered-in-error" or row.resource_type == "Encounter":
        return False
    tag = next((t for t in (resource.get("meta") or {}).get("tag") or []
                if t.get("system") == fhir.MEMBER_SYSTEM), None)
    if tag is not None:
        return tag.get("code") == "shown"
    spec = form_of(resource) if row.resource_type == "QuestionnaireResponse" else None
    if spec is not None:
        return bool(spec.member_visible)
    return row.confidentiality == "team"


def imported_title(row: ImportedEntry) -> str:
    """What an imported entry is, for its reader: the form's title in their language when the
    form exists here, else the title it came with, else "Entry from <its coop>" (never a form's
    bare id: an entry imported before this kept the id of a form unknown here as its title)."""
    from core.record.transfer_apply import carried_title, form_of

    resource = row.resource or {}
    if row.resource_type != "QuestionnaireResponse":
        return row.title or row.resource_type
    spec = form_of(resource)
    if spec is not None:
        return str(spec.title)
    ref = (resource.get("questionnaire") or "").removeprefix(f"{fhir.FORM_SYSTEM}:")
    stored = row.title if row.title != ref.partition("|")[0] else ""
    return carried_title(resource) or stored or str(
        _("Entry from %(coop)s", coop=row.origin_name or row.origin))


def member_imported_entries(session, person_id: int) -> list[ImportedEntry]:
    """The imported entries the person reads in their portal, newest first."""
    return [r for r in imported_entries(session, person_id) if member_can_read_imported(r)]


#: FHIR elements a reader has no use for (references, codes of the resource itself)
TECHNICAL = ("resourceType", "meta", "id", "subject", "patient", "encounter", "identifier",
             "text", "questionnaire", "status", "author", "recorder", "asserter", "performer",
             "informationSource", "basedOn", "partOf")
LABELS = {"code": _("What"), "medicationCodeableConcept": _("Medication"),
          "vaccineCode": _("Vaccine"), "valueQuantity": _("Result"), "valueString": _("Result"),
          "valueCodeableConcept": _("Result"), "valueBoolean": _("Result"),
          "valueInteger": _("Result"), "component": _("Results"), "note": _("Note"),
          "clinicalStatus": _("Status"), "dosage": _("Dose"), "category": _("Category"),
          "bodySite": _("Site"), "site": _("Site"), "interpretation": _("Interpretation"),
          "lotNumber": _("Lot number"), "doseQuantity": _("Dose"), "route": _("Route"),
          "reasonCode": _("Reason"), "severity": _("Severity"), "reaction": _("Reaction")}


def imported_rows(resource: dict) -> list[tuple[str, str]]:
    """(label, value) of an imported resource, in words: a form's questions and answers (a
    group's, however deep, one row each), or the elements a reader needs (what, result,
    note...), dates and references left out."""
    if resource.get("item"):
        return [row for item in resource["item"] for row in _item_rows(item)]
    rows = []
    for key, value in resource.items():
        if key in TECHNICAL or key.endswith(("DateTime", "Period", "Date")) or key in (
                "authored", "issued", "date", "period", "dateAsserted"):
            continue
        rows.append((str(LABELS.get(key, key)), imported_value(value)))
    return [(label, value) for label, value in rows if value]


def _item_rows(item: dict, group: str = "") -> list[tuple[str, str]]:
    """A form's item as rows: a question and its answers; a group's questions (and those
    another system nests under an answer) one row each, labelled with the groups they sit
    in ("Answers — fever"), since a row of the reader's page holds words, not a tree. A
    question's several answers are set apart by semicolons: their words (an OC's
    contraindications) often hold commas of their own."""
    label = " — ".join(filter(None, (group, item.get("text") or item.get("linkId", ""))))
    answers = item.get("answer") or []
    words = _apart().join(filter(None, (imported_value(v) for answer in answers
                                    for k, v in answer.items() if k != "item")))
    children = [*(item.get("item") or []), *(c for a in answers for c in a.get("item") or [])]
    rows = [(label, words)] if words or not children else []
    return rows + [row for child in children for row in _item_rows(child, label)]


def _apart() -> str:
    """What sets a question's answers apart: a semicolon, in French after a narrow no-break
    space (as the catalogs write it, :mod:`core.typography`)."""
    return f"{NNBSP}; " if is_french(get_locale()) else "; "


def imported_value(value) -> str:
    """A FHIR element in plain words (a coding's display, a quantity with its unit, a
    boolean as yes or no...)."""
    if isinstance(value, bool):
        return str(_("Yes") if value else _("No"))
    if isinstance(value, list):
        return ", ".join(filter(None, (imported_value(v) for v in value)))
    if not isinstance(value, dict):
        return str(value)
    if "value" in value and ("unit" in value or "code" in value):
        return f"{value['value']} {value.get('unit') or value.get('code', '')}".strip()
    for name in ("text", "display"):
        if value.get(name):
            return str(value[name])
    if "coding" in value:
        return imported_value(value["coding"])
    if "start" in value or "end" in value:
        return " – ".join(str(value.get(k, "")) for k in ("start", "end") if value.get(k))
    return ", ".join(filter(None, (imported_value(v) for k, v in value.items() if k != "system")))


def imported_entries(session, person_id: int, access=None) -> list[ImportedEntry]:
    """The person's imported entries, newest first; only those ``access`` may read (all of
    them for the command line, ``access`` None)."""
    rows = session.scalars(select(ImportedEntry).where(ImportedEntry.person_id == person_id)
                           .order_by(ImportedEntry.occurred_at.desc(), ImportedEntry.id)).all()
    return [r for r in rows if access is None or can_read_imported(access, r)]


class _JsonRows(FunctionElement):
    """A group's rows as one JSON array of objects, by column name (NULL or ``[]``: none)."""

    type = JSON()
    inherit_cache = True


@compiles(_JsonRows)
def _json_rows_elsewhere(element, compiler, **kw) -> str:
    def value(column) -> str:
        text = compiler.process(column, **kw)
        return f"json({text})" if isinstance(column.type, JSON) else text  # stored as text

    pairs = ",".join(f"'{column.name}',{value(column)}" for column in element.clauses)
    return f"json_group_array(json_object({pairs}))"


@compiles(_JsonRows, "postgresql")
def _json_rows_on_postgresql(element, compiler, **kw) -> str:
    """The alias's whole row: short, for the chart's statement (psycopg parses one over 4,096
    bytes again at every execution)."""
    return f"json_agg({next(iter(element.clauses)).table.name})"


_ENTRY, _PROPOSAL = aliased(ImportedEntry, name="ie"), aliased(ImportProposal, name="ip")
#: the chart panel's two questions (asked with the other panels', ``chart_panel_reads``): the
#: person's imported entries and proposed summary lines with what the panel shows of them, so
#: that the panel sends no statement of its own (a statement would be drawn again under a
#: savepoint); most people have none
PANEL_READS = {
    "record.imported_rows": select(_JsonRows(
        _ENTRY.id, _ENTRY.occurred_at, _ENTRY.author, _ENTRY.origin, _ENTRY.origin_name,
        _ENTRY.resource_type, _ENTRY.title, _ENTRY.discipline, _ENTRY.confidentiality,
        _ENTRY.resource)).where(_ENTRY.person_id == bindparam("person")).scalar_subquery(),
    "record.imported_proposals": select(_JsonRows(
        _PROPOSAL.id, _PROPOSAL.kind, _PROPOSAL.label, _PROPOSAL.code, _PROPOSAL.origin_name,
        _PROPOSAL.recorded_at)).where(_PROPOSAL.person_id == bindparam("person"),
                                      _PROPOSAL.state == "proposed").scalar_subquery()}


def panel_entries(answer: list | None) -> list[SimpleNamespace]:
    """The imported entries of ``PANEL_READS``' answer, in :func:`imported_entries`' order
    (newest first, undated first as PostgreSQL orders them, then by id)."""
    rows = sorted(_answered(answer, "occurred_at"), key=lambda row: row.id)
    return sorted(rows, key=lambda row: (row.occurred_at is None, row.occurred_at or _EARLIEST),
                  reverse=True)  # a stable sort: the ids stay in order among equal times


def panel_proposals(answer: list | None) -> list[SimpleNamespace]:
    """The proposed summary lines of ``PANEL_READS``' answer, in :func:`pending_proposals`'
    order."""
    return sorted(_answered(answer, "recorded_at"), key=lambda row: (row.kind, row.id))


_EARLIEST = datetime.min.replace(tzinfo=timezone.utc)


def _answered(answer: list | None, moment: str) -> list[SimpleNamespace]:
    """The rows of a JSON answer, their ``moment`` column an aware datetime (stored UTC)."""
    rows = []
    for values in answer or ():
        when = datetime.fromisoformat(values[moment]) if values[moment] is not None else None
        if when is not None and when.tzinfo is None:
            when = when.replace(tzinfo=timezone.utc)
        rows.append(SimpleNamespace(**{**values, moment: when}))
    return rows


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


def exported_resources(session, person_id: int, patient: str, access=None, rows=None):
    """(fullUrl, resource) of each imported entry to export again (``rows``, else those
    ``access`` may read), references pointing to this export's patient and to the imported
    visits they were filed under; each keeps the origin and author it arrived with."""
    from core.record.fhir import ref

    rows = imported_entries(session, person_id, access) if rows is None else rows
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
