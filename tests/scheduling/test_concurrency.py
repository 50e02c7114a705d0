"""Never double-booked, whatever the concurrency: 50 simultaneous requests for one slot.

These tests commit for real (``fresh_app``), each request in its own thread, session and
transaction, through the HTTP API. They run on SQLite (BEGIN IMMEDIATE + the check inside it)
and on PostgreSQL (the exclusion constraint) alike.
"""

from __future__ import annotations

import threading
from datetime import time

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.exc import IntegrityError, OperationalError

from core.registry import plugin_host
from core.scheduling.models import BOOKED, CONFIRMED, Appointment, GroupSeat, GroupSession
from tests.scheduling.conftest import at, bearer, next_weekday

pytestmark = pytest.mark.concurrency
N = 50
SLOT_TAKEN = "Cette plage est déjà prise. Veuillez choisir une autre heure."


def _setup(app, group_capacity=None):
    """Commit a practitioner, N people, an API token and (optionally) a group session."""
    from core import db as dbmod
    from core.admin.service import set_active
    from core.api import create_group_session
    from core.identity import service as people
    from core.identity.accounts import create_account
    from core.scheduling.availability import add_window, resource_for_account
    from core.testing.factories import PASSWORD

    with app.app_context():
        sess = dbmod.session()
        set_active(sess, plugin_host(app), "schedtest", True)
        desk = create_account(sess, username="desk", display_name="Desk", password=PASSWORD,
                              roles=["reception"])
        doctor = create_account(sess, username="doc", display_name="Doc", password=PASSWORD,
                                practitioner={"discipline": "schedtest"}, roles=["practitioner"])
        resource = resource_for_account(sess, doctor)
        for weekday in range(7):
            add_window(sess, resource, weekday, time(8), time(20))
        household = people.create_household(sess, {"name": "Foule"})
        ids = [people.register_person(sess, {"first_name": f"P{i}", "last_name": "Foule"},
                                      household).id for i in range(N)]
        headers = bearer(sess, desk)
        group_id = None
        if group_capacity:
            group_id = create_group_session(sess, type_code="schedtest.group",
                                            start=at(next_weekday(3), 18),
                                            capacity=group_capacity).id
        sess.commit()
        return headers, resource.id, ids, group_id


