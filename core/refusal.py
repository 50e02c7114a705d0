"""The one exception a rule raises to refuse an action: translated messages per form field.

Services raise :class:`Refused` (or a subclass: ``EntryInvalid``, ``SchedulingError``...) before
anything is kept; the request lifecycle (:mod:`core.web.lifecycle`) rolls back and shows the
messages next to the fields, and the HTTP API answers them as JSON. It lives outside ``web``
because services raise it and must not depend on the web layer.
"""

from __future__ import annotations

from typing import Any

#: the key of a message about the whole form rather than one field
FORM = "_form"


class Refused(ValueError):
    """An action refused for a reason the person acting can fix; nothing was kept.

    ``message`` is the translated reason, ``field`` the form field it belongs next to (None:
    the whole form), ``messages`` every reason as ``{field: [text]}`` (several fields at once),
    ``status`` the HTTP status that says it (422 bad input, 409 a conflict).
    """

    status = 422
    default: Any = None

    def __init__(self, message: Any = None, field: str | None = None,
                 messages: dict | None = None):
        self.message = message if message is not None else self.default
        self.field = field
        self.messages = messages if messages is not None else {
            field or FORM: [self.message]}
        super().__init__(self.message if messages is None else messages)

    def __str__(self) -> str:
        return str(self.message) if self.message is not None else str(self.messages)
