"""The members' register: admission, renewal, grace and lapse, withdrawal with refund, the right
to vote, the history of who changed what, the register pages and the member's own view."""

from datetime import date, timedelta
from decimal import Decimal

import pytest

from core.identity import register, service
from core.identity.models import Membership, MembershipEvent
from core.identity.register_reports import members_over_time
from core.identity.renewals import RENEWAL_JOB
from core.jobs import run_job_now

TODAY = date(2026, 12, 5)


@pytest.fixture
def member(db, make_person):
    """A household member since 2024 whose share (10 $) is paid and dues run to 2027-01-31."""
    person = make_person("Maude", "Ouellet", email="maude@example.org")
    membership = service.open_membership(db, person.household, {
        "started_on": date(2024, 2, 1), "share_amount": Decimal("10.00"), "category": "user"})
    service.record_payment(db, membership, {"amount": Decimal("10.00"), "paid_on": date(2024, 2, 1)})
    membership.dues_paid_until = date(2027, 1, 31)
    db.commit()
    return membership


def test_admission_is_written_in_the_history_with_who_admitted(client, login, make_person, db):
    clerk = login(role="reception")
    person = make_person("Hélène", "Tremblay")
    response = client.post(f"/households/{person.household_id}/membership", data={
        "started_on": "2026-11-02", "share_amount": "10", "category": "worker"})
    assert response.status_code == 302
    membership = db.query(Membership).filter_by(household_id=person.household_id).one()
    assert membership.category == "worker"
    event = db.query(MembershipEvent).filter_by(membership_id=membership.id).one()
    assert (event.kind, event.new_value, event.by_id) == ("admitted", "worker", clerk.id)


def test_renewal_adds_a_year_and_a_late_one_starts_the_day_it_is_paid(db, member):
    assert register.renew(db, member, Decimal("10"), date(2027, 1, 20)) == date(2028, 1, 31)
    member.dues_paid_until = date(2026, 3, 31)
    assert register.renew(db, member, Decimal("10"), date(2026, 12, 5)) == date(2027, 12, 4)
    assert [p.kind for p in member.payments].count("dues") == 2
    assert member.paid == Decimal("10.00")  # dues are not shares


def test_grace_then_lapse_then_no_vote(db, member):
    rules = register.Bylaws(Decimal("10"), grace_days=60, reminder_days=30,
                            vote_needs_paid_shares=True, vote_needs_dues=True)
    member.dues_paid_until = date(2026, 11, 1)
    assert register.standing(member, TODAY, rules) == "grace"
    assert register.voting_rights(member, TODAY, rules) == (True, "")
    member.dues_paid_until = date(2026, 9, 1)
    assert register.standing(member, TODAY, rules) == "lapsed"
    assert register.voting_rights(member, TODAY, rules)[0] is False


def test_one_vote_needs_an_active_member_with_shares_paid(db, member, make_person):
    today = register.coop_today()
    assert register.voting_rights(member)[0] is True
    owing = make_person("Paul", "Gagnon")
    other = service.open_membership(db, owing.household, {
        "started_on": today, "share_amount": Decimal("10.00")})
    db.flush()
    votes, why = register.voting_rights(other)
    assert votes is False and why == "Les parts ne sont pas entièrement payées."
    register.change_status(db, member, "deceased", today)
    assert register.voting_rights(member)[0] is False
    assert [m.id for m in register.eligible_voters(db)] == []


def test_withdrawal_refunds_the_shares_and_a_refund_above_them_changes_nothing(client, login,
                                                                               db, member):
    login(role="coordinator")
    url = f"/households/{member.household_id}/membership/withdrawal"
    refused = client.post(url, data={"effective_on": "2026-12-01", "refund": "25"})
    assert refused.status_code == 422
    assert "Le remboursement ne peut dépasser les parts payées" in refused.get_data(as_text=True)
    db.refresh(member)
    assert member.status == "active" and member.paid == Decimal("10.00")
    assert client.post(url, data={"effective_on": "2026-12-01", "refund": "10",
                                  "method": "cheque", "note": "Déménage"}).status_code == 302
    db.refresh(member)
    assert (member.status, member.ended_on, member.paid) == ("withdrawn", date(2026, 12, 1), 0)
    kinds = [(e.kind, e.new_value) for e in member.events]
    assert ("refund", "10.00") in kinds and ("status", "withdrawn") in kinds


