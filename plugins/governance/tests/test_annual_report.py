"""The annual report to the assembly: core's sections and every active plugin's through the
``annual_report_sections`` hook, small cells hidden, CSV, and a faulty contributor named."""

import pytest

from core.api import annual_report, today
from core.registry import plugin_host

from plugins.governance import annual, ballots
from plugins.governance.tests.helpers import add_members, assembly_in_session


@pytest.fixture
def year_with_an_assembly(db, gov_on):
    members = add_members(db, 6)
    assembly = assembly_in_session(db, members, quorum=4)
    motion = ballots.add_motion(db, assembly, {"title": "Adopter les états financiers"})
    ballots.open_vote(db, motion)
    ballots.record_hands(db, motion, {"for": 6, "against": 0, "abstain": 0})
    db.commit()
    return assembly.starts_at.year


def test_hook_annual_report_sections(db, year_with_an_assembly):
    sections, missing = annual_report(db, year_with_an_assembly)
    ids = [s.id for s in sections]
    assert missing == []
    assert ids[:5] == ["core.members", "core.finances", "core.visits", "core.walkin",
                       "core.groups"]
    assert {"governance.assemblies", "governance.resolutions"} <= set(ids)
    members = next(s for s in sections if s.id == "core.members")
    assert members.table.rows[0][1] == 6  # six active user members
    held = next(s for s in sections if s.id == "governance.assemblies").table.rows
    assert held[0][2:6] == (6, 6, 4, "oui")


def test_small_counts_are_hidden(db, gov_on):
    add_members(db, 3, prefix="Soutien", category="support")
    sections, _missing = annual_report(db, today().year)
    members = next(s for s in sections if s.id == "core.members").table.rows
    assert ("Membre de soutien", "< 5", 0, 0, 0) in members


def test_the_page_the_csv_and_a_faulty_contributor(client, login, db, year_with_an_assembly,
                                                   monkeypatch):
    login(role="coordinator")
    url = f"/p/governance/annual-report/?year={year_with_an_assembly}"
    page = client.get(url).get_data(as_text=True)
    assert "Rapport annuel" in page and "Visites par discipline" in page
    assert "Adopter les états financiers" in page
    csv = client.get(url + "&format=csv").get_data(as_text=True)
    assert csv.startswith("\ufeffRapport annuel") and "Membres à la fin de l’année" in csv

    def broken(session, year):
        raise RuntimeError("boom")
    monkeypatch.setattr(annual, "sections", broken)
    host = plugin_host(client.application)
    monkeypatch.setattr(host, "faults", dict(host.faults))  # the fault is forgotten after
    page = client.get(url).get_data(as_text=True)
    assert "La section de governance n’a pas pu être produite" in page
    assert "Visites par discipline" in page


def test_members_and_volunteers_do_not_read_the_report(client, login, gov_on):
    login(role="volunteer")
    assert client.get("/p/governance/annual-report/").status_code == 403


def test_the_volunteer_hours_chart_draws_decimal_hours_without_the_total(
        client, login, db, gov_on, make_person):
    from datetime import date

    from core.api import record_volunteer_hours

    year = today().year
    for name in ("Ana", "Ben"):
        record_volunteer_hours(db, make_person(first_name=name), "core.reception",
                               date(year, 1, 5), "2,5", None)
    db.commit()
    login(role="coordinator")
    page = client.get(f"/p/governance/annual-report/?year={year}").get_data(as_text=True)
    chart = page.split("Heures de bénévolat</h2>")[1].split("</svg>")[0]
    assert ">Accueil</text>" in chart and ">5,00</text>" in chart  # as French writes it
    assert "Total" not in chart  # the total row is in the table, not drawn as a program


def test_amounts_and_hours_read_as_the_language_writes_numbers(client, login, db, gov_on):
    """The assembly's copy read "Parts payées 1234.50" and "Total 0.00" hours: numbers as a
    program stores them, in a French report."""
    from datetime import date
    from decimal import Decimal

    from core.api import record_payment

    [membership] = add_members(db, 1)
    record_payment(db, membership, {"amount": Decimal("1224.50"), "paid_on": date(2024, 3, 1)})
    db.commit()
    login(role="coordinator")
    page = client.get("/p/governance/annual-report/?year=2024").get_data(as_text=True)
    assert "<td>1\u00a0234,50</td>" in page and "1234.50" not in page
    assert "0.00" not in page
    english = client.get("/p/governance/annual-report/?year=2024",
                         headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert "<td>1,234.50</td>" in english



def test_the_page_writes_an_assembly_s_day_in_words_the_csv_in_iso(client, login, db,
                                                                   year_with_an_assembly):
    """The assemblies held read "2026-12-07" on the page: "7 déc. 2026" / "Dec 7, 2026"."""
    from flask_babel import force_locale

    from core.api import format_day

    login(role="coordinator")
    url = f"/p/governance/annual-report/?year={year_with_an_assembly}"
    held = next(s for s in annual_report(db, year_with_an_assembly)[0]
                if s.id == "governance.assemblies").table.rows[0][0]
    for accept, locale in (("fr-CA", "fr_CA"), ("en", "en")):
        page = client.get(url, headers={"Accept-Language": accept}).get_data(as_text=True)
        with client.application.test_request_context(), force_locale(locale):
            written = format_day(held)  # "7 déc. 2026" (the first of a month: "1er déc. 2026")
        assert written in page and held not in page, (accept, written)
    assert held in client.get(url + "&format=csv").get_data(as_text=True)


def test_the_federations_export_carries_none_of_governances_sections(db, year_with_an_assembly):
    """The federation's export is anonymous: the assembly's resolutions and an election naming
    the people elected stay in the coop's own report."""
    from sqlalchemy import select

    from core.reports import federation

    from plugins.governance.models import Assembly

    held = db.scalars(select(Assembly)).first()
    election = ballots.add_motion(db, held, {"title": "Élire le conseil d'administration"})
    election.result, election.number = "Sophie Côté; Marc Gagnon", 99  # as an election ends
    db.commit()
    sections, _missing = annual_report(db, year_with_an_assembly)
    resolutions = next(s for s in sections if s.id == "governance.resolutions").table.rows
    assert (99, "Élire le conseil d'administration", "Sophie Côté, Marc Gagnon") in resolutions
    doc = federation.statistics(db, year_with_an_assembly)
    text = str(doc)
    assert "Sophie" not in text and "Élire" not in text and "états financiers" not in text
    assert not [p for p in doc["programmes"] if p["id"].startswith("governance.")]
