"""Exporting a person's record: a FHIR R4 Bundle and a CSV, for the member or for staff.

The Bundle is for another system to read; the CSV is for a person to read in a spreadsheet:
its header and its cells are words in the reader's language, not codes (:func:`export_csv`).

What leaves is what the reader may read (the member: their visible entries; staff: what the
policy allows; the command line: everything except sealed entries). Every export is audited.
"""

from __future__ import annotations

import io

from sqlalchemy import select

from core.audit.service import audit
from core.i18n import _
from core.identity.models import Account
from core.plugins import CORE
from core.record import fhir, rendering
from core.record.consent import consent_rules, discipline_name
from core.record.forms import form_version
from core.record.models import STATUSES, Encounter, SummaryItem
from core.record.service import entries_for
from core.record.summary import summary_kind_name, summary_value
from core.registry import plugin_host
from core.spreadsheet import BOM, SpreadsheetWriter, spreadsheet_moment


def entries_to_export(session, person, viewer):
    if viewer is None:
        return [e for e in entries_for(session, person.id) if e.confidentiality != "sealed"]
    return entries_for(session, person.id, viewer=viewer)


def appointments(session, person_id: int) -> list:
    """The person's appointments, when the scheduling area provides them."""
    try:
        from core.scheduling.service import appointments_for_person
    except ImportError:
        return []
    return appointments_for_person(session, person_id)


def _mappings() -> dict:
    host = plugin_host()
    return {m.form_id: (m, host.owner_of("register_fhir_mappings", m.form_id, "form_id") or "core")
            for m in host.declarations("register_fhir_mappings", active_only=False)}


def build_bundle(session, person, viewer=None) -> tuple[dict, fhir.BundleBuilder]:
    """The Bundle (Patient, Encounter, QuestionnaireResponse and plugins' resources, Condition,
    MedicationStatement, AllergyIntolerance, Observation, Consent, Appointment)."""
    builder = fhir.BundleBuilder(person)
    builder.add(builder.patient, fhir.patient_resource(person))
    entries = entries_to_export(session, person, viewer)
    encounter_ids = sorted({e.encounter_id for e in entries if e.encounter_id})
    for encounter in session.execute(select(Encounter).where(Encounter.id.in_(encounter_ids))).scalars():
        builder.add(fhir.ref("Encounter", encounter.id),
                    fhir.encounter_resource(encounter, builder.patient))
    mappings = _mappings()
    member_reads = _member_reads(session, person)
    for entry in entries:
        shown = member_reads(entry)
        builder.add(fhir.ref("Entry", entry.id),
                    fhir.questionnaire_response(entry, builder.patient, shown))
        if entry.form_id in mappings:
            mapping, owner = mappings[entry.form_id]
            _add_mapped(builder, mapping, owner, entry, person, shown)
    for url, resource in _imported(session, person, viewer, builder.patient):
        builder.add(url, resource)
    items = session.execute(select(SummaryItem).where(SummaryItem.person_id == person.id)
                            .order_by(SummaryItem.id)).scalars().all()
    names = _names(session, {i.recorded_by_id for i in items})
    origins = line_origins(session, person.id)
    for item in items:
        builder.add(fhir.ref("SummaryItem", item.id), fhir.summary_resources(
            item, builder.patient, names.get(item.recorded_by_id, ""), origins.get(item.id)))
    for rule in consent_rules(session, person.id, include_revoked=True):
        builder.add(fhir.ref("Consent", rule.id), fhir.consent_resource(rule, builder.patient))
    for appointment in appointments(session, person.id):
        builder.add(fhir.ref("Appointment", appointment.id),
                    fhir.appointment_resource(appointment, builder.patient))
    return builder.bundle(), builder


def _names(session, ids) -> dict[int, str]:
    ids = {i for i in ids if i is not None}
    return dict(session.execute(select(Account.id, Account.display_name).where(
        Account.id.in_(ids))).all()) if ids else {}


def line_origins(session, person_id: int) -> dict[int, fhir.Origin]:
    """Summary lines confirmed from another coop's record, by line id: where each was first
    written and by whom (a proposal from before its source was kept: the import's origin)."""
    from core.record.transfer_models import ImportProposal, RecordImport

    found = session.execute(select(ImportProposal, RecordImport.origin).join(
        RecordImport, RecordImport.id == ImportProposal.import_id).where(
        ImportProposal.person_id == person_id, ImportProposal.state == "confirmed",
        ImportProposal.summary_item_id.is_not(None)))
    out = {}
    for proposal, batch_origin in found:
        code = proposal.origin or batch_origin
        out[proposal.summary_item_id] = fhir.Origin(
            proposal.source or f"{code}#{proposal.source_key}", code, proposal.origin_name,
            proposal.author)
    return out


def _imported(session, person, viewer, patient):
    """What other coops' records brought, as it came (see :func:`imported_for`)."""
    from core.record.transfer_read import exported_resources

    return exported_resources(session, person.id, patient,
                              rows=imported_for(session, person, viewer))


