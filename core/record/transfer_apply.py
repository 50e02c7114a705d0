"""Writing an imported bundle into a person's record (called by :mod:`core.record.transfer`).

Each resource becomes a read-only imported entry with its origin, author and dates, except the
summary lines still true at the origin (problems, medications, allergies, the latest pregnancy
and breastfeeding status), which are *proposed*: a practitioner confirms or declines each on
the chart. Consents and appointments stay with the coop that holds them (the person gives
consent again here; appointments were the other coop's schedule). A resource already imported
for the person (same origin and id) is counted, not added again.
"""

from __future__ import annotations

from datetime import date, datetime, time

from sqlalchemy import select

from core.audit.service import audit
from core.coop_time import coop_zone
from core.db import utcnow
from core.record import fhir
from core.record.forms import form_version
from core.record.summary import BREASTFEEDING_VALUES, PREGNANCY_VALUES
from core.record.transfer_bundle import key, origin_of, source_of
from core.record.transfer_models import ImportedEntry, ImportProposal, RecordImport

#: resources that stay with the coop that holds them
LEFT_BEHIND = ("Patient", "Consent", "Appointment")
STATUS_LINES = {"82810-3": ("pregnancy", PREGNANCY_VALUES),
                "63895-7": ("breastfeeding", BREASTFEEDING_VALUES)}
ATC_URI = fhir.ATC_SYSTEM
OUR_CODES = "urn:soin-commun:code:"


def apply_bundle(session, batch: RecordImport, person, bundle: dict, *, how: str, actor) -> None:
    """Import every resource of ``bundle`` into ``person``'s record (no commit); audited."""
    origin, origin_name = origin_of(bundle)
    counts: dict = {"entries": 0, "proposals": 0, "already": 0, "left": {}, "withheld": 0}
    known = _known_keys(session, person.id)
    here = f"{fhir.coop_uri()}#"
    latest_status = _latest_status_lines(bundle)
    for item in bundle.get("entry") or []:
        resource = item["resource"]
        kind = resource["resourceType"]
        if kind in LEFT_BEHIND:
            if kind != "Patient":
                counts["left"][kind] = counts["left"].get(kind, 0) + 1
            continue
        if _security(resource) == "V":  # very restricted: never kept outside its author's coop
            counts["withheld"] += 1
            continue
        source = source_of(item, origin)
        source_key = key(source)
        if source_key in known or source.startswith(here):  # here already, or written here
            counts["already"] += 1
            continue
        known.add(source_key)
        line = _summary_line(resource, latest_status, item.get("fullUrl"))
        if line is not None:
            session.add(ImportProposal(
                import_id=batch.id, person_id=person.id, source_key=source_key,
                source=source[:300], origin=_origin(resource, origin),
                origin_name=_origin_name(resource, origin_name), **line))
            counts["proposals"] += 1
            continue
        session.add(_entry(batch, person, item, source, source_key, origin, origin_name))
        counts["entries"] += 1
    batch.person_id, batch.how, batch.state, batch.bundle = person.id, how, "done", None
    batch.counts = counts
    session.flush()
    audit(session, "record.import", person_id=person.id, actor=actor,
          detail={"import_id": batch.id, "origin": origin, "how": how,
                  **{k: v for k, v in counts.items() if k != "left"}})


def _known_keys(session, person_id: int) -> set[str]:
    entries = session.scalars(select(ImportedEntry.source_key).where(
        ImportedEntry.person_id == person_id))
    proposals = session.scalars(select(ImportProposal.source_key).where(
        ImportProposal.person_id == person_id))
    return {*entries, *proposals}


def _security(resource: dict) -> str:
    for label in (resource.get("meta") or {}).get("security") or []:
        if label.get("system") == fhir.CONFIDENTIALITY_SYSTEM:
            return label.get("code", "")
    return ""


