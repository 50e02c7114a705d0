"""Volunteering's reports and the coordinator's home section, as the coordination reads them."""

from __future__ import annotations

from datetime import date, timedelta

from core.coop_time import today
from core.volunteering import ledger, service


def _hours(db, make_person, make_account, count, program="core.upkeep", born=date(1990, 1, 1)):
    coordinator = make_account(roles=["coordinator"])
    day = today() - timedelta(days=3)
    for i in range(count):
        person = make_person(f"P{i}", "Bénévole", date_of_birth=born)
        ledger.record_hours(db, person, program, day, 2, coordinator)
    db.commit()
    return day


def test_hours_by_program_and_month_hide_a_handful_of_volunteers(client, db, login, make_person,
                                                                 make_account):
    day = _hours(db, make_person, make_account, 3)
    _hours(db, make_person, make_account, 6, program="core.reception")
    login(role="coordinator")
    page = client.get("/reports/core.volunteer_hours").get_data(as_text=True)
    assert "Entretien des locaux" in page and "Accueil" in page
    csv = client.get("/reports/core.volunteer_hours?format=csv").get_data(as_text=True)
    lines = csv.splitlines()
    month = f"{day:%Y-%m}"
    assert f"{month},Accueil,12.00,6" in lines
    assert f"{month},Entretien des locaux,6.00,< 5" in lines
    assert lines[-1].endswith(",18.00,9")


def test_volunteers_by_age_group(client, db, login, make_person, make_account):
    _hours(db, make_person, make_account, 5, born=date(1950, 6, 1))
    _hours(db, make_person, make_account, 1, born=date(2000, 6, 1))
    login(role="coordinator")
    csv = client.get("/reports/core.volunteers_by_age?format=csv").get_data(as_text=True)
    assert "65 ans et plus,5,10.00" in csv and "18 à 34 ans,< 5,2.00" in csv


def test_unfilled_shifts_report_and_home_section(client, db, login, make_person, shift_of):
    soon = shift_of(days=2, needed=3, title="Distribution du marché")
    full = shift_of(days=3, needed=1, title="Cuisine complète")
    later = shift_of(days=20, needed=2, title="Corvée d’automne")
    service.sign_up(db, soon, make_person("Un", "A"))
    service.sign_up(db, full, make_person("Deux", "B"))
    db.commit()
    login(role="coordinator")
    csv = client.get("/reports/core.unfilled_shifts?format=csv").get_data(as_text=True)
    assert "Distribution du marché" in csv and "Corvée d’automne" in csv
    assert "Cuisine complète" not in csv
    # a count of people under a plural heading, not a person's status ("Inscrit·e")
    assert csv.splitlines()[0].endswith("Personnes demandées,Personnes inscrites,Manquent")
    home = client.get("/").get_data(as_text=True)
    assert "Quarts à combler cette semaine (1)" in home
    assert "Distribution du marché" in home and "2 sur 3 manquent" in home
    assert later.title not in home
    # a member's home has no such section
    client.get("/logout")
    login(role="reception")
    assert "Quarts à combler" not in client.get("/").get_data(as_text=True)


def test_a_report_refuses_a_period_that_ends_before_it_starts(client, login):
    login(role="coordinator")
    response = client.get("/reports/core.volunteer_hours?start=2026-05-01&end=2026-04-01")
    assert response.status_code == 422


def test_a_volunteer_sees_their_next_shifts_on_their_home_and_portal(client, db, login,
                                                                      make_person, make_account,
                                                                      shift_of):
    """A volunteer who signs in sees where to be and when: their home showed only links."""
    person = make_person("Hélène", "Bouchard")
    volunteer = make_account(roles=["volunteer"], person=person)
    market = shift_of(days=2, hour=9, needed=3, title="Distribution du marché", place="Local 1")
    kitchen = shift_of(days=5, hour=10, needed=2, title="Cuisine collective")
    someone_elses = shift_of(days=1, needed=2, title="Service du café")
    service.sign_up(db, market, person)
    service.sign_up(db, kitchen, person)
    service.sign_up(db, someone_elses, make_person("Autre", "Personne"))
    db.commit()
    login(volunteer)
    home = client.get("/").get_data(as_text=True)
    assert "Mes prochains quarts de bénévolat (2)" in home
    assert home.index("Distribution du marché") < home.index("Cuisine collective")
    assert "Local 1" in home and "Service du café" not in home
    assert 'href="/portal/volunteering/"' in home
    # the member's portal home shows them too (a member-only account lands there)
    assert "Mes prochains quarts de bénévolat (2)" in client.get("/portal/").get_data(as_text=True)
    # a cancelled sign-up leaves the list; with none left, no section at all
    for signup in service.signups_of(db, person.id):
        service.cancel_signup(db, signup)
    db.commit()
    assert "quart de bénévolat" not in client.get("/").get_data(as_text=True)
    # a volunteer's short menu stays on the page as cards under their shifts
    service.sign_up(db, shift_of(days=3, title="Accueil"), person)
    db.commit()
    home = client.get("/").get_data(as_text=True)
    assert "Mon prochain quart de bénévolat" in home and "<ul class=\"cards\">" in home
