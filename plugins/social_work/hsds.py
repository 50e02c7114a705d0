"""The directory in and out as Open Referral HSDS 3.0, validated against HSDS's own schemas.

Export writes one HSDS ``service`` object per service, with its ``organization``, its
``service_at_locations`` (location, physical address, accessibility), its ``schedules`` (the
stored RRULE split into HSDS's ``freq``/``interval``/``byday`` fields by ``icalendar``), its
``languages`` and its ``attributes`` (Open Eligibility ``taxonomy_term``\\ s: the official ids
of the taxonomy's version 2.0 and its URI in HL7 Terminology, ``needs.OPEN_ELIGIBILITY``). The
document is an HSDS API page (``contents`` plus paging fields). Every object is validated against
``data/hsds/service.json`` (the files of the 3.0 specification, ``$ref``\\ s resolved among them)
before it leaves; an export that would not validate is an error, never a file.

Import reads the same shape (a page, or a plain list of services), validates every service
first, and writes nothing unless all are valid: organizations and services keep their HSDS ids
(an import updates what it already knows); terms outside Open Eligibility's list are ignored and
said; a schedule is turned back into an RRULE through ``icalendar``.

Import reads official ids, and the local slugs earlier exports carried. HSDS's other exchange
form, the tabular data package (one CSV per table and a ``datapackage.json``), is
:mod:`plugins.social_work.hsds_tabular`.
"""

from __future__ import annotations

import json
import uuid
from datetime import date, time
from functools import lru_cache
from pathlib import Path

from core.api import MAX_ID, Refused, load_json

from plugins.social_work import _
from plugins.social_work.directory import STATUSES, parse_rrule, vrecur
from plugins.social_work.models import Location, Organization, Schedule, Service, new_uuid
from plugins.social_work.needs import (FROM_OPEN_ELIGIBILITY, OPEN_ELIGIBILITY, TAXONOMY_NAME,
                                       TAXONOMY_URI, TAXONOMY_VERSION, TERMS)

SCHEMAS = Path(__file__).parent / "data" / "hsds"
#: the namespace of the ids this export derives (kept as first written: ids stay the same)
NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://openreferral.org/open-eligibility")


class HsdsInvalid(Refused):
    """The document does not follow HSDS 3.0: what is wrong, and where, next to the file."""

    def __init__(self, problems: list[str]):
        super().__init__(messages={"file": problems})


@lru_cache(maxsize=1)
def validator():
    """A validator of ``service.json`` whose ``$ref``\\ s resolve to the shipped files
    (jsonschema imported here: it cost every worker 50 ms of CPU at start-up)."""
    from jsonschema import Draft202012Validator, FormatChecker
    from referencing import Registry, Resource
    from referencing.jsonschema import DRAFT202012

    resources = [(path.name, Resource.from_contents(json.loads(path.read_text("utf-8")),
                                                    default_specification=DRAFT202012))
                 for path in SCHEMAS.glob("*.json")]
    registry = Registry().with_resources(resources)
    root = json.loads((SCHEMAS / "service.json").read_text("utf-8"))
    return Draft202012Validator(root, registry=registry, format_checker=FormatChecker())


def problems(document: dict) -> list[str]:
    """What makes one service object invalid under HSDS 3.0 (empty when valid)."""
    return [f"{'/'.join(str(p) for p in error.absolute_path) or '(service)'}: {error.message}"
            for error in sorted(validator().iter_errors(document), key=lambda e: e.path)]


# --- export ------------------------------------------------------------------------------------


def _uid(*parts) -> str:
    return str(uuid.uuid5(NAMESPACE, "/".join(str(p) for p in parts)))


def _clean(values: dict) -> dict:
    """Leave out empty optional values (HSDS checks formats of what is present)."""
    return {k: v for k, v in values.items() if v not in (None, "", [])}