def _tag(resource: dict, system: str) -> dict:
    return next((t for t in (resource.get("meta") or {}).get("tag") or []
                 if t.get("system") == system), {})


def _origin(resource: dict, default: str) -> str:
    return (_tag(resource, fhir.ORIGIN_SYSTEM).get("code") or default)[:300]


def _origin_name(resource: dict, default: str) -> str:
    return (_tag(resource, fhir.ORIGIN_SYSTEM).get("display") or default)[:300]


def _entry(batch, person, item, source, source_key, origin, origin_name) -> ImportedEntry:
    resource = dict(item["resource"])
    meta = dict(resource.get("meta") or {})
    if "source" not in meta:  # so exporting it again names where it was first written
        meta["source"] = source
        meta["tag"] = [*meta.get("tag", []), {"system": fhir.ORIGIN_SYSTEM, "code": origin,
                                              "display": origin_name}]
    resource["meta"] = meta
    level = _security(resource)
    return ImportedEntry(
        import_id=batch.id, person_id=person.id, source_key=source_key,
        full_url=(item.get("fullUrl") or "")[:300],
        origin=_origin(resource, origin),
        origin_name=_origin_name(resource, origin_name), resource_type=resource["resourceType"],
        title=title_of(resource)[:300], author=author_of(resource)[:200],
        occurred_at=moment(when_of(resource)), imported_at=utcnow(),
        discipline=(_tag(resource, fhir.DISCIPLINE_SYSTEM).get("code") or "")[:60],
        confidentiality="discipline" if level == "R" else "team", resource=resource)


def title_of(resource: dict) -> str:
    """What the resource is, in a few words: a form's title (when the form exists here, or as
    the resource carries it), "" for a form known by its id alone (the reader is shown where
    the entry comes from instead: :func:`core.record.transfer_read.imported_title`)."""
    kind = resource["resourceType"]
    if kind == "QuestionnaireResponse":
        spec = form_of(resource)
        return str(spec.title) if spec else carried_title(resource)
    if kind == "Encounter":
        return (resource.get("serviceType") or {}).get("text") or kind
    concept = resource.get("code") or resource.get("medicationCodeableConcept") or \
        resource.get("vaccineCode") or {}
    return concept_label(concept) or kind


def form_of(resource: dict):
    """The form (a FormSpec) a QuestionnaireResponse answers, when that form exists here."""
    ref = (resource.get("questionnaire") or "").removeprefix(f"{fhir.FORM_SYSTEM}:")
    form_id, _sep, version = ref.partition("|")
    return form_version(form_id, int(version)) if version.isdigit() else None


def carried_title(resource: dict) -> str:
    """The title of the form a QuestionnaireResponse answers, as the sending coop wrote it
    (FHIR's display extension on ``questionnaire``), or ""."""
    for extension in (resource.get("_questionnaire") or {}).get("extension") or []:
        if extension.get("url") == fhir.DISPLAY_EXTENSION and extension.get("valueString"):
            return str(extension["valueString"])
    return ""


def concept_label(concept: dict) -> str:
    codings = concept.get("coding") or [{}]
    return concept.get("text") or codings[0].get("display") or codings[0].get("code") or ""


def author_of(resource: dict) -> str:
    """Who wrote it at the origin, as the bundle names them (no account here)."""
    for name in ("author", "recorder", "asserter", "informationSource"):
        if (resource.get(name) or {}).get("display"):
            return resource[name]["display"]
    for performer in resource.get("performer") or []:
        actor = performer.get("actor", performer)
        if actor.get("display"):
            return actor["display"]
    for participant in resource.get("participant") or []:
        if (participant.get("individual") or {}).get("display"):
            return participant["individual"]["display"]
    return ""


