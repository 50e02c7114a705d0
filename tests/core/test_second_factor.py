"""Two-step sign-in: staff reach no page before setting up an authenticator app; a code is
good once; a member is not made to; changing a password needs the current one."""

import hashlib
import re

import pyotp
import pytest

from core.identity.models import ApiToken
from core.security.models import TotpDevice
from core.testing.plugin import TEST_PASSWORD


@pytest.fixture
def staff_mfa(app):
    """The production default: every role but member needs a second factor."""
    app.config["SOIN_MFA"] = "staff"
    yield
    app.config["SOIN_MFA"] = "optional"


def _sign_in(client, account, password=TEST_PASSWORD):
    return client.post("/login", data={"username": account.username, "password": password})


def _enrol(client, db):
    """Set up the app from the account page, as a person would; returns its TOTP."""
    client.post("/account/two-step", data={"action": "start"})
    page = client.get("/account").get_data(as_text=True)
    secret = re.search(r"<code>([A-Z2-7]+)</code>", page).group(1)
    assert "<svg" in page  # the QR code to scan
    totp = pyotp.TOTP(secret)
    done = client.post("/account/two-step", data={"action": "confirm", "code": totp.now()})
    assert done.status_code == 302
    return totp


def test_staff_must_set_up_the_app_before_reaching_any_page(client, db, make_account, staff_mfa):
    nurse = make_account(roles=["practitioner"], discipline="nursing")
    assert _sign_in(client, nurse).status_code == 302
    blocked = client.get("/people")
    assert blocked.status_code == 302 and blocked.location.endswith("/account#two-step")
    assert "deux étapes" in client.get("/account").get_data(as_text=True)
    _enrol(client, db)
    assert client.get("/people").status_code == 200


def test_once_set_up_sign_in_asks_for_the_code_and_a_code_is_good_once(client, db, make_account):
    account = make_account(roles=["reception"])
    _sign_in(client, account)
    totp = _enrol(client, db)
    client.post("/logout")
    step_one = _sign_in(client, account)
    assert step_one.location.endswith("/login/code")
    assert client.get("/people").status_code == 302          # the password alone is not enough
    wrong = client.post("/login/code", data={"code": "000000"})
    assert wrong.status_code == 401 and "pas le bon" in wrong.get_data(as_text=True)
    device = db.get(TotpDevice, account.id)
    used = totp.at(device.last_step * totp.interval)
    assert client.post("/login/code", data={"code": used}).status_code == 401
    device.last_step -= 2  # pretend the enrolment was a minute ago, as a person would be
    db.commit()
    code = totp.now()
    assert client.post("/login/code", data={"code": code}).status_code == 302
    assert client.get("/people").status_code == 200
    client.post("/logout")
    _sign_in(client, account)
    replay = client.post("/login/code", data={"code": code})
    assert replay.status_code == 401                          # replayed code refused


def test_members_and_demo_accounts_are_not_made_to(client, db, make_account, make_person,
                                                    staff_mfa):
    member = make_account(roles=["member"], person=make_person())
    _sign_in(client, member)
    assert client.get("/portal/").status_code == 200
    client.post("/logout")
    demo = make_account(roles=["admin"])
    demo.is_demo = True
    db.commit()
    _sign_in(client, demo)
    assert client.get("/admin/services").status_code == 200


def test_a_required_app_cannot_be_removed_but_an_optional_one_can(client, db, make_account,
                                                                  app):
    account = make_account(roles=["coordinator"])
    _sign_in(client, account)
    _enrol(client, db)
    app.config["SOIN_MFA"] = "staff"
    try:
        refused = client.post("/account/two-step/remove", data={"remove_current": TEST_PASSWORD})
        assert refused.status_code == 422 and db.get(TotpDevice, account.id) is not None
        # the removal form is not drawn when the app is required: the reason is said on top
        assert ('<p class="flash error" role="alert">La coop exige un deuxième facteur pour '
                'votre compte.</p>') in refused.get_data(as_text=True)
    finally:
        app.config["SOIN_MFA"] = "optional"
    wrong = client.post("/account/two-step/remove", data={"remove_current": "not it at all"})
    assert wrong.status_code == 422 and db.get(TotpDevice, account.id) is not None
    assert client.post("/account/two-step/remove",
                       data={"remove_current": TEST_PASSWORD}).status_code == 302
    db.expire_all()
    assert db.get(TotpDevice, account.id) is None


def test_changing_the_password_needs_the_current_one_and_ends_other_sessions(app, client, db,
                                                                             make_account):
    account = make_account(roles=["reception"])
    other = app.test_client()
    _sign_in(other, account)
    _sign_in(client, account)
    bad = client.post("/account/password", data={"current": "wrong password here",
                                                 "new": "un nouveau jardin partagé",
                                                 "confirm": "un nouveau jardin partagé"})
    assert bad.status_code == 422 and "pas votre mot de passe actuel" in bad.get_data(as_text=True)
    common = client.post("/account/password", data={"current": TEST_PASSWORD,
                                                    "new": "password123", "confirm": "password123"})
    assert common.status_code == 422 and "trop courant" in common.get_data(as_text=True)
    good = client.post("/account/password", data={"current": TEST_PASSWORD,
                                                  "new": "un nouveau jardin partagé",
                                                  "confirm": "un nouveau jardin partagé"})
    assert good.status_code == 302
    assert client.get("/people").status_code == 200               # this browser goes on
    assert other.get("/people").status_code == 302                # the other one is signed out
    client.post("/logout")
    assert _sign_in(client, account, "un nouveau jardin partagé").status_code == 302


def test_api_tokens_are_not_asked_for_a_code(client, db, make_account, staff_mfa):
    account = make_account(roles=["reception"])
    db.add(ApiToken(account_id=account.id, name="t",
                    token_hash=hashlib.sha256(b"api-secret").hexdigest()))
    db.commit()
    answer = client.get("/api/v1/people?q=x", headers={"Authorization": "Bearer api-secret"})
    assert answer.status_code == 200
