"""Reception: register people and households, memberships and shares, find people again."""

import re
from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import select, text

from core.identity.models import Household, Membership, Person


def test_register_a_person_in_a_new_household(client, login, db):
    login(role="reception")
    response = client.post("/people/new", data={
        "first_name": "Hélène", "last_name": "Côté", "date_of_birth": "1975-03-02",
        "ramq": "cote 7503 0212", "new_household": "1"})
    assert response.status_code == 302
    person = db.query(Person).filter_by(last_name="Côté").one()
    assert person.ramq == "COTE75030212" and person.household.name == "Côté"


def test_bad_input_is_explained_next_to_the_field_and_nothing_is_written(client, login, db):
    login(role="reception")
    before = db.query(Person).count(), db.query(Household).count()
    response = client.post("/people/new", data={
        "first_name": "", "last_name": "Roy", "ramq": "ROY123", "new_household": "1",
        "date_of_birth": "1975-13-45"})
    body = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "Ce champ est obligatoire." in body
    assert "Un numéro RAMQ compte 4 lettres suivies de 8 chiffres." in body
    assert "Entrez une date au format AAAA-MM-JJ." in body
    assert (db.query(Person).count(), db.query(Household).count()) == before


def test_a_ramq_number_belongs_to_one_person(app, client, login, make_person, make_account, db):
    """Refused next to the field with nothing written: on the page and through the API (left
    to the unique constraint, the transaction rolled back), and to a caller that carries on
    after the refusal (asked first: its transaction stays usable)."""
    from core.identity.service import DuplicateRamq, register_person
    from tests.core.test_api import _token

    make_person(ramq="TREH80051712")
    headers = _token(db, make_account(roles=["reception"]))
    before = (db.query(Person).count(), db.query(Household).count())
    login(role="reception")
    response = client.post("/people/new", data={"first_name": "A", "last_name": "B",
                                                 "ramq": "treh 8005 1712", "new_household": "1"})
    assert response.status_code == 422
    assert "Une autre personne a déjà ce numéro RAMQ." in response.get_data(as_text=True)
    api = app.test_client().post("/api/v1/people", headers=headers, json={
        "first_name": "A", "last_name": "B", "ramq": "TREH80051712"})
    assert api.status_code == 422 and set(api.get_json()["error"]["fields"]) == {"ramq"}
    db.rollback()
    assert (db.query(Person).count(), db.query(Household).count()) == before
    with pytest.raises(DuplicateRamq):
        register_person(db, {"first_name": "C", "last_name": "D", "ramq": "TREH80051712"})
    assert register_person(db, {"first_name": "E", "last_name": "F"}).id  # carries on


def test_search_ignores_case_and_accents_and_matches_every_word(client, login, make_person):
    make_person(first_name="Hélène", last_name="Tremblay")
    make_person(first_name="Helen", last_name="Smith")
    login(role="reception")
    page = client.get("/people?q=helene").get_data(as_text=True)
    assert "Tremblay, Hélène" in page and "Smith" not in page
    page = client.get("/people?q=TREMBLAY h%C3%A9l").get_data(as_text=True)
    assert "Tremblay, Hélène" in page


def test_search_finds_a_name_whichever_apostrophe_was_typed(client, login, make_person):
    """A phone's keyboard types "O’Brien" (U+2019), a computer's "O'Brien": reception finds
    the person either way, whichever way the name was registered."""
    make_person(first_name="Josée", last_name="O'Brien")
    make_person(first_name="Benoît", last_name="O’Brien")
    login(role="reception")
    for query in ("O’Brien", "o'brien", "O\u02bcBrien"):
        page = client.get("/people", query_string={"q": query}).get_data(as_text=True)
        assert "O&#39;Brien, Josée" in page and "O’Brien, Benoît" in page, query


def test_names_stored_before_are_found_with_either_apostrophe(client, login, db, make_person):
    """The migration folds the search names already stored with a typographic apostrophe."""
    import importlib.util
    from pathlib import Path

    from alembic.operations import Operations
    from alembic.runtime.migration import MigrationContext

    person = make_person(first_name="Benoît", last_name="O’Brien")
    db.execute(text("UPDATE core_persons SET search_name = :old WHERE id = :id"),
               {"old": "benoit o’brien ", "id": person.id})  # as the older code stored it
    path = next(Path("core/migrations/versions").glob("*_a8d2f6c41e93_*.py"))
    spec = importlib.util.spec_from_file_location("straight_apostrophe", path)
    migration = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(migration)
    with Operations.context(MigrationContext.configure(db.connection())):
        migration.upgrade()
    db.commit()
    login(role="reception")
    for query in ("O’Brien", "o'brien"):
        page = client.get("/people", query_string={"q": query}).get_data(as_text=True)
        assert "O’Brien, Benoît" in page, query


