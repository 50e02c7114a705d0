"""Community gardens: allocation, the waiting list's priority rule, reallocation, tools."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from sqlalchemy.exc import IntegrityError

from core.api import today as coop_today

from plugins.food_security.gardens import service as gardens
from plugins.food_security.gardens.models import Allocation
from plugins.food_security.tests.helpers import garden_with_plots, season


def test_a_plot_goes_to_a_household_with_an_optional_co_gardener(db, make_person):
    gardener = make_person()
    partner = make_person(first_name="Émile", household=gardener.household)
    current = season(db)
    _garden, (plot, _other) = garden_with_plots(db)
    allocation = gardens.allocate(db, plot, current, gardener, co_gardener=partner)
    assert allocation.household_id == gardener.household_id
    assert allocation.co_gardener_id == partner.id
    with pytest.raises(gardens.GardenError) as refused:
        gardens.allocate(db, plot, current, gardener, co_gardener=gardener)
    assert refused.value.field == "co_gardener_id"


def test_one_plot_per_household_and_one_household_per_plot(db, make_person):
    first, second = make_person(), make_person(last_name="Gagnon")
    current = season(db)
    _garden, (plot, other) = garden_with_plots(db)
    gardens.allocate(db, plot, current, first)
    with pytest.raises(gardens.GardenError) as refused:
        gardens.allocate(db, plot, current, second)
    assert refused.value.field == "plot_id"
    with pytest.raises(gardens.GardenError) as refused:
        gardens.allocate(db, other, current, first)
    assert refused.value.field == "gardener_id"


def test_the_database_refuses_a_plot_allocated_twice_in_a_season(db, make_person):
    first, second = make_person(), make_person(last_name="Gagnon")
    current = season(db)
    _garden, (plot, _other) = garden_with_plots(db)
    gardens.allocate(db, plot, current, first)
    db.commit()
    # what a second coordinator's transaction would write if it slipped past the check
    db.add(Allocation(plot_id=plot.id, season_id=current.id, household_id=second.household_id,
                      gardener_id=second.id, allocated_on=coop_today()))
    with pytest.raises(IntegrityError):
        db.flush()
    db.rollback()


def test_the_waiting_list_follows_its_priority_rule(db, make_person):
    early_outsider = make_person(last_name="Avant")
    resident = make_person(last_name="Résident")
    later_resident = make_person(last_name="Tard")
    wants_raised = make_person(last_name="Surélevé")
    today = coop_today()
    gardens.add_to_waitlist(db, early_outsider, {"registered_on": today - timedelta(days=400),
                                                 "resident": False})
    gardens.add_to_waitlist(db, resident, {"registered_on": today - timedelta(days=100)})
    gardens.add_to_waitlist(db, later_resident, {"registered_on": today - timedelta(days=10)})
    gardens.add_to_waitlist(db, wants_raised, {"registered_on": today - timedelta(days=900),
                                               "kind": "raised"})
    _garden, (plot, _other) = garden_with_plots(db)
    order = [e.person.last_name for e in gardens.ranked(db, season(db), plot)]
    assert order == ["Résident", "Tard", "Avant"]


def test_a_household_waits_once(db, make_person):
    person = make_person()
    gardens.add_to_waitlist(db, person, {})
    with pytest.raises(gardens.GardenError):
        gardens.add_to_waitlist(db, person, {})


def test_plots_not_planted_by_the_deadline_go_to_the_next_in_line(db, make_person):
    planted, idle, waiting = (make_person(last_name=n) for n in ("Planté", "Oisif", "Attente"))
    year = coop_today().year
    current = season(db, year)
    _garden, (plot_a, plot_b) = garden_with_plots(db)
    kept = gardens.allocate(db, plot_a, current, planted, on=date(year, 4, 1))
    lost = gardens.allocate(db, plot_b, current, idle, on=date(year, 4, 1))
    gardens.mark_planted(db, kept, date(year, 5, 20))
    entry = gardens.add_to_waitlist(db, waiting, {"registered_on": date(year - 1, 9, 1)})
    assert gardens.unplanted(db, current, date(year, 6, 1)) == []  # the deadline day still counts
    moves = gardens.reallocate_unplanted(db, current, date(year, 6, 2))
    assert [(old.id, new.gardener_id) for old, new in moves] == [(lost.id, waiting.id)]
    assert lost.status == "forfeited" and kept.status == "active"
    assert entry.status == "allocated" and entry.allocated_on == date(year, 6, 2)


def test_a_tool_is_lent_to_one_person_at_a_time(db, make_person):
    first, second = make_person(), make_person(last_name="Gagnon")
    garden, _plots = garden_with_plots(db)
    fork = gardens.add_tool(db, garden, "Fourche bêche")
    loan = gardens.lend_tool(db, fork, first.id)
    with pytest.raises(gardens.GardenError):
        gardens.lend_tool(db, fork, second.id)
    gardens.return_tool(db, loan)
    assert gardens.lend_tool(db, fork, second.id).person_id == second.id


def test_chores_and_harvests(db, make_person):
    volunteer, other = make_person(), make_person(last_name="Gagnon")
    garden, _plots = garden_with_plots(db)
    from core.api import utcnow

    start = utcnow() - timedelta(hours=3)  # recorded after the chore, as coordinators do
    shift = gardens.add_shift(db, garden, {"title": "Compost", "starts_at": start,
                                           "ends_at": start + timedelta(minutes=90)})
    with pytest.raises(gardens.GardenError):
        gardens.mark_done(db, shift)
    gardens.sign_up(db, shift, volunteer.id)
    with pytest.raises(gardens.GardenError):
        gardens.sign_up(db, shift, other.id)
    gardens.mark_done(db, shift)
    assert shift.hours == Decimal("1.50")
    # a chore is a core volunteer shift: its hours are in core's ledger, under the gardens
    from core.api import volunteer_hours_by_program

    day = start.date()
    assert volunteer_hours_by_program(db, day - timedelta(days=1), day + timedelta(days=1)) == {
        "food_security.gardens": Decimal("1.50")}
    chore = gardens.chores(db, garden)[0]
    assert (chore.volunteer.id, chore.done) == (volunteer.id, True)
    with pytest.raises(gardens.GardenError) as refused:
        gardens.log_harvest(db, garden, {"logged_on": coop_today(), "kg_grown": Decimal("2"),
                                         "kg_donated": Decimal("3")})
    assert refused.value.field == "kg_donated"


def test_a_garden_on_contaminated_soil_has_raised_beds_only(db):
    garden = gardens.save_garden(db, {"name": "Jardin du Havre", "raised_only": True})
    with pytest.raises(gardens.GardenError):
        gardens.add_plot(db, garden, {"code": "B1", "kind": "full", "size_m2": Decimal("18")})
    assert gardens.add_plot(db, garden, {"code": "B1", "kind": "raised",
                                         "size_m2": Decimal("4")}).kind == "raised"
