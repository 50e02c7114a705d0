"""Community garden pages: allocating a plot, the waiting list, reallocation, tools."""

from datetime import date

import pytest

from core.api import today as coop_today

from plugins.food_security.gardens import service as gardens
from plugins.food_security.gardens.models import Allocation, WaitlistEntry
from plugins.food_security.tests.helpers import garden_with_plots, season

G = "/p/food_security/gardens"


@pytest.fixture
def active(activate):
    activate("food_security")


def test_a_coordinator_allocates_a_plot_to_the_first_in_line(active, client, login, db,
                                                             make_person):
    first, later = make_person(last_name="Premier"), make_person(last_name="Second")
    current = season(db)
    _garden, (plot, _other) = garden_with_plots(db)
    gardens.add_to_waitlist(db, later, {"registered_on": date(2024, 3, 1)})
    entry = gardens.add_to_waitlist(db, first, {"registered_on": date(2023, 3, 1)})
    db.commit()
    login(role="food_security.garden_coordinator")
    page = client.get(f"{G}/plots/{plot.id}/allocate").get_data(as_text=True)
    assert page.index("Premier") < page.index("Second")
    assert client.post(f"{G}/plots/{plot.id}/allocate", data={"entry": entry.id}).status_code \
        == 302
    db.expire_all()
    allocation = db.query(Allocation).one()
    assert (allocation.gardener_id, allocation.season_id) == (first.id, current.id)
    assert db.get(WaitlistEntry, entry.id).status == "allocated"


def test_a_plot_given_twice_is_refused_with_a_message(active, client, login, db, make_person):
    first, second = make_person(), make_person(last_name="Gagnon")
    current = season(db)
    _garden, (plot, _other) = garden_with_plots(db)
    gardens.allocate(db, plot, current, first)
    db.commit()
    login(role="coordinator")
    response = client.post(f"{G}/plots/{plot.id}/allocate?person={second.id}",
                           data={"person": second.id})
    assert response.status_code == 422
    assert "déjà attribué pour la saison" in response.get_data(as_text=True)
    assert db.query(Allocation).count() == 1


def test_the_waiting_list_page_states_its_priority_rule(active, client, login, db, make_person):
    person = make_person(first_name="Noémie", last_name="Paré")
    login(role="coordinator")
    page = client.get(f"{G}/waitlist").get_data(as_text=True)
    assert "Les personnes qui résident sur le territoire de la coop passent" in page
    response = client.post(f"{G}/waitlist?person={person.id}",
                           data={"person": person.id, "kind": "raised", "resident": "y"})
    assert response.status_code == 302
    assert db.query(WaitlistEntry).one().kind == "raised"


def test_unplanted_plots_are_taken_back_from_the_page(active, client, login, db, make_person):
    idle, waiting = make_person(last_name="Oisif"), make_person(last_name="Attente")
    year = coop_today().year - 1
    current = season(db, year)  # last year's: its planting deadline has passed
    _garden, (plot, _other) = garden_with_plots(db)
    lost = gardens.allocate(db, plot, current, idle, on=date(year, 4, 1))
    gardens.add_to_waitlist(db, waiting, {"registered_on": date(year - 1, 5, 1)})
    db.commit()
    login(role="coordinator")
    assert "Oisif" in client.get(f"{G}/seasons/{current.id}/unplanted").get_data(as_text=True)
    client.post(f"{G}/seasons/{current.id}/unplanted")
    db.expire_all()
    assert db.get(Allocation, lost.id).status == "forfeited"
    assert db.query(Allocation).filter_by(status="active").one().gardener_id == waiting.id


def test_volunteers_lend_tools_but_do_not_allocate(active, client, login, db, make_person):
    gardener = make_person()
    current = season(db)
    garden, (plot, _other) = garden_with_plots(db)
    gardens.allocate(db, plot, current, gardener)
    fork = gardens.add_tool(db, garden, "Fourche")
    db.commit()
    login(role="food_security.garden_volunteer")
    assert client.get(f"{G}/plots/{plot.id}/allocate").status_code == 403
    assert client.post(f"{G}/{garden.id}", data={"form": "plot", "code": "Z9",
                                                 "size_m2": "9"}).status_code == 403
    client.post(f"{G}/{garden.id}", data={"form": "lend", "tool_id": fork.id,
                                          "person": gardener.id})
    page = client.get(f"{G}/{garden.id}").get_data(as_text=True)
    assert "prêté à Hélène Tremblay" in page
    harvest = client.post(f"{G}/{garden.id}", data={"form": "harvest", "logged_on": "2026-07-01",
                                                    "kg_grown": "2", "kg_donated": "5"})
    assert harvest.status_code == 422


def test_unknown_people_and_gardens_are_refused_next_to_the_field(active, client, login, db,
                                                                  make_person):
    gardener = make_person()
    current = season(db)
    garden, (plot, other) = garden_with_plots(db)
    fork = gardens.add_tool(db, garden, "Fourche")
    start = current.starts_on
    from datetime import datetime, time, timezone

    shift = gardens.add_shift(db, garden, {
        "title": "Compost", "starts_at": datetime.combine(start, time(9), timezone.utc),
        "ends_at": datetime.combine(start, time(11), timezone.utc)})
    db.commit()
    login(role="food_security.garden_coordinator")
    lend = client.post(f"{G}/{garden.id}", data={"form": "lend", "tool_id": fork.id,
                                                 "person": 999999})
    assert lend.status_code == 422 and 'id="e-person"' in lend.get_data(as_text=True)
    wish = client.post(f"{G}/waitlist?person={gardener.id}",
                       data={"person": gardener.id, "garden_id": 999999, "resident": "y"})
    assert wish.status_code == 422 and 'id="e-garden_id"' in wish.get_data(as_text=True)
    given = client.post(f"{G}/plots/{plot.id}/allocate?person={gardener.id}",
                        data={"person": gardener.id, "co_gardener": 999999})
    assert given.status_code == 422 and 'id="e-co_gardener"' in given.get_data(as_text=True)
    signup = client.post(f"{G}/shifts/{shift.id}/signup", data={"person": 999999})
    assert signup.status_code == 302
    # ids beyond any INTEGER (PostgreSQL would refuse to even look them up)
    huge = "99999999999"
    assert client.post(f"{G}/shifts/{shift.id}/signup", data={"person": huge}).status_code == 302
    page = client.get(f"{G}/{garden.id}").get_data(as_text=True)
    assert "Choisissez dans la liste" in page
    assert "(2 h)" in page and "2.00" not in page  # the chore's length, as French writes it
    entry = client.post(f"{G}/plots/{plot.id}/allocate", data={"entry": huge})
    assert entry.status_code == 422 and 'id="e-entry"' in entry.get_data(as_text=True)
    assert client.get(f"{G}/{huge}").status_code == 404
    db.expire_all()
    assert db.query(Allocation).count() == 0 and db.query(WaitlistEntry).count() == 0
    assert db.get(type(shift), shift.id).taken == 0 and not shift.signups
