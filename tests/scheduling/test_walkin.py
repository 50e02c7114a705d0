"""The walk-in queue: tickets, triage order, calling, waiting time."""

from datetime import date, timedelta

import pytest

from core.scheduling import walkin
from core.scheduling.errors import InvalidTransition, SchedulingError
from core.scheduling.extra_models import WalkInTicket


def test_tickets_are_numbered_and_the_urgent_are_called_first(db, make_account, make_person):
    desk = make_account(roles=["reception"])
    first = walkin.add_ticket(db, label="Marc", by=desk)
    second = walkin.add_ticket(db, person=make_person(), priority=1, by=desk)
    third = walkin.add_ticket(db, label="Ana", priority=2, by=desk)
    assert (first.number, second.number, third.number) == (1, 2, 3)
    assert [t.id for t in walkin.queue(db)] == [second.id, third.id, first.id]
    called = walkin.call_next(db, desk)
    assert called.id == second.id and called.called_by_id == desk.id and called.called_at
    assert [t.status for t in walkin.queue(db)] == ["waiting", "waiting", "called"]


def test_waiting_time_stops_when_called_and_seen_needs_a_call(db, make_account):
    desk = make_account(roles=["reception"])
    ticket = walkin.add_ticket(db, label="Marc")
    ticket.arrived_at -= timedelta(minutes=25)
    assert walkin.waiting_time(ticket) >= timedelta(minutes=25)
    with pytest.raises(InvalidTransition):
        walkin.close(db, ticket, "done")
    walkin.call(db, ticket, desk)
    waited = walkin.waiting_time(ticket)
    assert waited == ticket.called_at - ticket.arrived_at
    walkin.close(db, ticket, "done")
    assert walkin.queue(db) == [] and walkin.closed_today(db) == [ticket]


def test_a_ticket_needs_a_person_or_a_name(db):
    with pytest.raises(SchedulingError) as refused:
        walkin.add_ticket(db, label="  ")
    assert refused.value.field == "label"
    assert db.query(WalkInTicket).count() == 0


def test_the_queue_page_gives_tickets_and_calls_people(client, login, db):
    login(role="reception")
    response = client.post("/schedule/walk-in/tickets", data={"label": "Marc", "priority": "3"})
    assert response.status_code == 302
    client.post("/schedule/walk-in/tickets", data={"label": "Ana", "priority": "1"})
    page = client.get("/schedule/walk-in/").get_data(as_text=True)
    assert page.index("Ana") < page.index("Marc")  # urgent first
    client.post("/schedule/walk-in/next")
    ana = db.query(WalkInTicket).filter_by(label="Ana").one()
    assert ana.status == "called" and ana.called_at is not None
    bad = client.post("/schedule/walk-in/tickets", data={"label": "", "priority": "9"})
    assert bad.status_code == 422 and "Choisissez une priorité." in bad.get_data(as_text=True)


def test_a_refusal_of_a_field_the_page_does_not_show_is_said_at_the_top(client, login, db):
    """The hidden person field refused (an id that cannot be one): the page has no place next
    to it, so the message is shown at the top of the page rather than a 422 saying nothing."""
    login(role="reception")
    bad = client.post("/schedule/walk-in/tickets",
                      data={"person_id": "99999999999", "label": "Marc", "priority": "3"})
    page = bad.get_data(as_text=True)
    assert bad.status_code == 422
    top = page[:page.index("<h1>")]
    assert '<p class="flash error" role="alert">Choisissez une personne.</p>' in top
    assert 'value="Marc"' in page
    assert db.query(WalkInTicket).count() == 0


def test_the_queue_search_tells_two_namesakes_apart_by_their_date_of_birth(client, login,
                                                                          make_person):
    """Two Ève Lévesque at the desk: each match shows a date of birth, as the booking
    page's search does, so reception gives the ticket to the right one."""
    login(role="reception")
    make_person("Ève", "Lévesque", date_of_birth=date(2008, 1, 29))
    make_person("Ève", "Lévesque", date_of_birth=date(1958, 12, 15))
    page = client.get("/schedule/walk-in/?q=levesque").get_data(as_text=True)
    matches = page[page.index('<ul class="matches">'):]
    assert "Lévesque, Ève (29 janv. 2008)" in matches
    assert "Lévesque, Ève (15 déc. 1958)" in matches


def test_the_button_for_someone_who_left_reads_the_same_for_anyone(client, login):
    """The queue's button read "Partie" (she left) for Marc as for Ana: the French is one
    word for anyone, as the coop writes (tests/i18n/test_inclusive_writing.py)."""
    login(role="reception")
    client.post("/schedule/walk-in/tickets", data={"label": "Marc", "priority": "3"})
    page = client.get("/schedule/walk-in/").get_data(as_text=True)
    assert 'value="left">Départ</button>' in page and ">Partie<" not in page