def when_of(resource: dict) -> str:
    """When it happened at the origin (the first date the resource type carries)."""
    for name in ("authored", "effectiveDateTime", "occurrenceDateTime", "performedDateTime",
                 "onsetDateTime", "recordedDate", "dateAsserted", "issued", "date"):
        if resource.get(name):
            return resource[name]
    for name in ("period", "effectivePeriod", "performedPeriod"):
        if (resource.get(name) or {}).get("start"):
            return resource[name]["start"]
    return (resource.get("meta") or {}).get("lastUpdated", "")


def moment(value: str) -> datetime | None:
    """A FHIR date or date-time as an aware moment (a date alone: midnight at the coop)."""
    if not value:
        return None
    try:
        if len(value) <= 10:
            day = date.fromisoformat(value if len(value) == 10 else f"{value[:7]}-01"
                                     if len(value) == 7 else f"{value[:4]}-01-01")
            return datetime.combine(day, time.min, tzinfo=coop_zone())
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=coop_zone())


# --- summary lines ---------------------------------------------------------------------------

def _latest_status_lines(bundle: dict) -> set[str]:
    """fullUrls of the newest pregnancy and newest breastfeeding status: only they are current."""
    newest: dict[str, tuple[str, str]] = {}
    for item in bundle.get("entry") or []:
        resource = item["resource"]
        code = _loinc(resource) if resource["resourceType"] == "Observation" else ""
        if code in STATUS_LINES:
            when = when_of(resource)
            if code not in newest or when >= newest[code][0]:
                newest[code] = (when, item.get("fullUrl") or "")
    return {url for _when, url in newest.values()}


def _loinc(resource: dict) -> str:
    coding = ((resource.get("code") or {}).get("coding") or [{}])[0]
    return coding.get("code", "") if coding.get("system") == fhir.LOINC else ""


def _active(resource: dict) -> bool:
    coding = ((resource.get("clinicalStatus") or {}).get("coding") or [{}])[0]
    return coding.get("code") == "active"


def _summary_line(resource: dict, latest_status: set[str], full_url: str | None) -> dict | None:
    """The fields of a proposed summary line, when ``resource`` is one still true."""
    kind = resource["resourceType"]
    line: dict | None = None
    if kind in ("Condition", "AllergyIntolerance") and _active(resource):
        concept = resource.get("code") or {}
        line = {"kind": "problem" if kind == "Condition" else "allergy",
                "label": concept_label(concept), "code": code_of(concept),
                "since": _day(resource.get("onsetDateTime"))}
    elif kind == "MedicationStatement" and resource.get("status") == "active":
        concept = resource.get("medicationCodeableConcept") or {}
        line = {"kind": "medication", "label": concept_label(concept), "code": code_of(concept),
                "natural_product": (resource.get("category") or {}).get("text") ==
                "natural health product", "since": _day(resource.get("effectiveDateTime"))}
    elif kind == "Observation" and _loinc(resource) in STATUS_LINES and (full_url in latest_status):
        summary_kind, allowed = STATUS_LINES[_loinc(resource)]
        if resource.get("valueString") in allowed:
            line = {"kind": summary_kind, "label": resource["valueString"]}
    if line is None or not line["label"]:
        return None
    line["label"] = line["label"][:300]
    line["recorded_at"] = moment(when_of(resource))
    line["author"] = author_of(resource)[:200]
    return line


def _day(value: str | None) -> date | None:
    found = moment(value or "")
    return found.astimezone(coop_zone()).date() if found else None


def code_of(concept: dict) -> str:
    """A coding as our summary's ``SYSTEM:code`` (what :func:`fhir.summary_resources` writes)."""
    coding = (concept.get("coding") or [{}])[0]
    system, code = coding.get("system", ""), coding.get("code", "")
    if not code:
        return ""
    if system == ATC_URI:
        return f"ATC:{code}"
    if system.startswith(OUR_CODES):
        name = system.removeprefix(OUR_CODES)
        return code if name == code.lower() else f"{name.upper()}:{code}"
    if system == "http://snomed.info/sct":
        return f"SNOMED:{code}"[:80]
    return ""