def _schedule(schedule: Schedule, service_id: str) -> dict:
    recur = vrecur().from_ical(schedule.rrule)
    return _clean({"id": schedule.id, "service_id": service_id,
                   "freq": recur["FREQ"][0],
                   "interval": int(recur.get("INTERVAL", [1])[0]),
                   "byday": ",".join(recur.get("BYDAY", [])),
                   "valid_from": schedule.valid_from.isoformat(),
                   "opens_at": f"{schedule.opens_at:%H:%M}",
                   "closes_at": f"{schedule.closes_at:%H:%M}",
                   "description": schedule.description})


def _location(service: Service) -> list[dict]:
    place = service.location
    if place is None:
        return []
    # HSDS requires a postal code: a place without one (a shelter's confidential address) is
    # published without an address rather than with an empty one
    address = ([{"id": _uid("address", place.id), "location_id": place.id,
                 "address_1": place.address_1, "city": place.city,
                 "state_province": place.region, "postal_code": place.postal_code,
                 "country": place.country, "address_type": "physical"}]
               if place.address_1 and place.postal_code else [])
    location = _clean({"id": place.id, "location_type": place.location_type, "name": place.name,
                       "organization_id": place.organization_id, "addresses": address,
                       "transportation": place.transportation,
                       "accessibility": [{"id": _uid("accessibility", place.id),
                                          "location_id": place.id,
                                          "description": place.accessibility}]
                       if place.accessibility else []})
    return [{"id": _uid("service_at_location", service.id, place.id), "service_id": service.id,
             "location_id": place.id, "location": location}]


def taxonomy() -> dict:
    """Open Eligibility as an HSDS ``taxonomy`` (its canonical URI in HL7 Terminology)."""
    return {"id": _uid("taxonomy"), "name": TAXONOMY_NAME, "uri": TAXONOMY_URI,
            "version": TAXONOMY_VERSION,
            "description": "Open Eligibility human services taxonomy (CC BY-SA 3.0)"}


def term(code: str) -> dict:
    """A local term as its official Open Eligibility ``taxonomy_term`` (id and English title)."""
    oe_id, title = OPEN_ELIGIBILITY[code]
    return {"id": _uid("term", oe_id), "code": oe_id, "name": title,
            "description": str(TERMS[code]), "taxonomy": TAXONOMY_NAME,
            "taxonomy_id": _uid("taxonomy")}


def _attributes(service: Service) -> list[dict]:
    """The service's terms; ``value`` keeps the local term where two share an official one."""
    return [{"id": _uid("attribute", service.id, code), "link_id": service.id,
             "link_type": "service", "link_entity": "service", "value": code,
             "taxonomy_term_id": term(code)["id"],
             "taxonomy_term": term(code) | {"taxonomy_detail": taxonomy()}}
            for code in service.terms or [] if code in OPEN_ELIGIBILITY]


def service_document(service: Service) -> dict:
    """One service as an HSDS 3.0 ``service`` object (not yet validated)."""
    org = service.organization
    return _clean({
        "id": service.id, "organization_id": org.id, "name": service.name,
        "description": service.description, "url": service.url, "email": service.email,
        "status": service.status, "application_process": service.application_process,
        "fees_description": service.fees_description,
        "eligibility_description": service.eligibility_description,
        "minimum_age": service.minimum_age, "maximum_age": service.maximum_age,
        "assured_date": service.assured_date.isoformat() if service.assured_date else None,
        "alert": service.alert,
        "last_modified": service.updated_at.isoformat() if service.updated_at else None,
        "organization": _clean({"id": org.id, "name": org.name,
                                "description": org.description or "",
                                "alternate_name": org.alternate_name, "email": org.email,
                                "website": org.website}),
        "phones": [{"id": _uid("phone", service.id), "service_id": service.id,
                    "number": service.phone}] if service.phone else [],
        "schedules": [_schedule(s, service.id) for s in service.schedules],
        "service_at_locations": _location(service),
        "languages": [{"id": _uid("language", service.id, code), "service_id": service.id,
                       "code": code} for code in service.languages or []],
        "attributes": _attributes(service),
    }) | {"description": service.description or ""}


