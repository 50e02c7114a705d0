"""Volunteering's JSON API under /api/v1: the open shifts, and putting a person on one.

The same rules as the pages: a full shift answers 409, a shift touching personal information
refuses a person without the current signed undertaking (422, on ``person_id``); nothing is
written when refused. Shifts are shown as a volunteer sees them: no health detail.
"""

from __future__ import annotations

from flask import Blueprint, jsonify
from marshmallow import RAISE, Schema, ValidationError, fields

from core import db
from core.i18n import _
from core.identity.models import Person
from core.security.access import require
from core.volunteering import service
from core.volunteering.accompaniment import volunteer_view
from core.volunteering.declarations import MANAGE
from core.volunteering.models import VolunteerShift
from core.volunteering.schemas import ApiSignUpSchema
from core.web.http_api import ID_SCHEMA, document, json_body
from core.web.lifecycle import api_attempt, get_or_404

bp = Blueprint("volunteering_api", __name__, url_prefix="/api/v1")


class ShiftOut(Schema):
    id = fields.Integer()
    title = fields.String()
    program = fields.String()
    place = fields.String()
    starts_at = fields.AwareDateTime()
    ends_at = fields.AwareDateTime()
    needed = fields.Integer()
    taken = fields.Integer()
    training = fields.String()
    personal_info = fields.Boolean()
    accompaniment = fields.String()


class SignupOut(Schema):
    id = fields.Integer()
    shift_id = fields.Integer()
    person_id = fields.Integer()
    status = fields.String()


document("/api/v1/volunteering/shifts", "get", "Volunteer shifts to come that need people",
         response=ShiftOut, many=True)


@bp.route("/volunteering/shifts")
@require(MANAGE)
def shifts():
    return jsonify(ShiftOut(many=True).dump([volunteer_view(s, reveal=False)
                                             for s in service.open_shifts(db.session())]))


document("/api/v1/volunteering/shifts/{shift_id}/signups", "post",
         "Put a person on a volunteer shift (409 when it has everyone it needs)",
         body=ApiSignUpSchema, response=SignupOut,
         parameters=[{"name": "shift_id", "in": "path", "required": True, "schema": ID_SCHEMA}],
         created=True, conflict=True)


@bp.route("/volunteering/shifts/<int:shift_id>/signups", methods=["POST"])
@require(MANAGE)
def sign_up(shift_id: int):
    shift = get_or_404(VolunteerShift, shift_id)

    def sign_up_one():
        sess = db.session()
        data = ApiSignUpSchema(unknown=RAISE).load(json_body())
        if sess.get(Person, data["person_id"]) is None:
            raise ValidationError({"person_id": [str(_("Choose a person."))]})
        return service.sign_up(sess, shift, data["person_id"])
    # the service names the person ``person``; the body calls it ``person_id``
    return api_attempt(sign_up_one, SignupOut().dump, status=201,
                       rename={"person": "person_id"})
