"""The chart's panel of what another coop's record brought asks for its rows with the chart's
other questions: it sends no statement while the panels are drawn (on PostgreSQL it was drawn
a second time under a savepoint, its two reads sent again), and shows the same entries and
proposed lines, in the same order, as reading them on their own does."""

import re

from sqlalchemy import event

from core.record.transfer_demo import import_demo_record
from core.record.transfer_read import imported_entries, pending_proposals
from core.testing.panels import chart_with_panel_statements


def chart_statements(app, client, person) -> list[str]:
    """Every statement the database answered for ``person``'s chart."""
    sent: list[str] = []
    engine = app.extensions["soin_db"].engine
    keep = lambda _conn, _cursor, statement, *_args: sent.append(statement)  # noqa: E731
    event.listen(engine, "after_cursor_execute", keep)
    try:
        assert client.get(f"/people/{person.id}/chart").status_code == 200
    finally:
        event.remove(engine, "after_cursor_execute", keep)
    return sent


def test_the_imported_panel_sends_no_statement_and_shows_what_reading_them_shows(
        app, client, login, db, nurse, patient, make_person, make_account):
    import_demo_record(db, patient, make_account(roles=["admin"]))
    db.commit()
    login(nurse)
    client.get(f"/people/{patient.id}/chart")  # the process's first chart may build the statement
    page, sent = chart_with_panel_statements(app, client, patient)
    assert sent == []
    panel = page[page.index('id="imported"'):]
    shown = [int(n) for n in re.findall(rf"/people/{patient.id}/chart/imported/(\d+)", panel)]
    assert shown == [row.id for row in imported_entries(db, patient.id)
                     if row.resource_type != "Encounter"]
    assert len(shown) == 3 and "Pénicilline" in panel
    assert [int(n) for n in re.findall(r'data-proposal="(\d+)"', panel)] == [
        p.id for p in pending_proposals(db, patient.id)]
    assert "Coop santé du Nord (démo)" in panel and "Inès Gagné" in panel
    other = make_person("Paul", "Sansdossier")
    chart_statements(app, client, other)
    assert len(chart_statements(app, client, patient)) == len(chart_statements(app, client, other))
