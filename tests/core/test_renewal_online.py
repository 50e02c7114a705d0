"""Renewing online, to the end: the member asks from the portal, reception sees the request on
its home page and confirms it by recording the dues (the form filled with the bylaws' amount),
the household is told by e-mail, and the member sees the outcome and the payment."""

from datetime import date
from decimal import Decimal

from sqlalchemy import select

from core.identity import register, service
from core.identity.models import Membership
from core.scheduling.extra_models import OutboxMessage

NNBSP = "\u202f"


def _member(db, make_person):
    person = make_person("Maude", "Ouellet", email="maude@example.org")
    membership = service.open_membership(db, person.household, {
        "started_on": date(2024, 2, 1), "share_amount": Decimal("10.00"), "category": "user"})
    membership.dues_paid_until = date(2027, 1, 31)
    db.commit()
    return membership


def test_a_renewal_asked_online_is_confirmed_at_reception_and_the_member_sees_it(
        client, login, db, make_person, make_account):
    member = _member(db, make_person)
    household = member.household
    own = make_account(roles=["member"], person=household.people[0])
    login(own)
    assert client.post("/portal/membership").status_code == 302

    login(role="reception")
    home = client.get("/").get_data(as_text=True)
    assert "Renouvellements à confirmer (1)" in home and household.name in home
    page = client.get(f"/households/{household.id}").get_data(as_text=True)
    assert 'id="renewal-asked"' in page
    assert 'name="dues_amount" type="number" value="10.00"' in page  # the bylaws' dues
    assert client.post(f"/households/{household.id}/membership/dues", data={
        "dues_amount": "10.00", "dues_paid_on": "2027-01-20",
        "dues_method": "debit"}).status_code == 302
    assert "Renouvellements à confirmer" not in client.get("/").get_data(as_text=True)
    mail = db.scalar(select(OutboxMessage).where(OutboxMessage.recipient == "maude@example.org"))
    assert "renouvelée" in mail.subject and "31 janvier 2028" in mail.body

    db.expire_all()
    membership = db.get(Membership, member.id)
    assert not register.renewal_asked(membership) and membership.dues_paid_until == date(2028, 1, 31)
    login(own)
    page = client.get("/portal/membership").get_data(as_text=True)
    assert (f"Votre renouvellement du 20 janvier 2027 est enregistré{NNBSP}: votre adhésion "
            "court jusqu’au 31 janvier 2028.") in page
    assert "Cotisation annuelle" in page and "<td>Débit</td>" in page
    assert "Je renouvelle mon adhésion" in page  # next year's request stays possible


def test_english_reader_sees_the_outcome_in_english(client, login, db, make_person,
                                                    make_account):
    member = _member(db, make_person)
    register.renew(db, member, Decimal("10"), date(2027, 1, 20), "cash")
    db.commit()
    login(make_account(roles=["member"], person=member.household.people[0]))
    page = client.get("/portal/membership", headers={"Accept-Language": "en"}).get_data(
        as_text=True)
    assert ("Your renewal of January 20, 2027 is recorded: your membership runs until "
            "January 31, 2028.") in page and "<td>Cash</td>" in page
