"""The psychologist's panel on the chart asks for the coop's crisis lines with the other panels'
questions: it sends no statement of its own, shows the lines as the coop keeps them, says so
when they are empty or cannot be shown, and gives way to core's notice when the database
refuses its question (the clinician is always told)."""

from contextlib import contextmanager

from sqlalchemy import literal_column, text, update

from core.record import panels
from core.registry import plugin_host
from core.testing.panels import chart_with_panel_statements as chart_of

from plugins.psychology import chart, crisis_lines
from plugins.psychology.models import CrisisLine

UNDER_WAY = "Une estimation du risque suicidaire est en cours"


@contextmanager
def moved_away(db, table: str):
    """``table`` renamed for the block, committed: the server's requests find it gone (a
    migration run while serving)."""
    def rename(old: str, new: str) -> None:
        db.execute(text(f"ALTER TABLE {old} RENAME TO {new}"))
        db.commit()

    rename(table, f"{table}_moved")
    try:
        yield
    finally:
        rename(f"{table}_moved", table)


def test_the_panel_shows_the_coops_lines_in_their_order_and_sends_no_statement(
        app, client, login, db, write, phq9, psychologist, client_person):
    write("psychology.phq9", phq9(item9=1, others=1))
    write("psychology.gad7", {**{f"item_{i}": 1 for i in range(1, 8)}, "language": "fr"})
    db.execute(update(CrisisLine).where(CrisisLine.code == "ca_988").values(
        position=0, number="9-8-8 \n(appels, textos) : « 24/7 »"))
    db.commit()
    login(psychologist)
    page, sent = chart_of(app, client, client_person)
    assert sent == []  # its question was asked with the chart's
    assert UNDER_WAY in page and "pas pu être lue" not in page and "est vide" not in page
    panel = page[page.index(UNDER_WAY):]
    first, second = panel.index("9-8-8 \n(appels, textos) : « 24/7 »"), panel.index("1 866 APPELLE")
    assert first < second < panel.index("9-1-1")  # the coop's order: position, then id
    assert "Questionnaires les plus récents" in page  # the latest scores, as before


def test_an_empty_list_or_a_line_that_cannot_be_shown_gives_the_built_in_lines_and_says_so(
        app, client, login, db, write, phq9, psychologist, client_person):
    write("psychology.phq9", phq9(item9=1))
    login(psychologist)
    db.execute(update(CrisisLine).where(CrisisLine.code == "ca_988").values(dial=""))
    db.commit()
    page, sent = chart_of(app, client, client_person)
    assert sent == [] and UNDER_WAY in page
    assert "pas pu être lue" in page and "les lignes intégrées sont affichées" in page
    assert "1-866-277-3553" in page and "9-8-8" in page and "9-1-1" in page
    db.execute(update(CrisisLine).values(active=False))
    db.commit()
    page, sent = chart_of(app, client, client_person)
    assert sent == [] and "La liste des lignes de crise de la coop est vide" in page
    assert "1-866-277-3553" in page and "9-1-1" in page


def test_a_question_the_database_refuses_gives_the_notice_then_the_built_in_lines(
        app, client, login, db, write, phq9, psychologist, client_person, monkeypatch):
    """The coop's list cannot be asked (here a table that is not there): the plugin is marked
    faulty and, where its panel would be, the clinician reads that it could not be shown; a
    person at risk still has the built-in crisis lines beside it (they need no database), with
    the warning that the coop's list could not be read. The scores, which were to come with
    the answers, are not shown as if they had."""
    write("psychology.phq9", phq9(item9=1))
    monkeypatch.setattr(chart, "lines_asked", lambda: literal_column(
        "(SELECT count(*) FROM psychology_no_such_table)"))
    monkeypatch.setattr(plugin_host(app), "faults", {})  # forgotten after this test
    login(psychologist)
    page, sent = chart_of(app, client, client_person, {"Accept-Language": "en"})
    notice = page.index("The Psychology panel could not be shown")
    risk = page.index("A suicide-risk assessment is under way")
    assert notice < risk and sent == []  # the entries are those the chart read
    lines = page[risk:]
    assert "could not be read: the built-in lines are shown" in lines
    assert "1-866-277-3553" in lines and "9-8-8" in lines and "9-1-1" in lines
    assert "Latest questionnaires" not in page
    assert plugin_host(app).faults["psychology"].hook == "chart_panel_reads"
    page, _sent = chart_of(app, client, client_person)  # French, the statement kept
    notice = page.index("pas pu être affiché")
    assert notice < page.index(UNDER_WAY) < page.index("pas pu être lue")
    assert "1-866-277-3553" in page


