"""Browser, on a phone: a table or a disclosure never sits on the button of the form just above
it (a form's button spans the width there, and the table's caption or the disclosure's summary
read as part of the form), nor a disclosure on the table just above it; and an assembly's
motions are spaced alike on a phone and a desktop (a section's margins kept inside it on one
width and not on the other)."""

from datetime import date, timedelta
from decimal import Decimal

import pytest

from core.testing.browser import browser_login
from core.testing.factories import PASSWORD

pytestmark = pytest.mark.e2e

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}

#: each visible element the selector finds (a table, a disclosure), by its caption or summary,
#: and the room between its top and the bottom of the nearest button above it (None: no
#: button above it)
GAPS = """(selector) => [...document.querySelectorAll(selector)].filter(t => t.offsetParent !== null)
  .map(t => {
    const top = t.getBoundingClientRect().top;
    const above = [...document.querySelectorAll('main button')]
      .filter(b => b.offsetParent !== null && !t.contains(b))
      .map(b => b.getBoundingClientRect().bottom).filter(bottom => bottom <= top + 1);
    const title = t.tagName === 'TABLE' ? t.caption : t.querySelector('summary');
    return [title ? title.innerText.trim() : '',
            above.length ? Math.round(top - Math.max(...above)) : null];
  })"""


def _paid_member(app, session):
    """A member household with a share and a year of dues paid (a payments table and a history
    in the register), its factories, person and membership."""
    from core.identity import register, service
    from core.testing.factories import Factories

    made = Factories(app, session)
    person = made.person("Maude", "Ouellet")
    membership = service.open_membership(session, person.household, {
        "started_on": date(2024, 2, 1), "share_amount": Decimal("10.00"), "category": "user"})
    register.renew(session, membership, Decimal("10.00"), date(2025, 1, 20), "cash")
    return made, person, membership


def _member(live_server):
    """A paid-up member household (each table under a form), its member's account,
    reception's and the coordinator's (who changes the register, in a disclosure under the
    renewal's form)."""
    def make(session):
        made, person, _membership = _paid_member(live_server.app, session)
        return (person.household_id, made.account(["member"], person=person).username,
                made.account(["reception"]).username, made.account(["coordinator"]).username)
    return live_server.setup(make)


def _gaps(page, live_server, path: str, selector: str = "main table") -> dict:
    page.goto(f"{live_server.url}{path}")
    return dict(page.evaluate(GAPS, selector))


def test_on_a_phone_a_table_is_set_apart_from_the_form_above_it(live_server, _chromium):
    household_id, member, desk, _coordinator = _member(live_server)
    context = _chromium.new_context(locale="fr-CA", viewport=PHONE)
    page = context.new_page()
    try:
        browser_login(page, live_server, member, PASSWORD)
        mine = _gaps(page, live_server, "/portal/membership")
        context.clear_cookies()
        browser_login(page, live_server, desk, PASSWORD)
        household = _gaps(page, live_server, f"/households/{household_id}")
    finally:
        context.close()
    gaps = {"payments": mine["Mes paiements"], "history": household["Historique au registre"]}
    assert {table: gap for table, gap in gaps.items() if gap < 12} == {}


def test_on_a_phone_a_disclosure_is_set_apart_from_the_form_above_it(live_server, _chromium):
    """The coordinator's "change the status or the category" does not sit on the renewal's
    button (its summary read as a line of the dues form)."""
    household_id, _member_name, _desk, coordinator = _member(live_server)
    context = _chromium.new_context(locale="fr-CA", viewport=PHONE)
    page = context.new_page()
    try:
        browser_login(page, live_server, coordinator, PASSWORD)
        household = _gaps(page, live_server, f"/households/{household_id}", "main details")
    finally:
        context.close()
    assert household["Changer le statut ou la catégorie"] >= 12


#: each visible element the selector finds, by its summary or caption, with the element just
#: before it and the room between the two
AFTER = """(selector) => [...document.querySelectorAll(selector)].filter(t => t.offsetParent !== null)
  .map(t => {
    const before = t.previousElementSibling;
    const title = t.tagName === 'TABLE' ? t.caption : t.querySelector('summary');
    return [title ? title.innerText.trim() : '', before ? [before.className || before.tagName,
            Math.round(t.getBoundingClientRect().top - before.getBoundingClientRect().bottom)]
            : null];
  })"""


def _household_disclosures(live_server, chromium, household_id, coordinator,
                           opening: str | None = None) -> tuple[dict, dict]:
    """A household's page on a phone, as its coordinator: each disclosure with what is just
    above it and the room between (:data:`AFTER`), then, once the disclosure ``opening`` is
    opened, each one's room under what is above it (:data:`GAPS`)."""
    context = chromium.new_context(locale="fr-CA", viewport=PHONE)
    page = context.new_page()
    try:
        browser_login(page, live_server, coordinator, PASSWORD)
        page.goto(f"{live_server.url}/households/{household_id}")
        disclosures = dict(page.evaluate(AFTER, "main details"))
        if opening is None:
            return disclosures, {}
        page.click(f"main summary:has-text('{opening}')")
        return disclosures, dict(page.evaluate(GAPS, "main details"))
    finally:
        context.close()