def test_the_results_list_shows_each_persons_household_or_nothing(client, login, db, make_person):
    """The reception's list reads the people search finds as rows (the same people in the same
    order), with their household's name, blank for someone without a household."""
    from core.identity import service

    aline = make_person(first_name="Aline", last_name="Ouellet", date_of_birth=date(1961, 4, 9))
    bruno = service.register_person(db, {"first_name": "Bruno", "last_name": "Ouellette"})
    db.commit()
    for query in ("ouel", "ou", "ouellet aline", "1961-04-09", "zzz"):
        assert ([(row.id, row.first_name, row.last_name, row.date_of_birth)
                 for row in service.search_rows(db, query)]
                == [(person.id, person.first_name, person.last_name, person.date_of_birth)
                    for person in service.search_people(db, query)]), query
    assert [row.household_name for row in service.search_rows(db, "ouel")] == ["Ouellet", None]
    login(role="reception")
    lines = client.get("/people?q=ouel").get_data(as_text=True).split("<tbody>")[1].split("</tr>")
    assert "Ouellet, Aline" in lines[0] and "<td>Ouellet</td>" in lines[0]
    assert "Ouellette, Bruno" in lines[1] and lines[1].count("<td></td>") == 2
    # each name links to that person's page
    assert f'<a href="/people/{aline.id}">' in lines[0]
    assert f'<a href="/people/{bruno.id}">' in lines[1]


def test_search_by_date_of_birth_and_exact_ramq_only(client, login, make_person):
    make_person(first_name="Émile", last_name="Roy", date_of_birth=date(1990, 1, 2),
                ramq="ROYE90010212")
    login(role="reception")
    assert "Roy, Émile" in client.get("/people?q=1990-01-02").get_data(as_text=True)
    assert "Roy, Émile" in client.get("/people?q=roye 9001 0212").get_data(as_text=True)
    assert "Roy, Émile" not in client.get("/people?q=ROYE9001").get_data(as_text=True)


def test_membership_share_and_payments(client, login, make_person, db):
    person = make_person()
    login(role="reception")
    household = person.household_id
    assert client.post(f"/households/{household}/membership", data={
        "started_on": "2026-01-15", "share_amount": "10.00"}).status_code == 302
    assert client.post(f"/households/{household}/payments", data={
        "amount": "4.00", "paid_on": "2026-01-15", "method": "cash"}).status_code == 302
    db.expire_all()
    membership = db.query(Membership).filter_by(household_id=household).one()
    assert membership.paid == Decimal("4.00") and membership.balance == Decimal("6.00")
    page = client.get(f"/households/{household}").get_data(as_text=True)
    assert "6,00" in page and "$" in page
    # the method in the reader's words, not its code
    assert "<td>Comptant</td>" in page and "<td>cash</td>" not in page


def test_one_membership_per_household(client, login, make_person, db):
    person = make_person()
    login(role="reception")
    url = f"/households/{person.household_id}/membership"
    client.post(url, data={"started_on": "2026-01-15", "share_amount": "10"})
    client.post(url, data={"started_on": "2026-02-15", "share_amount": "10"})
    assert db.query(Membership).filter_by(household_id=person.household_id).count() == 1


def test_volunteers_and_members_cannot_see_the_people_register(client, login):
    login(role="volunteer")
    assert client.get("/people?q=a").status_code == 403


def test_admin_creates_a_practitioner_account(client, login, db):
    from core.identity.models import Account

    login(role="admin")
    response = client.post("/admin/accounts", data={
        "username": "Nadia", "display_name": "Nadia Côté", "password": "une phrase de passe",
        "roles": ["practitioner"], "discipline": "sample", "professional_order": "OIIQ",
        "licence_number": "1234567"})
    assert response.status_code == 302
    account = db.query(Account).filter_by(username="nadia").one()
    assert account.practitioner.discipline == "sample"
    assert account.practitioner.licence_number == "1234567"
    assert account.role_codes == {"practitioner"}


def test_plugin_permissions_can_be_given_to_roles(app, db):
    from core.identity.models import RolePermission

    granted = {r.role_code for r in db.query(RolePermission).filter_by(permission="sample.use")}
    assert granted == {"admin"}


