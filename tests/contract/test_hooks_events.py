"""Contribution and event hooks: when core calls them, with what, and for which plugins."""

from datetime import datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from core.admin.service import set_active
from core.api import add_summary_item, entries_for, record_entry, today as coop_today
from core.registry import plugin_host
from tests.contract.hooktest_plugin import calls


def test_hook_demo_data_called_by_soin_demo_with_the_demo_people(app, db, hooks_on):
    from core.demo import load_demo

    load_demo(db, app, households=3)
    [call] = calls("demo_data")
    assert call["people"] >= 3 and call["session"] is db


def test_hook_chart_panels_shown_on_the_chart_of_an_active_plugin(client, login, db, person, author):
    login(author)
    page = client.get(f"/people/{person.id}/chart").get_data(as_text=True)
    assert "Hook panel" in page and "Panel for Rosalie" in page


def test_hook_chart_panel_reads_asked_in_one_statement_with_core_s(
        app, client, login, db, person, author, hooks_on):
    """The hook test plugin's questions and core's own (the imported-records panel) are asked
    in the same statement, and each panel gets its answers."""
    from sqlalchemy import event

    from core.api import today

    record_entry(db, person=person, form_id="hooktest.note", author=author,
                 payload={"text": "one", "level": "1"})
    db.commit()
    sent: list[str] = []

    def keep(_conn, _cursor, statement, *_args):
        sent.append(statement)

    login(author)
    # the process's first chart with these plugins builds the statement, trying each plugin's
    # questions alone first (it failed when no earlier test in the worker had opened a chart)
    client.get(f"/people/{person.id}/chart")
    engine = db.get_bind().engine
    event.listen(engine, "before_cursor_execute", keep)
    try:
        page = client.get(f"/people/{person.id}/chart").get_data(as_text=True)
    finally:
        event.remove(engine, "before_cursor_execute", keep)
    assert f"1 entries, in {today().year}" in page
    asked = [s for s in sent if "record_imported_entries" in s]
    assert len(asked) == 1 and "count(record_entries.id)" in asked[0]


def test_hook_chart_panel_reads_a_question_that_fails_leaves_out_its_plugin_not_the_chart(
        app, client, login, db, person, author, hooks_on, monkeypatch, caplog):
    """A plugin's question that the database refuses (here a table that is not there) does
    not fail every chart: that plugin is marked faulty and its panel left out; core's
    questions and the rest of the chart are answered."""
    from sqlalchemy import literal_column

    from tests.contract import hooktest_plugin

    monkeypatch.setattr(hooktest_plugin, "READS", {
        "hooktest.entries": literal_column("(SELECT count(*) FROM hooktest_no_such_table)"),
        "hooktest.year": hooktest_plugin.READS["hooktest.year"]})
    monkeypatch.setattr(plugin_host(app), "faults", {})  # forgotten after this test
    login(author)
    for _twice in range(2):  # the second chart asks the refused questions again
        answer = client.get(f"/people/{person.id}/chart", headers={"Accept-Language": "en"})
        assert answer.status_code == 200
        page = answer.get_data(as_text=True)
        assert "Rosalie" in page and "Hook panel" not in page
        # the clinician is told the panel is missing, not left to think there is nothing
        assert "The Hook test service panel could not be shown" in page
    assert "hooktest" in plugin_host(app).faults  # on the plugins' page, with its panel's error
    logged = [r for r in caplog.records if "chart_panel_reads" in r.getMessage()]
    # asked at each chart (a refusal may pass), refused each time
    assert [("hooktest_no_such_table" in str(r.exc_info[1])) for r in logged] == [True, True]


