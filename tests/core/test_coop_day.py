"""The coop's day comes from ``core.api.today`` (or ``local_day`` of a moment), never the machine's.

Stored times are UTC and the server's clock is often UTC too, while the coop lives in its own
zone (America/Montreal by default): every evening from 19:00 or 20:00 until midnight, the
machine's ``date.today()`` and UTC's date are already tomorrow. A "due today" list, a form
refusing a date "in the future" or a report's period built on them goes wrong every evening.
This check refuses, in core and the plugins (tests and migrations aside), the calls that give
the machine's day: ``date.today``, ``datetime.today``, ``datetime.now()`` without a zone,
``datetime.utcnow``, ``utcnow().date()`` and SQL's ``current_date``.
"""

import ast

from tests.core.app_sources import scan

#: SQL functions that read the database server's day
SQL_DAYS = {"current_date", "curdate", "localtimestamp", "localtime"}


def _name(node) -> str:
    """``date.today`` for an attribute chain of plain names, "" for anything else."""
    parts = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if isinstance(node, ast.Name):
        parts.append(node.id)
        return ".".join(reversed(parts))
    return ""


def machine_days(source: str, name: str = "<source>") -> list[tuple[int, str]]:
    """The lines of ``source`` that take the day from the machine or UTC, with what they use."""
    found = []
    for node in ast.walk(ast.parse(source, name)):
        if isinstance(node, ast.Attribute):
            dotted = _name(node)
            if dotted.endswith(("date.today", "datetime.today", "datetime.utcnow")):
                found.append((node.lineno, dotted))  # called or passed (load_default=date.today)
            elif dotted.startswith(("func.", "sa.func.", "sqlalchemy.func.")) \
                    and node.attr.lower() in SQL_DAYS:
                found.append((node.lineno, dotted))
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            dotted = _name(node.func)
            if dotted.endswith("datetime.now") and not node.args and not node.keywords:
                found.append((node.lineno, "datetime.now()"))  # the machine's wall clock
            elif (node.func.attr == "date" and not node.args
                  and isinstance(node.func.value, ast.Call)
                  and _name(node.func.value.func).endswith("utcnow")):
                found.append((node.lineno, "utcnow().date()"))  # UTC's day, not the coop's
    return sorted(found)


def offenders() -> dict[str, list]:
    """Every module of core and the plugins that takes a day from the machine, with the lines."""
    return scan(machine_days)


def test_the_check_sees_each_way_of_taking_the_machines_day():
    source = ("from datetime import date, datetime\nimport datetime as dt\n"
              "a = date.today()\nb = dt.date.today()\nc = datetime.now()\n"
              "d = datetime.utcnow()\ne = utcnow().date()\nf = func.current_date()\n"
              "g = fields.Date(load_default=date.today)\nh = datetime.today()\n")
    assert [line for line, _what in machine_days(source)] == [3, 4, 5, 6, 7, 8, 9, 10]


def test_the_coops_own_day_passes_the_check():
    source = ("from datetime import datetime, timezone\n"
              "a = today()\nb = local_day(utcnow())\nc = datetime.now(timezone.utc)\n"
              "d = datetime.now(coop_zone()).date()\ne = moment.date()\n")
    assert machine_days(source) == []


def test_core_and_plugins_take_the_day_from_the_coops_clock():
    assert offenders() == {}, (
        "use core.api.today() for the coop's day and core.api.local_day(moment) for a stored "
        "moment's day: the machine's or UTC's date is tomorrow every evening in the coop's zone")


def test_an_age_counts_full_years_from_the_birthday_itself():
    from datetime import date

    from core.api import age_on

    born = date(2008, 3, 1)
    assert age_on(born, date(2026, 2, 28)) == 17  # the eve of the eighteenth birthday
    assert age_on(born, date(2026, 3, 1)) == 18
    assert age_on(None, date(2026, 3, 1)) is None  # no birth date: no age, not zero
