"""What people type into volunteering's forms and API: validated, messages translated."""

from __future__ import annotations

from marshmallow import fields, validate

from core.i18n import _
from core.identity.schemas import BlankIsNone, DateField, Text, optional_text, required_text
from core.ids import IdField
from core.scheduling.schemas import TimeField
from core.volunteering.models import ACCOMPANIMENTS, RECOGNITIONS

REQUIRED = {"required": _("This field is required.")}


def _int(low, high, required=True, **kw):
    return fields.Integer(required=required, strict=False, validate=validate.Range(
        low, high, error=_("Enter a whole number from %(low)s to %(high)s.", low=low,
                           high=high)),
        error_messages={"invalid": _("Enter a whole number."), **REQUIRED}, **kw)


class ShiftSchema(BlankIsNone):
    program = required_text(80)
    title = required_text(200)
    place = optional_text(300)
    description = optional_text(2000)
    date = DateField(required=True, error_messages=REQUIRED)
    start = TimeField(required=True)
    end = TimeField(required=True)
    needed = _int(1, 500)
    training = optional_text(120)
    personal_info = fields.Boolean(load_default=False, truthy={"y", "on", "1", "true"})


class ProfileSchema(BlankIsNone):
    likes = optional_text(2000)
    skills = optional_text(2000)
    availability = optional_text(2000)
    languages = optional_text(200)
    reminders = fields.Boolean(load_default=False, truthy={"y", "on", "1", "true"})


class TrainingsSchema(BlankIsNone):
    trainings = optional_text(500)


class UndertakingSchema(BlankIsNone):
    signed_on = DateField(required=True, error_messages=REQUIRED)
    version = optional_text(20)


class PersonPick(BlankIsNone):
    person_id = IdField(required=True, strict=False,
                        error_messages={"invalid": _("Choose a person."),
                                        "required": _("Choose a person.")})


class ConfirmSchema(BlankIsNone):
    hours = Text(load_default=None, validate=validate.Length(max=12))
    note = optional_text(300)


class HoursSchema(BlankIsNone):
    person_id = IdField(required=True, strict=False,
                        error_messages={"invalid": _("Choose a person."),
                                        "required": _("Choose a person.")})
    program = required_text(80)
    worked_on = DateField(required=True, error_messages=REQUIRED)
    hours = Text(required=True, validate=validate.Length(max=12),
                 error_messages={"required": _("Give a number of hours.")})
    note = optional_text(300)


class RecognitionSchema(BlankIsNone):
    year = _int(2000, 2100)
    kind = Text(required=True, validate=validate.OneOf(
        RECOGNITIONS, error=_("Choose from the list.")), error_messages=REQUIRED)
    hours = Text(required=True, validate=validate.Length(max=12),
                 error_messages={"required": _("Give a number of hours.")})
    note = optional_text(300)


class AccompanySchema(BlankIsNone):
    appointment_id = IdField(required=True, strict=False,
                             error_messages={"invalid": _("Choose an appointment."),
                                             "required": _("Choose an appointment.")})
    kind = Text(required=True, validate=validate.OneOf(
        ACCOMPANIMENTS, error=_("Choose what the person needs.")), error_messages=REQUIRED)
    place = required_text(300)
    minutes_before = _int(0, 240, required=False, load_default=30)
    minutes_after = _int(0, 240, required=False, load_default=30)
    description = optional_text(2000)


class ApiSignUpSchema(BlankIsNone):
    person_id = IdField(required=True, strict=False,
                        error_messages={"invalid": _("Choose a person."),
                                        "required": _("Choose a person.")})