def imported_for(session, person, viewer) -> list:
    """The imported entries an export holds: staff, what they may read; the member, what
    their portal shows them (``transfer_read.member_can_read_imported``); the command line,
    all of them."""
    from core.record.policy import chart_access
    from core.record.transfer_read import imported_entries, member_imported_entries

    if viewer is None:
        return imported_entries(session, person.id)
    if viewer.person_id == person.id:
        return member_imported_entries(session, person.id)
    return imported_entries(session, person.id, chart_access(session, viewer, person.id))


def _member_reads(session, person):
    """Whether the person reads an entry in their portal now (its ``member_visible``, its level,
    and plugins' ``member_read`` checks such as a psychologist's access delay): the word the
    export carries, so the receiving coop shows them no more than this one does."""
    from types import SimpleNamespace

    from core.record.policy import ChartAccess

    account = session.scalar(select(Account).where(Account.person_id == person.id).limit(1))
    reader = account or SimpleNamespace(id=None, person_id=person.id, practitioner=None,
                                        role_codes={"member"}, roles=[])
    return ChartAccess(reader, person.id, is_self=True).member_can_read


def _add_mapped(builder, mapping, owner, entry, person, shown: bool | None = None) -> None:
    host = plugin_host()
    try:
        resources = list(mapping.to_resources(entry, person) or [])
    except Exception as exc:  # a broken mapping costs its resources, not the export
        host.record_fault(owner, "register_fhir_mappings", exc)
        return
    for n, resource in enumerate(resources):
        if entry.encounter_id and "encounter" not in resource and resource.get("resourceType") in (
                "Observation", "Condition", "Procedure", "QuestionnaireResponse"):
            resource["encounter"] = {"reference": fhir.ref("Encounter", entry.encounter_id)}
        _carry_entry_meta(resource, entry, shown)
        builder.add(fhir.ref(f"Entry/{entry.id}/mapped", n), resource, owner=owner)


def _carry_entry_meta(resource: dict, entry, shown: bool | None = None) -> None:
    """A resource a plugin maps from an entry carries the entry's level, discipline and
    portal visibility, as the entry's own QuestionnaireResponse does (the receiving coop
    would otherwise show a discipline's observation to the whole team, or to the member)."""
    meta = resource.setdefault("meta", {})
    wanted = fhir.entry_meta(entry.discipline, entry.confidentiality,
                             entry.member_visible if shown is None else shown)
    meta.setdefault("security", wanted["security"])
    have = {t.get("system") for t in meta.get("tag", [])}
    meta["tag"] = [*meta.get("tag", []), *(t for t in wanted.get("tag", [])
                                          if t["system"] not in have)]
    if not meta["tag"]:
        meta.pop("tag")


def export_fhir(session, person, *, viewer=None, purpose: str = "") -> dict:
    """The audited FHIR export (no commit)."""
    bundle, builder = build_bundle(session, person, viewer)
    audit(session, "chart.export", person_id=person.id, actor=viewer, purpose=purpose,
          detail={"format": "fhir", "resources": len(builder.items),
                  "rejected": len(builder.rejected)})
    return bundle


#: the CSV's header, in the reader's language (a spreadsheet shows it as the columns' names)
CSV_HEADER = (_("Part of the record"), _("No."), _("Date"), _("What"), _("Discipline"),
              _("Author"), _("Status"), _("Field"), _("Value"))


def export_csv(session, person, *, viewer=None, purpose: str = "") -> str:
    """The same record as CSV, one row per field (entries), item or appointment; audited.

    People read it in a spreadsheet, nothing reads it back (FHIR is the export a machine
    reads): its header and what it says of each row (which part of the record, the discipline,
    the status, an appointment's type...) are in the reader's words, in the request's language
    (``soin export``: the coop's). Dates stay ISO 8601 ("2026-01-05T10:30:00-05:00"): a
    spreadsheet sorts them in time order and reads them as dates in either language."""
    out = io.StringIO()
    writer = SpreadsheetWriter(out)  # no cell runs as a formula in a spreadsheet
    writer.writerow([str(word) for word in CSV_HEADER])
    entries = entries_to_export(session, person, viewer)
    names = dict(session.execute(select(Account.id, Account.display_name).where(
        Account.id.in_({e.author_id for e in entries} or {0}))).all())
    part, statuses = str(_("Chart entry")), _entry_statuses()
    for entry in entries:
        spec = form_version(entry.form_id, entry.form_version)
        title = str(spec.title) if spec else entry.form_id
        for label, value in rendering.display_rows(spec, entry.payload):
            writer.writerow((part, entry.id, _when(entry.occurred_at), title,
                             _discipline(entry.discipline), names.get(entry.author_id, ""),
                             statuses.get(entry.status, entry.status), label, value))
    _write_summary(writer, session, person)
    _write_imported(writer, imported_for(session, person, viewer))
    _write_appointments(writer, appointments(session, person.id))
    portability = viewer is None or viewer.person_id == person.id
    if portability:
        _write_plugin_data(writer, session, person)
    audit(session, "chart.export", person_id=person.id, actor=viewer, purpose=purpose,
          detail={"format": "csv", "plugin_data": portability})
    return out.getvalue()


