"""CSV that people open in a spreadsheet: no cell runs as a formula, accents read right.

A cell of text beginning with ``=``, ``+``, ``-`` or ``@`` (or a tab or carriage return) is
run as a formula by spreadsheet software (OWASP, "CSV injection"): a name typed by a member, a
note, or a line of a bundle imported from elsewhere could then fetch a URL or run a command
on the computer of whoever opens the export. Such a cell is written with an apostrophe first,
which spreadsheets read as "this is text". Numbers are written as they are (a negative
amount stays a number). Every download of ours that people open in a spreadsheet is written
here (record export, reports, the register, the annual report, a program's lists); a file
that machines read (HSDS, FHIR) is not.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from numbers import Number

#: what a spreadsheet takes for the start of a formula
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
#: the byte-order mark: spreadsheet software then reads UTF-8 (accents) right
BOM = "\ufeff"


def spreadsheet_moment(moment, timespec: str = "minutes") -> str:
    """A moment as a person reads it in a spreadsheet: ISO 8601 at the coop's clock
    ("2026-12-05T22:30-05:00"), which still sorts in time order; empty for none. UTC would
    read five hours off in Montreal."""
    from core.coop_time import to_local

    return to_local(moment).isoformat(timespec=timespec) if moment else ""


def spreadsheet_cell(value) -> str:
    """A cell's text: nothing for None; text that would start a formula behind an apostrophe."""
    if value is None:
        return ""
    text = str(value)
    if not isinstance(value, Number) and text[:1] in FORMULA_STARTS:  # Decimal included
        return "'" + text
    return text


class SpreadsheetWriter:
    """:func:`csv.writer` whose every cell goes through :func:`spreadsheet_cell`."""

    def __init__(self, out: io.StringIO):
        self._writer = csv.writer(out)

    def writerow(self, row: Iterable) -> None:
        self._writer.writerow([spreadsheet_cell(value) for value in row])

    def writerows(self, rows: Iterable[Iterable]) -> None:
        for row in rows:
            self.writerow(row)


def spreadsheet_csv(rows: Iterable[Iterable]) -> str:
    """Rows (the header first) as CSV text for a spreadsheet, byte-order mark included."""
    out = io.StringIO()
    SpreadsheetWriter(out).writerows(rows)
    return BOM + out.getvalue()
