"""The chart's "write an entry" menu (core.record.write_menu): drawn once per language and set
of forms, then shown on each chart with that chart's own person, recent forms and viewer."""

import re

from tests.record.conftest import VITALS


def menu(client, person, language="fr-CA") -> str:
    page = client.get(f"/people/{person.id}/chart", headers={"Accept-Language": language})
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    return html.split('class="write-menu"', 1)[1].split("</details>", 1)[0]


def links(html: str) -> list[str]:
    return re.findall(r'<a href="([^"]+)">([^<]+)</a>', html)


def test_each_chart_shows_the_menu_with_its_own_person_and_recent_forms(
        client, login, db, nurse, patient, make_person, write):
    write(payload=dict(VITALS))
    other = make_person("Bruno", "Roy")
    db.commit()
    login(nurse)
    first, second = menu(client, patient), menu(client, other)
    again = menu(client, patient)  # drawn once: the second chart did not keep the first's person
    assert first == again
    for html, person in ((first, patient), (second, other)):
        found = links(html)
        assert {title for _href, title in found} == {"Vital signs", "Discipline note", "Shared note"}
        assert all(href.startswith(f"/people/{person.id}/chart/new/recordtest.") for href, _ in found)
    # the form last used on this person's chart first, under its own heading; none for the other
    assert "Utilisés récemment pour cette personne" in first
    assert links(first)[0] == (f"/people/{patient.id}/chart/new/recordtest.vitals", "Vital signs")
    assert "récemment" not in second


def test_the_menu_is_in_the_viewer_language_and_holds_only_the_viewer_forms(
        client, login, db, nurse, other_discipline, patient, write):
    write(payload=dict(VITALS))
    login(nurse)
    english = menu(client, patient, "en")
    assert "Recently used for this person" in english and "Utilisés" not in english
    assert "Utilisés récemment pour cette personne" in menu(client, patient)
    client.post("/logout")
    login(other_discipline)  # a psychologist: the forms of every discipline only
    assert [title for _href, title in links(menu(client, patient))] == ["Shared note"]


def test_the_menu_lists_forms_in_alphabetical_order_accents_aside(
        client, login, activate, make_account, patient):
    """A nurse's forms: "Évaluation infirmière" and "Évaluation de plaie" came last, after
    "Vaccination" (É sorted after every unaccented letter)."""
    activate("nursing")
    login(make_account(roles=["practitioner"], discipline="nursing"))
    titles = [title for _href, title in links(menu(client, patient))]
    nursing = [t for t in titles if t in {"Évaluation infirmière", "Note d’évolution infirmière",
                                          "Vaccination"}]
    assert nursing == ["Évaluation infirmière", "Note d’évolution infirmière", "Vaccination"]
