"""What a chart's panels send to the database while they are drawn: a panel should ask through
``chart_panel_reads`` (the chart's one statement) and send nothing of its own."""

from __future__ import annotations

from sqlalchemy import event


def chart_with_panel_statements(app, client, person, headers=None) -> tuple[str, list[str]]:
    """GET ``person``'s chart (200 expected): its HTML, and the statements the database
    answered while the panels were drawn (:func:`core.record.panels.chart_panels`)."""
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
        answer = client.get(f"/people/{person.id}/chart", headers=headers or {})
    finally:
        event.remove(engine, "after_cursor_execute", answered)
        panels.chart_panels = real
    assert answer.status_code == 200
    return answer.get_data(as_text=True), sent