def export_page(services: list[Service]) -> dict:
    """The whole directory as an HSDS API page; raises HsdsInvalid rather than export bad data."""
    contents = [service_document(s) for s in services]
    wrong = [f"{doc['name']}: {p}" for doc in contents for p in problems(doc)]
    if wrong:
        raise HsdsInvalid(wrong)
    return {"total_items": len(contents), "total_pages": 1, "page_number": 1,
            "size": len(contents), "first_page": True, "last_page": True,
            "empty": not contents, "contents": contents}


# --- import ------------------------------------------------------------------------------------


def read_document(raw: bytes) -> list[dict]:
    """The services of an uploaded file (a page or a list), or HsdsInvalid saying why not."""
    try:  # core's reader: also a number of thousands of digits, nesting too deep, a NUL byte
        data = load_json(raw.decode("utf-8-sig"))
    except ValueError as exc:  # UnicodeDecodeError and JSONDecodeError are ValueErrors
        raise HsdsInvalid([str(_("The file is not JSON: %(error)s", error=exc))]) from None
    services = data.get("contents") if isinstance(data, dict) else data
    if not isinstance(services, list) or not all(isinstance(s, dict) for s in services):
        raise HsdsInvalid([str(_("Expected an HSDS page of services or a list of services."))])
    return checked(services)


def checked(services: list[dict]) -> list[dict]:
    """``services`` when every one is a valid HSDS 3.0 ``service``, else HsdsInvalid listing
    each problem (whichever form, JSON or tabular, they were read from)."""
    wrong = [f"{s.get('name') or s.get('id') or index + 1}: {p}"
             for index, s in enumerate(services) for p in problems(s)]
    if wrong:
        raise HsdsInvalid(wrong)
    return services


def import_services(session, services: list[dict], *, today: date) -> dict:
    """Write validated services (no commit); returns counts and what was ignored."""
    counts = {"created": 0, "updated": 0, "ignored_terms": set()}
    for doc in services:
        org_doc = doc.get("organization") or {"id": doc.get("organization_id"),
                                              "name": doc.get("name")}
        organization = _upsert(session, Organization, org_doc.get("id") or _uid("org", doc["id"]))
        organization.name = org_doc.get("name") or organization.name or doc["name"]
        organization.description = org_doc.get("description") or ""
        organization.website = org_doc.get("website") or ""
        # each row checked before the next query flushes it
        _fits(doc["name"], organization)
        service = session.get(Service, doc["id"])
        counts["updated" if service is not None else "created"] += 1
        if service is None:
            service = Service(id=doc["id"], organization=organization, name=doc["name"])
            session.add(service)
        _fill_service(service, organization, doc, counts)
        _fits(doc["name"], service)
        _fill_location(session, service, organization, doc)
        _fill_schedules(service, doc, today)
        _fits(doc["name"], service.location, *service.schedules)
    session.flush()
    counts["ignored_terms"] = sorted(counts["ignored_terms"])
    return counts


def _upsert(session, model, ident):
    row = session.get(model, ident)
    if row is None:
        row = model(id=ident, name="")
        session.add(row)
    return row


def _fill_service(service, organization, doc, counts) -> None:
    service.organization = organization
    service.name = doc["name"]
    service.status = doc["status"] if doc["status"] in STATUSES else "inactive"
    for key in ("description", "url", "email", "application_process", "fees_description",
                "eligibility_description", "alert"):
        setattr(service, key, doc.get(key) or "")
    service.minimum_age = _int(doc.get("minimum_age"))
    service.maximum_age = _int(doc.get("maximum_age"))
    service.assured_date = _day(doc.get("assured_date"))
    service.phone = next((p.get("number", "") for p in doc.get("phones") or []), "")
    service.languages = [lang["code"] for lang in doc.get("languages") or [] if lang.get("code")]
    read = [_local_term(a) for a in doc.get("attributes") or []]
    service.terms = list(dict.fromkeys(local for local, _code in read if local))
    counts["ignored_terms"].update(code for local, code in read if code and not local)