def test_hook_chart_panels_unanswered_follows_the_notice_only_when_the_questions_were_refused(
        app, client, login, db, person, author, hooks_on, monkeypatch):
    """Questions answered: the plugin's panels, no stand-in. Questions refused: core's notice,
    then the stand-in (never the panels, which would take missing answers for answers). A
    stand-in that raises leaves the notice, and is named among the faults."""
    from sqlalchemy import literal_column

    from tests.contract import hooktest_plugin

    login(author)
    page = client.get(f"/people/{person.id}/chart").get_data(as_text=True)
    assert "Hook panel" in page and "Hook stand-in" not in page
    monkeypatch.setattr(hooktest_plugin, "READS", {
        "hooktest.entries": literal_column("(SELECT count(*) FROM hooktest_no_such_table)"),
        "hooktest.year": hooktest_plugin.READS["hooktest.year"]})
    monkeypatch.setattr(plugin_host(app), "faults", {})  # forgotten after this test
    page = client.get(f"/people/{person.id}/chart", headers={"Accept-Language": "en"}).get_data(
        as_text=True)
    notice = page.index("The Hook test service panel could not be shown")
    assert notice < page.index("Still here for Rosalie") and "Hook panel" not in page
    monkeypatch.setitem(hooktest_plugin.UNANSWERED, "raise", True)
    answer = client.get(f"/people/{person.id}/chart", headers={"Accept-Language": "en"})
    page = answer.get_data(as_text=True)
    assert answer.status_code == 200 and "Rosalie" in page and "Still here" not in page
    assert "The Hook test service panel could not be shown" in page
    assert plugin_host(app).faults["hooktest"].hook == "chart_panels_unanswered"


def test_hook_chart_panels_a_plugin_that_raises_shows_a_notice_and_the_others_their_panels(
        app, client, login, db, person, author, hooks_on, activate, monkeypatch):
    """A plugin whose panel raises is marked faulty and, where its panel would be, the
    clinician reads that it could not be shown (in the coop's language); the other plugins'
    panels are drawn as usual."""
    monkeypatch.setattr(plugin_host(app), "faults", {})  # forgotten after this test
    activate("broken")  # raises in chart_panels (and in plugin_activated)
    login(author)
    answer = client.get(f"/people/{person.id}/chart", headers={"Accept-Language": "en"})
    assert answer.status_code == 200
    page = answer.get_data(as_text=True)
    assert "The Broken panel could not be shown; the administrator has been told." in page
    assert "Hook panel" in page and "Panel for Rosalie" in page
    assert plugin_host(app).faults["broken"].hook == "chart_panels"
    french = client.get(f"/people/{person.id}/chart", headers={"Accept-Language": "fr-CA"})
    assert ("Le panneau Broken n’a pas pu être affiché\u202f; l’équipe d’administration en a été avisée."
            in french.get_data(as_text=True))


def test_hook_person_links_adds_the_links_the_viewer_may_follow_in_order(
        app, client, login, db, person, make_account, hooks_on):
    chart, hook, visits = (f'href="/people/{person.id}/chart"', f'href="/hook/{person.id}"',
                           f'href="/schedule/people/{person.id}"')
    login(make_account(roles=["coordinator"], discipline="hooktest"))  # chart, hook service
    page = client.get(f"/people/{person.id}", headers={"Accept-Language": "en"}).get_data(
        as_text=True)
    # core's chart link (order 10), then the plugin's (15), then core's appointments (30)
    assert page.index(chart) < page.index(hook) < page.index(visits)
    assert "Hook page of Rosalie" in page
    login(make_account(roles=["reception"]))  # may not use the hook service nor open charts
    page = client.get(f"/people/{person.id}").get_data(as_text=True)
    assert hook not in page and chart not in page and visits in page
    set_active(db, plugin_host(app), "hooktest", False)
    db.commit()
    login(make_account(roles=["coordinator"]))
    assert hook not in client.get(f"/people/{person.id}").get_data(as_text=True)


def test_hook_check_entry_access_narrows_and_never_widens(db, person, author, make_account, hooks_on):
    colleague = make_account(discipline="hooktest")
    record_entry(db, person=person, form_id="hooktest.note", author=author,
                 payload={"text": "private matter", "level": "1"})
    record_entry(db, person=person, form_id="hooktest.note", author=author,
                 payload={"text": "open matter", "level": "1"})
    seen = lambda viewer: sorted(e.payload["text"] for e in entries_for(db, person.id, viewer=viewer))
    assert seen(author) == ["open matter", "private matter"]
    assert seen(colleague) == ["open matter"]  # the plugin said False: denied
    volunteer = make_account(roles=["volunteer"])
    assert seen(volunteer) == []  # the plugin said True: core's own rules still apply


