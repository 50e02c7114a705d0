"""The herbalism panel on the chart: the herbs in use and the ways in, drawn from what the chart
has read already (the shared summary): no statement of its own, no savepoint."""

from sqlalchemy import event

from core.api import add_summary_item

HERB_IN_USE = "Plante en cours\u202f: Millepertuis"
RECOMMEND, ADD = "Recommander une plante", "Ajouter un médicament par son nom (code ATC)"


def chart_of(app, client, person) -> tuple[str, list[str]]:
    """The chart page, and the statements sent while its panels were drawn."""
    from core.record import panels

    sent: list[str] = []
    drawing: list[bool] = []
    real = panels.chart_panels

    def drawn(*args, **kwargs):
        drawing.append(True)
        try:
            return real(*args, **kwargs)
        finally:
            drawing.pop()

    def answered(_conn, _cursor, statement, *_args):
        if drawing:
            sent.append(statement)

    engine = app.extensions["soin_db"].engine
    panels.chart_panels = drawn
    event.listen(engine, "after_cursor_execute", answered)
    try:
        answer = client.get(f"/people/{person.id}/chart")
    finally:
        event.remove(engine, "after_cursor_execute", answered)
        panels.chart_panels = real
    assert answer.status_code == 200
    return answer.get_data(as_text=True), sent


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

