"""Browser, on a phone: a nurse's tasks and referrals, one card each, every "Fait" button on the
screen and each person's name a way to their chart."""

from datetime import timedelta

import pytest

from core.testing.browser import signed_in

pytestmark = pytest.mark.e2e

PHONE = {"width": 390, "height": 844}


def _two_tasks(live_server):
    """A nurse with a referral and a task routed to nursing, worded as the demo words them."""
    def make(session):
        from core.db import utcnow
        from core.record.models import Action
        from core.testing.factories import Factories

        made = Factories(live_server.app, session)
        nurse = made.account(["practitioner"], discipline="nursing")
        person = made.person("Émile", "Desjardins")
        session.add_all([
            Action(person_id=person.id, kind="referral", to_discipline="nursing",
                   title="Rappeler demain", due_at=utcnow() + timedelta(days=1),
                   detail="Transmettre : symptômes, résultat de la bandelette, culture "
                          "demandée, antibiotique amorcé (nom, dose, durée)."),
            Action(person_id=person.id, kind="task", to_discipline="nursing",
                   title="Plante recommandée malgré une contre-indication : Millepertuis "
                         "(Hypericum perforatum L.)",
                   detail="Raison donnée par l’herboriste : la sertraline est arrêtée.",
                   due_at=utcnow() + timedelta(hours=1))])
        session.flush()
        return nurse.username, person.id
    return live_server.setup(make)


def test_on_a_phone_each_task_is_a_card_whose_button_is_on_the_screen(live_server, _chromium):
    """The five columns slid sideways: "Fait" sat past the screen's edge, out of reach, and
    the name was plain text, so the nurse went through search to open the chart."""
    nurse, person_id = _two_tasks(live_server)
    with signed_in(live_server, _chromium, nurse, PHONE) as page:
        page.goto(f"{live_server.url}/record/tasks")
        buttons = page.evaluate("""() => [...document.querySelectorAll('main table button')]
            .map(b => Math.round(b.getBoundingClientRect().right - window.innerWidth))""")
        assert len(buttons) == 2 and max(buttons) <= 0
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        first = page.locator("main table tbody tr").first.inner_text()
        assert "Rappeler demain" not in first and "Millepertuis" in first
        page.locator("main table a", has_text="Émile Desjardins").first.click()
        page.wait_for_load_state()
        assert page.url.endswith(f"/people/{person_id}/chart")
