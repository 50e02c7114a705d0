"""A page's message for the next page travels in a sealed cookie, not in the session's row:
a form post whose only change to the session is its message writes no session row, and the
message is read by nobody else, shown once, in its own session only."""

import json
import time

from core.security import flash_cookie
from core.security.sessions import COOKIE, token_hash
from core.testing.contract_support import statements

HELENE = {"first_name": "Hélène", "last_name": "Côté", "date_of_birth": "1975-03-02",
          "ramq": "cote 7503 0212", "new_household": "1"}


def _flash(client):
    cookie = client.get_cookie(flash_cookie.COOKIE)
    return cookie.value if cookie else None


def _register(client):
    answer = client.post("/people/new", data=HELENE)
    assert answer.status_code == 302
    return answer


def test_a_post_whose_message_is_its_only_change_writes_no_session_row(client, login, db):
    """Every form post wrote the session's row back for its message (an UPDATE in its
    transaction) and the next page a second time to remove it."""
    login(role="reception")
    client.get("/people")  # past the sign-in's own writes
    with statements(db.get_bind().engine) as sent:
        answer = _register(client)
        page = client.get(answer.location).get_data(as_text=True)
    assert not [s for s in sent if "core_sessions" in s and not s.startswith("SELECT")]
    assert "Inscription faite\u202f: Hélène Côté" in page


def test_the_message_is_shown_once_then_gone(client, login):
    login(role="reception")
    location = _register(client).location
    assert _flash(client)
    assert "Inscription faite" in client.get(location).get_data(as_text=True)
    assert _flash(client) is None  # removed by the page that showed it
    assert "Inscription faite" not in client.get(location).get_data(as_text=True)


def test_the_cookie_gives_nothing_away_and_opens_in_its_own_session_only(app, client, login,
                                                                         factories):
    """Sealed: the person's name is not in it; another session's browser is shown nothing."""
    login(role="reception")
    location = _register(client).location
    sealed = _flash(client)
    assert "Côté" not in sealed and "C%C3%B4t" not in sealed and "Inscription" not in sealed
    other = app.test_client()
    colleague = factories.account(roles=["reception"])
    other.post("/login", data={"username": colleague.username,
                               "password": "correct horse battery staple"})
    other.set_cookie(flash_cookie.COOKIE, sealed)
    assert "Inscription faite" not in other.get(location).get_data(as_text=True)


def test_an_altered_or_expired_cookie_shows_nothing_and_breaks_nothing(app, client, login):
    login(role="reception")
    location = _register(client).location
    sealed = _flash(client)
    client.set_cookie(flash_cookie.COOKIE, sealed[:-6] + "AAAAAA")
    altered = client.get(location)
    assert altered.status_code == 200 and "Inscription faite" not in altered.get_data(as_text=True)
    digest = token_hash(client.get_cookie(COOKIE).value)
    old = flash_cookie._fernet(app.config["SECRET_KEY"]).encrypt_at_time(
        json.dumps({"s": digest[:32], "f": [["success", "OLD MESSAGE"]]}).encode(),
        int(time.time()) - flash_cookie.TTL - 5).decode()
    client.set_cookie(flash_cookie.COOKIE, old)
    assert "OLD MESSAGE" not in client.get(location).get_data(as_text=True)


def test_a_request_beside_the_page_never_brings_a_shown_message_back(client, login):
    """A style sheet asked with the message's cookie, answered after the page that showed it,
    must not set it again (the next page would show it a second time)."""
    login(role="reception")
    location = _register(client).location
    sealed = _flash(client)
    client.get(location)  # shown, cookie removed
    client.set_cookie(flash_cookie.COOKIE, sealed)  # the style sheet left with the old one
    beside = client.get("/static/soin.css")
    assert not [h for h in beside.headers.getlist("Set-Cookie")
                if h.startswith(flash_cookie.COOKIE + "=") and "Max-Age=0" not in h]


def test_the_message_cookie_is_set_as_the_session_cookie_and_goes_at_sign_out(client, login):
    login(role="reception")
    answer = _register(client)
    [header] = [h for h in answer.headers.getlist("Set-Cookie")
                if h.startswith(flash_cookie.COOKIE + "=")]
    assert "HttpOnly" in header and "SameSite=Lax" in header and "Path=/" in header
    assert "Max-Age=300" in header
    gone = client.post("/logout")
    assert _flash(client) is None
    assert any(h.startswith(flash_cookie.COOKIE + "=") for h in gone.headers.getlist("Set-Cookie"))


def test_messages_no_page_showed_keep_the_newest_ten_within_a_cookies_size(client, login):
    """A client that posts again and again without reading the pages it is sent to (a script)
    piles messages up: a cookie past 4 KB is dropped whole by a browser, so the newest ten are
    kept (the session's row used to grow with every one of them)."""
    login(role="reception")
    names = ["Anne", "Béa", "Cloé", "Dina", "Élise", "Flore", "Gaëlle", "Hana", "Inès", "Jade",
             "Katia", "Léa", "Maëlle", "Noémie"]
    token = client.csrf_token()  # once: the test client's own GET of a page shows them
    for n, name in enumerate(names):
        answer = client.post("/people/new", data={**HELENE, "first_name": name, "csrf_token": token,
                                                  "ramq": f"COTE7503{n + 10:02d}12",
                                                  "date_of_birth": f"1975-03-{n + 1:02d}"},
                             csrf=False)
        assert answer.status_code == 302
    sealed = _flash(client)
    assert len(sealed) < 4096
    page = client.get("/people").get_data(as_text=True)
    assert "faite\u202f: Noémie Côté" in page and "faite\u202f: Élise Côté" in page
    assert "faite\u202f: Dina Côté" not in page
