"""Browser: a café coordinator sets today's menu from the kitchen's recipes and enters the meals
served, then publishes tomorrow's volunteer shift, on a desktop and on a phone-sized screen
(375×812). ``SOIN_SCREENSHOTS=DIR`` keeps
the screens."""

import os

import pytest

from core.registry import plugin_host
from core.testing.browser import browser_login, follow
from core.testing.factories import PASSWORD

pytestmark = pytest.mark.e2e


def _shot(page, name):
    folder = os.environ.get("SOIN_SCREENSHOTS")
    if folder:
        page.screenshot(path=os.path.join(folder, f"cafe-{name}.png"), full_page=True)


def _no_sideways_scroll(page):
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def _prepare(live_server):
    from core.admin.service import set_active
    from core.identity.accounts import create_account

    from plugins.food_security.kitchen import service as kitchen

    def setup(db):
        set_active(db, plugin_host(live_server.app), "food_security", True)
        create_account(db, username="ines", display_name="Inès", password=PASSWORD,
                       roles=["food_security.cafe_coordinator"])
        kitchen.save_recipe(db, {"name": "Soupe aux lentilles", "yield_portions": 12})
        kitchen.save_recipe(db, {"name": "Muffins aux pommes", "yield_portions": 12,
                                 "allergens": ["wheat", "eggs", "milk"]})
        kitchen.save_recipe(db, {"name": "Chili végé", "yield_portions": 10})
    live_server.setup(setup)


@pytest.mark.parametrize("width, height", [(1280, 900), (375, 812)])
def test_a_coordinator_sets_the_menu_and_counts_the_meals(live_server, page, width, height):
    _prepare(live_server)
    page.set_viewport_size({"width": width, "height": height})
    browser_login(page, live_server, "ines", PASSWORD)
    page.goto(f"{live_server.url}/p/food_security/cafe/")
    assert "Pas encore de menu pour aujourd’hui." in page.content()
    _no_sideways_scroll(page)
    page.check("label:has-text('Soupe aux lentilles') input")
    page.check("label:has-text('Muffins aux pommes') input")
    page.fill("#f-standard_price", "8")
    page.fill("#f-solidarity_price", "9")  # above the standard price: refused, nothing saved
    page.check("input[name=pay_what_you_can]")
    _shot(page, f"new-menu-{width}")
    follow(page, "text=Enregistrer le menu")
    assert "Le tarif solidaire ne peut pas dépasser le tarif régulier." in page.inner_text(
        "#e-solidarity_price")
    assert page.is_checked("label:has-text('Muffins aux pommes') input")  # the choice is kept
    page.fill("#f-solidarity_price", "4")
    follow(page, "text=Enregistrer le menu")
    assert "Menu enregistré." in page.locator("p.flash").inner_text()
    notice = page.locator("p.allergens")
    assert "Allergènes\u202f: Lait, Œufs, Blé et triticale" in notice.inner_text()
    page.fill("#f-meals_standard", "22")
    page.fill("#f-meals_solidarity", "11")
    page.fill("#f-meals_pay_what_you_can", "5")
    page.fill("#f-pay_what_you_can_collected", "17,50".replace(",", "."))
    follow(page, "text=Enregistrer les repas servis")
    assert "Enregistré." in page.locator("p.flash").inner_text()
    assert page.inner_text("dl[data-meals] dd.total") == "38"
    _no_sideways_scroll(page)
    _shot(page, f"day-{width}")
    page.goto(f"{live_server.url}/p/food_security/cafe/")
    assert page.inner_text("tr[data-menu] .meals") == "38"
    _no_sideways_scroll(page)
    _shot(page, f"index-{width}")
    # tomorrow's menu (the form now offers tomorrow) and its volunteer shift, through core
    page.check("label:has-text('Chili végé') input")
    follow(page, "text=Enregistrer le menu")
    page.fill("#f-starts_at", "11:00")
    page.fill("#f-ends_at", "14:00")
    page.fill("#f-needed", "3")
    follow(page, "text=Publier le quart")
    assert ("Service du café · 11\u00a0h\u00a000 – 14\u00a0h\u00a000 · 0 personne sur 3"
            in page.inner_text("ul.shifts"))
    _no_sideways_scroll(page)
    _shot(page, f"shift-{width}")
