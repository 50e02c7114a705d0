"""Browser: a volunteer takes a member's order at the counter; a coordinator allocates a plot."""

import pytest

from core.registry import plugin_host
from core.testing.browser import browser_login, follow
from core.testing.factories import PASSWORD

from plugins.food_security.tests.helpers import garden_with_plots, offer, season

pytestmark = pytest.mark.e2e


def _prepare(live_server, username, roles, build):
    """Activate the program, create the account and a member, then ``build(session, person)``."""
    from core.admin.service import set_active
    from core.identity import service
    from core.identity.accounts import create_account

    def setup(db):
        set_active(db, plugin_host(live_server.app), "food_security", True)
        create_account(db, username=username, display_name=username.title(), password=PASSWORD,
                       roles=roles)
        household = service.create_household(db, {"name": "Bérubé"})
        person = service.register_person(db, {"first_name": "Chloé", "last_name": "Bérubé"},
                                         household)
        return build(db, person)
    return live_server.setup(setup)


def test_a_volunteer_places_an_order_for_a_member(live_server, page):
    ids = _prepare(live_server, "paul", ["volunteer"],
                   lambda db, person: (lambda c, o: (c.id, o.id))(*offer(db, quantity=3)))
    cycle_id, offer_id = ids
    browser_login(page, live_server, "paul", PASSWORD)
    page.goto(f"{live_server.url}/p/food_security/market/cycles/{cycle_id}")
    follow(page, "text=Prendre la commande d’une personne membre")
    page.fill("#picker-q", "chloe")
    follow(page, "form[role=search] button")
    follow(page, "ul.picker-results a")
    page.fill(f"#f-qty-{offer_id}", "2")
    follow(page, "text=Passer la commande")
    assert "Commande passée pour Chloé Bérubé." in page.locator("p.flash").inner_text()
    page.goto(f"{live_server.url}/p/food_security/market/cycles/{cycle_id}/pickup")
    row = page.locator("tr[data-order]")
    assert "Chloé Bérubé" in row.inner_text() and "2 × Carottes" in row.inner_text()
    page.goto(f"{live_server.url}/p/food_security/market/cycles/{cycle_id}")
    assert page.locator(f"tr[data-offer='{offer_id}'] td.left").inner_text() == "1"


def test_a_coordinator_allocates_a_plot_to_the_first_in_line(live_server, page):
    from plugins.food_security.gardens import service as gardens

    def build(db, person):
        season(db)
        garden, (plot, _other) = garden_with_plots(db)
        gardens.add_to_waitlist(db, person, {})
        return garden.id

    garden_id = _prepare(live_server, "julie", ["food_security.garden_coordinator"], build)
    browser_login(page, live_server, "julie", PASSWORD)
    page.goto(f"{live_server.url}/p/food_security/gardens/{garden_id}")
    follow(page, "tr[data-plot='A1'] >> text=Attribuer")
    follow(page, "text=Attribuer à Chloé Bérubé")
    assert "Jardinet A1 attribué." in page.locator("p.flash").inner_text()
    assert "Chloé Bérubé" in page.locator("tr[data-plot='A1']").inner_text()
    assert "Attribuer" in page.locator("tr[data-plot='A2']").inner_text()