def test_rare_fragments_come_from_the_trigram_index_and_follow_renames(db, make_person,
                                                                          monkeypatch):
    """A fragment with few matches is looked up in the trigram index (pg_trgm on PostgreSQL,
    FTS5 on SQLite) and gives the same people in the same order as walking the name list;
    the index follows a rename at once."""
    from core.identity import service

    for first, last in [("Hélène", "Tremblay"), ("Zoé", "Bélanger-Tremblay"),
                        ("Marc", "Tremblé"), ("Ana", "Smith"), ("Luc", "Anderson")]:
        make_person(first_name=first, last_name=last)
    smith = db.scalar(select(Person).where(Person.last_name == "Smith"))
    names = lambda fragment: [p.full_name for p in service.search_people(db, fragment)]

    assert names("tremb") == ["Zoé Bélanger-Tremblay", "Hélène Tremblay", "Marc Tremblé"]
    assert names("tremblay helene") == ["Hélène Tremblay"]
    service.update_person(db, smith, {"last_name": "Tremblay-Smith"})
    db.flush()
    assert "Ana Tremblay-Smith" in names("tremb") and names("smith") == ["Ana Tremblay-Smith"]
    indexed = names("tremb")
    monkeypatch.setattr(service, "RARE", 0)  # every fragment now counts as common
    assert names("tremb") == indexed


def test_every_way_to_a_fragment_finds_the_same_people_in_the_same_order(db, make_person,
                                                                           monkeypatch):
    """The trigram index (FTS5 MATCH on SQLite, pg_trgm on PostgreSQL) only narrows: each word
    is still matched as typed, inside a word as well as at its start, accents and case
    ignored, ``%``, ``_`` and quotes literally; walking the name order gives the same page."""
    from core.identity import service
    from core.identity.models import fold

    for first, last in [("Marie-Ève", "Côté"), ("Marc", "Côté-Tremblay"), ("Ève", "Marcotte"),
                        ("Jean", "O_Brien"), ("Jeanne", "Obrien"), ("Zoë", "D'Amour"),
                        ("Luc", "Damours"), ("Anne", "Lebel"), ("Éric", "Lebel"),
                        ("Hélène", "Tremblay"), ("Noé", "Ng"), ("Lucie", '"Lu" Ng')]:
        make_person(first_name=first, last_name=last)
    if db.get_bind().dialect.name == "sqlite":
        assert service._has_fts(db)  # the migration made the trigram table: it is used
    people = list(db.scalars(select(Person)))

    def found(query):
        return [p.full_name for p in service.search_people(db, query)]

    queries = ["marie-eve", "MARIE-ÈVE", "cote", "cot", "côté marc", "eve", "mblay", "tremblay helene",
               "o_b", "o_br", "d'am", "amour", "bel", "lebel e", "ng", "ng noe", '"lu"',
               'lu" ng', "100%", "back\\slash", "ève marc", "zz", "xyz"]
    indexed = {query: found(query) for query in queries}
    for query in queries:  # the people whose folded name holds every word, nobody else
        words = fold(query).split()
        expected = {p.full_name for p in people if all(w in p.search_name for w in words)}
        assert set(indexed[query]) == expected, query
    assert indexed["o_b"] == ["Jean O_Brien"]  # "_" is no wildcard
    assert indexed["amour"] == ["Zoë D'Amour", "Luc Damours"]  # inside a word too
    assert indexed["cot"] == ["Marie-Ève Côté", "Marc Côté-Tremblay", "Ève Marcotte"]
    assert indexed['lu" ng'] == ['Lucie "Lu" Ng']
    monkeypatch.setattr(service, "RARE", 0)  # every fragment now counts as common: the walk
    assert {query: found(query) for query in queries} == indexed
    monkeypatch.setattr(service, "RARE", 2)  # two matches or more: the walk, after counting
    assert {query: found(query) for query in queries} == indexed


@pytest.mark.postgresql
def test_the_trigram_index_keeps_no_pending_list(db, make_person):
    """New names go into pg_trgm's index at once (``fastupdate`` off): no list of pending
    entries that every search would read until the next vacuum."""
    from core.identity import service

    options = db.scalar(text("SELECT reloptions FROM pg_class "
                             "WHERE relname = 'ix_core_persons_search_name_trgm'"))
    assert "fastupdate=off" in options
    make_person(first_name="Zéphirin", last_name="Quenneville")
    assert [p.last_name for p in service.search_people(db, "quenne")] == ["Quenneville"]