def test_hook_entry_saved_called_in_the_saving_transaction(db, person, author):
    entry = record_entry(db, person=person, form_id="hooktest.note", author=author,
                         payload={"text": "Saved", "level": "1"})
    assert calls("entry_saved") == [{"entry": entry.id, "session": db}]


def test_hook_entry_saved_heard_by_active_plugins_only(db, person, make_account, activate):
    from tests.contract.hooktest_plugin import CALLS

    activate("recordtest")
    author = make_account(discipline="recordtest")
    CALLS.clear()
    record_entry(db, person=person, form_id="recordtest.shared", author=author, payload={"text": "a"})
    assert calls("entry_saved") == []
    activate("hooktest")
    entry = record_entry(db, person=person, form_id="recordtest.shared", author=author,
                         payload={"text": "b"})
    assert calls("entry_saved") == [{"entry": entry.id, "session": db}]


def test_hook_summary_changed_told_when_a_line_is_added_and_ended(db, person, author):
    from core.record.summary import end_summary_item

    item = add_summary_item(db, person_id=person.id, kind="medication", label="sertraline",
                            code="ATC:N06AB06", author=author)
    end_summary_item(db, item, author=author)
    assert calls("summary_changed") == [
        {"item": item.id, "change": "added", "actor": author.id, "session": db},
        {"item": item.id, "change": "ended", "actor": author.id, "session": db}]


def test_hook_appointment_status_changed_follows_the_life_cycle(db, person, make_account, hooks_on):
    from core.scheduling.availability import add_window, resource_for_account
    from core.scheduling.service import book, set_status

    practitioner = make_account(discipline="hooktest")
    resource = resource_for_account(db, practitioner)
    for weekday in range(7):
        add_window(db, resource, weekday, time(9), time(17))
    tomorrow = coop_today() + timedelta(days=1)
    start = datetime.combine(tomorrow, time(10), tzinfo=ZoneInfo("America/Montreal"))
    appointment = book(db, type_code="hooktest.visit", start=start.astimezone(timezone.utc),
                       person=person, practitioner=resource)
    # booked ahead (the past cannot be booked), then its day comes: arrivals are noted on it
    appointment.starts_at = datetime.combine(coop_today(), time(0), tzinfo=ZoneInfo(
        "America/Montreal")).astimezone(timezone.utc)
    appointment.ends_at = appointment.starts_at + timedelta(hours=1)
    set_status(db, appointment, "arrived")
    set_status(db, appointment, "done")
    assert [(c["old"], c["new"]) for c in calls("appointment_status_changed")] == [
        (None, "booked"), ("booked", "arrived"), ("arrived", "done")]


def test_hook_plugin_activated_told_once_to_every_active_plugin_including_the_new_one(app, db):
    from tests.contract.hooktest_plugin import CALLS

    host = plugin_host(app)
    CALLS.clear()
    set_active(db, host, "hooktest", True)
    set_active(db, host, "hooktest", True)  # unchanged: no second announcement
    set_active(db, host, "sample", True)
    assert calls("plugin_activated") == [{"name": "hooktest"}, {"name": "sample"}]


def test_hook_plugin_deactivated_told_to_the_plugins_still_active(app, db):
    from tests.contract.hooktest_plugin import CALLS

    host = plugin_host(app)
    set_active(db, host, "hooktest", True)
    set_active(db, host, "sample", True)
    CALLS.clear()
    set_active(db, host, "sample", False)
    set_active(db, host, "hooktest", False)  # inactive now: it is no longer called at all
    assert calls("plugin_deactivated") == [{"name": "sample"}]


