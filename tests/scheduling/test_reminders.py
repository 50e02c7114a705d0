"""Reminders reach a real local SMTP server (aiosmtpd) once, and only when the member asked."""

from datetime import timedelta
from email.header import decode_header, make_header

import pytest

from core.api import book
from core.db import utcnow
from core.jobs import run_job_now
from core.registry import plugin_host
from core.scheduling.availability import create_room
from core.scheduling.declarations import REMINDER_JOB
from core.scheduling.extra_models import OutboxMessage
from core.scheduling.models import Appointment
from core.scheduling.reminders import queue_due, send_pending, set_preference
from core.testing.mail import free_port
from tests.scheduling.conftest import MONTREAL


@pytest.fixture
def smtp(smtp, monkeypatch, app):
    """Core's SMTP server fixture, the coop's reminder address as sender."""
    monkeypatch.setitem(app.config, "SOIN_MAIL_FROM", "rappels@coop.example")
    return smtp


def _visit_in(db, person, hours):
    room = create_room(db, f"Salle {hours}")
    start = (utcnow() + timedelta(hours=hours)).replace(second=0, microsecond=0)
    return book(db, type_code="schedtest.visit", start=start, person=person, room=room)


def test_a_reminder_arrives_once_even_when_the_job_runs_again(app, db, smtp, types_on,
                                                              make_person):
    person = make_person("Maude", "Ouellet", email="maude@example.org")
    set_preference(db, person, "email", 24)
    _visit_in(db, person, 20)
    db.commit()
    assert run_job_now(app, REMINDER_JOB) is True
    assert run_job_now(app, REMINDER_JOB) is True  # a second run, as after a restart
    assert len(smtp.messages) == 1
    mail = smtp.messages[0]
    assert mail["To"] == "maude@example.org" and mail["From"] == "rappels@coop.example"
    subject = str(make_header(decode_header(mail["Subject"])))
    assert subject.startswith("Rappel\u202f: votre rendez-vous")
    body = mail.get_payload(decode=True).decode()
    assert "Bonjour Maude" in body and "Test visit" not in body  # when, never what
    local = db.query(Appointment).one().starts_at.astimezone(MONTREAL)
    assert f"à {local.hour:02d}\u00a0h\u00a0{local.minute:02d}." in body  # as the agenda writes it
    row = db.query(OutboxMessage).one()
    db.refresh(row)
    assert row.status == "sent" and row.sent_at is not None


def test_no_reminder_without_the_members_choice_or_too_early(app, db, smtp, types_on,
                                                              make_person):
    silent = make_person("Paul", "Roy", email="paul@example.org")
    _visit_in(db, silent, 3)  # no preference: the private default
    early = make_person("Léa", "Roy", email="lea@example.org")
    set_preference(db, early, "email", 2)
    _visit_in(db, early, 30)  # due only 2 hours before
    db.commit()
    run_job_now(app, REMINDER_JOB)
    assert smtp.messages == [] and db.query(OutboxMessage).count() == 0


def test_a_message_claimed_before_a_crash_is_never_sent_again(app, db, smtp, types_on,
                                                              make_person):
    person = make_person("Maude", "Ouellet", email="maude@example.org")
    set_preference(db, person, "email", 48)
    _visit_in(db, person, 5)
    assert queue_due(db) == 1 and queue_due(db) == 0  # recorded once
    row = db.query(OutboxMessage).one()
    row.status = "sending"  # the worker died after claiming it, before marking it sent
    db.commit()
    assert send_pending(app) == 0
    assert smtp.messages == []


def test_an_unreachable_server_keeps_messages_pending(app, db, monkeypatch, types_on,
                                                      make_person):
    monkeypatch.setitem(app.config, "SOIN_SMTP_PORT", free_port())  # nobody listens there
    person = make_person("Maude", "Ouellet", email="maude@example.org")
    set_preference(db, person, "email", 24)
    _visit_in(db, person, 2)
    db.commit()
    run_job_now(app, REMINDER_JOB)
    row = db.query(OutboxMessage).one()
    db.refresh(row)
    assert row.status == "pending"