def _entry_statuses() -> dict[str, str]:
    """An entry's status as the chart names it (``status_label`` of ``record/_macros.html``)."""
    from flask import get_template_attribute
    from markupsafe import Markup

    label = get_template_attribute("record/_macros.html", "status_label")
    return {status: Markup(label(status)).unescape() for status in STATUSES}


def _when(moment) -> str:
    """A chart's moment to the second ("2026-01-05T10:30:00-05:00"): entries written within
    the same minute still read in their order."""
    return spreadsheet_moment(moment, "seconds")


def _discipline(code: str | None) -> str:
    return discipline_name(code) if code else ""


def _write_summary(writer, session, person) -> None:
    """Summary lines: who recorded each (where it was first written, for a line confirmed from
    another coop's record: that coop's author, and a row naming the coop, as the FHIR export)."""
    items = session.execute(select(SummaryItem).where(SummaryItem.person_id == person.id)
                            .order_by(SummaryItem.id)).scalars().all()
    names = _names(session, {i.recorded_by_id for i in items})
    origins = line_origins(session, person.id)
    part, origin_field = str(_("Clinical summary")), str(_("Origin"))
    # the chart's words: a line is true until someone marks it "No longer true"
    still, ended = str(_("Still true")), str(_("No longer true"))
    for item in items:
        origin = origins.get(item.id)
        author = (origin.author if origin else "") or names.get(item.recorded_by_id, "")
        head = (part, item.id, _when(item.recorded_at), summary_kind_name(item.kind), "",
                author, ended if item.ended_at else still)
        writer.writerow((*head, item.code, summary_value(item)))
        if origin is not None:
            writer.writerow((*head, origin_field, origin.name or origin.code))


def _write_imported(writer, rows) -> None:
    """Imported entries: where each was written (its first row), then its elements in words."""
    from core.record.transfer_read import imported_rows, imported_title

    part, origin_field = str(_("Imported entry")), str(_("Origin"))
    for row in rows:
        when = _when(row.occurred_at)
        head = (part, row.id, when, imported_title(row), _discipline(row.discipline),
                row.author, "")
        writer.writerow((*head, origin_field, row.origin_name or row.origin))
        for label, value in imported_rows(row.resource):
            writer.writerow((*head, label, value))


def _write_appointments(writer, found) -> None:
    """Appointments: their type's title and their status as the calendar shows them."""
    if not found:
        return
    from core.scheduling.apptypes import type_title
    from core.scheduling.labels import STATUS

    part = str(_("Appointment"))
    for appointment in found:
        writer.writerow((part, appointment.id, _when(appointment.starts_at),
                         type_title(appointment.type_code), "", "",
                         str(STATUS.get(appointment.status, appointment.status)), "", ""))


def _write_plugin_data(writer, session, person) -> None:
    """Law 25 portability: what plugins keep about the person beyond the chart (orders, plots...),
    each under its plugin's title (core's own, volunteering: under the coop's name for itself).

    Only in the person's own export (and ``soin export``): a practitioner's chart export stays
    the chart. Plugins are asked even when inactive, since their data outlives activation.
    """
    host = plugin_host()
    for plugin, tables in host.call_each("person_data_export", active_only=False,
                                         person=person, session=session):
        loaded = host.plugins.get(plugin)
        part = str(loaded.info.title if plugin != CORE and loaded is not None
                   and loaded.info is not None else _("The coop"))
        for title, rows in (tables or {}).items():
            for n, row in enumerate(rows, 1):
                for field, value in row.items():
                    writer.writerow((part, n, "", str(title), "", "", "",
                                     field, "" if value is None else str(value)))


def download(session, person, *, viewer, purpose: str, fmt: str, basename: str):
    """The audited export as a file download (``fmt``: "fhir" or "csv") for a page of the
    request's ``session``; the page ends there (its audit committed by the lifecycle)."""
    import json

    from flask import Response

    from core.web.lifecycle import commit_reads

    if fmt == "csv":
        # the byte-order mark lets spreadsheet software read the accents right (as the reports')
        body = BOM + export_csv(session, person, viewer=viewer, purpose=purpose)
        mimetype, suffix = "text/csv", "csv"
    else:
        body = json.dumps(export_fhir(session, person, viewer=viewer, purpose=purpose),
                          ensure_ascii=False)
        mimetype, suffix = "application/fhir+json", "fhir.json"
    commit_reads()
    return Response(body, mimetype=mimetype, headers={
        "Content-Disposition": f'attachment; filename="{basename}.{suffix}"'})
