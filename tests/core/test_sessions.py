"""Sessions live on the server: logout really ends them, timeouts apply, ids rotate."""

import re
from datetime import timedelta

from core.security.models import ServerSession
from core.security.sessions import COOKIE, token_hash


def _cookie(client):
    cookie = client.get_cookie(COOKIE)
    return cookie.value if cookie else None


def test_cookie_replayed_after_logout_is_refused(app, client, login):
    login(role="admin")
    stolen = _cookie(client)
    assert client.get("/admin/services").status_code == 200
    client.post("/logout")
    attacker = app.test_client()
    attacker.set_cookie(COOKIE, stolen)
    response = attacker.get("/admin/services")
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_new_session_identifier_at_login(client, factories):
    account = factories.account(roles=["admin"])
    client.get("/login")  # an anonymous session with a CSRF token
    before = _cookie(client)
    client.post("/login", data={"username": account.username,
                                "password": "correct horse battery staple"})
    after = _cookie(client)
    assert before and after and before != after


def test_idle_timeout_after_30_minutes(client, login, db):
    login(role="admin")
    expired = token_hash(_cookie(client))
    row = db.get(ServerSession, expired)
    row.last_seen_at = row.last_seen_at - timedelta(minutes=31)
    db.commit()
    assert client.get("/admin/services").status_code == 302
    db.expire_all()
    assert db.get(ServerSession, expired) is None  # the expired session is gone from the store


def test_signing_in_again_with_an_expired_cookie_works(client, factories, db):
    account = factories.account(roles=["admin"])
    password = {"username": account.username, "password": "correct horse battery staple"}
    client.post("/login", data=password)
    expired = token_hash(_cookie(client))
    db.get(ServerSession, expired).last_seen_at -= timedelta(minutes=31)
    db.commit()
    assert client.post("/login", data=password).status_code == 302
    assert client.get("/admin/services").status_code == 200
    db.expire_all()
    assert db.get(ServerSession, expired) is None


def test_absolute_timeout_after_12_hours(client, login, db):
    login(role="admin")
    row = db.get(ServerSession, token_hash(_cookie(client)))
    row.created_at = row.created_at - timedelta(hours=12, minutes=1)
    db.commit()
    assert client.get("/admin/services").status_code == 302


def test_disabling_an_account_ends_its_sessions(app, client, login, factories):
    victim = factories.account(roles=["reception"])
    other = app.test_client()
    other.post("/login", data={"username": victim.username,
                               "password": "correct horse battery staple"})
    assert other.get("/people").status_code == 200
    login(role="admin")
    client.post(f"/admin/accounts/{victim.id}", data={"roles": ["reception"]})  # no "active"
    assert other.get("/people").status_code == 302


def test_session_cookie_flags(app, client, factories):
    account = factories.account(roles=["admin"])
    response = client.post("/login", data={"username": account.username,
                                            "password": "correct horse battery staple"})
    header = [h for h in response.headers.getlist("Set-Cookie") if h.startswith(COOKIE)][0]
    assert "HttpOnly" in header and "SameSite=Lax" in header
    https = app.test_client()
    page = https.get("/login", base_url="https://localhost").get_data(as_text=True)
    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    secure = https.post("/login", base_url="https://localhost", csrf=False,
                        headers={"Referer": "https://localhost/login"},  # strict over HTTPS
                        data={"username": account.username, "csrf_token": token,
                              "password": "correct horse battery staple"})
    header = [h for h in secure.headers.getlist("Set-Cookie") if h.startswith(COOKIE)][0]
    assert "Secure" in header


def test_a_session_ended_on_the_server_is_refused_on_its_next_request(client, login, db):
    """Ending an account's sessions (a password reset by an administrator) signs it out of
    the browser it is using at its very next page."""
    from core.security.sessions import end_sessions_of

    account = login(role="reception")
    assert client.get("/people").status_code == 200
    end_sessions_of(db, account.id)
    db.commit()
    response = client.get("/people")
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_a_role_taken_from_an_account_is_refused_on_its_next_request(client, login, db):
    """The account's roles are read with its session on every request: one taken away by an
    administrator closes its pages at once, and one given back opens them again."""
    from core.identity.models import Role

    account = login(role="reception")
    assert client.get("/people").status_code == 200
    db.get(type(account), account.id).roles = []
    db.commit()
    assert client.get("/people").status_code == 403
    db.get(type(account), account.id).roles = [db.get(Role, "reception")]
    db.commit()
    assert client.get("/people").status_code == 200