def test_reception_may_not_exclude_a_member(client, login, member):
    login(role="reception")
    response = client.post(f"/households/{member.household_id}/membership/status",
                           data={"status": "excluded", "effective_on": "2026-12-01"})
    assert response.status_code == 403


def test_the_household_page_shows_the_history_and_who_changed_it(client, login, db, member):
    coordinator = login(role="coordinator")
    client.post(f"/households/{member.household_id}/membership/category",
                data={"category": "support", "effective_on": "2026-12-01", "note": "CA 2026-11"})
    page = client.get(f"/households/{member.household_id}").get_data(as_text=True)
    assert "Historique au registre" in page and coordinator.display_name in page
    assert "Membre utilisatrice ou utilisateur → Membre de soutien" in page and "CA 2026-11" in page


def test_the_register_filters_and_exports(client, login, db, member, make_person):
    login(role="reception")
    other = make_person("Paul", "Gagnon")
    late = service.open_membership(db, other.household, {
        "started_on": date(2020, 1, 1), "share_amount": Decimal("10.00"), "category": "worker"})
    late.dues_paid_until = date(2021, 1, 1)
    db.commit()
    page = client.get("/members?status=lapsed").get_data(as_text=True)
    assert "Gagnon" in page and "Ouellet" not in page
    csv = client.get("/members?format=csv").get_data(as_text=True)
    assert csv.splitlines()[0].startswith("\ufeffNuméro de membre")
    assert any("Ouellet" in line and "oui" in line for line in csv.splitlines())


def test_a_member_sees_their_membership_and_asks_to_renew(client, login, db, member,
                                                         make_account):
    account = make_account(roles=["member"], person=member.household.people[0])
    login(account)
    page = client.get("/portal/membership").get_data(as_text=True)
    assert member.number in page and "Je renouvelle mon adhésion" in page
    assert client.post("/portal/membership").status_code == 302
    page = client.get("/portal/membership").get_data(as_text=True)
    assert "Votre demande de renouvellement est enregistrée" in page
    db.expire_all()
    assert register.renewal_asked(db.get(Membership, member.id))


def test_renewal_reminders_arrive_once_through_smtp(app, db, smtp, member, monkeypatch):
    member.dues_paid_until = register.coop_today() + timedelta(days=10)
    db.commit()
    assert run_job_now(app, RENEWAL_JOB) and run_job_now(app, RENEWAL_JOB)
    assert len(smtp.messages) == 1 and smtp.messages[0]["To"] == "maude@example.org"
    body = smtp.messages[0].get_payload(decode=True).decode()
    assert "Bonjour Maude" in body and member.number in body


def test_members_over_time_counts_from_the_history(db, member):
    register.change_status(db, member, "withdrawn", date(2025, 6, 1))
    table = members_over_time(db, {})
    by_day = {row[0]: row for row in table.rows}
    assert by_day["2024-12-31"][1] == 1  # active user member at the end of 2024
    assert by_day["2025-12-31"][1] == 0 and by_day["2025-12-31"][4] == 1  # withdrawn in 2025


def test_renewal_at_reception_and_a_bad_amount_changes_nothing(client, login, db, member):
    login(role="reception")
    url = f"/households/{member.household_id}/membership/dues"
    refused = client.post(url, data={"dues_amount": "-3", "dues_paid_on": "2027-01-20"})
    assert refused.status_code == 422 and "Entrez un montant supérieur à 0." in refused.get_data(
        as_text=True)
    db.refresh(member)
    assert member.dues_paid_until == date(2027, 1, 31)
    assert client.post(url, data={"dues_amount": "10", "dues_paid_on": "2027-01-20",
                                  "dues_method": "debit"}).status_code == 302
    db.refresh(member)
    assert member.dues_paid_until == date(2028, 1, 31)


def test_an_amount_larger_than_its_column_is_refused_on_every_membership_form(client, login, db,
                                                                             member):
    # PostgreSQL refused 99999999999999999999 (NUMERIC(10, 2)) with a server error
    login(role="coordinator")
    url = f"/households/{member.household_id}"
    for path, field, data in [
            ("membership/dues", "dues_amount", {"dues_paid_on": "2027-01-20"}),
            ("payments", "amount", {"paid_on": "2027-01-20"}),
            ("membership/withdrawal", "refund", {"effective_on": "2027-01-20"})]:
        refused = client.post(f"{url}/{path}", data={field: "99999999999999999999", **data})
        assert refused.status_code == 422, path
        assert "Entrez un montant plus petit." in refused.get_data(as_text=True), path
    db.refresh(member)
    assert member.dues_paid_until == date(2027, 1, 31) and member.status == "active"
    assert len(member.payments) == 1


