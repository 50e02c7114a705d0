"""The demo coop has an account for each governance role, so a secretary, an assembly chair
and a board member can be tried: each reaches what the role is for."""

from core.demo import DEMO_PASSWORD, load_demo
from core.identity.models import Account


def test_the_demo_has_a_secretary_a_chair_and_a_board_member(app, db):
    load_demo(db, app, households=6)
    db.commit()
    roles = {a.username: a.role_codes for a in db.query(Account)}
    assert roles["secretaire"] == {"governance.secretary"}
    assert roles["presidence"] == {"governance.chair"}
    assert roles["conseil"] == {"governance.board"}
    for username, page, status in (("secretaire", "/p/governance/assemblies/", 200),
                                   ("presidence", "/p/governance/assemblies/", 200),
                                   ("conseil", "/p/governance/assemblies/resolutions", 200)):
        client = app.test_client()  # a browser of their own
        assert client.post("/login", data={"username": username,
                                           "password": DEMO_PASSWORD}).status_code == 302
        assert client.get(page).status_code == status, (username, page)


def test_the_demo_notices_of_meeting_are_in_each_members_language(app, db):
    """The notices recorded as sent read as the real ones would: French or English by person."""
    from core.api import OutboxMessage, Person
    load_demo(db, app, households=6)
    db.commit()
    notices = db.query(OutboxMessage).filter(OutboxMessage.key.like("governance.notice:%")).all()
    assert notices
    languages = set()
    for message in notices:
        person = db.get(Person, message.person_id)
        english = (person.language or "fr_CA").startswith("en")
        languages.add(english)
        assert message.subject.startswith("Notice of meeting" if english else "Avis de convocation")
        assert message.body != "(démo)"
    assert languages == {True, False}  # the demo has members of both languages
