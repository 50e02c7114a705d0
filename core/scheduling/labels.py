"""Translated labels of scheduling's codes, and template filters for local times."""

from __future__ import annotations

from babel import dates as babel_dates
from babel.dates import get_day_names
from flask_babel import format_date, format_time, get_locale

from core.coop_time import to_local
from core.i18n import _, locale_in_force

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
    names = get_day_names("wide", locale=str(get_locale() or "fr_CA"))
    return [(n, names[n]) for n in range(7)]


def local_time(value) -> str:
    """A UTC timestamp as a short local time ("13 h 30" in fr_CA).

    Babel directly with the locale in force: an agenda shows dozens of times, and Flask-Babel
    looks up its settings and the locale again for each one."""
    if not value:
        return ""
    locale = locale_in_force()
    if locale is None:
        return format_time(to_local(value), "short", rebase=False)
    return babel_dates.format_time(to_local(value), "short", locale=locale)


def local_day(value, fmt: str = "full") -> str:
    """A UTC timestamp's (or a date's) local day, spelled for the reader."""
    if value is None:
        return ""
    return format_date(to_local(value) if hasattr(value, "tzinfo") else value, fmt, rebase=False)


def minutes(delta) -> int:
    """A timedelta in whole minutes (waiting times)."""
    return int(delta.total_seconds() // 60)


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
    app.jinja_env.filters.update(local_time=local_time, local_day=local_day, minutes=minutes,
                                 local_time_hm=local_time_hm, local_date_iso=local_date_iso)
    app.jinja_env.globals.update(sched_labels={
        "status": STATUS, "seat": SEAT, "closure": CLOSURE, "priority": PRIORITY,
        "ticket": TICKET, "channel": CHANNEL, "kind": RESOURCE_KIND},
        weekday_names=weekday_names, pairs=pairs)