def test_on_a_phone_a_disclosure_is_set_apart_from_the_table_above_it(live_server, _chromium):
    """A former member's page: no renewal form any more, so the coordinator's "change the
    status or the category" comes right under the payments table (its summary read as the
    table's last line)."""
    def make(session):
        from core.identity import register

        made, person, membership = _paid_member(live_server.app, session)
        register.withdraw(session, membership, date(2025, 6, 1), Decimal("0"))
        return person.household_id, made.account(["coordinator"]).username
    household_id, coordinator = live_server.setup(make)
    disclosures, _opened = _household_disclosures(live_server, _chromium, household_id,
                                                  coordinator)
    before, room = disclosures["Changer le statut ou la catégorie"]
    assert before == "table-scroll" and room >= 12, (before, room)


def test_on_a_phone_a_disclosure_is_set_apart_from_the_disclosure_above_it(live_server, _chromium):
    """A member whose status can change: the coordinator's "withdrawal of the member" comes
    right under the closed "change the status or the category" (its summary read as a second
    line of the same disclosure), and once that one is open, right on its last button."""
    household_id, _member_name, _desk, coordinator = _member(live_server)
    disclosures, opened = _household_disclosures(
        live_server, _chromium, household_id, coordinator,
        opening="Changer le statut ou la catégorie")
    before, room = disclosures["Retrait de la personne membre"]
    assert before == "DETAILS" and room >= 12, (before, room)
    assert opened["Retrait de la personne membre"] >= 12


#: each visible element the selector finds, by its summary, with the room between it and the
#: last line of the element just before it, and the room between that line and the one above
#: it (the spacing of that element's own paragraphs)
AFTER_LAST_LINE = """(selector) => [...document.querySelectorAll(selector)]
  .filter(t => t.offsetParent !== null && t.previousElementSibling)
  .map(t => {
    const last = t.previousElementSibling.lastElementChild;
    const above = last.previousElementSibling;
    return [t.querySelector('summary').innerText.trim(),
            [Math.round(t.getBoundingClientRect().top - last.getBoundingClientRect().bottom),
             Math.round(last.getBoundingClientRect().top - above.getBoundingClientRect().bottom)]];
  })"""


#: the room between a heading (by its text) and the first line under it (the first line of a
#: section just under it)
UNDER_HEADING = """(text) => {
  const heading = [...document.querySelectorAll('main h2')].find(h => h.innerText.trim() === text);
  const next = heading.nextElementSibling;
  const first = next.tagName === 'SECTION' ? next.firstElementChild : next;
  return Math.round(first.getBoundingClientRect().top - heading.getBoundingClientRect().bottom);
}"""


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_an_assemblys_motions_are_spaced_alike_on_a_phone_and_a_desktop(live_server, _chromium,
                                                                        viewport):
    """A convened assembly: the last motion ends with "not yet put to the vote", no form.
    "Add a motion, an amendment or an election" came under it at the room between the motion's
    own lines on a desktop (read as the motion's last line), and on a phone the first motion's
    title stood twice a heading's room under "motions and votes" (a gap, as if something were
    missing), where the agenda's first point stands right under its heading."""
    def make(session):
        from core.api import utcnow
        from core.testing.factories import Factories

        from plugins.governance import assemblies, ballots

        assembly = assemblies.convene(session, {
            "title": "Assemblée générale extraordinaire", "quorum": 3,
            "starts_at": utcnow() + timedelta(days=30), "agenda": "Ouverture\nRèglement"})
        ballots.add_motion(session, assembly, {"title": "Adopter le règlement",
                                               "method": "hands"})
        return assembly.id, Factories(live_server.app, session).account(["coordinator"]).username
    live_server.activate("governance")
    assembly_id, coordinator = live_server.setup(make)
    context = _chromium.new_context(locale="fr-CA", viewport=viewport)
    page = context.new_page()
    try:
        browser_login(page, live_server, coordinator, PASSWORD)
        page.goto(f"{live_server.url}/p/governance/assemblies/{assembly_id}")
        assert "Pas encore mise aux voix." in page.locator("section.motion").inner_text()
        disclosures = dict(page.evaluate(AFTER_LAST_LINE, "main details"))
        under = {heading: page.evaluate(UNDER_HEADING, heading)
                 for heading in ("Ordre du jour", "Propositions et votes")}
    finally:
        context.close()
    room, between_lines = disclosures["Ajouter une proposition, un amendement ou une élection"]
    assert room >= between_lines + 12, (room, between_lines)
    assert under["Propositions et votes"] <= under["Ordre du jour"] + 2, under
