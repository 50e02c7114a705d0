"""Browser, on a phone and a desktop: a field with a unit reads "Température *", its required
mark right after its name, then its input, then its unit on the input's line ("°C"), never
"Température * (°C)"; in the ordonnance collective's application, a record form and a program's
form (the café's prices) alike, and the unit is read with the input."""

from datetime import date

import pytest

from core.testing.browser import browser_login
from core.testing.factories import PASSWORD

pytestmark = pytest.mark.e2e

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}

#: for the field named ``name``: its label's text, its unit's text, where the unit stands from
#: the input (room from the input's right edge, and from its middle up or down), and what the
#: input is described by
UNIT = """(name) => {
  const input = document.getElementById('f-' + name);
  const unit = document.getElementById('u-' + name);
  const box = input.getBoundingClientRect();
  const at = unit ? unit.getBoundingClientRect() : null;
  return {label: document.querySelector(`label[for="f-${name}"]`).innerText.trim(),
          unit: unit && unit.innerText.trim(),
          after: at && Math.round(at.left - box.right),
          off_line: at && Math.round(Math.abs((at.top + at.bottom) / 2 - (box.top + box.bottom) / 2)),
          described: (input.getAttribute('aria-describedby') || '').split(' '),
          page: document.documentElement.scrollWidth - window.innerWidth};
}"""


def _accounts(live_server) -> tuple[int, str, str]:
    """A person, a nurse trained for the shipped ordonnances collectives, a café coordinator."""
    def make(session):
        from core.testing.factories import Factories

        from plugins.nursing.tests.conftest import TRAININGS

        made = Factories(live_server.app, session)
        person = made.person("Maude", "Lavoie", date_of_birth=date(1990, 3, 2))
        nurse = made.account(roles=["practitioner"], discipline="nursing",
                             practitioner={"trainings": TRAININGS})
        cafe = made.account(roles=["food_security.cafe_coordinator"])
        return person.id, nurse.username, cafe.username
    live_server.activate("nursing", "food_security")
    return live_server.setup(make)


def _fields(live_server, chromium, viewport, username: str, path: str, names) -> dict:
    context = chromium.new_context(locale="fr-CA", viewport=viewport)
    page = context.new_page()
    try:
        browser_login(page, live_server, username, PASSWORD)
        page.goto(f"{live_server.url}{path}")
        return {name: page.evaluate(UNIT, name) for name in names}
    finally:
        context.close()


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_a_fields_unit_comes_after_its_input_and_its_mark_after_its_name(live_server, _chromium,
                                                                         viewport):
    person, nurse, cafe = _accounts(live_server)
    found = _fields(live_server, _chromium, viewport, nurse,
                    f"/p/nursing/people/{person}/oc/OC-CYSTITE", ["temperature"])
    found |= _fields(live_server, _chromium, viewport, nurse,
                     f"/people/{person}/chart/new/nursing.vital_signs", ["pulse", "weight"])
    found |= _fields(live_server, _chromium, viewport, cafe, "/p/food_security/cafe/",
                     ["standard_price"])
    assert {name: (f["label"], f["unit"]) for name, f in found.items()} == {
        "temperature": ("Température *", "°C"), "pulse": ("Pouls", "/min"),
        "weight": ("Poids", "kg"), "standard_price": ("Tarif régulier *", "$")}
    assert {name: f for name, f in found.items()
            if not (0 <= f["after"] <= 16 and f["off_line"] <= 4
                    and f"u-{name}" in f["described"] and f["page"] <= 0)} == {}