def test_a_cancelled_visit_is_not_reminded_and_a_moved_one_at_its_new_time(app, db, smtp,
                                                                          types_on, make_person):
    from core.api import cancel
    from core.scheduling.service import move

    person = make_person("Maude", "Ouellet", email="maude@example.org")
    set_preference(db, person, "email", 48)
    dropped, moved = _visit_in(db, person, 20), _visit_in(db, person, 30)
    assert queue_due(db) == 2  # recorded while the SMTP server was down, say
    cancel(db, dropped)
    move(db, moved, moved.starts_at + timedelta(hours=1))
    db.commit()
    run_job_now(app, REMINDER_JOB)
    assert len(smtp.messages) == 1  # the moved visit, once, at its new time
    sent = db.query(OutboxMessage).one()
    assert sent.key.startswith(f"reminder:appointment:{moved.id}:")
    assert f"{moved.starts_at:%Y%m%dT%H%MZ}" in sent.key


def test_a_cancelled_group_seat_or_session_is_not_reminded(app, db, smtp, types_on, make_person):
    from core.api import cancel, create_group_session, sign_up
    from core.scheduling.groups import cancel_group_session

    sessions = [create_group_session(db, type_code="schedtest.group", capacity=2,
                                     start=utcnow().replace(second=0, microsecond=0)
                                     + timedelta(hours=hours)) for hours in (5, 6)]
    seats = []
    for first, email in (("Maude", "maude@example.org"), ("Léa", "lea@example.org")):
        person = make_person(first, "Roy", email=email)
        set_preference(db, person, "email", 24)
        seats.append(sign_up(db, sessions[0], person))
        sign_up(db, sessions[1], person)
    assert queue_due(db) == 4
    cancel(db, seats[0])
    cancel_group_session(db, sessions[1])
    db.commit()
    run_job_now(app, REMINDER_JOB)
    assert [m["To"] for m in smtp.messages] == ["lea@example.org"]


@pytest.mark.concurrency
def test_the_worker_scheduler_sends_a_due_reminder_once_across_a_restart(fresh_app, smtp):
    """The real thing: `soin worker`'s scheduler, its SQLAlchemy job store, started twice."""
    import time as clock
    from datetime import datetime, timezone

    from apscheduler.events import EVENT_JOB_ERROR, EVENT_JOB_EXECUTED
    from sqlalchemy import text

    from core import db as dbmod
    from core.admin.service import set_active
    from core.identity import service as people
    from core.jobs import build_scheduler

    with fresh_app.app_context():
        sess = dbmod.session()
        set_active(sess, plugin_host(fresh_app), "schedtest", True)
        household = people.create_household(sess, {"name": "Ouellet"})
        person = people.register_person(sess, {"first_name": "Maude", "last_name": "Ouellet",
                                               "email": "maude@example.org"}, household)
        set_preference(sess, person, "email", 24)
        _visit_in(sess, person, 20)
        sess.commit()
    engine = fresh_app.extensions["soin_db"].engine
    try:
        for _start in range(2):  # the worker starts, stops, starts again
            scheduler = build_scheduler(fresh_app)
            scheduler.start(paused=True)
            ran = []
            scheduler.add_listener(lambda event, ran=ran: ran.append((event.job_id, event.exception)),
                                   EVENT_JOB_EXECUTED | EVENT_JOB_ERROR)
            scheduler.modify_job(REMINDER_JOB, next_run_time=datetime.now(timezone.utc))
            scheduler.resume()
            deadline = clock.monotonic() + 30
            while not ran and clock.monotonic() < deadline:
                clock.sleep(0.1)
            scheduler.shutdown(wait=True)
            assert ran == [(REMINDER_JOB, None)]
            with engine.connect() as conn:  # the job is stored once, in the database
                stored = conn.execute(text("SELECT id FROM apscheduler_jobs")).scalars().all()
            assert stored.count(REMINDER_JOB) == 1
    finally:
        with engine.begin() as conn:
            conn.execute(text("DELETE FROM apscheduler_jobs"))
    assert len(smtp.messages) == 1
    assert smtp.messages[0]["To"] == "maude@example.org"
    with engine.connect() as conn:
        assert conn.execute(text("SELECT status FROM sched_outbox")).scalars().all() == ["sent"]
