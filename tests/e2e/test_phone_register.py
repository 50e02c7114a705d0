"""Browser, on a phone: the register of members reads as one card per member, every column
labelled and on the screen, the household's address and people under its name."""

from datetime import date
from decimal import Decimal

import pytest

from core.testing.browser import signed_in

pytestmark = pytest.mark.e2e

PHONE = {"width": 390, "height": 844}


def _members(live_server):
    """A coordinator and two "Bouchard" members, one whose dues are unpaid (may not vote)."""
    def make(session):
        from core.identity import service
        from core.testing.factories import Factories

        made = Factories(live_server.app, session)
        coordinator = made.account(["coordinator"])
        for first_name, street, paid_until in (("Anaïs", "2717 rue de la Visitation",
                                                date(2099, 1, 1)),
                                               ("Zoé", "3842 rue Amherst", date(2020, 1, 1))):
            household = made.person(first_name, "Bouchard").household
            household.address, household.city, household.postal_code = street, "Montréal", "H3K 4A7"
            membership = service.open_membership(session, household, {
                "started_on": date(2019, 2, 1), "share_amount": Decimal("10.00"),
                "category": "user"})
            service.record_payment(session, membership, {"amount": Decimal("10.00"),
                                                         "paid_on": date(2019, 2, 1)})
            membership.dues_paid_until = paid_until
        session.flush()
        return coordinator.username
    return live_server.setup(make)


def test_on_a_phone_each_member_is_a_card_with_every_column_on_the_screen(live_server,
                                                                          _chromium):
    """Nine columns slid sideways: the status and the right to vote sat past the screen's
    edge, and two "Bouchard" lines looked the same."""
    coordinator = _members(live_server)
    with signed_in(live_server, _chromium, coordinator, PHONE) as page:
        page.goto(f"{live_server.url}/members?q=bouchard")
        edges = page.evaluate("""() => [...document.querySelectorAll('main table td')]
            .map(td => Math.round(td.getBoundingClientRect().right - window.innerWidth))""")
        assert len(edges) == 18 and max(edges) <= 0
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        cards = page.locator("main table tbody tr")
        first, second = cards.nth(0).inner_text(), cards.nth(1).inner_text()
        assert "2717 rue de la Visitation" in first and "Anaïs" in first
        assert "3842 rue Amherst" in second and "Zoé" in second
        assert "Échu (cotisation impayée)" in second and "\nnon (" in second
        labels = page.evaluate("""() => [...document.querySelectorAll('main tbody tr')][1]
            .querySelectorAll('td[data-label]').values().toArray()
            .map(td => getComputedStyle(td, '::before').content)""")
        assert '"Statut "' in labels and labels[-1] == '"Vote "'
