"""Translated labels of scheduling's codes, and template filters for form values."""

from __future__ import annotations

from babel.dates import get_day_names
from markupsafe import Markup, escape

from core.coop_time import to_local
from core.i18n import _, locale_code, reader_language
from core.typography import NBSP
# the local day and time as a reader reads them live in core.web.formatting (every template's
# filters); kept importable from here, where other areas found them first
from core.web.formatting import clock as local_time, local_day  # noqa: F401

STATUS = {"booked": _("Booked"), "arrived": _("Arrived"), "done": _("Seen"),
          "no_show": _("Did not come"), "cancelled": _("Cancelled")}
SEAT = {"confirmed": _("Confirmed"), "waiting": _("Waiting list"), "cancelled": _("Cancelled")}
CLOSURE = {"holiday": _("Public holiday"), "leave": _("Leave"), "closed": _("Closed")}
PRIORITY = {1: _("Urgent"), 2: _("Soon"), 3: _("Routine")}
TICKET = {"waiting": _("Waiting"), "called": _("Called"), "done": _("Seen"),
          "left": _("Left without being seen")}
CHANNEL = {"none": _("No reminders"), "email": _("By e-mail")}
RESOURCE_KIND = {"practitioner": _("Practitioner"), "room": _("Room")}


def weekday_names() -> list[tuple[int, str]]:
    """(0, "lundi") ... (6, "dimanche") in the reader's language."""
    names = get_day_names("wide", locale=reader_language())
    return [(n, names[n]) for n in range(7)]


def resource_options(resources, chosen) -> Markup:
    """The ``<option>`` of each resource for a picker ("name (kind)"), ``chosen``'s selected.

    Each option is written once per process for its id, name, kind and language (its two
    parts around ``selected``): every calendar page lists every resource, and escaping and
    translating them again was 300 calls of a day page's 7,000."""
    code = locale_code()
    written = []
    for r in resources:
        key = (r.id, r.name, r.kind, code)
        parts = _OPTIONS.get(key)
        if parts is None:
            if len(_OPTIONS) >= 4096:  # renamed resources, over months: start again
                _OPTIONS.clear()
            kind = RESOURCE_KIND.get(r.kind)
            parts = _OPTIONS[key] = (f'<option value="{escape(r.id)}" ',
                                     f'>{escape(r.name)} ({escape(kind) if kind is not None else ""})'
                                     "</option>")
        written.append(f'{parts[0]}{"selected" if r.id == chosen else ""}{parts[1]}')
    return Markup("".join(written))


#: :func:`resource_options`' options, by (id, name, kind, language)
_OPTIONS: dict[tuple, tuple[str, str]] = {}


def minutes(delta) -> int:
    """A timedelta in whole minutes (waiting times)."""
    return int(delta.total_seconds() // 60)


def wait_length(delta) -> str:
    """A waiting time as the desk reads it: "25 min" under an hour, "1 h 05" above (no-break
    spaces: never split across two lines)."""
    hours, left = divmod(minutes(delta), 60)
    if not hours:
        text = _("%(n)s min", n=left)
    elif not left:
        text = _("%(hours)s h", hours=hours)
    else:
        text = _("%(hours)s h %(minutes)s min", hours=hours, minutes=f"{left:02d}")
    return str(text).replace(" ", NBSP)


def waiting(delta) -> str:
    """How long a ticket has waited so far: "just arrived" under a minute (not "0 min")."""
    return str(_("just arrived")) if minutes(delta) < 1 else wait_length(delta)


def waiting_for(delta) -> str:
    """The home page's line of a ticket waiting: "arrived just now", "waiting for 1 h 05"."""
    if minutes(delta) < 1:
        return str(_("arrived just now"))
    return str(_("waiting for %(time)s", time=wait_length(delta)))


def waited(delta) -> str:
    """How long a ticket called waited: "waited less than a minute", "waited 1 h 05"."""
    if minutes(delta) < 1:
        return str(_("waited less than a minute"))
    return str(_("waited %(time)s", time=wait_length(delta)))


def local_time_hm(value) -> str:
    """A UTC timestamp as local ``HH:MM`` (for form values and links)."""
    return to_local(value).strftime("%H:%M")


def local_date_iso(value) -> str:
    """A UTC timestamp's local date as ``YYYY-MM-DD`` (for form values and links)."""
    return to_local(value).date().isoformat()


def pairs(items, key: str = "id", label: str = "name") -> list[tuple]:
    """``(value, text)`` choices for a select, from objects' attributes."""
    return [(getattr(i, key), getattr(i, label)) for i in items]


def register(app) -> None:
    """Make the labels and filters available to every template."""
    # local_time and local_day are core.web.formatting's, like every date a person reads
    app.jinja_env.filters.update(minutes=minutes, local_time_hm=local_time_hm,
                                 local_date_iso=local_date_iso, waiting=waiting, waited=waited)
    app.jinja_env.globals.update(sched_labels={
        "status": STATUS, "seat": SEAT, "closure": CLOSURE, "priority": PRIORITY,
        "ticket": TICKET, "channel": CHANNEL, "kind": RESOURCE_KIND},
        weekday_names=weekday_names, pairs=pairs, resource_options=resource_options)
