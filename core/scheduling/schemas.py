"""What people type into scheduling forms and the API: validated, messages translated."""

from __future__ import annotations

from marshmallow import Schema, fields, validate

from core.i18n import _
from core.identity.schemas import BlankIsNone, DateField, Text, optional_text, required_text
from core.ids import IdField
from core.scheduling.availability import EXCEPTION_KINDS
from core.scheduling.extra_models import CHANNELS, PRIORITIES
from core.scheduling.reminders import HOURS_CHOICES

REQUIRED = {"required": _("This field is required.")}


def _int(required=False, error=None, *, field=fields.Integer, **kw):
    messages = {"invalid": error or _("Choose from the list."), **REQUIRED}
    if not required:
        kw.setdefault("load_default", None)
    return field(required=required, strict=False, error_messages=messages, **kw)


def _id(required=False, error=None, **kw):
    """An id chosen from a list: out of range is the field's own error, never a 500."""
    return _int(required, error, field=IdField, **kw)


class TimeField(fields.Time):
    default_error_messages = {"invalid": _("Enter a time as HH:MM."), **REQUIRED}


class WhenMixin:
    """A local date and time, as typed in a form (converted to UTC by the service)."""

    date = DateField(required=True, error_messages=REQUIRED, metadata={"label": _("Date")})
    time = TimeField(required=True, metadata={"label": _("Time")})


class BookingSchema(WhenMixin, BlankIsNone):
    type_code = required_text(120, metadata={"label": _("Type of appointment")})
    person_id = _id(required=True, error=_("Choose a person."))
    practitioner_id = _id(error=_("Choose a practitioner."))
    room_id = _id(error=_("Choose a room."))


class MoveSchema(WhenMixin, BlankIsNone):
    practitioner_id = _id(error=_("Choose a practitioner."))
    room_id = _id(error=_("Choose a room."))


class PortalBookingSchema(BlankIsNone):
    type_code = required_text(120)
    start = fields.AwareDateTime(required=True, error_messages={
        "invalid": _("Choose a time from the list."), **REQUIRED})
    practitioner_id = _id(required=True, error=_("Choose a time from the list."))


class ApiBookingSchema(BlankIsNone):
    type_code = required_text(120)
    person_id = _id(required=True, error=_("Choose a person."))
    start = fields.AwareDateTime(required=True, error_messages={
        "invalid": _("Enter a date and time with its UTC offset (ISO 8601)."), **REQUIRED})
    practitioner_id = _id(error=_("Choose a practitioner."))
    room_id = _id(error=_("Choose a room."))


class SignUpSchema(BlankIsNone):
    person_id = _id(required=True, error=_("Choose a person."))
    waitlist = fields.Boolean(load_default=True)


class StatusSchema(Schema):
    status = Text(required=True, validate=validate.OneOf(
        ["arrived", "done", "no_show"], error=_("Choose a status from the list.")))


class RoomSchema(BlankIsNone):
    name = required_text(200, metadata={"label": _("Room name")})


class WindowSchema(BlankIsNone):
    weekday = _int(required=True, validate=validate.Range(min=0, max=6, error=_("Choose a day.")),
                   error=_("Choose a day."))
    starts = TimeField(required=True, metadata={"label": _("From")})
    ends = TimeField(required=True, metadata={"label": _("To")})


class ClosureSchema(BlankIsNone):
    resource_id = _id()
    kind = Text(required=True, validate=validate.OneOf(
        EXCEPTION_KINDS, error=_("Choose a kind of closure.")), error_messages=REQUIRED)
    first_day = DateField(required=True, error_messages=REQUIRED)
    last_day = DateField(load_default=None)
    note = optional_text(200)


class GroupSessionSchema(WhenMixin, BlankIsNone):
    type_code = required_text(120, metadata={"label": _("Activity")})
    title = optional_text(200, metadata={"label": _("Title")})
    capacity = _int(validate=validate.Range(min=2, max=500, error=_(
        "Enter a number of places between 2 and 500.")), error=_("Enter a number."))
    practitioner_id = _id(error=_("Choose a practitioner."))
    room_id = _id(error=_("Choose a room."))


class TicketSchema(BlankIsNone):
    person_id = _id(error=_("Choose a person."))
    label = optional_text(120, metadata={"label": _("Name to call")})
    priority = _int(required=True, validate=validate.OneOf(
        PRIORITIES, error=_("Choose a priority.")), error=_("Choose a priority."))
    discipline = optional_text(60)


class EventSchema(WhenMixin, BlankIsNone):
    title = required_text(200, metadata={"label": _("Title")})
    description = optional_text(4000, metadata={"label": _("Description")})
    location = optional_text(200, metadata={"label": _("Place")})
    duration_minutes = _int(required=True, validate=validate.Range(
        min=5, max=24 * 60, error=_("Enter a duration between 5 minutes and 24 hours.")),
        error=_("Enter a number of minutes."))
    rrule = optional_text(300, metadata={"label": _("Repeats (iCalendar rule)")})
    published = fields.Boolean(load_default=False)


class ReminderSchema(BlankIsNone):
    channel = Text(required=True, validate=validate.OneOf(
        CHANNELS, error=_("Choose how to be reminded.")), error_messages=REQUIRED)
    hours_before = _int(required=True, validate=validate.OneOf(
        HOURS_CHOICES, error=_("Choose when to be reminded.")), error=_("Choose when to be reminded."))
