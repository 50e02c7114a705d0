"""Volunteering's pages: the coordination's shifts and hours, the member's own in the portal."""

from core.volunteering import models  # noqa: F401  (tables in the metadata)  # isort: skip
from core.volunteering import http_api, views, views_hours, views_portal

blueprints = [views.bp, views_hours.bp, views_portal.bp, http_api.bp]


def hours(value) -> str:
    """Hours as the reader writes numbers (2,5 in fr_CA; 2.5 in English), no useless zeros."""
    from flask_babel import format_decimal

    return format_decimal(value or 0, format="#,##0.##")


def hours_count(value) -> str:
    """A number of hours and the word, agreeing: "1 hour", "2.5 hours"; "1,5 heure", "2 heures"."""
    from core.i18n import ngettext, plural_number

    return ngettext("%(hours)s hour", "%(hours)s hours", plural_number(value or 0),
                    hours=hours(value))


def month(value: str) -> str:
    """``2026-05`` as the reader names it (mai 2026)."""
    from datetime import date

    from flask_babel import format_date

    year, number = (int(part) for part in value.split("-"))
    return format_date(date(year, number, 1), "LLLL y")


def init_app(app):
    from core.volunteering.programs import program_title

    app.jinja_env.globals["program_title"] = program_title
    app.jinja_env.filters.update(hours=hours, hours_count=hours_count, month=month)
