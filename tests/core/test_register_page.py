"""The register of members at a coop's scale: searched by name (accents and case set aside) or
member number, in name order, a page at a time with the filters kept from page to page, and
each household told apart from another of the same name by its address and its people."""

import re
from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import event

from tests.core.members import paid_member


@pytest.fixture
def enrol(db, make_person):
    """A membership for a new household of ``last_name`` (its first person ``first_name``)."""
    def enrol(first_name, last_name, category="user", address="", postal_code="",
              started_on=date(2024, 2, 1), paid_until=date(2099, 1, 31)):
        person = make_person(first_name, last_name)
        household = person.household
        household.address, household.city, household.postal_code = address, "Montréal", postal_code
        return paid_member(db, person, started_on=started_on, paid_until=paid_until,
                           category=category)
    return enrol


def _households(page: str) -> list[str]:
    """The households listed, in the page's order."""
    return re.findall(r'<td class="household"><a href="/households/\d+">([^<]+)</a>', page)


def test_the_register_finds_a_member_by_name_without_accents_or_case(client, login, enrol,
                                                                     make_person):
    """"levesque" finds the Lévesque household, "GAGNON" the household where a Gagnon lives
    under another name, and the status and category chosen still apply."""
    login(role="coordinator")
    enrol("Rose", "Lévesque")
    enrol("Marc", "Lévesque", category="worker")
    other = enrol("Lina", "Morin")
    make_person("Paul", "Gagnon", household=other.household)
    enrol("Jean", "Tremblay")
    page = client.get("/members?q=levesque").get_data(as_text=True)
    assert _households(page) == ["Lévesque", "Lévesque"]
    assert "2 membres dans la liste" in page and 'value="levesque"' in page
    assert ">Tous les statuts<" in page and ">Toutes les catégories<" in page  # not "Statut : Toutes"
    assert _households(client.get("/members?q=levesque&category=worker")
                       .get_data(as_text=True)) == ["Lévesque"]
    assert _households(client.get("/members?q=LEVESQUE&status=withdrawn")
                       .get_data(as_text=True)) == []
    assert _households(client.get("/members?q=GAGNON").get_data(as_text=True)) == ["Morin"]
    assert _households(client.get(f"/members?q={other.number}")
                       .get_data(as_text=True)) == ["Morin"]
    empty = client.get("/members?q=zzz").get_data(as_text=True)
    assert re.search(r"Aucune personne membre ne correspond à «\s?zzz\s?»\.", empty)


def test_the_register_is_in_name_order_a_page_at_a_time_keeping_its_filters(
        client, login, enrol, monkeypatch):
    """Three pages of two: "Page 2 sur 3", and the links to the pages before and after keep
    the search and the category; the households come in name order, accents aside."""
    monkeypatch.setattr("core.identity.views_register.PAGE_SIZE", 2)
    login(role="coordinator")
    for name in ("Roy", "Éthier", "Bélanger", "Caron", "Dubé"):
        enrol("Anne", name, category="support")
    enrol("Anne", "Aubin")  # a user member: the category leaves it out
    page = client.get("/members?category=support&page=2").get_data(as_text=True)
    assert "Page 2 sur 3" in page and "5 membres dans la liste" in page
    assert _households(page) == ["Dubé", "Éthier"]
    assert 'href="/members?page=1&amp;category=support" rel="prev"' in page
    assert 'href="/members?page=3&amp;category=support" rel="next"' in page
    searched = client.get("/members?q=anne&category=support").get_data(as_text=True)
    assert _households(searched) == ["Bélanger", "Caron"]
    assert 'href="/members?page=2&amp;q=anne&amp;category=support" rel="next"' in searched
    whole = client.get("/members?category=support&all=1").get_data(as_text=True)
    assert _households(whole) == ["Bélanger", "Caron", "Dubé", "Éthier", "Roy"]


