"""Login throttling slows attackers without locking the real user out."""

import re

from core.security.models import LoginThrottle

GOOD = "correct horse battery staple"


def _attempt(client, username, password, ip):
    return client.post("/login", data={"username": username, "password": password},
                       environ_base={"REMOTE_ADDR": ip})


def test_guessing_from_one_address_is_throttled(client, factories):
    account = factories.account(roles=["reception"])
    statuses = [_attempt(client, account.username, f"wrong-{i}", "203.0.113.5").status_code
                for i in range(11)]
    assert statuses[:10] == [401] * 10 and statuses[10] == 429
    # even the right password is refused from that address for now
    assert _attempt(client, account.username, GOOD, "203.0.113.5").status_code == 429


def test_attack_from_many_addresses_does_not_lock_out_the_owner_on_a_known_device(app, client, factories):
    account = factories.account(roles=["reception"])
    assert _attempt(client, account.username, GOOD, "198.51.100.7").status_code == 302
    client.post("/logout")
    attacker = app.test_client()
    for i in range(60):
        _attempt(attacker, account.username, f"wrong-{i}", f"203.0.113.{i % 6}")
    # a new device is now held back by the account-wide counter...
    assert _attempt(app.test_client(), account.username, GOOD, "192.0.2.1").status_code == 429
    # ...but the owner's browser, where they signed in before, still gets in
    assert _attempt(client, account.username, GOOD, "198.51.100.7").status_code == 302


def test_unknown_usernames_only_count_against_the_address(client, db):
    for i in range(20):
        _attempt(client, f"nobody{i}", "whatever-password", "203.0.113.9")
    keys = [row.key for row in db.query(LoginThrottle)]
    assert keys == ["ip:203.0.113.9"]


def test_same_answer_for_unknown_user_and_wrong_password(client, factories):
    account = factories.account(roles=["reception"])
    unknown = _attempt(client, "nobody", "wrong-password", "203.0.113.20")
    wrong = _attempt(client, account.username, "wrong-password", "203.0.113.21")
    assert unknown.status_code == wrong.status_code == 401
    strip = lambda r: re.sub(r'name="csrf_token" value="[^"]+"', "", r.get_data(as_text=True))
    assert strip(unknown) == strip(wrong)
