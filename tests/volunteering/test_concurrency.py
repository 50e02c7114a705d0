"""Never over-filled, whatever the concurrency: 30 volunteers take a 4-person shift at once.

Each sign-up runs in its own thread, session and transaction and commits for real, on SQLite
(BEGIN IMMEDIATE) and on PostgreSQL (the row lock and the conditional update) alike.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from core.testing.concurrency import at_once
from core.volunteering.models import CONFIRMED, ShiftSignup, VolunteerShift
from tests.volunteering.conftest import at

pytestmark = pytest.mark.concurrency
N, NEEDED = 30, 4


def _setup(app, personal_info=False):
    from core import db as dbmod
    from core.identity import service as people
    from core.volunteering.service import publish_shift, sign_undertaking

    with app.app_context():
        sess = dbmod.session()
        household = people.create_household(sess, {"name": "Bénévoles"})
        persons = [people.register_person(sess, {"first_name": f"B{i}", "last_name": "Bénévole"},
                                          household) for i in range(N)]
        for person in persons[::2]:  # half signed the undertaking
            sign_undertaking(sess, person)
        shift = publish_shift(sess, program="core.reception", title="Accueil",
                              starts_at=at(2, 9), ends_at=at(2, 9) + timedelta(hours=3),
                              needed=NEEDED, personal_info=personal_info)
        sess.commit()
        return shift.id, [p.id for p in persons]


def _sign_up(shift_id):
    from core.volunteering.service import VolunteeringError, sign_up

    def action(db, person_id):
        sign_up(db, db.get(VolunteerShift, shift_id), person_id)
    return action, VolunteeringError


def _counts(app, shift_id):
    from core import db as dbmod

    with app.app_context():
        sess = dbmod.session()
        confirmed = sess.scalar(select(func.count()).select_from(ShiftSignup).where(
            ShiftSignup.shift_id == shift_id, ShiftSignup.status == CONFIRMED))
        return confirmed, sess.get(VolunteerShift, shift_id).taken


def test_thirty_volunteers_at_once_fill_a_four_person_shift_exactly(fresh_app):
    shift_id, people = _setup(fresh_app)
    action, refused = _sign_up(shift_id)
    results = at_once(fresh_app, people, action, refused)
    assert results == {"ok": NEEDED, "refused": N - NEEDED, "errors": []}
    assert _counts(fresh_app, shift_id) == (NEEDED, NEEDED)


def test_at_once_only_volunteers_with_the_undertaking_get_a_reception_shift(fresh_app):
    shift_id, people = _setup(fresh_app, personal_info=True)
    action, refused = _sign_up(shift_id)
    results = at_once(fresh_app, people, action, refused)
    assert results["errors"] == [] and results["ok"] == NEEDED
    from core import db as dbmod

    with fresh_app.app_context():
        sess = dbmod.session()
        on_shift = set(sess.scalars(select(ShiftSignup.person_id).where(
            ShiftSignup.shift_id == shift_id, ShiftSignup.status == CONFIRMED)))
    assert on_shift <= set(people[::2])
