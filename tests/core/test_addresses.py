"""A household's address is written as Quebec writes one: the street, then "City (Province)
postal code"; it ran together on one line ("12 rue X Montréal H2X 1Y4")."""

import pytest

from core.identity.addresses import address_lines
from core.identity.models import Household

NBSP = "\u00a0"


@pytest.mark.parametrize("address, city, code, lines", [
    ("12 rue Ontario Est", "Montréal", "H2X 1Y4",
     ["12 rue Ontario Est", f"Montréal (Québec) H2X{NBSP}1Y4"]),
    ("  4500, boul.  Pie-IX ", " Montréal ", "h1x2b6",  # as typed at the desk
     ["4500, boul. Pie-IX", f"Montréal (Québec) H1X{NBSP}2B6"]),
    ("90 rue Sparks", "Ottawa", "K1P 5B4", ["90 rue Sparks", f"Ottawa (Ontario) K1P{NBSP}5B4"]),
    ("", "Iqaluit", "X0A 0H0", [f"Iqaluit (Nunavut) X0A{NBSP}0H0"]),
    ("", "Yellowknife", "X1A 2L9", [f"Yellowknife (Territoires du Nord-Ouest) X1A{NBSP}2L9"]),
    ("12 rue X", "", "H2X-1Y4", ["12 rue X", f"Québec H2X{NBSP}1Y4"]),
    ("12 rue X", "Montréal", "", ["12 rue X", "Montréal"]),  # no province guessed
    ("1 Main St", "Plattsburgh", "NY 12901", ["1 Main St", "Plattsburgh NY 12901"]),
    ("", "", "", []),
])
def test_the_lines_of_an_address(db, address, city, code, lines):
    assert address_lines(address, city, code) == lines


def test_the_household_page_writes_the_street_then_city_province_and_postal_code(
        client, login, db, make_person):
    login(role="reception")
    household = Household(name="Gagnon", address="12 rue Ontario Est", city="Montréal",
                          postal_code="H2X 1Y4")
    empty = Household(name="Sans adresse")
    db.add_all([household, empty])
    db.commit()
    page = client.get(f"/households/{household.id}").get_data(as_text=True)
    assert f"<p>12 rue Ontario Est<br>Montréal (Québec) H2X{NBSP}1Y4</p>" in page
    assert "<p>  </p>" not in client.get(f"/households/{empty.id}").get_data(as_text=True)


def test_an_address_is_escaped(db):
    from core.identity.addresses import postal_address

    shown = postal_address(Household(name="X", address="<b>1</b> rue", city="A&B",
                                      postal_code=""))
    assert shown == "&lt;b&gt;1&lt;/b&gt; rue<br>A&amp;B"
