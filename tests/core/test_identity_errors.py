"""Reception's forms (person, membership, payment) explain bad input in the reader's language,
French or English, next to the field, and write nothing."""

import pytest
from sqlalchemy import func, select

from core.identity.models import Household, Membership, Person, SharePayment

FRENCH = {"fr-CA": {
    "required": "Ce champ est obligatoire.",
    "ramq": "Un numéro RAMQ compte 4 lettres suivies de 8 chiffres.",
    "amount": "Entrez un montant.",
    "above_zero": "Entrez un montant supérieur à 0.",
    "method": "Choisissez un mode de paiement dans la liste.",
    "category": "Choisissez une catégorie dans la liste.",
}}
ENGLISH = {"en-CA": {
    "required": "This field is required.",
    "ramq": "A RAMQ number is 4 letters followed by 8 digits.",
    "amount": "Enter an amount.",
    "above_zero": "Enter an amount above 0.",
    "method": "Choose a payment method from the list.",
    "category": "Choose a category from the list.",
}}
LANGUAGES = [*FRENCH.items(), *ENGLISH.items()]


def counts(db) -> tuple:
    """How many people, households, memberships and payments there are."""
    return tuple(db.scalar(select(func.count()).select_from(model))
                 for model in (Person, Household, Membership, SharePayment))


@pytest.mark.parametrize(("language", "says"), LANGUAGES, ids=["fr", "en"])
def test_a_bad_person_is_explained_in_the_readers_language(client, login, db, language, says):
    login(role="reception")
    before = counts(db)
    response = client.post("/people/new", headers={"Accept-Language": language}, data={
        "first_name": "", "last_name": "Roy", "ramq": "ROY123", "new_household": "1"})
    body = response.get_data(as_text=True)
    assert response.status_code == 422
    assert says["required"] in body and says["ramq"] in body
    assert counts(db) == before


@pytest.mark.parametrize(("language", "says"), LANGUAGES, ids=["fr", "en"])
def test_a_bad_membership_or_payment_is_explained_in_the_readers_language(
        client, login, db, make_person, language, says):
    household = make_person().household_id
    login(role="reception")
    before = counts(db)
    response = client.post(f"/households/{household}/membership",
                           headers={"Accept-Language": language},
                           data={"started_on": "", "share_amount": "dix", "category": "vip"})
    body = response.get_data(as_text=True)
    assert response.status_code == 422
    assert says["required"] in body and says["amount"] in body and says["category"] in body
    assert counts(db) == before

    assert client.post(f"/households/{household}/membership", data={
        "started_on": "2026-01-15", "share_amount": "10.00"}).status_code == 302
    before = counts(db)
    response = client.post(f"/households/{household}/payments",
                           headers={"Accept-Language": language},
                           data={"amount": "0", "paid_on": "2026-01-15", "method": "bitcoin"})
    body = response.get_data(as_text=True)
    assert response.status_code == 422
    assert says["above_zero"] in body and says["method"] in body
    assert counts(db) == before
