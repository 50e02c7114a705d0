"""Hours read with their number: "1 heure", "1,5 heure", "2 heures"; "1 hour", "1.5 hours" (was
"1 heures", and "Il ne reste que 1.00 heures confirmées")."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from html import unescape

import pytest
from flask_babel import force_locale

from core.coop_time import today
from core.volunteering import ledger
from core.volunteering.service import VolunteeringError


@pytest.mark.parametrize("hours, french, english", [
    (Decimal("1"), "1 heure", "1 hour"), (Decimal("1.5"), "1,5 heure", "1.5 hours"),
    (Decimal("0.5"), "0,5 heure", "0.5 hours"), (Decimal("2"), "2 heures", "2 hours"),
    (Decimal("2.50"), "2,5 heures", "2.5 hours")])
def test_a_number_of_hours_and_its_word_agree(app, hours, french, english):
    from core.volunteering.wording import hours_count

    with app.test_request_context():
        for locale, text in (("fr_CA", french), ("en", english)):
            with force_locale(locale):
                assert hours_count(hours) == text


def test_the_hours_left_to_recognise_read_in_the_singular(app, db, make_person, make_account):
    coordinator = make_account(roles=["coordinator"])
    person = make_person()
    year = today().year
    ledger.record_hours(db, person, "core.upkeep", date(year, 1, 2), 3, coordinator)
    ledger.recognise(db, person, year, "dues", 2, coordinator)
    db.commit()
    expected = {"fr_CA": f"Il ne reste que 1 heure confirmée de {year} à reconnaître.",
                "en": f"Only 1 confirmed hour of {year} is left to recognise."}
    for locale, text in expected.items():
        with app.test_request_context(), force_locale(locale):
            with pytest.raises(VolunteeringError) as refused:
                ledger.recognise(db, person, year, "solidarity_tier", 3, coordinator)
            assert str(refused.value.message) == text
        db.rollback()


def test_the_volunteers_page_lists_one_recognised_hour_in_the_singular(
        client, db, login, make_person, make_account):
    coordinator = make_account(roles=["coordinator"])
    person = make_person("Ana", "Lee")
    year = today().year
    ledger.record_hours(db, person, "core.upkeep", date(year, 1, 2), 3, coordinator)
    ledger.recognise(db, person, year, "dues", 1, coordinator)
    db.commit()
    login(coordinator)
    page = unescape(client.get(f"/volunteering/volunteers/{person.id}").get_data(as_text=True))
    recognitions = page.split('id="recognitions"')[1].split("</ul>")[0]
    assert "· 1 heure" in recognitions and "heures" not in recognitions
    english = unescape(client.get(f"/volunteering/volunteers/{person.id}",
                                  headers={"Accept-Language": "en"}).get_data(as_text=True))
    assert "· 1 hour<" in english.split('id="recognitions"')[1]


def test_one_volunteer_missing_reads_in_the_singular(client, db, login, make_person, shift_of):
    """The home page's unfilled shift read "1 sur 2 manquent"; now "1 sur 2 manque"."""
    from core.volunteering import service

    shift = shift_of(days=2, needed=2, title="Accueil du marché")
    service.sign_up(db, shift, make_person("Un", "A"))
    db.commit()
    login(role="coordinator")
    home = client.get("/").get_data(as_text=True)
    assert "Accueil du marché" in home and "1 sur 2 manque<" in home
    assert "1 of 2 missing" in client.get("/", headers={"Accept-Language": "en"}).get_data(
        as_text=True)
