"""Reading a FHIR R4 Bundle another coop (or another system) exported, before anything is
written: :func:`read_bundle` checks the file (JSON, a Bundle, valid FHIR R4 with
``fhir.resources``, about one person) and refuses it with a translated reason; the helpers
name the bundle's origin, each resource's source, and the person it is about."""

from __future__ import annotations

import hashlib
import json

from core.i18n import LOCALES, _, ngettext
from core.identity.schemas import is_ramq, normalize_ramq
from core.record import fhir
from core.refusal import Refused
from core.web.inputs import load_json

#: the largest bundle a page or the command reads (a person's record is far smaller)
MAX_BYTES = 20 * 1024 * 1024


class BundleRefused(Refused):
    """The file is not a bundle we can import; nothing was written."""

    default = _("This file cannot be imported.")


class AlreadyDecided(Refused):
    """Someone decided this import already (two officers on the same review)."""

    status = 409
    default = _("This import was already decided.")


def key(text: str) -> str:
    """A resource's name across coops, short enough to index (SHA-256 of its source)."""
    return hashlib.sha256(text.encode()).hexdigest()


def read_bundle(raw: bytes | str) -> dict:
    """The bundle in ``raw``, validated as FHIR R4; :class:`BundleRefused` says why not."""
    if len(raw) > MAX_BYTES:
        raise BundleRefused(_("This file is too large for a person's record (20 MB at most)."),
                            field="bundle")
    try:
        data = load_json(raw)  # also nesting too deep, a number of thousands of digits
    except (ValueError, UnicodeDecodeError):
        raise BundleRefused(_("This file is not JSON: a FHIR bundle is a JSON file."),
                            field="bundle") from None
    if not isinstance(data, dict) or data.get("resourceType") != "Bundle":
        raise BundleRefused(_("This file is not a FHIR Bundle."), field="bundle")
    try:
        fhir.fhir_model("Bundle").model_validate(data)
    except Exception as exc:  # pydantic's ValidationError, or an unknown resource type
        raise BundleRefused(_("This bundle is not valid FHIR R4: %(detail)s",
                              detail=_first_error(exc)), field="bundle") from None
    patients = [e for e in data.get("entry") or [] if e["resource"]["resourceType"] == "Patient"]
    if len(patients) != 1:
        raise BundleRefused(ngettext(
            "A bundle to import is about one person: this one has %(num)s Patient resource.",
            "A bundle to import is about one person: this one has %(num)s Patient resources.",
            len(patients)), field="bundle")
    return data


def _first_error(exc: Exception) -> str:
    errors = getattr(exc, "errors", None)
    if callable(errors):
        first = errors()[0]
        where = ".".join(str(p) for p in first.get("loc", ()))
        return f"{where}: {first.get('msg', '')}"[:300]
    return str(exc)[:300]


def origin_of(bundle: dict) -> tuple[str, str]:
    """(origin, its name): the sending coop's ``urn:soin-commun:coop:...``, or the system's."""
    patient = patient_entry(bundle)["resource"]
    name = (patient.get("managingOrganization") or {}).get("display", "")
    origin = (bundle.get("meta") or {}).get("source") or name or str(_("another system"))
    return origin[:300], (name or origin)[:300]


def patient_entry(bundle: dict) -> dict:
    return next(e for e in bundle["entry"] if e["resource"]["resourceType"] == "Patient")


def source_of(entry: dict, origin: str) -> str:
    """Where a resource was first written: its ``meta.source``, else the origin and its id."""
    resource = entry["resource"]
    source = (resource.get("meta") or {}).get("source")
    if source:
        return source
    local = entry.get("fullUrl") or (f"{resource['resourceType']}/{resource['id']}"
                                     if resource.get("id") else key(json.dumps(resource, sort_keys=True)))
    return f"{origin}#{local}"


# --- who the bundle is about ---------------------------------------------------------------

SEX_CODES = {v["code"]: k for k, v in fhir.SEX_AT_BIRTH.items()}


def person_details(patient: dict) -> dict:
    """The Patient as our person's fields (what :func:`core.record.fhir.patient_resource`
    writes, read back); refuses a RAMQ number of the wrong shape rather than drop it."""
    names = patient.get("name") or []
    official = next((n for n in names if n.get("use") == "official"), names[0] if names else {})
    usual = next((n for n in names if n.get("use") == "usual"), {})
    first = " ".join(official.get("given") or [])[:120]
    last = (official.get("family") or "")[:120]
    if not (first or last) and official.get("text"):
        first, _sep, last = official["text"].partition(" ")
    if not (first or last):
        raise BundleRefused(_("The person in this bundle has no name."), field="bundle")
    details = {"first_name": first or "-", "last_name": last or "-",
               "preferred_name": " ".join(usual.get("given") or [])[:120]}
    if patient.get("birthDate"):
        details["date_of_birth"] = patient["birthDate"][:10]
    for ident in patient.get("identifier") or []:
        if ident.get("system") == fhir.RAMQ_SYSTEM and ident.get("value"):
            if not is_ramq(ident["value"]):
                raise BundleRefused(_("The health insurance number in this bundle is not valid."),
                                    field="bundle")
            details["ramq"] = normalize_ramq(ident["value"])
    for telecom in patient.get("telecom") or []:
        if telecom.get("system") in ("phone", "email") and telecom.get("value"):
            details.setdefault(telecom["system"], telecom["value"][:200])
    for ext in patient.get("extension") or []:
        value = next((e.get("valueCodeableConcept") or {} for e in ext.get("extension") or []
                      if e.get("url") == "value"), {})
        if ext.get("url", "").endswith("individual-genderIdentity"):
            details["gender"] = (value.get("text") or "")[:60]
        elif ext.get("url", "").endswith("individual-pronouns"):
            details["pronouns"] = (value.get("text") or "")[:40]
        elif ext.get("url", "").endswith("individual-recordedSexOrGender"):
            code = ((value.get("coding") or [{}])[0]).get("code", "")
            details["sex_at_birth"] = SEX_CODES.get(code) or (
                "intersex" if value.get("text") == "Intersex" else "")
    for comm in patient.get("communication") or []:
        code = ((comm.get("language") or {}).get("coding") or [{}])[0].get("code", "")
        if code.replace("-", "_") in LOCALES:
            details["language"] = code.replace("-", "_")
    return details