def test_a_refusal_that_passes_hides_the_panel_until_the_next_chart_only(
        app, client, login, db, write, phq9, psychologist, client_person, monkeypatch):
    """The coop's table of lines renamed for a moment (a migration; a lock timeout or a lost
    connection refuse the same way) as the server builds its chart statement: the charts read
    meanwhile show the notice and the built-in lines; once the table is back, the next chart
    asks again and shows the panel, not the notice until the server restarts."""
    write("psychology.phq9", phq9(item9=1))
    monkeypatch.setattr(panels, "_READS", {})  # the server's first chart: the statement built
    monkeypatch.setattr(plugin_host(app), "faults", {})  # forgotten after this test
    login(psychologist)

    with moved_away(db, "psychology_crisis_lines"):
        english, _sent = chart_of(app, client, client_person, {"Accept-Language": "en"})
        french, _sent = chart_of(app, client, client_person)  # asked again, refused again
    assert "The Psychology panel could not be shown" in english
    assert "could not be read: the built-in lines are shown" in english
    assert "pas pu être affiché" in french and "pas pu être lue" in french
    french, _sent = chart_of(app, client, client_person)
    assert "pas pu être affiché" not in french and "pas pu être lue" not in french
    assert UNDER_WAY in french and "1 866 APPELLE" in french
    assert "Questionnaires les plus récents" in french
    english, _sent = chart_of(app, client, client_person, {"Accept-Language": "en"})
    assert "could not be shown" not in english and "could not be read" not in english
    assert "A suicide-risk assessment is under way" in english and "Latest questionnaires" in english


def test_a_table_gone_after_the_statement_is_kept_gives_the_notice_not_an_error_page(
        app, client, login, db, write, phq9, psychologist, client_person, monkeypatch):
    """The chart's statement is built and kept at the first chart; the coop's table of lines is
    renamed afterwards, while the server runs (a migration). The next chart still opens, with
    the notice and the built-in lines where the panel was, not an error page; once the table is
    back, the panel returns."""
    write("psychology.phq9", phq9(item9=1))
    monkeypatch.setattr(panels, "_READS", {})
    monkeypatch.setattr(plugin_host(app), "faults", {})  # forgotten after this test
    login(psychologist)
    french, _sent = chart_of(app, client, client_person)  # the statement built and kept
    assert "Questionnaires les plus récents" in french and "pas pu être affiché" not in french

    with moved_away(db, "psychology_crisis_lines"):
        english, _sent = chart_of(app, client, client_person, {"Accept-Language": "en"})
    assert "The Psychology panel could not be shown" in english
    assert "could not be read: the built-in lines are shown" in english
    assert "A suicide-risk assessment is under way" in english and "9-8-8" in english
    assert plugin_host(app).faults["psychology"].hook == "chart_panel_reads"
    french, _sent = chart_of(app, client, client_person)
    assert "pas pu être affiché" not in french and "Questionnaires les plus récents" in french


def test_a_refused_question_shows_no_crisis_lines_without_an_assessment_under_way(
        app, client, login, db, write, phq9, psychologist, nurse, client_person, monkeypatch):
    """No assessment under way, or a viewer who is not a psychologist: the notice alone, as
    the panel would have shown nothing of the kind."""
    write("psychology.phq9", phq9(item9=0))
    monkeypatch.setattr(chart, "lines_asked", lambda: literal_column(
        "(SELECT count(*) FROM psychology_no_such_table)"))
    monkeypatch.setattr(plugin_host(app), "faults", {})  # forgotten after this test
    login(psychologist)
    page, _sent = chart_of(app, client, client_person, {"Accept-Language": "en"})
    assert "The Psychology panel could not be shown" in page
    assert "suicide-risk assessment" not in page and "1-866-277-3553" not in page
    assert chart.unanswered_panel(db, client_person, nurse) == []


def test_other_disciplines_ask_nothing_and_see_no_panel(app, login, nurse, psychologist):
    assert chart.panel_reads(nurse) == {}
    assert set(chart.panel_reads(psychologist)) == {chart.CRISIS_LINES}


def written(*values) -> str:
    """A row as :func:`core.api.joined_rows` writes it."""
    return "".join(f"{len(value)} {value}" for value in values)


def test_an_answer_that_cannot_be_understood_is_a_list_that_cannot_be_read(app):
    with app.test_request_context():
        good = written("1", "7", '{"fr": "B"}', "988", "tel:988")
        lines = crisis_lines.lines_answered(good + "," + written("0", "9", '{"en": "A"}', "9",
                                                                 "tel:911"))
        assert [(line.number, line.dial) for line in lines.lines] == [
            ("9", "tel:911"), ("988", "tel:988")] and lines.problem is None
        for wrong in (good + ",2 x", written("1", "7", "{", "988", "tel:988"), good + "1"):
            lines = crisis_lines.lines_answered(wrong)
            assert lines.lines == crisis_lines.BUILT_IN and lines.problem
