"""Errors of the scheduling services: each carries a translated message fit for the user."""

from __future__ import annotations

from core.i18n import _
from core.refusal import Refused


class SchedulingError(Refused):
    """A booking request that cannot be honoured; ``str(exc)`` is the translated reason.

    ``field`` names the form field the message belongs next to (None: the whole form).
    """

    status = 422
    default = _("This booking is not possible.")


class SlotTaken(SchedulingError):
    """The practitioner or room is already booked for an overlapping time (HTTP 409).

    One wording whether the time was taken long ago or a moment before the request: nothing
    tells the two apart (the API and the portal know no "form shown at"), and "already taken"
    is true of both. Never who holds it."""

    status = 409
    default = _("This time slot is already taken. Please choose another time.")


class SessionFull(SchedulingError):
    """The group session has no seat left and no waiting list was asked for (HTTP 409)."""

    status = 409
    default = _("This group session is full.")


class Unavailable(SchedulingError):
    """The time is outside the resource's availability, or on a closed day."""

    default = _("This time is outside the opening hours of this practitioner or room.")


class InvalidTransition(SchedulingError):
    """A status change the life cycle does not allow (cancelling a finished visit...)."""

    status = 409
    default = _("This change is not possible in the appointment's current state.")


class UnknownType(SchedulingError):
    """The appointment type is not declared, or its service is not active."""

    default = _("This type of appointment is not offered.")
