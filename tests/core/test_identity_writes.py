"""Registering a person and opening a membership write their rows without the unit of work
(core.rows): the same rows as before, one statement on PostgreSQL, and every refusal
the constraints give said in the reader's language with nothing written."""

from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from core.identity import service
from core.identity.models import Household, Membership, MembershipEvent, Person
from core.testing.contract_support import statements

ALREADY = {"fr-CA": "Ce ménage est déjà membre.", "en-CA": "This household is already a member."}
NUMBER = {"fr-CA": "Une autre adhésion a déjà ce numéro.",
          "en-CA": "Another membership already has this number."}
COLUMNS = [c.key for c in Person.__table__.columns if c.key not in ("id", "household_id",
                                                                     "created_at", "ramq")]


def counts(db) -> tuple:
    """How many people, households, memberships and register lines there are."""
    return tuple(db.scalar(select(func.count()).select_from(model))
                 for model in (Person, Household, Membership, MembershipEvent))


def _inserts(sent: list[str]) -> list[str]:
    return [s for s in sent if s.startswith(("INSERT", "WITH"))]


def test_a_person_registered_in_a_new_household_is_one_statement_and_the_same_row(
        client, login, db):
    """The page writes the person and the household in one statement on PostgreSQL (two on
    SQLite); the row is the one the unit of work writes for the same data (defaults, search
    name), and the person the service returns is that row."""
    login(role="reception")
    form = {"first_name": "Éloïse", "last_name": "Bénard", "preferred_name": "Élo",
            "date_of_birth": "1984-03-09", "ramq": "bene 8403 0912", "language": "en",
            "new_household": "1", "household_name": "Bénard-Roy", "phone": "514-555-0199"}
    with statements(db.get_bind().engine) as sent:
        response = client.post("/people/new", data=form)
    assert response.status_code == 302
    expected = 1 if db.get_bind().dialect.name == "postgresql" else 2
    assert len(_inserts(sent)) == expected, sent
    page = db.scalars(select(Person).where(Person.last_name == "Bénard")).one()
    assert page.ramq == "BENE84030912" and page.household.name == "Bénard-Roy"
    assert response.location.endswith(f"/people/{page.id}")
    data = {k: v for k, v in form.items() if k not in ("new_household", "household_name")}
    data.update(ramq=None, date_of_birth=date(1984, 3, 9))
    for key in ("gender", "sex_at_birth", "pronouns", "email"):
        data[key] = ""
    orm = service.register_person(db, data, service.create_household(db, {"name": "Autre"}))
    alone = service.register_person(db, {**data, "first_name": "Zoé"}, alone=True,
                                    new_household={"name": "Seule"})
    as_made = {key: getattr(alone, key) for key in (*COLUMNS, "id", "household_id", "created_at")}
    db.commit()
    db.expire_all()
    assert {k: getattr(page, k) for k in COLUMNS} == {k: getattr(orm, k) for k in COLUMNS}
    assert page.search_name == "eloise benard elo"
    read = db.get(Person, as_made["id"])
    assert {key: getattr(read, key) for key in as_made} == as_made
    assert read.household.name == "Seule" and read.household.people == [read]


@pytest.mark.parametrize("language", ["fr-CA", "en-CA"])
def test_a_second_membership_is_refused_with_its_message_and_changes_nothing(
        client, login, db, make_person, language):
    """Whether its number is the household's default one or typed: flashed in the reader's
    language, the first membership as it was, no second line in the register."""
    household = make_person().household_id
    login(role="reception")
    url = f"/households/{household}/membership"
    assert client.post(url, data={"started_on": "2026-01-15", "share_amount": "10"}
                       ).status_code == 302
    before = counts(db)
    for number in ("", "N-2"):
        again = client.post(url, headers={"Accept-Language": language}, data={
            "number": number, "started_on": "2026-02-15", "share_amount": "25"})
        assert again.status_code == 302 and again.location.endswith(f"/households/{household}")
        page = client.get(again.location, headers={"Accept-Language": language})
        assert ALREADY[language] in page.get_data(as_text=True)
        db.expire_all()
        assert counts(db) == before
    kept = db.scalars(select(Membership).where(Membership.household_id == household)).one()
    assert (kept.number, kept.started_on, kept.share_amount) == (
        f"{household:06d}", date(2026, 1, 15), Decimal("10.00"))


@pytest.mark.parametrize("language", ["fr-CA", "en-CA"])
def test_a_member_number_already_given_is_refused_next_to_its_field(
        client, login, db, make_person, language):
    first, second = make_person().household_id, make_person().household_id
    login(role="reception")
    assert client.post(f"/households/{first}/membership", data={
        "number": "A-7", "started_on": "2026-01-15", "share_amount": "10"}).status_code == 302
    before = counts(db)
    response = client.post(f"/households/{second}/membership",
                           headers={"Accept-Language": language},
                           data={"number": "A-7", "started_on": "2026-01-15",
                                 "share_amount": "10"})
    body = response.get_data(as_text=True)
    assert response.status_code == 422
    assert NUMBER[language] in body and 'value="A-7"' in body
    db.expire_all()
    assert counts(db) == before
    assert db.scalar(select(Membership.id).where(Membership.household_id == second)) is None


def test_the_service_says_which_constraint_refused_a_membership(db, make_person):
    """Each refusal named by the service (the page only maps them), the transaction then
    rolled back as a page's is; opened, the membership is the household's with its line."""
    household = make_person().household
    opened = service.open_membership(db, household, {
        "started_on": date(2026, 1, 15), "share_amount": Decimal("10"), "number": "B-1"})
    assert household.membership is opened and opened.household is household
    assert [e.kind for e in opened.events] == ["admitted"]
    db.commit()
    other = make_person().household_id
    db.commit()
    before = counts(db)
    refusals = [(household.id, {}, service.AlreadyMember),
                (other, {"number": "B-1"}, service.DuplicateNumber),
                (2**31 - 2, {}, service.NoHousehold)]
    for ident, extra, refusal in refusals:
        with pytest.raises(refusal):
            service.open_membership(db, ident, {
                "started_on": date(2026, 2, 1), "share_amount": Decimal("10"), **extra})
        db.rollback()
        assert counts(db) == before
    assert service.open_membership(db, other, {"started_on": date(2026, 2, 1),
                                               "share_amount": Decimal("5")}).number == \
        f"{other:06d}"


def test_opening_a_membership_is_one_statement_on_postgresql(client, login, db, make_person):
    household = make_person().household_id
    login(role="reception")
    with statements(db.get_bind().engine) as sent:
        assert client.post(f"/households/{household}/membership", data={
            "started_on": "2026-01-15", "share_amount": "10"}).status_code == 302
    expected = 1 if db.get_bind().dialect.name == "postgresql" else 2
    assert len(_inserts(sent)) == expected, sent

