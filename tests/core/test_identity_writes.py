"""Registering a person writes its rows without the unit of work (core.identity.rows): the
same rows as before, one statement on PostgreSQL."""

from datetime import date

from sqlalchemy import select

from core.identity import service
from core.identity.models import Person
from core.testing.contract_support import statements

COLUMNS = [c.key for c in Person.__table__.columns if c.key not in ("id", "household_id",
                                                                     "created_at", "ramq")]


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
