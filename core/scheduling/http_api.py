"""Scheduling's JSON API under /api/v1 (documented in the OpenAPI document).

A conflict (slot taken, session full, impossible status change) answers 409 with a translated
message; bad input 422 with messages per field; nothing is written in either case.
"""

from __future__ import annotations

from flask import Blueprint, g, jsonify, request
from marshmallow import RAISE, Schema, ValidationError, fields

from core import db
from core.i18n import _
from core.identity.models import Person
from core.ids import id_arg
from core.scheduling import apptypes, groups, service
from core.scheduling.declarations import BOOK, VIEW
from core.scheduling.errors import SchedulingError
from core.scheduling.models import Appointment, GroupSession
from core.scheduling.schemas import ApiBookingSchema, SignUpSchema, StatusSchema
from core.security.access import require
from core.web.http_api import ID_SCHEMA, document, json_body, validation_error
from core.web.lifecycle import api_attempt, get_or_404, json_refusal

bp = Blueprint("scheduling_api", __name__, url_prefix="/api/v1")
ID = {"in": "path", "required": True, "schema": ID_SCHEMA}


class AppointmentOut(Schema):
    id = fields.Integer()
    type_code = fields.String()
    person_id = fields.Integer()
    practitioner_id = fields.Integer(allow_none=True)
    room_id = fields.Integer(allow_none=True)
    starts_at = fields.AwareDateTime()
    ends_at = fields.AwareDateTime()
    status = fields.String()


class SlotOut(Schema):
    start = fields.AwareDateTime()
    practitioner_id = fields.Integer()
    practitioner = fields.String()


class SeatOut(Schema):
    id = fields.Integer()
    group_session_id = fields.Integer()
    person_id = fields.Integer()
    status = fields.String()


class TypeOut(Schema):
    code = fields.String()
    title = fields.String()
    minutes = fields.Integer()
    capacity = fields.Integer()
    discipline = fields.String(allow_none=True)


document("/api/v1/appointment-types", "get", "Appointment types offered now", response=TypeOut,
         many=True)


@bp.route("/appointment-types")
@require(VIEW)
def types():
    return jsonify([{"code": t.code, "title": str(t.title), "discipline": t.discipline,
                     "minutes": int(t.duration.total_seconds() // 60), "capacity": t.capacity}
                    for t in apptypes.declared_types()])


document("/api/v1/slots", "get", "Next free times for a type", response=SlotOut, many=True,
         parameters=[{"name": "type_code", "in": "query", "required": True,
                      "schema": {"type": "string"}},
                     {"name": "practitioner_id", "in": "query", "schema": ID_SCHEMA}])


@bp.route("/slots")
@require(VIEW)
def slots():
    try:
        found = service.next_free(db.session(), request.args.get("type_code", ""),
                                  practitioner=id_arg("practitioner_id", _("Choose a practitioner.")))
    except SchedulingError as exc:
        return json_refusal(exc)
    return jsonify(SlotOut(many=True).dump(
        [{"start": s, "practitioner_id": r.id, "practitioner": r.name} for s, r in found]))


document("/api/v1/appointments", "post", "Book an appointment (409 when the slot is taken)",
         body=ApiBookingSchema, response=AppointmentOut, created=True, conflict=True,
         links={"cancel": {"operationId": "post_appointments_appointment_id_cancel",
                           "parameters": {"appointment_id": "$response.body#/id"}},
                "status": {"operationId": "post_appointments_appointment_id_status",
                           "parameters": {"appointment_id": "$response.body#/id"}}})


@bp.route("/appointments", methods=["POST"])
@require(BOOK)
def book():
    def booking():
        sess = db.session()
        data = ApiBookingSchema(unknown=RAISE).load(json_body())
        return service.book(sess, type_code=data["type_code"], start=data["start"],
                            person=_person(sess, data["person_id"]),
                            practitioner=data["practitioner_id"], room=data["room_id"],
                            booked_by=g.user)
    return api_attempt(booking, AppointmentOut().dump, status=201)


document("/api/v1/appointments", "get", "A person's appointments", response=AppointmentOut,
         many=True, parameters=[{"name": "person_id", "in": "query", "required": True,
                                 "schema": ID_SCHEMA}])


@bp.route("/appointments", methods=["GET"])
@require(VIEW)
def list_for_person():
    person_id = id_arg("person_id", _("Choose a person."))
    if person_id is None:
        return validation_error(ValidationError({"person_id": [str(_("Choose a person."))]}))
    return jsonify(AppointmentOut(many=True).dump(
        service.appointments_for_person(db.session(), person_id)))


document("/api/v1/appointments/{appointment_id}/cancel", "post", "Cancel an appointment",
         response=AppointmentOut, parameters=[{"name": "appointment_id", **ID}], conflict=True)


@bp.route("/appointments/<int:appointment_id>/cancel", methods=["POST"])
@require(BOOK)
def cancel(appointment_id: int):
    return _change(appointment_id, lambda s, v: service.cancel(s, v, by=g.user))


document("/api/v1/appointments/{appointment_id}/status", "post",
         "Mark an appointment arrived, done or no-show", body=StatusSchema,
         response=AppointmentOut, parameters=[{"name": "appointment_id", **ID}], conflict=True)


@bp.route("/appointments/<int:appointment_id>/status", methods=["POST"])
@require(BOOK)
def status(appointment_id: int):
    try:
        wanted = StatusSchema().load(json_body())["status"]
    except ValidationError as exc:  # bad input is answered before the appointment is looked up
        return json_refusal(exc)
    return _change(appointment_id, lambda s, v: service.set_status(s, v, wanted))


document("/api/v1/group-sessions/{group_id}/signups", "post",
         "Sign a person up (waiting list when full; 409 when full and waitlist is false)",
         body=SignUpSchema, response=SeatOut, parameters=[{"name": "group_id", **ID}],
         created=True, conflict=True)


@bp.route("/group-sessions/<int:group_id>/signups", methods=["POST"])
@require(BOOK)
def sign_up(group_id: int):
    group = get_or_404(GroupSession, group_id)

    def sign_up_one():
        sess = db.session()
        data = SignUpSchema(unknown=RAISE).load(json_body())
        return groups.sign_up(sess, group, _person(sess, data["person_id"]),
                              waitlist=data["waitlist"])
    return api_attempt(sign_up_one, SeatOut().dump, status=201)


def _person(sess, person_id: int) -> Person:
    """The person a request names; an unknown id is a field error, like any bad input."""
    person = sess.get(Person, person_id)
    if person is None:
        raise ValidationError({"person_id": [str(_("Choose a person."))]})
    return person


def _change(appointment_id: int, action):
    """``action(session, visit)`` on the appointment, committed once; the visit as JSON."""
    visit = get_or_404(Appointment, appointment_id)

    def change():
        action(db.session(), visit)
        return visit
    return api_attempt(change, AppointmentOut().dump)