def _local_term(attribute: dict) -> tuple[str | None, str | None]:
    """(local term or None, the code read): an official Open Eligibility id (the attribute's
    ``value`` says which local term when two share it), or a local slug of an older export."""
    code = (attribute.get("taxonomy_term") or {}).get("code")
    value = attribute.get("value")
    if code in FROM_OPEN_ELIGIBILITY:
        same = value in OPEN_ELIGIBILITY and OPEN_ELIGIBILITY[value][0] == code
        return (value if same else FROM_OPEN_ELIGIBILITY[code]), code
    return (code if code in TERMS else None), code


def _fill_location(session, service, organization, doc) -> None:
    place_doc = next((sal.get("location") for sal in doc.get("service_at_locations") or []
                      if sal.get("location")), None)
    if place_doc is None:
        return
    place = session.get(Location, place_doc["id"]) or Location(id=place_doc["id"])
    place.organization = organization
    place.name = place_doc.get("name") or ""
    place.location_type = place_doc.get("location_type", "physical")
    place.transportation = place_doc.get("transportation") or ""
    address = next(iter(place_doc.get("addresses") or []), {})
    place.address_1, place.city = address.get("address_1", ""), address.get("city", "Montréal")
    place.postal_code, place.region = address.get("postal_code", ""), address.get(
        "state_province", "QC")
    place.accessibility = " ".join(a.get("description") or "" for a in
                                   place_doc.get("accessibility") or []).strip()
    service.location = place


def _fill_schedules(service, doc, today: date) -> None:
    """The service's schedules become the file's (same ids kept; RRULE rebuilt by icalendar)."""
    found = [item for item in doc.get("schedules") or []
             if item.get("freq") and item.get("opens_at") and item.get("closes_at")]
    if not found:
        return
    known = {s.id: s for s in service.schedules}
    kept = []
    for item in found:
        rule = {"FREQ": item["freq"]}
        if item.get("interval"):
            rule["INTERVAL"] = int(item["interval"])
        if item.get("byday"):
            rule["BYDAY"] = [d.strip() for d in item["byday"].split(",")]
        schedule = known.get(item.get("id")) or Schedule(id=item.get("id") or new_uuid())
        schedule.rrule = parse_rrule(vrecur()(rule).to_ical().decode())
        schedule.valid_from = _day(item.get("valid_from")) or today
        schedule.opens_at, schedule.closes_at = _time(item["opens_at"]), _time(item["closes_at"])
        schedule.description = item.get("description") or ""
        kept.append(schedule)
    service.schedules[:] = kept


def _fits(name: str, *rows) -> None:
    """Every value within its column, or HsdsInvalid naming the service and the field: HSDS sets
    no length, and PostgreSQL refuses a longer text or a larger number with an error."""
    wrong = []
    for row in (r for r in rows if r is not None):
        for column in row.__table__.columns:
            value, size = getattr(row, column.key, None), getattr(column.type, "length", None)
            if isinstance(value, str) and size and len(value) > size:
                wrong.append(str(_("%(service)s, %(field)s: at most %(num)s characters.",
                                   service=name, field=column.key, num=size)))
            elif isinstance(value, int) and not isinstance(value, bool) and abs(value) > MAX_ID:
                wrong.append(str(_("%(service)s, %(field)s: %(value)s is too large.",
                                   service=name, field=column.key, value=value)))
    if wrong:
        raise HsdsInvalid(wrong)


def _int(value):
    return int(value) if isinstance(value, (int, float)) else None


def _day(value):
    try:
        return date.fromisoformat(str(value)[:10]) if value else None
    except ValueError:
        return None


def _time(value: str) -> time:
    """HH:MM, ignoring any offset HSDS allows after it."""
    return time.fromisoformat(value[:5])
