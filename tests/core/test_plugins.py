"""Plugin machinery: refusal at start-up, fault isolation, activation without restart."""

from core.admin.models import PluginState
from core.registry import plugin_host


def test_misspelled_hook_and_bad_prefix_are_refused_by_name(app):
    host = plugin_host(app)
    assert "misspelled" in host.refused and "register_navitems" in host.refused["misspelled"]
    assert "badprefix" in host.refused and "core.people.view" in host.refused["badprefix"]
    assert "misspelled" not in host.plugins and "badprefix" not in host.plugins


def test_catalogue_lists_installed_and_refused(client, login):
    login(role="admin")
    page = client.get("/admin/services").get_data(as_text=True)
    assert "Sample service" in page or "sample" in page
    assert "1.2.3" in page
    assert "badprefix" in page and "misspelled" in page


def test_inactive_plugin_pages_404_and_menu_hidden_then_shown_without_restart(client, login):
    login(role="admin")
    assert client.get("/p/sample/").status_code == 404
    assert "/p/sample/" not in client.get("/").get_data(as_text=True)
    response = client.post("/admin/services/sample", data={"active": "1"})
    assert response.status_code == 302
    assert client.get("/p/sample/").get_data(as_text=True) == "sample page"
    assert "/p/sample/" in client.get("/").get_data(as_text=True)
    client.post("/admin/services/sample", data={"active": "0"})
    assert client.get("/p/sample/").status_code == 404


def test_activation_records_who_and_when(client, login, db):
    admin = login(role="admin")
    client.post("/admin/services/sample", data={"active": "1"})
    state = db.get(PluginState, "sample")
    assert state.active and state.changed_by_label == admin.username and state.changed_at


def test_broken_plugin_is_shown_faulty_and_others_keep_working(app, client, login, activate):
    login(role="admin")
    activate("broken", "sample")  # broken raises in plugin_activated: recorded, not fatal
    host = plugin_host(app)
    assert "broken" in host.faults
    assert client.get("/p/sample/").status_code == 200
    results = host.call_each("chart_panels", person=None, viewer=None)
    assert [name for name, _ in results] == []
    page = client.get("/admin/services").get_data(as_text=True)
    assert "broken on purpose" in page


def test_inactive_plugin_declarations_disappear(app, db, activate):
    host = plugin_host(app)
    codes = lambda: {t.code for t in host.declarations("register_appointment_types")}
    assert "sample.visit" not in codes()
    activate("sample")
    assert "sample.visit" in codes()


def test_a_plugin_page_that_raises_marks_the_plugin_faulty_and_core_goes_on(app, client, login, activate):

    login(role="admin")
    activate("sample")
    original = app.view_functions["sample.index"]

    def explode():
        raise RuntimeError("sample exploded")

    explode._soin_access = original._soin_access
    app.view_functions["sample.index"] = explode
    try:
        assert client.get("/p/sample/").status_code == 500
    finally:
        app.view_functions["sample.index"] = original
    assert "sample exploded" in plugin_host(app).faults["sample"].error
    assert client.get("/people").status_code == 200
    plugin_host(app).faults.pop("sample")


def test_admins_give_a_plugin_permission_to_another_role(client, login, factories):
    login(role="admin")
    page = client.get("/admin/roles").get_data(as_text=True)
    assert "sample.use" in page
    client.post("/admin/roles", data={"grant": ["admin|sample.use", "reception|sample.use",
                                                "admin|core.admin.plugins",
                                                "admin|core.admin.accounts"]})
    from core.identity.models import RolePermission
    granted = {(r.role_code, r.permission) for r in factories.db.query(RolePermission)}
    assert ("reception", "sample.use") in granted
    assert ("reception", "core.people.view") not in granted  # unticked: revoked


def test_call_each_puts_what_stands_for_a_faulty_plugin_in_its_place(app, activate, monkeypatch):
    """``fault``: what stands where a plugin that raised would be, in the plugins' order (the
    chart's notice); ``run``: how each is called (the chart's, under a guard)."""
    host = plugin_host(app)
    monkeypatch.setattr(host, "faults", {})
    activate("broken", "recordtest")
    order = [name for name, _call in host.implementations("chart_panels")]
    assert {"broken", "recordtest", "core"} <= set(order)

    def run(name, call, **kwargs):
        return call(**kwargs) if name == "broken" else f"shown {name}"

    results = host.call_each("chart_panels", fault=lambda name: f"notice {name}", run=run,
                             person=None, viewer=None, reads={})
    assert results == [(name, f"notice {name}" if name == "broken" else f"shown {name}")
                       for name in order]
    assert host.faults["broken"].hook == "chart_panels"
