"""French writes the first day of a month as an ordinal: "1er octobre 2026", never Babel's
"1 octobre 2026" (OQLF); every other day is a number ("2 octobre 2026"), a date in figures
("2026-10-01") is unchanged, and English is Babel's ("October 1, 2026")."""

from datetime import date, datetime, timezone
from decimal import Decimal

import pytest
from flask import render_template_string

from core.identity import register, service

NBSP = "\u00a0"
# 10:00 in Montreal on 2026-10-01 (a Thursday)
FIRST = datetime(2026, 10, 1, 14, 0, tzinfo=timezone.utc)


def _render(app, source: str, language: str, **values) -> str:
    headers = {"Accept-Language": "fr-CA" if language == "fr" else "en-CA"}
    with app.test_request_context("/", headers=headers):
        return render_template_string(source, **values)


@pytest.mark.parametrize(("source", "french", "english"), [
    ("{{ day|date('long') }}", "1er octobre 2026", "October 1, 2026"),
    ("{{ day|date('full') }}", "jeudi 1er octobre 2026", "Thursday, October 1, 2026"),
    ("{{ day|date }}", "1er oct. 2026", "Oct 1, 2026"),
    ("{{ day|date('short') }}", "2026-10-01", "10/1/26"),
    ("{{ day|date('EEEE d MMMM') }}", "jeudi 1er octobre", "Thursday 1 October"),
    ("{{ '2026-10-01'|date('long') }}", "1er octobre 2026", "October 1, 2026"),
    ("{{ second|date('long') }}", "2 octobre 2026", "October 2, 2026"),
    ("{{ at|local_datetime('long') }}", f"1er octobre 2026, 10{NBSP}h{NBSP}00",
     "October 1, 2026, 10:00\u202fAM"),
    ("{{ at|local_day }}", "jeudi 1er octobre 2026", "Thursday, October 1, 2026"),
    ("{{ at|local_datetime('EEEE d MMMM y') }}", "jeudi 1er octobre 2026",
     "Thursday 1 October 2026"),
])
def test_the_first_of_a_month_reads_1er_in_french(app, source, french, english):
    values = {"day": date(2026, 10, 1), "second": date(2026, 10, 2), "at": FIRST}
    assert _render(app, source, "fr", **values) == french
    assert _render(app, source, "en", **values) == english


@pytest.mark.parametrize("fmt", ["medium", "long", "full"])
def test_a_pages_timestamps_and_plugins_dates_read_1er_too(app, fmt):
    # the agenda's and the chart's timestamps (DateTimes) and a plugin's plain-language note
    # (core.api.format_day) are written by the same rule as the date filter
    from core.api import format_day
    from core.web.formatting import DateTimes, local_datetime

    with app.test_request_context("/", headers={"Accept-Language": "fr-CA"}):
        assert "1er oct" in DateTimes(fmt)(FIRST) == local_datetime(FIRST, fmt)
        assert format_day(date(2027, 3, 1), fmt).split(" mars")[0].endswith("1er")
        assert "2 mars" in format_day(date(2027, 3, 2), fmt)
    with app.test_request_context("/", headers={"Accept-Language": "en-CA"}):
        assert "1er" not in DateTimes(fmt)(FIRST) and "Oct" in DateTimes(fmt)(FIRST)
        assert "1er" not in format_day(date(2027, 3, 1), fmt)


def test_the_member_reads_their_renewal_of_the_first_of_the_month(client, login, db,
                                                                   make_person, make_account):
    person = make_person("Maude", "Ouellet")
    membership = service.open_membership(db, person.household, {
        "started_on": date(2024, 2, 1), "share_amount": Decimal("10.00"), "category": "user"})
    membership.dues_paid_until = date(2026, 9, 30)
    register.renew(db, membership, Decimal("10"), date(2026, 10, 1), "cash")
    db.commit()
    login(make_account(roles=["member"], person=person))
    page = client.get("/portal/membership").get_data(as_text=True)
    assert "Votre renouvellement du 1er octobre 2026 est enregistré" in page
    assert "du 1 octobre" not in page
    english = client.get("/portal/membership", headers={"Accept-Language": "en"})
    assert "Your renewal of October 1, 2026 is recorded" in english.get_data(as_text=True)
