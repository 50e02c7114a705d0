"""Browser: a psychologist completes a PHQ-9 whose item 9 is above "not at all"; the safety
finding and the crisis lines appear on screen, and the same-day task is on the work list."""

import pytest

from core.registry import plugin_host
from core.testing.browser import browser_login
from core.testing.factories import PASSWORD, Factories

pytestmark = pytest.mark.e2e


def _setup(live_server):
    def make(session):
        from core.admin.service import set_active

        set_active(session, plugin_host(live_server.app), "psychology", True)
        factories = Factories(live_server.app, session)
        person = factories.person("Mireille", "Lavoie")
        factories.account(roles=["practitioner"], discipline="psychology", username="marc",
                          display_name="Marc Lévesque")
        return person.id
    return live_server.setup(make)


def test_completing_a_phq9_with_item9_shows_the_safety_finding(live_server, page):
    person_id = _setup(live_server)
    browser_login(page, live_server, "marc", PASSWORD)
    page.goto(f"{live_server.url}/people/{person_id}/chart/new/psychology.phq9")
    assert "Au cours des deux dernières semaines" in page.content()
    for item in range(1, 9):
        page.check(f"input[name=item_{item}][value='0']")
    page.check("input[name=item_9][value='1']")  # "Plusieurs jours"
    with page.expect_navigation():
        page.click("form.stack button[type=submit]")

    alert = page.locator("[role=alert]").filter(has_text="énoncé 9")
    assert alert.count() == 1
    text = alert.inner_text()
    assert "Plusieurs jours" in text and "quel que soit le total" in text
    for line in ("1 866 APPELLE (1-866-277-3553)", "9-8-8", "9-1-1"):
        assert line in text

    page.goto(f"{live_server.url}/record/tasks")
    assert "Estimation du risque suicidaire aujourd’hui" in page.locator("main").inner_text()
    page.goto(f"{live_server.url}/people/{person_id}/chart")
    panel = page.locator("section[aria-label='Risque suicidaire']")
    assert "Une estimation du risque suicidaire est en cours" in panel.inner_text()


def test_on_a_phone_each_answer_is_one_line_of_its_own_under_the_question(live_server, _chromium):
    """The four answers flowed as one paragraph after the question's help: "Plusieurs" ended
    a line and "jours" began the next, a button sat at a line's end with its words on the
    next. Each answer is now a line of its own, tall enough to tap, below the help."""
    person_id = _setup(live_server)
    context = _chromium.new_context(locale="fr-CA", viewport={"width": 390, "height": 844})
    page = context.new_page()
    try:
        browser_login(page, live_server, "marc", PASSWORD)
        page.goto(f"{live_server.url}/people/{person_id}/chart/new/psychology.phq9")
        boxes = page.evaluate("""() => {
            const set = document.querySelector('input[name=item_1]').closest('fieldset');
            const box = e => e.getBoundingClientRect();
            return {help: box(set.querySelector('.help')).bottom,
                    answers: [...set.querySelectorAll('label')].map(l => {
                        const b = box(l), button = box(l.querySelector('input'));
                        return [l.innerText.trim(), Math.round(b.top), Math.round(b.height),
                                Math.round(button.top + button.height / 2 - b.top - b.height / 2)];
                    })};
        }""")
        answers = boxes["answers"]
        assert [a[0] for a in answers] == ["Jamais", "Plusieurs jours",
                                           "Plus de la moitié des jours", "Presque tous les jours"]
        tops = [a[1] for a in answers]
        assert tops == sorted(tops) and len(set(tops)) == 4  # one line each
        assert all(36 <= height < 60 for _, _, height, _ in answers)  # tall enough, one line
        assert all(abs(off) <= 2 for *_, off in answers)  # the button beside its words
        assert boxes["help"] <= tops[0]
    finally:
        context.close()
