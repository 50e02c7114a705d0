"""Browser, on a phone: the register of members reads as one compact card per member, every
column on the screen, the household's address and people under its name."""

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
        assert "Adhésion échue (cotisation impayée)" in second and "\nnon (" in second
        labels = page.evaluate("""() => [...document.querySelectorAll('main tbody tr')][1]
            .querySelectorAll('td[data-label]').values().toArray()
            .map(td => getComputedStyle(td, '::before').content)""")
        assert '"Statut "' in labels and labels[-1] == '"Vote "'


def _page_of_members(live_server) -> str:
    """A coordinator and 60 member households (a page of the register holds 50), each with
    its address and two people, one in three whose dues are unpaid (may not vote)."""
    def make(session):
        from core.identity import service
        from core.testing.factories import Factories

        made = Factories(live_server.app, session)
        coordinator = made.account(["coordinator"])
        for n in range(60):
            household = made.person("Marie-Ève", f"Bouchard-Lefebvre {n:02d}").household
            made.person("Jean-François", f"Bouchard-Lefebvre {n:02d}", household=household)
            household.address, household.city = f"{2700 + n} rue de la Visitation", "Montréal"
            household.postal_code = "H2L 3B9"
            membership = service.open_membership(session, household, {
                "started_on": date(2019, 2, 1), "share_amount": Decimal("10.00"),
                "category": "user"})
            service.record_payment(session, membership, {"amount": Decimal("10.00"),
                                                         "paid_on": date(2019, 2, 1)})
            membership.dues_paid_until = date(2020, 1, 1) if n % 3 == 0 else date(2099, 1, 1)
        session.flush()
        return coordinator.username
    return live_server.setup(make)


def test_on_a_phone_a_page_of_the_register_is_compact(live_server, _chromium):
    """A page of 50 members was about 17,000 px tall on a phone (each card 315 px: nine
    facts a line each, under the name and its address): thumbing through it took a minute.
    Each card now holds the name, number, status and vote first, the address and people
    under them, the other facts after one another: a page is about half as tall."""
    coordinator = _page_of_members(live_server)
    with signed_in(live_server, _chromium, coordinator, PHONE) as page:
        page.goto(f"{live_server.url}/members")
        cards = page.evaluate("""() => [...document.querySelectorAll('main tbody tr')]
            .map(tr => Math.round(tr.getBoundingClientRect().height))""")
        height = page.evaluate("document.documentElement.scrollHeight")
        assert len(cards) == 50  # before: 17,221 px, each card 315 px; now 9,148, 151-171
        assert max(cards) <= 200 and height <= 10_500
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        first = page.locator("main tbody tr").nth(0)

        def top(selector):
            return first.locator(selector).bounding_box()["y"]
        # the number on the name's line, the status and vote on the next at most, above the
        # address
        assert abs(top("td.number") - top("td.household > a")) < 10
        assert top("td.status") - top("td.household > a") < 30
        assert top("td.status") < top("small.where") and top("td.votes") < top("small.where")
        text = first.inner_text()
        assert "2700 rue de la Visitation, Montréal H2L\u00a03B9" in text
        assert "Marie-Ève, Jean-François" in text or "Jean-François, Marie-Ève" in text


def test_on_a_laptop_the_register_shows_its_vote_column_without_sliding(live_server, _chromium):
    """At 1280 px the table was 32 px wider than the page: the vote column and its reason
    ("non (La cotisation annuelle est impayée.)") sat cut at the right edge."""
    coordinator = _members(live_server)

    def late(session):  # a third household, its renewal late but in its grace period
        from datetime import timedelta

        from core.identity.models import Membership

        membership = session.query(Membership).order_by(Membership.id).first()
        membership.dues_paid_until = date.today() - timedelta(days=3)
        session.flush()
    live_server.setup(late)
    with signed_in(live_server, _chromium, coordinator, {"width": 1280, "height": 900}) as page:
        page.goto(f"{live_server.url}/members")
        box, table = page.evaluate("""() => { const box = document.querySelector('.table-scroll');
            return [box.clientWidth, box.querySelector('table').scrollWidth]; }""")
        assert table <= box
        assert page.locator("main td.votes").nth(1).is_visible()
