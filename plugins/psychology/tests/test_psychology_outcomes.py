"""Outcomes through the platform: the trajectory page, the coop reports from the record."""

from flask_babel import force_locale

from core.api import PrivacySettings

from plugins.psychology.reports import HIDDEN, REPORTS, PeriodSchema


def test_the_trajectory_marks_response_and_remission(client, login, write, phq9, psychologist,
                                                      client_person):
    for others in (2, 1, 0):  # totals 16, 8, 0
        write("psychology.phq9", phq9(item9=0, others=others))
    login(psychologist)
    page = client.get(f"/p/psychology/people/{client_person.id}/scores").get_data(as_text=True)
    assert page.index("16 / 27") < page.index("8 / 27") < page.index("0 / 27")
    assert "Premier résultat (point de départ)" in page
    assert page.count('class="badge">Réponse') == 1 and "Rémission" in page
    assert "<svg" in page and "Aucun questionnaire consigné" in page  # no GAD-7 yet


def test_the_trajectory_reads_as_cards_on_a_phone(client, login, write, phq9, psychologist,
                                                  client_person):
    """At 390 px the four columns cut "Évolution" off at the right edge: on a phone each
    questionnaire is a card, each figure labelled by its column."""
    write("psychology.phq9", phq9(item9=0, others=2))
    login(psychologist)
    page = client.get(f"/p/psychology/people/{client_person.id}/scores").get_data(as_text=True)
    table = page[page.index("<table"):page.index("</table>")]
    assert 'class="cards-on-phone"' in table
    for label in ("Total", "Sévérité", "Évolution"):
        assert f'data-label="{label}"' in table


def test_a_nurse_cannot_see_the_trajectory_even_with_the_permission(
        client, login, write, phq9, nurse, client_person):
    write("psychology.phq9", phq9(item9=0, others=2))
    login(nurse)
    response = client.get(f"/p/psychology/people/{client_person.id}/scores")
    assert response.status_code == 403 and "16 / 27" not in response.get_data(as_text=True)


def run(report_id, db):
    """The report's rows keyed by their English labels."""
    spec = next(r for r in REPORTS if r.id == report_id)
    with force_locale("en"):
        return {str(row[0]) if len(row) == 2 else (row[0], str(row[1])): row[-1]
                for row in spec.run(db, PeriodSchema().load({})).rows}


def test_coop_figures_count_only_people_who_allowed_statistics(
        db, write, phq9, make_person, psy_on):
    people = [make_person(f"P{n}", "Stat") for n in range(7)]
    for n, person in enumerate(people):
        write("psychology.opening", {"requested_on": "2026-01-01", "referred_by": "self",
                                     "mandate": "Suivi", "reason": "Anxiété",
                                     "confidentiality_explained": True, "consent": True},
              person=person)
        write("psychology.phq9", phq9(others=1), person=person)  # total 8: mild
        if n < 6:
            db.add(PrivacySettings(person_id=person.id, allow_statistics=True))
    db.commit()
    activity = run("psychology.activity", db)
    assert activity["Clients"] == 6
    assert activity["Share of clients screened (PHQ-9 or GAD-7)"] == "100 %"
    severity = run("psychology.severity", db)
    assert severity[("PHQ-9", "Mild")] == 6 and severity[("PHQ-9", "Minimal")] == 0

    for person in people[:2]:
        write("psychology.phq9", phq9(others=0), person=person)  # two now minimal
    severity = run("psychology.severity", db)
    assert severity[("PHQ-9", "Minimal")] == HIDDEN and severity[("PHQ-9", "Mild")] == HIDDEN


def test_nobody_is_counted_without_their_permission(db, write, phq9, client_person):
    write("psychology.phq9", phq9(others=3))
    assert run("psychology.activity", db)["Clients"] == 0


def test_the_coop_report_reads_as_html_with_a_chart_and_csv_small_cells_hidden(
        client, login, db, write, phq9, make_person, psy_on, psychologist):
    for n in range(6):
        person = make_person(f"R{n}", "Rapport")
        write("psychology.phq9", phq9(others=1 if n < 4 else 0), person=person)
        db.add(PrivacySettings(person_id=person.id, allow_statistics=True))
    db.commit()
    login(role="coordinator")
    page = client.get("/reports/psychology.severity").get_data(as_text=True)
    assert "<svg" in page and "<rect" in page
    # four "mild" and two "minimal": both hidden, and neither is drawn as a bar
    assert page.count("<td>&lt; 5</td>") == 2 and ": 4</title>" not in page
    rows = client.get("/reports/psychology.severity?format=csv").get_data(as_text=True)
    assert "PHQ-9,Légère,< 5" in rows and "PHQ-9,Minimale,< 5" in rows
    assert client.get("/reports/psychology.severity?start=2026-05-01&end=2026-04-01"
                      ).status_code == 422
    client.post("/logout")
    login(psychologist)
    assert client.get("/reports/psychology.severity").status_code == 403
