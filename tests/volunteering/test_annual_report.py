"""The annual report's volunteering sections (issue #17): confirmed hours by program with the
volunteers who gave them, a volunteer counted once in the total, small counts hidden, and the
hours the coop recognised; drawn from core's ledger whichever plugins are active."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from core.api import annual_report, today as coop_today
from core.volunteering import ledger


def _year(db, make_person, make_account):
    coordinator = make_account(roles=["coordinator"])
    year = coop_today().year - 1
    people = [make_person(f"Bénévole{i}", "Roy") for i in range(6)]
    for person in people:                          # six people, 2 h each at reception
        ledger.record_hours(db, person, "core.reception", date(year, 3, 2), 2, coordinator)
    for person in people[:2]:                      # two of them also kept the premises
        ledger.record_hours(db, person, "core.upkeep", date(year, 5, 9), "3,5", coordinator)
    ledger.record_hours(db, people[0], "core.upkeep", date(year + 1, 1, 2), 8, coordinator)
    ledger.recognise(db, people[0], year, "dues", 4, coordinator)
    db.commit()
    return year


def test_volunteer_hours_by_program_in_the_annual_report(db, make_person, make_account):
    year = _year(db, make_person, make_account)
    sections, missing = annual_report(db, year)
    assert missing == []
    hours = next(s for s in sections if s.id == "core.volunteer_hours")
    assert str(hours.title) == "Heures de bénévolat"
    assert hours.table.rows == [("Accueil", Decimal("12.00"), 6),
                                ("Entretien des locaux", Decimal("7.00"), "< 5"),
                                ("Total", Decimal("19.00"), 6)]  # next year's 8 h left out
    recognised = dict((r[0], r[1:]) for r in next(
        s for s in sections if s.id == "core.volunteer_recognition").table.rows)
    assert recognised["Portées en déduction de la cotisation annuelle"] == (Decimal("4.00"), "< 5")
    ids = [s.id for s in sections]
    assert ids.index("core.groups") < ids.index("core.volunteer_hours")


def test_a_year_without_volunteering_shows_an_empty_total(db):
    sections, _missing = annual_report(db, 2001)
    hours = next(s for s in sections if s.id == "core.volunteer_hours")
    assert hours.table.rows == [("Total", Decimal("0.00"), 0)]
