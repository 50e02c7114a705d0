"""Two coordinators or volunteers acting at the same instant: a plot, a shift, a tool go once.

Real commits from several threads (``fresh_app``), on SQLite and on PostgreSQL.
"""

from datetime import timedelta

import pytest

from core.api import Person, VolunteerShift, current_session, utcnow
from core.identity import service as identity

from plugins.food_security.gardens import service as gardens
from plugins.food_security.gardens.models import Allocation, GardenSeason, Plot, Tool, ToolLoan
from plugins.food_security.tests.helpers import at_once, garden_with_plots, season

pytestmark = pytest.mark.concurrency


def _garden(app, people):
    """A season, a garden with one plot, a tool and a chore shift; ids of all and of people."""
    with app.app_context():
        db = current_session()
        persons = []
        for i in range(people):
            household = identity.create_household(db, {"name": f"Foyer {i}"})
            persons.append(identity.register_person(
                db, {"first_name": f"Jardinier {i}", "last_name": "Concurrent"}, household))
        current = season(db)
        garden, (plot,) = garden_with_plots(db, codes=("A1",))
        tool = gardens.add_tool(db, garden, "Brouette")
        start = utcnow() + timedelta(days=2)
        shift = gardens.add_shift(db, garden, {"title": "Compost", "starts_at": start,
                                               "ends_at": start + timedelta(hours=2)})
        db.commit()
        return (current.id, plot.id, tool.id, shift.id), [p.id for p in persons]


def _count(app, model, **where):
    with app.app_context():
        return current_session().query(model).filter_by(**where).count()


def test_two_coordinators_giving_the_last_plot_at_once_give_it_once(fresh_app):
    (season_id, plot_id, _tool, _shift), people = _garden(fresh_app, 2)

    def give(db, person_id):
        gardens.allocate(db, db.get(Plot, plot_id), db.get(GardenSeason, season_id),
                         db.get(Person, person_id))
    assert at_once(fresh_app, people, give) == {"ok": 1, "refused": 1, "errors": []}
    assert _count(fresh_app, Allocation, plot_id=plot_id, status="active") == 1


def test_a_shift_and_a_tool_go_to_one_volunteer_at_once(fresh_app):
    (_season, _plot, tool_id, shift_id), people = _garden(fresh_app, 2)

    def take_shift(db, person_id):
        gardens.sign_up(db, db.get(VolunteerShift, shift_id), person_id)

    def borrow(db, person_id):
        gardens.lend_tool(db, db.get(Tool, tool_id), person_id)
    assert at_once(fresh_app, people, take_shift) == {"ok": 1, "refused": 1, "errors": []}
    assert at_once(fresh_app, people, borrow) == {"ok": 1, "refused": 1, "errors": []}
    assert _count(fresh_app, ToolLoan, tool_id=tool_id) == 1