def _fire(app, requests):
    """POST every (url, json, headers) at the same moment, one thread and client each."""
    barrier = threading.Barrier(len(requests))
    results: list = [None] * len(requests)

    def run(index, url, body, headers):
        client = app.test_client()
        barrier.wait()
        response = client.post(url, json=body, headers=headers)
        results[index] = (response.status_code, response.get_json())

    threads = [threading.Thread(target=run, args=(i, *r)) for i, r in enumerate(requests)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return results


def test_fifty_bookings_of_one_slot_make_exactly_one_appointment(fresh_app):
    headers, practitioner_id, people, _ = _setup(fresh_app)
    start = at(next_weekday(2), 10).isoformat()
    results = _fire(fresh_app, [("/api/v1/appointments",
                                 {"type_code": "schedtest.visit", "person_id": pid,
                                  "start": start, "practitioner_id": practitioner_id}, headers)
                                for pid in people])
    statuses = sorted(status for status, _ in results)
    assert statuses == [201] + [409] * (N - 1)
    assert all(body["error"]["message"] == SLOT_TAKEN for status, body in results if status == 409)
    with fresh_app.app_context():
        from core import db as dbmod

        booked = dbmod.session().scalar(select(func.count()).select_from(Appointment).where(
            Appointment.status == BOOKED))
    assert booked == 1


def test_fifty_sign_ups_never_exceed_the_capacity(fresh_app):
    capacity = 7
    headers, _, people, group_id = _setup(fresh_app, group_capacity=capacity)
    results = _fire(fresh_app, [(f"/api/v1/group-sessions/{group_id}/signups",
                                 {"person_id": pid, "waitlist": False}, headers)
                                for pid in people])
    statuses = sorted(status for status, _ in results)
    assert statuses == [201] * capacity + [409] * (N - capacity)
    assert all(body["error"]["message"] == "Cette séance de groupe est complète."
               for status, body in results if status == 409)
    with fresh_app.app_context():
        from core import db as dbmod

        sess = dbmod.session()
        confirmed = sess.scalar(select(func.count()).select_from(GroupSeat).where(
            GroupSeat.status == CONFIRMED))
        assert confirmed == capacity == sess.get(GroupSession, group_id).seats_taken


def test_fifty_sign_ups_with_a_waiting_list_confirm_exactly_the_capacity(fresh_app):
    capacity = 5
    headers, _, people, group_id = _setup(fresh_app, group_capacity=capacity)
    results = _fire(fresh_app, [(f"/api/v1/group-sessions/{group_id}/signups",
                                 {"person_id": pid}, headers) for pid in people])
    assert {status for status, _ in results} == {201}
    kinds = sorted(body["status"] for _, body in results)
    assert kinds == [CONFIRMED] * capacity + ["waiting"] * (N - capacity)


def test_the_database_itself_refuses_overlaps(fresh_app):
    """PostgreSQL: the exclusion constraint. SQLite: a second writer cannot even begin."""
    engine = fresh_app.extensions["soin_db"].engine
    _, practitioner_id, _, _ = _setup(fresh_app)
    if engine.dialect.name == "postgresql":
        insert = text("INSERT INTO sched_occupancy (resource_id, starts_at, ends_at) "
                      "VALUES (:r, :s, :e)")
        with engine.begin() as conn:
            conn.execute(insert, {"r": practitioner_id, "s": "2031-01-06 10:00+00",
                                  "e": "2031-01-06 11:00+00"})
        with pytest.raises(IntegrityError, match="ex_sched_occupancy_no_overlap"):
            with engine.begin() as conn:
                conn.execute(insert, {"r": practitioner_id, "s": "2031-01-06 10:30+00",
                                      "e": "2031-01-06 11:30+00"})
    else:
        with engine.connect() as first:
            first.begin()
            first.execute(text("SELECT 1 FROM sched_occupancy"))  # holds the write lock
            with engine.connect() as second:
                second.connection.driver_connection.execute("PRAGMA busy_timeout=100")
                with pytest.raises(OperationalError, match="locked"):
                    second.begin()
                # never back to the pool with its short timeout: later tests would see "locked"
                second.invalidate()
            first.rollback()


def test_colleagues_calling_the_next_person_at_once_never_call_someone_twice(fresh_app):
    """Ten practitioners press "call the next person" together; three people wait."""
    from core import db as dbmod
    from core.scheduling import walkin
    from core.scheduling.extra_models import WalkInTicket

    with fresh_app.app_context():
        sess = dbmod.session()
        for name in ("Ana", "Marc", "Zoé"):
            walkin.add_ticket(sess, label=name)
        sess.commit()
    callers = 10
    barrier = threading.Barrier(callers)
    called: list = []

    def press():
        with fresh_app.app_context():
            sess = dbmod.session()
            barrier.wait()
            ticket = walkin.call_next(sess, None)
            sess.commit()
            called.append(ticket.label if ticket else None)

    threads = [threading.Thread(target=press) for _ in range(callers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert sorted(filter(None, called)) == ["Ana", "Marc", "Zoé"]
    assert called.count(None) == callers - 3
    with fresh_app.app_context():
        statuses = dbmod.session().scalars(select(WalkInTicket.status)).all()
    assert statuses == ["called"] * 3


def test_moves_and_a_cancellation_at_once_leave_the_visit_holding_only_its_own_time(fresh_app):
    """Ten desks move one visit to ten different times while another cancels it."""
    from datetime import timedelta

    from core import db as dbmod
    from core.api import book, cancel
    from core.scheduling.errors import SchedulingError
    from core.scheduling.models import Occupancy
    from core.scheduling.service import move

    _, practitioner_id, people, _ = _setup(fresh_app)
    day = next_weekday(2)
    with fresh_app.app_context():
        sess = dbmod.session()
        visit_id = book(sess, type_code="schedtest.visit", start=at(day, 9), person=people[0],
                        practitioner=practitioner_id).id
        sess.commit()
    actions = [lambda s, v, h=h: move(s, v, at(day, 10) + timedelta(hours=h)) for h in range(9)]
    actions.append(lambda s, v: cancel(s, v))
    barrier = threading.Barrier(len(actions))

    def run(action):
        with fresh_app.app_context():
            sess = dbmod.session()
            barrier.wait()  # before any read: on SQLite the first read takes the write lock
            try:
                action(sess, sess.get(Appointment, visit_id))
                sess.commit()
            except SchedulingError:
                sess.rollback()

    threads = [threading.Thread(target=run, args=(a,)) for a in actions]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    with fresh_app.app_context():
        sess = dbmod.session()
        visit = sess.get(Appointment, visit_id)
        held = sess.scalars(select(Occupancy).where(Occupancy.appointment_id == visit_id)).all()
        if visit.status == "cancelled":
            assert held == []
        else:
            assert [(h.starts_at, h.ends_at) for h in held] == [(visit.starts_at, visit.ends_at)]


@pytest.mark.postgresql
def test_a_hold_committed_while_a_booking_waits_for_it_refuses_the_booking_and_leaves_nothing(
        fresh_app):
    """A desk books a time another desk is holding, not yet committed: the booking waits for
    it; once it commits, the booking is refused, leaves no visit and no hold, and its
    transaction goes on (the exclusion constraint's refusal, met without a savepoint)."""
    import time as clock

    from core import db as dbmod
    from core.api import SlotTaken, book

    _, practitioner_id, people, _ = _setup(fresh_app)
    start = at(next_weekday(2), 10)
    engine = fresh_app.extensions["soin_db"].engine
    outcome: dict = {}

    def desk():
        with fresh_app.app_context():
            sess = dbmod.session()
            try:
                book(sess, type_code="schedtest.visit", start=start, person=people[0],
                     practitioner=practitioner_id)
                outcome["booked"] = True
            except SlotTaken:
                outcome["visits"] = sess.scalar(select(func.count()).select_from(Appointment))
                sess.commit()  # the transaction is still usable
            except Exception as exc:  # noqa: BLE001 - reported to the test's thread
                outcome["error"] = exc

    with engine.connect() as other:
        other.execute(text("INSERT INTO sched_occupancy (resource_id, starts_at, ends_at) "
                           "VALUES (:r, :s, :e)"), {"r": practitioner_id, "s": start,
                                                     "e": start.replace(minute=30)})
        waiting = threading.Thread(target=desk)
        waiting.start()
        for _ in range(200):  # until the booking waits for this transaction's hold
            other.execute(text("SELECT pg_stat_clear_snapshot()"))  # else kept a transaction
            if other.execute(text("SELECT count(*) FROM pg_stat_activity WHERE datname = "
                                  "current_database() AND wait_event_type = 'Lock'")).scalar():
                break
            clock.sleep(0.05)
        else:
            pytest.fail("the booking never waited for the hold under way")
        other.commit()
        waiting.join(timeout=60)
    assert outcome == {"visits": 0}
    with fresh_app.app_context():
        from core.scheduling.models import Occupancy

        sess = dbmod.session()
        assert sess.scalar(select(func.count()).select_from(Appointment)) == 0
        assert sess.scalar(select(func.count()).select_from(Occupancy)) == 1  # the other's
