"""Dates, times, numbers and punctuation as the reader's language writes them: the Jinja
filters every template uses (core's and plugins'), registered once by :func:`register`.

Babel does the formatting with the locale in force ("14 h 30", "5 déc. 2026", "1 234,5" in
fr_CA; "2:30 PM", "Dec 5, 2026", "1,234.5" in English); nothing here writes a pattern by hand.
A time of day is always hours and minutes (Babel's medium time adds seconds nobody reads).
Babel is called directly with the locale in force: an agenda shows dozens of times, and
Flask-Babel looks up its settings and the locale again for each one.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from functools import lru_cache

from babel import Locale, UnknownLocaleError, dates as babel_dates, numbers as babel_numbers
from flask import current_app, has_app_context
from markupsafe import Markup, escape

from core.coop_time import coop_zone, to_local
from core.i18n import locale_in_force
from core.phones import dialable, linked
from core.typography import NBSP, colon as _colon, is_french

NAMED = ("short", "medium", "long", "full")


def _locale():
    # outside a request and force_locale nothing is translated (texts stay in the code's
    # English), so dates and numbers beside them are English too
    return (locale_in_force() if has_app_context() else None) or "en"


def day(value, fmt: str = "medium") -> str:
    """A date (a timestamp's local day, an ISO day kept as text) in the reader's language (the
    ``date`` filter)."""
    if value is None or value == "":
        return ""
    if isinstance(value, str):  # a day kept as text (the register's history): read, or as is
        try:
            value = date.fromisoformat(value)
        except ValueError:
            return value
    if isinstance(value, datetime):
        value = to_local(value).date() if value.tzinfo else value.date()
    return _formatted_date(value, fmt, _locale())


def clock(value) -> str:
    """A time of day, hours and minutes ("14 h 30" / "2:30 PM", no-break spaces: a time never
    breaks across two lines): a ``time`` as it is, a timestamp in the coop's zone (the
    ``local_time`` filter)."""
    return clocks((value,))[0]


def clocks(values) -> list[str]:
    """:func:`clock` of each of ``values`` (timestamps of one page: an agenda's), the coop's
    zone and the reader's language looked up once, not once per time."""
    zone, locale = coop_zone(), _locale()
    # the wall-clock hours and minutes are all "short" writes (no zone, no day, no
    # seconds): kept by them, so that the same half-hour of another day is found too
    known = _times_in(locale)
    written = []
    for value in values:
        if isinstance(value, datetime) and value.tzinfo:
            value = value.astimezone(zone)
        if not value:
            written.append("")
            continue
        minute = value.hour * 60 + value.minute
        text = known.get(minute)
        if text is None:  # never broken across two lines ("14 h" / "30" in a phone's column)
            text = known[minute] = babel_dates.format_time(
                time(value.hour, value.minute), "short", locale=locale).replace(" ", NBSP)
        written.append(text)
    return written


# Babel takes 30-40 us to write one date or time (an agenda writes 20-odd, a chart's timeline
# more); what it writes depends only on the value, the pattern and the locale, so the answers
# are kept (a bounded cache per process: a day's times and dates repeat on every page).

@lru_cache(maxsize=64)
def _times_in(locale) -> dict[int, str]:
    """The times of day already written in ``locale``, by minute of the day (at most 1,440):
    the locale is looked up once a page, not once a time (Babel's locale is hashed and
    compared in Python, a dozen calls a time)."""
    return {}


@lru_cache(maxsize=4096)
def _formatted_date(value, fmt: str, locale) -> str:
    pattern, parsed = _date_pattern(fmt, locale, value.day == 1)
    return pattern.apply(value, parsed)


# a day of the month written before the month's name ("d MMMM", "d MMM"; not "dd", not "MM")
_DAY_BEFORE_MONTH_NAME = re.compile(r"(?<![d'])d(?!d)(?=[\s\u00a0]+[ML]{3,})")


def first_of_month(pattern: str) -> str:
    """A French date pattern for the first day of a month: French writes it "1er octobre
    2026", "1er oct. 2026" (an ordinal), every other day as a number ("2 octobre 2026").
    A pattern with the month in figures ("y-MM-dd") is unchanged."""
    return _DAY_BEFORE_MONTH_NAME.sub("d'er'", pattern)


@lru_cache(maxsize=64)
def _date_pattern(fmt: str, locale, first: bool = False):
    """Babel's pattern for ``fmt`` in ``locale``, and the locale parsed: what
    ``format_date`` looks up for every date it writes (two thirds of its time), looked up
    once. A page of people shows 20 dates of birth, nearly all different: the dates' own
    cache seldom has them. ``first``: the pattern for the first day of a month (French
    writes it "1er", :func:`first_of_month`)."""
    parsed = Locale.parse(locale)
    named = babel_dates.get_date_format(fmt, locale=parsed).pattern if fmt in NAMED else fmt
    if first and is_french(parsed):
        named = first_of_month(named)
    return babel_dates.parse_pattern(named), parsed


def local_datetime(value, fmt: str = "medium", zone=None) -> str:
    """A UTC timestamp in the coop's zone (or ``zone``: a moment an auditor reads in UTC): the
    date in ``fmt`` (short, medium, long, full) and the time in hours and minutes, joined as
    the language joins them ("samedi 5 décembre 2026 à 14 h 30"); any other ``fmt`` is a Babel
    pattern."""
    if value is None:
        return ""
    local, locale = (value.astimezone(zone) if zone else to_local(value)), _locale()
    if fmt not in NAMED:
        if local.day == 1 and is_french(locale):
            fmt = first_of_month(fmt)
        return babel_dates.format_datetime(local, fmt, locale=locale)
    joined = babel_dates.get_datetime_format(fmt, locale=locale)
    return (str(joined).replace("'", "").replace("{0}", clock(local.time()))
            .replace("{1}", _formatted_date(local.date(), fmt, locale)))


def due(value, fmt: str = "medium") -> str:
    """When something is due, as running text writes a day ("8 déc. 2026", never
    "2026-12-08"): the day and the time, or the day alone when it is due at the stroke of a
    local midnight, an end-of-day deadline ("today", psychology's same-day suicide-risk
    assessment). That is the last day it is on time, the day before the midnight: a task
    to do "today" read "due 2026-12-08", tomorrow's date."""
    if value is None:
        return ""
    local = to_local(value)
    if (local.hour, local.minute, local.second) == (0, 0, 0):
        return day(local.date() - timedelta(days=1), fmt)
    return local_datetime(value, fmt)


def local_day(value, fmt: str = "full") -> str:
    """A UTC timestamp's (or a date's) local day, spelled for the reader."""
    return day(value, fmt)


def number(value, digits: int | None = None, up_to: int | None = None):
    """A number with the language's separators ("1 234,5"); anything else unchanged (a report
    cell may hold a label or "—"). ``digits`` fixes the decimals; ``up_to`` bounds them, none
    written for a whole number (a measurement: "37,2" but "37")."""
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
        return value
    if digits is not None:
        pattern = "#,##0" + ("." + "0" * digits if digits else "")
        return babel_numbers.format_decimal(value, pattern, locale=_locale())
    if up_to is not None:
        pattern = "#,##0" + ("." + "#" * up_to if up_to else "")
        return babel_numbers.format_decimal(value, pattern, locale=_locale())
    return babel_numbers.format_decimal(value, locale=_locale())


_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_ISO_MONTH = re.compile(r"(\d{4})-(\d{2})")


def cell(value, whole: bool = False):
    """A table's cell as the reader writes it (the ``cell`` filter): a report's rows keep days
    and months as ISO ("2026-12-07", "2026-12") so that its CSV sorts in a spreadsheet; the
    page writes them "7 déc. 2026", "déc. 2026" ("Dec 7, 2026", "Dec 2026": abbreviated, a
    report's columns share a phone's width), a date likewise, a number with the language's
    separators; anything else unchanged. ``whole``: a day or month written so is never broken
    across lines (a phone's narrow column)."""
    written = _cell(value)
    if whole and isinstance(value, date | str) and written is not value:
        return nowrap(written)
    return written


def _cell(value):
    if isinstance(value, date):
        return day(value)
    if isinstance(value, str):
        if _ISO_DAY.fullmatch(value):
            return day(value)
        found = _ISO_MONTH.fullmatch(value)
        if found and 1 <= int(found.group(2)) <= 12:
            return _formatted_date(date(int(found.group(1)), int(found.group(2)), 1), "LLL y",
                                   _locale())
        return value
    return number(value)


def money(amount) -> str:
    """An amount in the coop's currency ("1 234,50 $"; "$1,234.50" in English)."""
    currency = current_app.config["SOIN_CURRENCY"]
    return babel_numbers.format_currency(amount, currency,
                                         locale=_money_locale(_locale(), currency))


@lru_cache(maxsize=16)
def _money_locale(locale, currency: str) -> Locale:
    """The reader's locale, placed in the currency's country when it names no country: English
    ("en") writes a Quebec coop's dollars "$1,234.50", as en_CA does, not "CA$1,234.50" (which
    tells them from other dollars). A national currency's code begins with its country's (CAD,
    USD); the euro's names none, and is written as the reader's locale writes it ("€1,234.50")."""
    parsed = Locale.parse(locale)
    country = currency[:2]
    if parsed.territory or currency not in babel_numbers.get_territory_currencies(country):
        return parsed
    try:
        return Locale(parsed.language, country)
    except UnknownLocaleError:
        return parsed


def nowrap(text) -> Markup | str:
    """``text`` never broken across two lines: a date in a table's narrow column (a phone
    broke "2026-12-06" at its hyphens, "2026-12-" over "06"), a date and its time, a short
    code: ``{{ day|date|nowrap }}``. A class on a span, not no-break characters: copied, the
    text is the one written. A cell of them too wide for a phone scrolls its table, not the page."""
    if text is None or text == "":
        return ""
    return Markup('<span class="nowrap">%s</span>') % text


def colon(label) -> Markup:
    """A label and its colon as the language writes it: ``{{ _('Allergens')|colon }}``."""
    return escape(label) + Markup(_colon("", _locale()))


FILTERS = {"date": day, "local_datetime": local_datetime, "due": due, "local_time": clock,
           "local_day": local_day, "number": number, "money": money, "colon": colon, "cell": cell,
           "nowrap": nowrap,
           # a text's numbers to call as tel: links: {{ advice|phones(finding.phones) }}
           "phones": linked,
           # a phone typed as free text, its number a tel: link: {{ officer.phone|dialable }}
           "dialable": dialable}


def register(app) -> None:
    """Make the filters available to every template (plugins' included)."""
    app.jinja_env.filters.update(FILTERS)


class DateTimes:
    """:func:`local_datetime` for many timestamps of one page, in one format: the same text,
    with the locale's patterns looked up once and the numeric fields (years, months, days,
    hours, minutes, am/pm) written directly; any other field is Babel's (a chart's timeline
    shows fifty timestamps, and Babel costs about a hundred calls for each).
    """

    def __init__(self, fmt: str = "short"):
        if fmt not in NAMED:
            raise ValueError(f"not a named format: {fmt}")
        self.locale = babel_dates.Locale.parse(_locale())
        joined = str(babel_dates.get_datetime_format(fmt, locale=self.locale)).replace("'", "")
        self.joined = joined
        written = babel_dates.get_date_format(fmt, locale=self.locale)
        self.date = written.format
        # the first of a month in French: "1er octobre" (:func:`first_of_month`)
        self.first_date = (babel_dates.parse_pattern(first_of_month(written.pattern)).format
                           if is_french(self.locale) else self.date)
        self.time = babel_dates.get_time_format("short", locale=self.locale).format.replace(
            " ", NBSP)  # as :func:`clock` writes a time: never broken across two lines
        self._periods: dict[bool, str] = {}
        self._names: dict[tuple[str, int], str] = {}  # month names ("déc.", "December")
        self.zone = coop_zone()  # once: the zone is the coop's for the whole page

    def __call__(self, value) -> str:
        if value is None:
            return ""
        local = value.astimezone(self.zone)
        fields = _Fields(local, self)
        written = self.first_date if local.day == 1 else self.date
        return (self.joined.replace("{0}", self.time % fields)
                .replace("{1}", written % fields))


class _Fields:
    """Babel's ``DateTimeFormat`` for the fields written the same way in every locale."""

    __slots__ = ("value", "owner")

    def __init__(self, value: datetime, owner: DateTimes):
        self.value, self.owner = value, owner

    def __getitem__(self, name: str) -> str:
        char, num, value = name[0], len(name), self.value
        if char == "y":
            year = str(value.year).zfill(num)
            return year[-2:] if num == 2 else year
        if char == "M" and num <= 2:
            return str(value.month).zfill(num)
        if char in "ML":  # a month's name, looked up once a page (a timeline's are a few)
            names, key = self.owner._names, (name, value.month)
            if key not in names:
                names[key] = babel_dates.DateTimeFormat(value, self.owner.locale)[name]
            return names[key]
        if char == "d":
            return str(value.day).zfill(num)
        if char == "H":
            return str(value.hour).zfill(num)
        if char == "h":
            return str(value.hour % 12 or 12).zfill(num)
        if char == "m":
            return str(value.minute).zfill(num)
        if char == "a":
            periods, pm = self.owner._periods, value.hour >= 12
            if pm not in periods:
                periods[pm] = babel_dates.DateTimeFormat(value, self.owner.locale)[name]
            return periods[pm]
        return babel_dates.DateTimeFormat(value, self.owner.locale)[name]