def test_hook_person_data_export_in_the_persons_own_export_not_in_a_chart_export(
        app, client, login, db, person, author, make_account):
    """Law 25 portability: what a plugin keeps about the person beyond the chart goes in the
    person's own CSV export (and `soin export`); a practitioner's chart export stays the chart."""
    from core.record.export import export_csv

    member = make_account(roles=["member"], person=person)
    login(member)
    own = client.get("/portal/export.csv").get_data(as_text=True)
    # under the plugin's title (it read "plugin:hooktest")
    assert "Hook test service,1,,Hook loans,,,,item,Sécateur" in own
    assert calls("person_data_export")[0]["person"] == person.id
    assert "Hook loans" in export_csv(db, person)                      # soin export
    assert "Hook loans" not in export_csv(db, person, viewer=author)   # a chart export


def _duplicate_with_a_chart(db, person, author, make_person, make_account):
    """A second registration of ``person`` holding an entry, a consent rule and an account."""
    from core.record.consent import add_consent_rule

    duplicate = make_person("Rosalie", "Hook", ramq="HOOR85520112")
    record_entry(db, person=duplicate, form_id="hooktest.note", author=author,
                 payload={"text": "written on the duplicate", "level": "2"})
    add_consent_rule(db, person_id=duplicate.id, kind="restrict_discipline",
                     discipline="psychology", actor=author)
    account = make_account(roles=["member"], person=duplicate)
    db.commit()
    return duplicate, account


def test_hook_person_merged_moves_everything_in_one_transaction(app, db, person, author,
                                                                make_person, make_account):
    from core.audit.models import AuditEvent
    from core.identity.merge import merge_people
    from core.identity.service import search_people
    from core.record.consent import consent_rules

    duplicate, account = _duplicate_with_a_chart(db, person, author, make_person, make_account)
    merge_people(db, person, duplicate, actor=author)
    db.commit()
    db.expire_all()
    [call] = calls("person_merged")
    assert (call["kept"], call["merged"], call["session"]) == (person.id, duplicate.id, db)
    texts = [e.payload["text"] for e in entries_for(db, person.id)]
    assert "written on the duplicate" in texts and entries_for(db, duplicate.id) == []
    assert [r.discipline for r in consent_rules(db, person.id)] == ["psychology"]
    assert db.get(type(account), account.id).person_id == person.id    # the member reads it
    assert person.ramq == "HOOR85520112" and duplicate.merged_into_id == person.id
    assert [p.id for p in search_people(db, "Rosalie Hook")] == [person.id]
    event = db.query(AuditEvent).filter_by(action="person.merge").one()
    assert event.person_id == person.id and event.detail["merged"] == duplicate.id


def test_a_plugin_that_fails_cancels_the_whole_merge(app, db, person, author, make_person,
                                                     make_account):
    from core.identity.merge import merge_people
    from tests.contract import hooktest_plugin

    duplicate, account = _duplicate_with_a_chart(db, person, author, make_person, make_account)
    hooktest_plugin.MERGE_FAILS["with"] = RuntimeError("disk full")
    try:
        with pytest.raises(RuntimeError), db.begin_nested():  # what `soin people merge` does
            merge_people(db, person, duplicate)
    finally:
        hooktest_plugin.MERGE_FAILS["with"] = None
    db.expire_all()
    assert [e.payload["text"] for e in entries_for(db, duplicate.id)] == ["written on the duplicate"]
    assert db.get(type(account), account.id).person_id == duplicate.id
    assert duplicate.merged_into_id is None and person.ramq != "HOOR85520112"


def test_merging_is_refused_with_a_reason_when_both_have_an_account(app, db, person, author,
                                                                    make_person, make_account):
    from core.identity.merge import MergeRefused, merge_people

    duplicate, _account = _duplicate_with_a_chart(db, person, author, make_person, make_account)
    make_account(roles=["member"], person=person)
    with pytest.raises(MergeRefused, match="compte"):
        merge_people(db, person, duplicate)
    with pytest.raises(MergeRefused):
        merge_people(db, person, person)
