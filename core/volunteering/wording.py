"""Volunteering's numbers as the reader writes them: hours and months (template filters, and
the ledger's messages)."""

from __future__ import annotations

from datetime import date

from flask_babel import format_date, format_decimal

from core.i18n import ngettext, plural_number


def hours(value) -> str:
    """Hours as the reader writes numbers (2,5 in fr_CA; 2.5 in English), no useless zeros."""
    return format_decimal(value or 0, format="#,##0.##")


def hours_count(value) -> str:
    """A number of hours and the word, agreeing: "1 hour", "2.5 hours"; "1,5 heure", "2 heures"."""
    return ngettext("%(hours)s hour", "%(hours)s hours", plural_number(value or 0),
                    hours=hours(value))


def month(value: str) -> str:
    """``2026-05`` as the reader names it (mai 2026)."""
    year, number = (int(part) for part in value.split("-"))
    return format_date(date(year, number, 1), "LLLL y")