@pytest.mark.parametrize("asked, shown", [("abc", 1), ("-1", 1), ("0", 1), ("2", 2),
                                           ("99999999999999999999999", 2), ("٣", 1)])
def test_a_page_number_that_is_not_one_shows_a_page_of_the_register(
        client, login, enrol, monkeypatch, asked, shown):
    monkeypatch.setattr("core.identity.views_register.PAGE_SIZE", 2)
    login(role="coordinator")
    for name in ("Roy", "Caron", "Dubé"):
        enrol("Anne", name)
    response = client.get(f"/members?page={asked}")
    assert response.status_code == 200
    assert f"Page {shown} sur 2" in response.get_data(as_text=True)


def test_two_households_of_the_same_name_are_told_apart(client, login, enrol, make_person):
    """Two "Bouchard" lines: each shows its address and the first names of its people."""
    login(role="coordinator")
    first = enrol("Anaïs", "Bouchard", address="2717 rue de la Visitation",
                  postal_code="h3k4a7")
    make_person("Liam", "Bouchard", household=first.household)
    enrol("Zoé", "Bouchard", address="3842 rue Amherst", postal_code="H2P 5A7")
    page = client.get("/members?q=bouchard").get_data(as_text=True)
    rows = page.split('<td class="household">')[1:]
    assert "2717 rue de la Visitation, Montréal H3K\u00a04A7" in rows[0]
    assert "Anaïs, Liam" in rows[0] and "Zoé" not in rows[0]
    assert "3842 rue Amherst, Montréal H2P\u00a05A7" in rows[1] and "Zoé" in rows[1]


def test_a_page_of_the_register_reads_the_same_number_of_statements_whatever_its_size(
        client, login, db, enrol, make_person):
    """Each line names its household's people: read for the whole page at once, not line by
    line (15 households searched and shown read no more statements than 3)."""
    login(role="coordinator")
    statements: list[str] = []

    def keep(_conn, _cursor, statement, *_args):
        statements.append(statement)

    def counted() -> int:
        statements.clear()
        engine = db.get_bind().engine
        event.listen(engine, "before_cursor_execute", keep)
        try:
            page = client.get("/members?q=anne").get_data(as_text=True)
        finally:
            event.remove(engine, "before_cursor_execute", keep)
        assert len(re.findall(r'<small class="quiet people">(Léa Caron, )?Anne</small>', page)) == len(
            _households(page)) > 0
        return len(statements)

    for n in range(3):
        enrol("Anne", f"Roy{chr(97 + n)}")
    counted()  # the session's first page warms what is read once
    few = counted()
    for n in range(12):
        make_person("Léa", "Caron", household=enrol("Anne", f"Caron{chr(97 + n)}").household)
    assert counted() == few


def test_shares_paid_count_shares_less_refunds_not_dues_on_the_page_and_in_the_export(
        client, login, enrol, db):
    """The register sums a membership's payments in the database (it reads every membership to
    count who votes): shares less refunds, dues left out, as the household's page counts them;
    a member whose shares are not fully paid does not vote."""
    from core.identity.models import SharePayment

    login(role="coordinator")
    member = enrol("Rose", "Lévesque")  # 10.00 of shares subscribed, paid
    db.add_all([SharePayment(membership=member, amount=Decimal("25.00"), paid_on=date(2024, 3, 1),
                             kind="dues"),
                SharePayment(membership=member, amount=Decimal("2.50"), paid_on=date(2024, 4, 1),
                             kind="refund")])
    db.commit()
    assert member.paid == Decimal("7.50")  # what the household's page shows
    page = client.get("/members").get_data(as_text=True)
    assert re.search(r"7,50\s\$", page) and "Les parts ne sont pas entièrement payées" in page
    row = next(line for line in client.get("/members?format=csv").get_data(as_text=True)
               .splitlines() if "Lévesque" in line)
    assert ",10.00,7.50," in row and row.endswith(",non")
