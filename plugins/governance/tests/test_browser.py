"""Browser: reception signs a member in at the door, and a member signs in and casts a secret
ballot from a phone-sized screen (375×812). ``SOIN_SCREENSHOTS=DIR`` keeps the screens."""

import os

import pytest

from core.registry import plugin_host
from core.testing.browser import browser_login
from core.testing.factories import PASSWORD, Factories

from plugins.governance import ballots
from plugins.governance.models import Motion
from plugins.governance.tests.helpers import add_members, assembly_in_session

pytestmark = pytest.mark.e2e


def _shot(page, name):
    folder = os.environ.get("SOIN_SCREENSHOTS")
    if folder:
        page.screenshot(path=os.path.join(folder, f"governance-{name}.png"), full_page=True)


def _setup(live_server, signed_in: int):
    """Six members, an assembly in session with ``signed_in`` of them signed in, a secret vote
    open; accounts for reception and for the first member."""
    def make(session):
        from core.admin.service import set_active

        set_active(session, plugin_host(live_server.app), "governance", True)
        members = add_members(session, 6)
        assembly = assembly_in_session(session, members[1:1 + signed_in], quorum=3)
        motion = ballots.add_motion(session, assembly, {
            "title": "Élection au conseil", "method": "secret",
            "candidates": "Hélène Tremblay\nMarc Gagnon\nSophie Côté", "seats": 2})
        factories = Factories(live_server.app, session)
        factories.account(roles=["reception"], username="accueil", display_name="Accueil")
        factories.account(roles=["member"], username="membre0",
                          person=members[0].household.people[0])
        return assembly.id, assembly.room_code, motion.id, members[0].number
    return live_server.setup(make)


def test_reception_signs_a_member_in_and_the_quorum_moves(live_server, page):
    assembly_id, _code, _motion, number = _setup(live_server, signed_in=2)
    page.set_viewport_size({"width": 1024, "height": 768})  # the tablet at the door
    browser_login(page, live_server, "accueil", PASSWORD)
    page.goto(f"{live_server.url}/p/governance/assemblies/{assembly_id}/sign-in")
    assert "2 personnes membres présentes ayant droit de vote (quorum\u202f: 3)" in page.locator(".quorum").inner_text()
    page.fill("#q", number)
    with page.expect_navigation():
        page.click("form[role=search] button")
    with page.expect_navigation():
        page.click("text=Inscrire Membre0")
    assert "Inscription faite\u202f: Membre0 Votant." in page.locator(".flash").inner_text()
    quorum = page.locator(".quorum").inner_text()
    assert "3 personnes membres présentes ayant droit de vote (quorum\u202f: 3)" in quorum and "Quorum atteint" in quorum
    _shot(page, "sign-in-tablet")


def test_a_member_signs_in_and_votes_in_secret_from_a_phone(live_server, page):
    assembly_id, code, motion_id, _number = _setup(live_server, signed_in=3)
    live_server.setup(lambda s: ballots.open_vote(s, s.get(Motion, motion_id)))
    page.set_viewport_size({"width": 375, "height": 812})
    browser_login(page, live_server, "membre0", PASSWORD)
    page.goto(f"{live_server.url}/p/governance/vote/")
    _shot(page, "phone-before-sign-in")
    page.fill(f"#code-{assembly_id}", code.lower())
    with page.expect_navigation():
        page.click("text=M’inscrire")
    assert "Bienvenue à l’assemblée" in page.content()
    with page.expect_navigation():
        page.click("text=Voter\u202f: Élection au conseil")
    assert "Choisissez jusqu’à 2 candidatures." in page.content()
    page.check("input[value='Sophie Côté']")
    page.check("input[value='Hélène Tremblay']")
    _shot(page, "phone-ballot")
    # the ballot fits the phone: nothing to scroll sideways
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    with page.expect_navigation():
        page.click("text=Déposer mon bulletin")
    assert "Votre bulletin est compté" in page.content()
    assert "vous avez voté" in page.content() and "Sophie" not in page.content()
    # the motion voted on stays a card in the list, not bare text beside the cards
    done = page.locator("ul.cards li > span", has_text="vous avez voté")
    assert done.evaluate("e => getComputedStyle(e).borderTopStyle") == "solid"
    _shot(page, "phone-after-vote")
    page.goto(f"{live_server.url}/p/governance/vote/motions/{motion_id}")
    assert page.locator("text=Déposer mon bulletin").count() == 0
