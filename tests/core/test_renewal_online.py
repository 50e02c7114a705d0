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
    assert "Renouvellement à confirmer (1)" in _section(home, household.name)
    page = client.get(f"/households/{household.id}").get_data(as_text=True)
    assert 'id="renewal-asked"' in page
    assert 'name="dues_amount" type="number" value="10.00"' in page  # the bylaws' dues
    assert client.post(f"/households/{household.id}/membership/dues", data={
        "dues_amount": "10.00", "dues_paid_on": "2027-01-20",
        "dues_method": "debit"}).status_code == 302
    assert "à confirmer" not in client.get("/").get_data(as_text=True)
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


def _section(home: str, text: str) -> str:
    """The section of reception's home page that holds ``text`` ("" when none does)."""
    parts = (part.split("</section>")[0] for part in home.split("<section")[1:])
    return next((part for part in parts if text in part), "")


def _new_member(db, make_person, first_name, last_name):
    person = make_person(first_name, last_name)
    service.open_membership(db, person.household, {
        "started_on": register.coop_today(), "share_amount": Decimal("10.00"), "category": "user"})
    db.commit()
    return person


def test_reception_lists_new_members_announced_first_dues_apart_from_renewals(
        client, login, db, make_person, make_account):
    """A new member who says from the portal they will pay their first dues renews nothing:
    reception's home lists them as first dues to record, and a renewal asked the same day
    stays under the renewals to confirm (each title counted with its own plural)."""
    renewing = _member(db, make_person).household.people[0]
    new = [_new_member(db, make_person, "Léa", "Bouchard"),
           _new_member(db, make_person, "Noé", "Gagnon")]
    for person in [*new, renewing]:
        login(make_account(roles=["member"], person=person))
        assert client.post("/portal/membership").status_code == 302

    login(role="reception")
    home = client.get("/").get_data(as_text=True)
    first, renewals = _section(home, "Bouchard"), _section(home, "Ouellet")
    assert "Premières cotisations à enregistrer (2)" in first and "Gagnon" in first
    assert f'href="/households/{new[0].household_id}"' in first and "annoncée le" in first
    assert "Ouellet" not in first and "renouvel" not in first.lower()
    assert "Renouvellement à confirmer (1)" in renewals and "demandé le" in renewals
    assert "Bouchard" not in renewals and "Gagnon" not in renewals
    english = client.get("/", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert "First dues to record (2)" in _section(english, "Bouchard")
    assert "Renewal to confirm (1)" in _section(english, "Ouellet")

    # the renewal recorded, it leaves the list; the first dues keep their own title
    register.renew(db, renewing.household.membership, Decimal("10"), date(2027, 1, 20), "cash")
    db.commit()
    home = client.get("/").get_data(as_text=True)
    assert "Ouellet" not in home and "à confirmer" not in home
    assert "Premières cotisations à enregistrer (2)" in _section(home, "Bouchard")


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


def test_a_new_members_first_dues_are_not_called_a_renewal(
        client, login, db, make_person, make_account):
    """A new member's standing is "dues to collect": recording them renews nothing. Reception,
    the e-mail, the history and the member's page say the dues are paid and the membership
    active, in French and in English; the next year's dues are a renewal again."""
    person = make_person("Hélène", "Tremblay", email="helene@example.org")
    membership = service.open_membership(db, person.household, {
        "started_on": register.coop_today(), "share_amount": Decimal("10.00"), "category": "user"})
    db.commit()
    login(role="reception")
    url, household = f"/households/{person.household_id}", f"/households/{person.household_id}"
    assert "Cotisation à percevoir" in client.get(household).get_data(as_text=True)
    page = client.post(f"{url}/membership/dues", follow_redirects=True, data={
        "dues_amount": "10.00", "dues_paid_on": "2027-01-20"}).get_data(as_text=True)
    assert (f"Première cotisation annuelle enregistrée{NNBSP}: l’adhésion est active." in page
            and "Adhésion renouvelée." not in page)
    assert "Première cotisation payée, active jusqu’au 19 janv. 2028" in page
    assert "Renouvelée" not in page
    english = client.get(household, headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert "First dues paid, active until Jan 19, 2028" in english and "Renewed" not in english
    mail = db.scalar(select(OutboxMessage).where(OutboxMessage.recipient == "helene@example.org"))
    assert mail.subject.startswith("Votre adhésion à ") and mail.subject.endswith(" est active")
    assert "renouvel" not in mail.subject + mail.body
    own = make_account(roles=["member"], person=person)
    login(own)
    page = client.get("/portal/membership").get_data(as_text=True)
    assert (f"Votre première cotisation, payée le 20 janvier 2027, est enregistrée{NNBSP}: votre "
            "adhésion est active jusqu’au 19 janvier 2028.") in page
    assert "Votre renouvellement du" not in page
    english = client.get("/portal/membership", headers={"Accept-Language": "en"}).get_data(
        as_text=True)
    assert ("Your first dues, paid on January 20, 2027, are recorded: your membership is active "
            "until January 19, 2028.") in english and "Your renewal of" not in english

    login(role="reception")
    page = client.post(f"{url}/membership/dues", follow_redirects=True, data={
        "dues_amount": "10.00", "dues_paid_on": "2028-01-10"}).get_data(as_text=True)
    assert "Adhésion renouvelée." in page and "Renouvelée jusqu’au 19 janv. 2029" in page
    db.expire_all()
    assert db.get(Membership, membership.id).dues_paid_until == date(2029, 1, 19)
    subjects = db.scalars(select(OutboxMessage.subject).where(
        OutboxMessage.recipient == "helene@example.org").order_by(OutboxMessage.id)).all()
    assert subjects[-1].endswith(" est renouvelée")


def test_a_new_member_is_asked_for_first_dues_not_a_renewal_on_their_page(
        client, login, db, make_person, make_account):
    """Before their first dues a new member has nothing to renew: their page asks for the first
    dues, and telling reception from it says so; the renewal wording is for later years."""
    person = make_person("Léa", "Bouchard", email="lea@example.org")
    service.open_membership(db, person.household, {
        "started_on": register.coop_today(), "share_amount": Decimal("10.00"), "category": "user"})
    db.commit()
    login(make_account(roles=["member"], person=person))
    page = client.get("/portal/membership").get_data(as_text=True)
    assert "Ma première cotisation annuelle" in page and "Je vais payer ma première cotisation" in page
    assert "renouvel" not in page.lower()
    english = client.get("/portal/membership", headers={"Accept-Language": "en"}).get_data(
        as_text=True)
    assert "My first annual dues" in english and "I will pay my first dues" in english
    assert "renew" not in english.lower()
    page = client.post("/portal/membership", follow_redirects=True).get_data(as_text=True)
    assert ("Votre avis est enregistré. L’accueil confirmera votre adhésion au paiement de la "
            "première cotisation.") in page and "renouvel" not in page.lower()
    login(role="reception")  # reception reads the same: first dues, nothing to renew
    household = client.get(f"/households/{person.household_id}").get_data(as_text=True)
    assert "Première cotisation annoncée depuis le portail" in household
    assert (f"La personne membre a annoncé depuis le portail qu’elle va payer sa première "
            f"cotisation{NNBSP}: "
            "enregistrez-la à son paiement.") in household
    assert "Cotisation annoncée depuis le portail" in household  # the register's history
    assert "renouvel" not in household.split("<main", 1)[1].lower()
