"""The record as a FHIR R4 Bundle (Law 25 portability, transfer between coops).

Built from what the reader may see and validated resource by resource with ``fhir.resources``
(its ``R4B`` subpackage: fhir.resources 8 defaults to R5). A resource a plugin maps badly is
left out and the plugin marked faulty; the rest of the export still leaves.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import quote
from zoneinfo import ZoneInfo

from flask import current_app

from core.record.fhir_items import payload_items
from core.record.forms import form_version
from core.record.models import Encounter
from core.registry import plugin_host

NAMESPACE = uuid.UUID("6f0c3c52-8d1e-4b8a-9d0b-2a1f5e7c9b10")
#: Quebec health insurance number (NAM) identifier system
RAMQ_SYSTEM = "urn:oid:2.16.124.10.101.1.60.100"
FORM_SYSTEM = "urn:soin-commun:form"
#: FHIR's extension giving the title of what a canonical reference names (a form's title on
#: ``_questionnaire``), so a coop without that form still shows what the entry is
DISPLAY_EXTENSION = "http://hl7.org/fhir/StructureDefinition/display"
LOINC = "http://loinc.org"


#: what a URI keeps as it is when the source it names is percent-encoded
URI_SAFE = ":/?#[]@!$&'()*+,;=%-._~"
#: the tag naming the coop (or system) a resource was first written in
ORIGIN_SYSTEM = "urn:soin-commun:origin"
#: the tag naming the discipline whose practitioner wrote an entry
DISCIPLINE_SYSTEM = "urn:soin-commun:discipline"
#: the tag saying whether the person may read an entry in their portal ("shown" or "withheld")
MEMBER_SYSTEM = "urn:soin-commun:member-visible"
#: a booking's type, as a plugin declares it ("herbalism.first_consultation")
APPOINTMENT_TYPE_SYSTEM = "urn:soin-commun:appointment-type"
CONFIDENTIALITY_SYSTEM = "http://terminology.hl7.org/CodeSystem/v3-Confidentiality"
#: our levels as HL7 confidentiality codes (sealed entries never leave)
CONFIDENTIALITY = {"team": "N", "discipline": "R"}


def coop_uri() -> str:
    """This coop in the records it sends: ``urn:soin-commun:coop:<SOIN_COOP_ID or its name>``."""
    from core.identity.models import fold

    key = current_app.config.get("SOIN_COOP_ID") or current_app.config["SOIN_COOP_NAME"]
    return "urn:soin-commun:coop:" + "-".join(fold(key).replace(":", " ").split())


@dataclass(frozen=True)
class Origin:
    """Where a resource was first written: its ``meta.source``, that coop's URI and name, and
    who wrote it there."""

    source: str
    code: str
    name: str = ""
    author: str = ""


def ref(kind: str, key) -> str:
    """A stable ``urn:uuid`` for one of our rows (same row, same id in every export)."""
    return f"urn:uuid:{uuid.uuid5(NAMESPACE, f'{kind}/{key}')}"


class BundleBuilder:
    """Collects resources, fills in who they are about, validates each one."""

    def __init__(self, person):
        self.person = person
        self.patient = ref("Patient", person.id)
        self.items: list[tuple[str, dict]] = []
        self.rejected: list[tuple[str, str]] = []

    def add(self, full_url: str, resource: dict, *, owner: str = "core") -> bool:
        model = fhir_model(resource.get("resourceType", ""))
        self._link(model, resource)
        self._stamp(full_url, resource)
        try:
            model.model_validate(resource)
        except Exception as exc:  # pydantic's ValidationError; a bad resource never leaves
            self.rejected.append((resource.get("resourceType", "?"), str(exc)[:300]))
            if owner != "core":
                plugin_host().record_fault(owner, "register_fhir_mappings", exc)
            return False
        self.items.append((full_url, resource))
        return True

    def _link(self, model, resource: dict) -> None:
        names = set(model.model_fields)
        if "subject" in names and "subject" not in resource:
            resource["subject"] = {"reference": self.patient}
        elif "patient" in names and "patient" not in resource and resource["resourceType"] != "Consent":
            resource["patient"] = {"reference": self.patient}

    def _stamp(self, full_url: str, resource: dict) -> None:
        """Where the resource was first written (``meta.source``: this coop, #its id here), so
        the coop that imports it knows its origin and never imports it twice. A resource that
        came from elsewhere keeps the origin it arrived with (a system that named itself with
        spaces, which a URI cannot hold, has them percent-encoded)."""
        meta = resource.setdefault("meta", {})
        if "source" not in meta:
            meta["source"] = f"{coop_uri()}#{full_url.rsplit(':', 1)[-1]}"
            meta.setdefault("tag", []).append({"system": ORIGIN_SYSTEM, "code": coop_uri(),
                                               "display": current_app.config["SOIN_COOP_NAME"]})
        elif any(c.isspace() for c in meta["source"]):
            meta["source"] = quote(meta["source"], safe=URI_SAFE)

    def bundle(self) -> dict:
        data = {"resourceType": "Bundle", "type": "collection", "meta": {"source": coop_uri()},
                "timestamp": datetime.now(ZoneInfo("UTC")).isoformat(),
                "entry": [{"fullUrl": url, "resource": res} for url, res in self.items]}
        fhir_model("Bundle").model_validate(data)
        return data


def fhir_model(resource_type: str):
    """fhir.resources' (R4B) model of a resource type, imported on the first export only: its
    pydantic models cost each worker a quarter of a second and tens of megabytes at start."""
    from fhir.resources.R4B import get_fhir_model_class

    return get_fhir_model_class(resource_type)


#: HL7's extensions pack (international): gender identity, recorded sex, pronouns
EXT = "http://hl7.org/fhir/StructureDefinition"
#: sex assigned at birth as SNOMED CT codes (the values the extension's examples use)
SEX_AT_BIRTH = {
    "female": {"system": "http://snomed.info/sct", "code": "248152002", "display": "Female"},
    "male": {"system": "http://snomed.info/sct", "code": "248153007", "display": "Male"},
}


def patient_resource(person) -> dict:
    data = {"resourceType": "Patient", "active": True,
            "name": [{"use": "official", "family": person.last_name, "given": [person.first_name]}]}
    if person.preferred_name:
        data["name"].append({"use": "usual", "family": person.last_name,
                             "given": [person.preferred_name]})
    # gender identity, sex assigned at birth and pronouns kept apart, each as the person stated
    # it (Patient.gender, the administrative gender, is never inferred from them)
    extensions = []
    if person.gender:
        extensions.append({"url": f"{EXT}/individual-genderIdentity", "extension": [
            {"url": "value", "valueCodeableConcept": {"text": person.gender}}]})
    if person.sex_at_birth:
        extensions.append({"url": f"{EXT}/individual-recordedSexOrGender", "extension": [
            # intersex: no international code we could vouch for, so the word alone
            {"url": "value", "valueCodeableConcept": (
                {"coding": [SEX_AT_BIRTH[person.sex_at_birth]]}
                if person.sex_at_birth in SEX_AT_BIRTH else {"text": "Intersex"})},
            {"url": "type", "valueCodeableConcept": {"coding": [{
                "system": "http://loinc.org", "code": "76689-9",
                "display": "Sex assigned at birth"}]}}]})
    if person.pronouns:
        extensions.append({"url": f"{EXT}/individual-pronouns", "extension": [
            {"url": "value", "valueCodeableConcept": {"text": person.pronouns}}]})
    if extensions:
        data["extension"] = extensions
    if person.date_of_birth:
        data["birthDate"] = person.date_of_birth.isoformat()
    if person.ramq:
        data["identifier"] = [{"system": RAMQ_SYSTEM, "value": person.ramq}]
    telecom = [{"system": "phone", "value": person.phone}] if person.phone else []
    telecom += [{"system": "email", "value": person.email}] if person.email else []
    if telecom:
        data["telecom"] = telecom
    data["communication"] = [{"language": {"coding": [{
        "system": "urn:ietf:bcp:47", "code": person.language.replace("_", "-")}]}}]
    data["managingOrganization"] = {"display": current_app.config["SOIN_COOP_NAME"]}
    return data


def encounter_resource(encounter: Encounter, patient: str) -> dict:
    period = {"start": encounter.started_at.isoformat()}
    if encounter.ended_at:
        period["end"] = encounter.ended_at.isoformat()
    return {"resourceType": "Encounter", "status": "finished" if encounter.ended_at else "in-progress",
            "class": {"system": "http://terminology.hl7.org/CodeSystem/v3-ActCode", "code": "AMB",
                      "display": "ambulatory"},
            "serviceType": {"text": encounter.discipline or encounter.kind},
            "subject": {"reference": patient}, "period": period}


def questionnaire_response(entry, patient: str, member_reads: bool | None = None) -> dict:
    """The entry's payload as collected, answer by answer, with the form id and version."""
    spec = form_version(entry.form_id, entry.form_version)
    items = payload_items(entry.payload or {}, spec.schema().load_fields if spec else {},
                          entry.form_id)
    data = {"resourceType": "QuestionnaireResponse",
            "status": "entered-in-error" if entry.status == "entered_in_error" else (
                "amended" if entry.status == "amended" else "completed"),
            "questionnaire": f"{FORM_SYSTEM}:{entry.form_id}|{entry.form_version}",
            "subject": {"reference": patient}, "authored": entry.created_at.isoformat(),
            "item": items, "meta": entry_meta(
                entry.discipline, entry.confidentiality,
                entry.member_visible if member_reads is None else member_reads)}
    if spec is not None:
        data["_questionnaire"] = {"extension": [{"url": DISPLAY_EXTENSION,
                                                 "valueString": str(spec.title)}]}
    if entry.author is not None:
        data["author"] = {"display": entry.author.display_name}
    if entry.encounter_id:
        data["encounter"] = {"reference": ref("Encounter", entry.encounter_id)}
    return data


def entry_meta(discipline: str, confidentiality: str, member_visible: bool | None = None) -> dict:
    """The discipline that wrote an entry, its level and whether the person reads it in their
    portal, so the receiving coop keeps all three."""
    meta: dict = {"security": [{"system": CONFIDENTIALITY_SYSTEM,
                                "code": CONFIDENTIALITY.get(confidentiality, "R")}]}
    tags = [{"system": DISCIPLINE_SYSTEM, "code": discipline}] if discipline else []
    if member_visible is not None:
        tags.append({"system": MEMBER_SYSTEM, "code": "shown" if member_visible else "withheld"})
    if tags:
        meta["tag"] = tags
    return meta


#: the WHO ATC classification's system URI (HL7 terminology: "ATC")
ATC_SYSTEM = "http://www.whocc.no/atc"


def summary_resources(item, patient: str, author: str = "", origin=None) -> dict:
    """A summary line as Condition, MedicationStatement, AllergyIntolerance or Observation,
    naming who recorded it (``author``). A line confirmed from another coop's record keeps
    that coop as its origin (``origin``) and its author there, so exporting it again never
    presents it as written here."""
    data = _summary_resource(item, patient)
    if origin is not None:
        author = origin.author or author
        data["meta"] = {"source": origin.source, "tag": [
            {"system": ORIGIN_SYSTEM, "code": origin.code, "display": origin.name or origin.code}]}
    if author:
        who = {"display": author}
        if data["resourceType"] == "MedicationStatement":
            data["informationSource"] = who
        elif data["resourceType"] == "Observation":
            data["performer"] = [who]
        else:
            data["recorder"] = who
    return data


def _summary_resource(item, patient: str) -> dict:
    concept = {"text": item.label}
    if item.code:
        system, _sep, code = item.code.partition(":")
        uri = ATC_SYSTEM if system == "ATC" and code else f"urn:soin-commun:code:{system.lower()}"
        concept["coding"] = [{"system": uri, "code": code or system}]
    recorded = item.recorded_at.isoformat()
    if item.kind == "problem":
        return {"resourceType": "Condition", "code": concept, "subject": {"reference": patient},
                "recordedDate": recorded, "clinicalStatus": {"coding": [{
                    "system": "http://terminology.hl7.org/CodeSystem/condition-clinical",
                    "code": "resolved" if item.ended_at else "active"}]}}
    if item.kind == "medication":
        data = {"resourceType": "MedicationStatement", "medicationCodeableConcept": concept,
                "status": "completed" if item.ended_at else "active",
                "subject": {"reference": patient}, "dateAsserted": recorded}
        if item.natural_product:
            data["category"] = {"text": "natural health product"}
        return data
    if item.kind == "allergy":
        return {"resourceType": "AllergyIntolerance", "code": concept, "recordedDate": recorded,
                "patient": {"reference": patient}, "clinicalStatus": {"coding": [{
                    "system": "http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical",
                    "code": "resolved" if item.ended_at else "active"}]}}
    code = ("82810-3", "Pregnancy status") if item.kind == "pregnancy" else (
        "63895-7", "Breastfeeding status")
    return {"resourceType": "Observation", "status": "final", "subject": {"reference": patient},
            "code": {"coding": [{"system": LOINC, "code": code[0], "display": code[1]}]},
            "effectiveDateTime": recorded, "valueString": item.label}


def consent_resource(rule, patient: str) -> dict:
    """A consent rule as a FHIR Consent whose provision denies one practitioner or discipline."""
    actor_ref = ({"reference": ref("Practitioner", rule.account_id),
                  "display": rule.account.display_name if rule.account else ""}
                 if rule.kind == "refuse_practitioner"
                 else {"display": f"discipline: {rule.discipline}"})
    period = {"start": rule.created_at.isoformat()}
    if rule.revoked_at:
        period["end"] = rule.revoked_at.isoformat()
    return {"resourceType": "Consent", "status": "inactive" if rule.revoked_at else "active",
            "scope": {"coding": [{"system": "http://terminology.hl7.org/CodeSystem/consentscope",
                                  "code": "patient-privacy"}]},
            "category": [{"coding": [{"system": LOINC, "code": "59284-0",
                                      "display": "Patient Consent"}]}],
            "patient": {"reference": patient}, "dateTime": rule.created_at.isoformat(),
            "policyRule": {"text": "Quebec health-information law: restriction or refusal"},
            "provision": {"type": "deny", "period": period, "actor": [{
                "role": {"coding": [{"system": "http://terminology.hl7.org/CodeSystem/v3-ParticipationType",
                                     "code": "PRCP"}]}, "reference": actor_ref}]}}


def appointment_resource(appointment, patient: str) -> dict:
    """The booking, its type by code and by the title the reader knows it by."""
    from core.scheduling.apptypes import type_title
    from core.scheduling.models import FHIR_STATUS

    title = type_title(appointment.type_code)
    participants = [{"actor": {"reference": patient}, "status": "accepted"}]
    if appointment.practitioner is not None:
        participants.append({"actor": {"display": appointment.practitioner.name},
                             "status": "accepted"})
    return {"resourceType": "Appointment", "status": FHIR_STATUS.get(appointment.status, "booked"),
            "serviceType": [{"coding": [{"system": APPOINTMENT_TYPE_SYSTEM,
                                         "code": appointment.type_code, "display": title}],
                             "text": title}],
            "start": appointment.starts_at.isoformat(), "end": appointment.ends_at.isoformat(),
            "created": appointment.created_at.isoformat(), "participant": participants}