def test_a_coop_asking_no_dues_has_no_lapsed_members(app, db, member, monkeypatch):
    monkeypatch.setitem(app.config, "SOIN_MEMBERSHIP_DUES", 0)
    member.dues_paid_until = None
    assert register.standing(member) == "active" and register.voting_rights(member)[0]
    monkeypatch.setitem(app.config, "SOIN_MEMBERSHIP_DUES", 10)
    member.dues_paid_until = date(2020, 1, 1)
    assert register.standing(member) == "lapsed"


def test_a_membership_opened_today_asks_reception_for_the_dues_not_a_late_renewal(
        client, login, db, make_person, make_account, member):
    """A new member has missed no renewal: reception reads what to do (collect the first dues),
    the member what to pay; a member whose dues really ended keeps the grace period, and one
    admitted long ago who never paid is lapsed, as before."""
    login(role="reception")
    person = make_person("Hélène", "Tremblay")
    today = register.coop_today()
    assert client.post(f"/households/{person.household_id}/membership", data={
        "started_on": today.isoformat(), "share_amount": "10", "category": "user"}
    ).status_code == 302
    page = client.get(f"/households/{person.household_id}").get_data(as_text=True)
    assert "Cotisation à percevoir" in page and "Renouvellement en retard" not in page
    assert "Première cotisation annuelle payée" in page and "Renouveler\u202f:" not in page
    english = client.get(f"/households/{person.household_id}",
                         headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert "Dues to collect" in english and "Renewal overdue" not in english
    listed = client.get("/members?status=due").get_data(as_text=True)
    assert "Tremblay" in listed and "Ouellet" not in listed
    member.dues_paid_until = today - timedelta(days=10)
    db.commit()
    page = client.get(f"/households/{member.household_id}").get_data(as_text=True)
    assert "Renouvellement en retard (période de grâce)" in page
    assert "Renouveler\u202f: cotisation annuelle payée" in page
    membership = db.query(Membership).filter_by(household_id=person.household_id).one()
    rules = register.Bylaws(Decimal("10"), grace_days=60, reminder_days=30,
                            vote_needs_paid_shares=True, vote_needs_dues=True)
    assert register.standing(membership, today + timedelta(days=60), rules) == "due"
    assert register.standing(membership, today + timedelta(days=61), rules) == "lapsed"
    login(make_account(roles=["member"], person=person))
    portal = client.get("/portal/membership").get_data(as_text=True)
    assert "Première cotisation à payer" in portal and "Cotisation à percevoir" not in portal


def test_the_register_counts_its_members_in_the_singular_and_the_plural(
        client, login, db, member, make_person):
    """One member is "1 membre dans la liste", not "1 membres dans la liste"; two are listed in the plural,
    in French and in English, and so are those who may vote."""
    login(role="reception")

    def counted(query: str = "", language: str = "fr-CA") -> str:
        page = client.get(f"/members{query}", headers={"Accept-Language": language})
        return page.get_data(as_text=True).split("</form>\n<p>")[1].split("\n")[0].strip()

    assert counted() == "1 membre dans la liste, dont 1 peut voter aujourd’hui."
    assert counted(language="en") == "1 member listed, 1 of them may vote today."
    late = service.open_membership(db, make_person("Paul", "Gagnon").household, {
        "started_on": date(2020, 1, 1), "share_amount": Decimal("10.00"), "category": "worker"})
    late.dues_paid_until = date(2021, 1, 1)  # lapsed: listed, but may not vote
    db.commit()
    assert counted() == "2 membres dans la liste, dont 1 peut voter aujourd’hui."
    assert counted(language="en") == "2 members listed, 1 of them may vote today."
    register.renew(db, late, Decimal("10"), register.coop_today())
    service.record_payment(db, late, {"amount": Decimal("10.00"), "paid_on": date(2020, 1, 1)})
    db.commit()
    assert counted() == "2 membres dans la liste, dont 2 peuvent voter aujourd’hui."
    assert counted(language="en") == "2 members listed, 2 of them may vote today."
    assert counted("?status=withdrawn") == "0 membre dans la liste, dont 0 peut voter aujourd’hui."
    assert counted("?status=withdrawn", "en") == "0 members listed, 0 of them may vote today."
