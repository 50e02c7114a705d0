"""A panel whose own statement fails: the chart is still drawn, read and audited.

On PostgreSQL a statement the database refuses aborts the transaction: every statement after
it (the other panels, the chart's own reads, the audit event) would fail, and the chart with
them. On SQLite the refusal leaves the transaction usable; the chart must answer the same."""

import pytest
from sqlalchemy import select

from core.audit.models import AuditEvent
from core.registry import plugin_host
from core.testing.panels import chart_with_panel_statements
from tests.sample_plugins import queryfault

NOTICE = "The Query fault panel could not be shown; the administrator has been told."


@pytest.fixture(scope="module", autouse=True)
def queryfault_plugin(app):
    """Added the way start-up adds a plugin, for these tests only."""
    host = plugin_host(app)
    assert host.add("queryfault", queryfault), host.refused.get("queryfault")
    yield queryfault
    host._unregister("queryfault")
    host.plugins.pop("queryfault", None)


@pytest.fixture
def faulty(app, activate, hooks_on, monkeypatch):
    """The query fault plugin active beside the hook test plugin; faults forgotten after."""
    monkeypatch.setattr(plugin_host(app), "faults", {})
    activate("queryfault")
    return queryfault


def chart_reads(db, person) -> int:
    """How many chart reads of ``person`` the audit trail holds."""
    return len(db.scalars(select(AuditEvent.id).where(
        AuditEvent.action == "chart.read", AuditEvent.person_id == person.id)).all())


def test_a_panel_whose_statement_fails_gives_way_to_a_notice_the_chart_still_read_and_audited(
        app, client, login, db, person, author, faulty):
    login(author)
    before = chart_reads(db, person)
    answer = client.get(f"/people/{person.id}/chart", headers={"Accept-Language": "en"})
    assert answer.status_code == 200
    page = answer.get_data(as_text=True)
    assert NOTICE in page and "Counted" not in page
    assert "Hook panel" in page and "Panel for Rosalie" in page  # the other panels
    fault = plugin_host(app).faults["queryfault"]
    assert fault.hook == "chart_panels" and "queryfault_no_such_table" in fault.error
    assert chart_reads(db, person) == before + 1
    again = client.get(f"/people/{person.id}/chart", headers={"Accept-Language": "en"})
    assert again.status_code == 200 and NOTICE in again.get_data(as_text=True)
    assert chart_reads(db, person) == before + 2


@pytest.mark.postgresql
def test_a_panel_that_catches_its_own_failed_statement_leaves_the_chart_readable(
        app, client, login, db, person, author, faulty, monkeypatch):
    """The plugin catches the refusal and shows a panel of its own: nothing was raised, but on
    PostgreSQL the transaction was left aborted; the chart still answers and is audited."""
    monkeypatch.setattr(queryfault, "CATCH", True)
    login(author)
    before = chart_reads(db, person)
    answer = client.get(f"/people/{person.id}/chart", headers={"Accept-Language": "en"})
    assert answer.status_code == 200
    page = answer.get_data(as_text=True)
    assert "Nothing counted" in page and "Panel for Rosalie" in page and NOTICE not in page
    assert chart_reads(db, person) == before + 1


def test_a_panel_whose_statement_is_answered_is_shown(
        app, client, login, db, person, author, faulty, monkeypatch):
    monkeypatch.setattr(queryfault, "STATEMENT", "SELECT 41 + 1")
    login(author)
    page = client.get(f"/people/{person.id}/chart", headers={"Accept-Language": "en"}).get_data(
        as_text=True)
    assert "Counted 42" in page and "Panel for Rosalie" in page and NOTICE not in page
    assert "queryfault" not in plugin_host(app).faults


def panel_statements(app, client, person) -> list[str]:
    """The statements (their first word) the database answered while the chart's panels were
    drawn."""
    return [statement.split()[0] for statement in chart_with_panel_statements(app, client,
                                                                             person)[1]]


def test_panels_that_send_no_statement_cost_no_savepoint_one_that_does_is_under_one(
        app, client, login, db, person, author, hooks_on, activate, monkeypatch):
    """On PostgreSQL; on SQLite a failed statement leaves the transaction usable: none."""
    login(author)
    assert panel_statements(app, client, person) == []
    monkeypatch.setattr(queryfault, "STATEMENT", "SELECT 41 + 1")
    activate("queryfault")
    sent = panel_statements(app, client, person)
    assert sent == (["SELECT"] if db.get_bind().dialect.name == "sqlite" else
                    ["SAVEPOINT", "SELECT", "RELEASE"])
