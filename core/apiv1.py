"""JSON API under /api/v1, described by an OpenAPI document built with apispec.

API clients send ``Authorization: Bearer <token>`` (see ``soin user token``); a browser session
works too. Errors are JSON ``{"error": {...}}`` with field messages under ``fields``.
"""

from __future__ import annotations

from apispec import APISpec
from apispec.ext.marshmallow import MarshmallowPlugin
from flask import Blueprint, abort, jsonify, request
from marshmallow import Schema, ValidationError, fields

from core import __version__, db
from core.i18n import _
from core.identity import service
from core.identity.models import Person
from core.identity.schemas import PersonSchema
from core.security.access import authenticated, public, require

bp = Blueprint("api", __name__, url_prefix="/api/v1")
OPERATIONS: list[tuple[str, str, dict]] = []


class PersonOut(Schema):
    id = fields.Integer()
    first_name = fields.String()
    last_name = fields.String()
    preferred_name = fields.String()
    date_of_birth = fields.Date(allow_none=True)
    household_id = fields.Integer(allow_none=True)
    language = fields.String()


class ErrorOut(Schema):
    error = fields.Dict()


def document(path: str, method: str, summary: str, *, body=None, response=None, many=False,
             parameters=()):
    """Record an operation for the OpenAPI document (kept next to the view it describes)."""
    operation = {"summary": summary, "security": [{"bearer": []}],
                 "responses": {"401": {"description": "not signed in"},
                               "403": {"description": "forbidden"}}}
    if response is not None:
        schema = {"type": "array", "items": response} if many else response
        operation["responses"]["200"] = {"description": "OK",
                                         "content": {"application/json": {"schema": schema}}}
    if body is not None:
        operation["requestBody"] = {"required": True,
                                    "content": {"application/json": {"schema": body}}}
        operation["responses"]["422"] = {"description": "invalid input",
                                         "content": {"application/json": {"schema": "ErrorOut"}}}
    if parameters:
        operation["parameters"] = list(parameters)
    OPERATIONS.append((path, method, operation))


def validation_error(exc: ValidationError):
    """422 with each field's messages in the reader's language (marshmallow speaks English)."""
    from core.record.forms import translate_messages

    messages = translate_messages(exc.messages) if isinstance(exc.messages, dict) else {}
    return jsonify(error={"status": 422, "message": str(_("Please correct the fields shown.")),
                          "fields": messages}), 422


def json_body() -> dict:
    data = request.get_json(silent=True)
    if not isinstance(data, dict):
        abort(400)
    return data


document("/api/v1/people", "get", "Search people by name, date of birth or RAMQ number",
         response="PersonOut", many=True,
         parameters=[{"name": "q", "in": "query", "required": True, "schema": {"type": "string"}}])
document("/api/v1/people", "post", "Register a person", body="PersonIn", response="PersonOut")
document("/api/v1/people/{person_id}", "get", "Read a person's identity", response="PersonOut",
         parameters=[{"name": "person_id", "in": "path", "required": True,
                      "schema": {"type": "integer"}}])


@bp.route("/people", methods=["GET"])
@require("core.people.view")
def search_people():
    return jsonify(PersonOut(many=True).dump(service.search_people(db.session(),
                                                                   request.args.get("q", ""))))


@bp.route("/people", methods=["POST"])
@require("core.people.edit")
def create_person():
    sess = db.session()
    try:
        data = PersonSchema().load(json_body())
        person = service.register_person(sess, data)
    except ValidationError as exc:
        sess.rollback()
        return validation_error(exc)
    except service.DuplicateRamq:
        sess.rollback()
        return validation_error(ValidationError({"ramq": [_("Another person already has this RAMQ number.")]}))
    sess.commit()
    return jsonify(PersonOut().dump(person)), 201


@bp.route("/people/<int:person_id>", methods=["GET"])
@require("core.people.view")
def get_person(person_id: int):
    person = db.session().get(Person, person_id)
    if person is None:
        abort(404)
    return jsonify(PersonOut().dump(person))


@bp.route("/me", methods=["GET"])
@authenticated
def me():
    from flask import g

    return jsonify(username=g.user.username, display_name=g.user.display_name,
                   roles=sorted(g.user.role_codes))


@bp.route("/openapi.json", methods=["GET"])
@public
def openapi():
    """The OpenAPI 3 document of every operation recorded with :func:`document`."""
    spec = APISpec(title="Soin commun API", version=__version__, openapi_version="3.0.3",
                   plugins=[MarshmallowPlugin()])
    spec.components.security_scheme("bearer", {"type": "http", "scheme": "bearer"})
    spec.components.schema("PersonOut", schema=PersonOut)
    spec.components.schema("PersonIn", schema=PersonSchema)
    spec.components.schema("ErrorOut", schema=ErrorOut)
    paths: dict[str, dict] = {}
    for path, method, operation in OPERATIONS:
        paths.setdefault(path, {})[method] = operation
    for path, operations in paths.items():
        spec.path(path=path, operations=_refs(operations))
    return jsonify(spec.to_dict())


def _refs(operations: dict) -> dict:
    """Turn schema names into ``$ref``s (apispec resolves them through the marshmallow plugin)."""
    def fix(node):
        if isinstance(node, dict):
            return {k: ({"$ref": f"#/components/schemas/{v}"} if k in ("schema", "items") and isinstance(v, str)
                        else fix(v)) for k, v in node.items()}
        return node
    return fix(operations)
