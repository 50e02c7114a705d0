"""The chart's JSON API under /api/v1 (same rules, same audit as the pages)."""

from __future__ import annotations

from flask import Blueprint, g, jsonify
from marshmallow import Schema, fields

from core import db
from core.audit.service import audit
from core.record import chart, policy, rendering, service
from core.record.forms import form_version
from core.record.models import Entry
from core.record.summary import summary_of
from core.security.access import require
from core.web.http_api import ID_SCHEMA, document, json_body
from core.web.lifecycle import api_attempt, commit_reads

bp = Blueprint("record_api", __name__, url_prefix="/api/v1")
PERSON = {"name": "person_id", "in": "path", "required": True, "schema": ID_SCHEMA}
ENTRY = {"name": "entry_id", "in": "path", "required": True, "schema": ID_SCHEMA}


class EntryOut(Schema):
    id = fields.Integer()
    person_id = fields.Integer()
    form_id = fields.String()
    form_version = fields.Integer()
    discipline = fields.String()
    author_id = fields.Integer()
    confidentiality = fields.String()
    status = fields.String()
    reason = fields.String()
    occurred_at = fields.DateTime()
    created_at = fields.DateTime()
    supersedes_id = fields.Integer(allow_none=True)
    encounter_id = fields.Integer(allow_none=True)
    member_visible = fields.Boolean()
    payload = fields.Dict()
    summary = fields.String()


class EntryIn(Schema):
    form_id = fields.String(required=True)
    payload = fields.Dict(required=True)
    confidentiality = fields.String(load_default=None)


class AmendIn(Schema):
    payload = fields.Dict(required=True)
    reason = fields.String(load_default="")


class ErrorIn(Schema):
    reason = fields.String(required=True)


def _dump(entry: Entry) -> dict:
    data = EntryOut().dump(entry)
    data["summary"] = rendering.summary_line(entry, form_version(entry.form_id, entry.form_version))
    return data


def _readable_entry(entry_id: int, action: str) -> Entry:
    """The entry when the caller may read it; a missing one is the same audited 403."""
    return chart.readable_entry(entry_id, action)[0]


document("/api/v1/people/{person_id}/entries", "get",
         "Current chart entries the caller may read, newest first", response=EntryOut,
         many=True, parameters=[PERSON])
document("/api/v1/people/{person_id}/entries", "post",
         "Record an entry with a form's payload (validated by the form's schema)",
         body=EntryIn, response=EntryOut, parameters=[PERSON], created=True,
         links={"entry": {"operationId": "get_entries_entry_id",
                          "parameters": {"entry_id": "$response.body#/id"}}})
document("/api/v1/entries/{entry_id}", "get", "Read one entry version", response=EntryOut,
         parameters=[ENTRY])
document("/api/v1/entries/{entry_id}/amend", "post", "Amend an entry (a new version)",
         body=AmendIn, response=EntryOut, parameters=[ENTRY], created=True)
document("/api/v1/entries/{entry_id}/error", "post", "Mark an entry as entered in error",
         body=ErrorIn, response=EntryOut, parameters=[ENTRY], created=True)
document("/api/v1/people/{person_id}/summary", "get", "The shared clinical summary",
         parameters=[PERSON])


@bp.route("/people/<int:person_id>/entries", methods=["GET"])
@require(policy.VIEW)
def list_entries(person_id: int):
    """Entries the caller may read; the read is audited."""
    person, _access = chart.open_chart(person_id)
    sess = db.session()
    entries = service.entries_for(sess, person.id, viewer=g.user)
    audit(sess, "chart.read", person_id=person.id, detail={"via": "api"})
    commit_reads()
    return jsonify([_dump(e) for e in entries])


def _write(schema, act, person_id: int, action: str, entry_id: int | None = None):
    """Load the body with ``schema``, call ``act(data)``; 422 with field messages and nothing
    written on bad input, an audited 403 when the service refuses, 201 with the new version."""
    def write():
        try:
            return act(schema().load(json_body()))
        except service.AccessDenied:
            chart.deny(person_id, action, entry_id=entry_id)
    return api_attempt(write, _dump_with_findings, status=201)


def _dump_with_findings(entry: Entry) -> dict:
    """The entry, and the findings its form's protocols made of it just now."""
    out = _dump(entry)
    out["findings"] = [{"protocol_id": f.protocol_id, "severity": f.severity,
                        "message": f.shown_message, "advice": f.shown_advice,
                        "texts": f.texts}
                       for f in getattr(entry, "new_findings", [])]
    return out


@bp.route("/people/<int:person_id>/entries", methods=["POST"])
@require(policy.WRITE)
def create_entry(person_id: int):
    """Validate with the form's schema; the findings of its protocols come back with it."""
    person, _access = chart.open_chart(person_id, "entry.create")
    return _write(EntryIn, lambda data: service.record_entry(
        db.session(), person=person, form_id=data["form_id"], payload=data["payload"],
        author=g.user, confidentiality=data["confidentiality"]), person.id, "entry.create")


@bp.route("/entries/<int:entry_id>", methods=["GET"])
@require(policy.VIEW)
def get_entry(entry_id: int):
    entry = _readable_entry(entry_id, "entry.read")
    audit(db.session(), "entry.read", person_id=entry.person_id, entry_id=entry.id)
    commit_reads()
    return jsonify(_dump(entry))


@bp.route("/entries/<int:entry_id>/amend", methods=["POST"])
@require(policy.WRITE)
def amend_entry(entry_id: int):
    entry = _readable_entry(entry_id, "entry.amend")
    return _write(AmendIn, lambda data: service.amend_entry(
        db.session(), entry, payload=data["payload"], author=g.user, reason=data["reason"]),
        entry.person_id, "entry.amend", entry.id)


@bp.route("/entries/<int:entry_id>/error", methods=["POST"])
@require(policy.WRITE)
def entry_error(entry_id: int):
    entry = _readable_entry(entry_id, "entry.error")
    return _write(ErrorIn, lambda data: service.mark_entered_in_error(
        db.session(), entry, author=g.user, reason=data["reason"]),
        entry.person_id, "entry.error", entry.id)


@bp.route("/people/<int:person_id>/summary", methods=["GET"])
@require(policy.VIEW)
def summary(person_id: int):
    person, _access = chart.open_chart(person_id, "summary.read")
    sess = db.session()
    result = summary_of(sess, person.id)
    audit(sess, "summary.read", person_id=person.id, detail={"via": "api"})
    commit_reads()
    return jsonify(_summary_json(result))


def _summary_json(result) -> dict:
    def items(lines):
        return [{"label": i.label, "code": i.code, "natural_product": i.natural_product,
                 "detail": i.detail, "since": i.since.isoformat() if i.since else None}
                for i in lines]
    return {"problems": items(result.problems), "medications": items(result.medications),
            "allergies": items(result.allergies), "pregnancy": result.pregnancy,
            "breastfeeding": result.breastfeeding}