def test_opening_a_membership_reads_no_household_and_refuses_as_before(client, login, db,
                                                                        make_person):
    """Written without reading the household: a second membership is flashed as before and
    nothing written, an unknown household is a 404, bad input the form again (422)."""
    from core.testing.contract_support import statements

    person = make_person()
    login(role="reception")
    url = f"/households/{person.household_id}/membership"
    assert client.post(url, data={"started_on": "2026-01-15", "share_amount": "x"}).status_code == 422
    engine = db.get_bind().engine
    with statements(engine) as sent:
        opened = client.post(url, data={"started_on": "2026-01-15", "share_amount": "10"})
    assert opened.status_code == 302 and opened.location.endswith(f"/households/{person.household_id}")
    assert any("INSERT INTO core_memberships" in s for s in sent), sent
    assert not [s for s in sent if "FROM core_households" in s], sent
    again = client.post(url, data={"started_on": "2026-02-15", "share_amount": "10"})
    assert again.status_code == 302
    page = client.get(again.location).get_data(as_text=True)
    assert "Ce ménage est déjà membre." in page
    assert db.query(Membership).filter_by(household_id=person.household_id).count() == 1
    assert client.post("/households/999999/membership", data={
        "started_on": "2026-01-15", "share_amount": "10"}).status_code == 404


ROYS = [("Zoé", "Roy"), ("Liam", "Roy"), ("Marc", "Royer"), ("Ève", "Roy"), ("Léa", "Roy"),
        ("Anne", "Élie-Roy"), ("emma", "roy")]
#: family name then first name, accents and case set aside ("Ève" among the E)
IN_ORDER = ["Élie-Roy, Anne", "roy, emma", "Roy, Ève", "Roy, Léa", "Roy, Liam", "Roy, Zoé",
            "Royer, Marc"]


def test_the_people_found_are_listed_by_name_accents_and_case_set_aside(client, login, db,
                                                                        make_person, monkeypatch):
    """"Léa" came after "Liam", "Ève" and "Élie-Roy" after every Z: the names' bytes. Every way
    to the page (the trigram index, the name-order walk, a date of birth) lists them as a
    reader looks for them."""
    from core.identity import service

    for first, last in ROYS:
        make_person(first_name=first, last_name=last, date_of_birth=date(1970, 5, 1))
    db.commit()
    listed = lambda query: [f"{p.last_name}, {p.first_name}"
                            for p in service.search_people(db, query)]
    assert listed("roy") == IN_ORDER and listed("1970-05-01") == IN_ORDER
    monkeypatch.setattr(service, "RARE", 0)  # every fragment common: the name order is walked
    assert listed("roy") == listed("ro") == IN_ORDER
    login(role="reception")
    page = client.get("/people?q=roy").get_data(as_text=True).split("<tbody>")[1]
    assert re.findall(r'<a href="/people/\d+">([^<]+)</a>', page) == IN_ORDER


def test_people_stored_before_the_sort_keys_are_given_theirs(db, make_person):
    """The migration writes the keys of the people already registered, as the code does."""
    import importlib.util
    from pathlib import Path

    from core.identity import service

    for first, last in ROYS:
        make_person(first_name=first, last_name=last)
    db.execute(text("UPDATE core_persons SET last_name_key = '', first_name_key = ''"))
    path = next(Path("core/migrations/versions").glob("*_cd0202d2358b_*.py"))
    spec = importlib.util.spec_from_file_location("sort_keys", path)
    migration = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(migration)
    migration.fill(db.connection(), batch=3)  # in several batches
    db.expire_all()
    assert [f"{p.last_name}, {p.first_name}" for p in service.search_people(db, "roy")] == IN_ORDER
    assert db.scalar(select(Person).where(Person.first_name == "Ève")).first_name_key == "eve"


def test_a_short_fragment_reads_one_page_in_name_order_with_its_size_in_the_statement(db):
    """"Ng", "Li": too short for the trigram index, so the name order is walked. The page size
    is written into the statement: as a parameter, the plan PostgreSQL keeps for a prepared
    statement did not know only a page is read and sorted every match (40-65 ms at 55,000
    people, 0.3-1 ms walked: bench/README.md)."""
    from core.identity import service
    from core.testing.statements import statements_sent

    for n in range(25):
        service.register_person(db, {"first_name": f"Lina{n:02d}", "last_name": f"Ng{25 - n:02d}"})
    db.commit()
    with statements_sent(db.get_bind()) as sent:
        found = service.search_rows(db, "ng")
        five = service.search_people(db, "ng", limit=5)
    assert [row.last_name for row in found] == [f"Ng{n:02d}" for n in range(1, 21)]
    assert [person.last_name for person in five] == [f"Ng{n:02d}" for n in range(1, 6)]
    pages = [statement for statement in sent if "search_name LIKE" in statement]
    assert len(pages) == 2
    assert re.search(r"LIMIT 20\b", pages[0]) and re.search(r"LIMIT 5\b", pages[1])
