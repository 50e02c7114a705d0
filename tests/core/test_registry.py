"""Keyed registries of the plugins' declarations, and the coop's time, as core.api offers them."""

from datetime import date, datetime, timezone

from core.admin.service import set_active
from core.api import coop_zone, local_day, local_day_bounds, registry, to_local, today
from core.registry import plugin_host


def _nursing(app):
    plugin = plugin_host(app).plugins["nursing"]
    forms = plugin.declared("register_forms")
    protocols = plugin.declared("register_protocols")
    return forms, protocols


def test_registry_finds_forms_by_id_and_version_and_protocols_by_form(app, db, activate):
    activate("nursing")
    forms, protocols = _nursing(app)
    found = registry()
    for spec in forms:
        assert found.form(spec.id, spec.version) is spec
        newest = max((f for f in forms if f.id == spec.id), key=lambda f: f.version)
        assert found.form(spec.id) is newest
    for protocol in protocols:
        for form_id in protocol.form_ids:
            assert protocol in found.protocols_for(form_id)
    assert found.form("nursing.no_such_form") is None
    assert found.protocols_for("nursing.no_such_form") == ()


def test_registry_follows_activation_and_keeps_old_forms_readable(app, db, activate):
    activate("nursing")
    forms, _protocols = _nursing(app)
    spec = forms[0]
    assert registry().form(spec.id) is not None
    set_active(db, plugin_host(app), "nursing", False)
    db.commit()
    assert registry().form(spec.id) is None  # not offered while the service is off
    assert registry().protocols_for(spec.id) == ()
    assert registry(active_only=False).form(spec.id, spec.version) is spec  # entries still render
    activate("nursing")
    assert registry().form(spec.id) is not None
    assert registry() is registry()  # built once per set of active plugins


def test_coop_time_follows_the_setting(app, db):
    evening = datetime(2026, 3, 1, 2, 30, tzinfo=timezone.utc)  # 21:30 the day before in Montreal
    assert coop_zone().key == "America/Montreal"
    assert local_day(evening) == date(2026, 2, 28)
    assert to_local(evening).hour == 21
    start, end = local_day_bounds(date(2026, 3, 8))  # the spring change: a 23-hour day
    assert (end - start).total_seconds() == 23 * 3600
    assert today() == datetime.now(coop_zone()).date()
    previous = app.config["SOIN_TIMEZONE"]
    app.config["SOIN_TIMEZONE"] = "Europe/Paris"
    try:
        assert local_day(evening) == date(2026, 3, 1)
        assert to_local(evening).hour == 3
    finally:
        app.config["SOIN_TIMEZONE"] = previous
