"""Browser, in French: a name shown alone keeps its capital ("Soins infirmiers", "Membre
utilisateur", "Logement"), but not inside a sentence that embeds it. A chart's open task read
"(à Soins infirmiers, échéance …)", a screen's line "Besoins sociaux : Logement, Transport" or
"… 2 sur 6, Sécurité alimentaire faible", and the register's history "Admis comme Membre
utilisateur"."""

from datetime import date, timedelta
from decimal import Decimal

import pytest

from core.testing.browser import browser_login
from core.testing.factories import PASSWORD

pytestmark = pytest.mark.e2e

PHONE = {"width": 390, "height": 844}

#: a social-needs screen with two needs, and a food security screen in the "low" category
HRSN = {"housing_situation": "worried", "housing_problems": ["none"], "transport": "yes",
        "utilities": "no", "hurt": 1, "insult": 1, "threaten": 1, "scream": 1}
USDA = {"hh3": "often", "hh4": "sometimes", "ad1": "no", "ad2": "no", "ad3": "no"}


def _people(live_server) -> dict:
    """A member with an open task for nursing and one for herbalism, both screens on their
    chart, and a membership; a nurse, a herbalist and reception."""
    def make(session):
        from core.api import utcnow
        from core.identity import service
        from core.record.models import Action
        from core.record.service import record_entry
        from core.testing.factories import Factories

        made = Factories(live_server.app, session)
        person = made.person("Émile", "Desjardins")
        nurse = made.account(discipline="nursing", roles=[])
        herbalist = made.account(discipline="herbalism", roles=[])
        due = utcnow() + timedelta(days=1)
        for discipline in ("nursing", "herbalism"):
            session.add(Action(person_id=person.id, kind="task", to_discipline=discipline,
                               title="Revoir la tisane", due_at=due))
        for form_id, payload in (("social_work.hrsn", HRSN), ("food_security.usda_six_item",
                                                               USDA)):
            record_entry(session, person=person, form_id=form_id, payload=payload, author=nurse)
        service.open_membership(session, person.household, {
            "started_on": date(2024, 2, 1), "share_amount": Decimal("10.00"), "category": "user"})
        return {"person": person.id, "household": person.household_id,
                "nurse": nurse.username, "herbalist": herbalist.username,
                "desk": made.account(["reception"]).username}
    live_server.activate("nursing", "herbalism", "social_work", "food_security")
    return live_server.setup(make)


def _text(live_server, chromium, username: str, path: str, selector: str) -> str:
    context = chromium.new_context(locale="fr-CA", viewport=PHONE)
    page = context.new_page()
    try:
        browser_login(page, live_server, username, PASSWORD)
        page.goto(f"{live_server.url}{path}")
        return page.locator(selector).inner_text()
    finally:
        context.close()


def test_a_name_inside_a_sentence_is_not_capitalised(live_server, _chromium):
    people = _people(live_server)
    chart = f"/people/{people['person']}/chart"
    tasks = {who: _text(live_server, _chromium, people[who], chart, "ul.open-actions")
             for who in ("nurse", "herbalist")}
    timeline = _text(live_server, _chromium, people["nurse"], chart, "section[aria-labelledby=timeline-title]")
    history = _text(live_server, _chromium, people["desk"], f"/households/{people['household']}",
                    "main")
    for text in tasks.values():
        assert "(destinataire\u202f: soins infirmiers, échéance" in text, text
        assert "(destinataire\u202f: herboristerie, échéance" in text, text
    assert "Besoins sociaux\u202f: logement, transport" in timeline, timeline
    assert "USDA six questions\u202f: 2 sur 6, sécurité alimentaire faible" in timeline, timeline
    assert "Admission comme membre utilisatrice ou utilisateur" in history, history
