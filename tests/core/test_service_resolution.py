"""A service activated or retired can cite the resolution that decided it; the services page
shows it with the date (activation itself works as before)."""

from core.admin.models import PluginState, PluginStateChange


def test_the_services_page_shows_the_resolution_and_its_date(client, login, db):
    login(role="admin")
    response = client.post("/admin/services/psychology",
                           data={"active": "1", "resolution": "AGA 2026-001-03"})
    assert response.status_code == 302
    state = db.get(PluginState, "psychology")
    assert state.active and state.resolution == "AGA 2026-001-03"
    change = db.query(PluginStateChange).filter_by(name="psychology").order_by(
        PluginStateChange.id.desc()).first()
    assert change.resolution == "AGA 2026-001-03"
    page = client.get("/admin/services").get_data(as_text=True)
    assert "Décidé par AGA 2026-001-03 le" in page


def test_a_service_activated_without_citing_anything_still_works(client, login, db):
    login(role="admin")
    assert client.post("/admin/services/nursing", data={"active": "1"}).status_code == 302
    assert db.get(PluginState, "nursing").resolution == ""
