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



def test_the_panel_names_a_register_herb_in_the_readers_language_without_a_statement(
        app, client, login, db, herbalist, nurse, person):
    """The summary line keeps the herbalist's French ("Valériane"); the nurse reading in English
    read it so on the panel, though the register names the herb in English."""
    add_summary_item(db, person_id=person.id, kind="medication",
                     label="Valériane (Valeriana officinalis L.)",
                     code="HERB:valeriana_officinalis", natural_product=True, author=herbalist)
    add_summary_item(db, person_id=person.id, kind="medication", label="Tisane maison",
                     code="HERB:not_in_the_register", natural_product=True, author=herbalist)
    db.commit()
    login(nurse)
    page, sent = chart_of(app, client, person, headers={"Accept-Language": "en"})
    assert sent == []
    assert "Herb in use: Valerian (Valeriana officinalis L.)" in page
    assert "Herb in use: Tisane maison" in page  # not in the register: as written
    page, sent = chart_of(app, client, person)
    assert sent == []
    assert "Plante en cours\u202f: Valériane (Valeriana officinalis L.)" in page
