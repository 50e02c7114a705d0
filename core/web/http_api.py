"""JSON API under /api/v1, described by an OpenAPI document built with apispec.

API clients send ``Authorization: Bearer <token>`` (see ``soin user token``); a browser session
works too. Errors are JSON ``{"error": {...}}`` with field messages under ``fields``.
"""

from __future__ import annotations

import re

from flask import Blueprint, jsonify, request
from marshmallow import RAISE, Schema, ValidationError, fields

from core import __version__, db
from core.i18n import _
from core.identity import service
from core.identity.models import Person
from core.identity.schemas import PersonSchema
from core.ids import MAX_ID, FieldError
from core.security.access import authenticated, public, require
from core.web.inputs import InputRefused
from core.web.lifecycle import api_attempt, get_or_404, json_refusal

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


class ErrorBody(Schema):
    status = fields.Integer(required=True)
    message = fields.String(required=True)
    id = fields.String(metadata={"description": "quote it to the coop's administrator"})
    fields_ = fields.Dict(data_key="fields", keys=fields.String(),
                          values=fields.List(fields.String()),
                          metadata={"description": "messages per field at fault"})


class ErrorOut(Schema):
    error = fields.Nested(ErrorBody, required=True)


#: an id in a path or query: a row's INTEGER key (core.ids)
ID_SCHEMA = {"type": "integer", "minimum": 1, "maximum": MAX_ID}

#: what each error status means, for every operation that can answer it
ERRORS = {
    "400": "unreadable JSON, not a JSON object, or text that cannot be stored (NUL byte)",
    "401": "no valid bearer token (or signed-in session)",
    "403": "the account may not do this (or may not read this entry: missing entries "
           "answer the same)",
    "404": "nothing has this id",
    "409": "conflicts with the current state (slot taken, session full, status change)",
    "422": "invalid input: messages per field under error.fields",
}


def document(path: str, method: str, summary: str, *, body=None, response=None, many=False,
             parameters=(), created=False, conflict=False, links=None):
    """Record an operation for the OpenAPI document (kept next to the view it describes).

    Every status the operation can answer is listed: 201 for a creation (``created``), 200
    otherwise; 400, 401, 403 always; 404 with a path parameter; 409 with ``conflict``; 422
    with a body or a query parameter. Bodies refuse unknown fields (``additionalProperties``).
    ``links``: OpenAPI links from the success response (they guide the stateful fuzzer).
    """
    success = "201" if created else "200"
    operation = {"summary": summary, "security": [{"bearer": []}],
                 "operationId": _operation_id(path, method), "responses": {}}
    places = {p["in"] for p in parameters}
    errors = ["400", "401", "403"]
    errors += ["404"] if "path" in places else []
    errors += ["409"] if conflict else []
    errors += ["422"] if body is not None or "query" in places else []
    ok = {"description": "created" if created else "OK"}
    if response is not None:
        schema = {"type": "array", "items": response} if many else response
        ok["content"] = {"application/json": {"schema": schema}}
    if links:
        ok["links"] = links
    operation["responses"][success] = ok
    for code in errors:
        operation["responses"][code] = {"description": ERRORS[code], "content": {
            "application/json": {"schema": "ErrorOut"}}}
    if body is not None:
        operation["requestBody"] = {"required": True, "content": {"application/json": {
            "schema": body if isinstance(body, str) else body(unknown=RAISE)}}}
    if parameters:
        operation["parameters"] = list(parameters)
    OPERATIONS.append((path, method, operation))
    QUERY_NAMES[(path, method.upper())] = {p["name"] for p in parameters if p["in"] == "query"}


#: (documented path, METHOD) -> the query parameters the operation reads
QUERY_NAMES: dict[tuple[str, str], set[str]] = {}


def refuse_unknown_query():
    """before_request (API): a query parameter the operation does not document is a 422
    naming it, as an unknown body field is: the document says all the API accepts."""
    if request.url_rule is None or not request.path.startswith("/api/"):
        return
    path = re.sub(r"<(?:[^:<>]+:)?(\w+)>", r"{\1}", request.url_rule.rule)
    known = QUERY_NAMES.get((path, request.method if request.method != "HEAD" else "GET"))
    if known is None:
        return
    unknown = sorted(set(request.args) - known)
    if unknown:
        raise FieldError({name: [_("Unknown parameter.")] for name in unknown})


def _operation_id(path: str, method: str) -> str:
    """``post /api/v1/people/{person_id}/entries`` -> ``post_people_person_id_entries``."""
    words = path.removeprefix("/api/v1/").replace("{", "").replace("}", "")
    return f"{method}_" + "_".join(w for w in words.replace("-", "_").split("/") if w)


def validation_error(exc: ValidationError):
    """422 with each field's messages in the reader's language (marshmallow speaks English)."""
    return json_refusal(exc)


def json_body() -> dict:
    """The request's JSON object (read by core.web.inputs' guarded loader), or a clear 400."""
    data = request.get_json(silent=True)
    if not isinstance(data, dict):
        raise InputRefused(_("Send a JSON object (Content-Type: application/json)."))
    return data


document("/api/v1/people", "get", "Search people by name, date of birth or RAMQ number",
         response="PersonOut", many=True,
         parameters=[{"name": "q", "in": "query", "required": True, "schema": {"type": "string"}}])
document("/api/v1/people", "post", "Register a person", body="PersonIn", response="PersonOut",
         created=True, links={"person": {"operationId": "get_people_person_id",
                                         "parameters": {"person_id": "$response.body#/id"}}})
document("/api/v1/people/{person_id}", "get", "Read a person's identity", response="PersonOut",
         parameters=[{"name": "person_id", "in": "path", "required": True,
                      "schema": ID_SCHEMA}])


@bp.route("/people", methods=["GET"])
@require("core.people.view")
def search_people():
    if "q" not in request.args:
        raise FieldError({"q": [_("This field is required.")]})
    return jsonify(PersonOut(many=True).dump(service.search_people(db.session(),
                                                                   request.args["q"])))


@bp.route("/people", methods=["POST"])
@require("core.people.edit")
def create_person():
    def register():
        sess = db.session()
        data = PersonSchema(unknown=RAISE).load(json_body())
        return service.register_person(sess, data, service.chosen_household(sess, data),
                                       alone=True)  # api_attempt rolls back on a refusal
    return api_attempt(register, PersonOut().dump, status=201)


@bp.route("/people/<int:person_id>", methods=["GET"])
@require("core.people.view")
def get_person(person_id: int):
    return jsonify(PersonOut().dump(get_or_404(Person, person_id)))


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
    # imported here: only this document needs apispec, not the start of every process
    from apispec import APISpec
    from apispec.ext.marshmallow import MarshmallowPlugin

    spec = APISpec(title="Soin commun API", version=__version__, openapi_version="3.0.3",
                   plugins=[MarshmallowPlugin()])
    spec.components.security_scheme("bearer", {"type": "http", "scheme": "bearer"})
    spec.components.schema("PersonOut", schema=PersonOut)
    spec.components.schema("PersonIn", schema=PersonSchema(unknown=RAISE))
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
