"""The herbalism panel on the chart: the herbs in use and the ways in, drawn from what the chart
has read already (the shared summary): no statement of its own, no savepoint."""

from core.api import add_summary_item
from core.testing.panels import chart_with_panel_statements as chart_of

HERB_IN_USE = "Plante en cours\u202f: Millepertuis"
RECOMMEND, ADD = "Recommander une plante", "Ajouter un médicament par son nom (code ATC)"


def test_the_panel_shows_the_herbs_in_use_and_the_ways_in_without_a_statement(
        app, client, login, db, herbalist, nurse, person):
    add_summary_item(db, person_id=person.id, kind="medication", label="Millepertuis",
                     code="HERB:hypericum_perforatum", natural_product=True, author=herbalist)
    db.commit()
    login(herbalist)
    page, sent = chart_of(app, client, person)
    assert sent == []
    assert HERB_IN_USE in page and RECOMMEND in page and ADD in page
    client.post("/logout")
    login(nurse)
    page, sent = chart_of(app, client, person)
    assert sent == []
    assert HERB_IN_USE in page and RECOMMEND not in page and ADD in page

