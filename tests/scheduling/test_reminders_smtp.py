"""Reminders through a provider's kind of SMTP server: STARTTLS, a checked certificate, sign-in."""

import ssl
import subprocess

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

from core.jobs import run_job_now
from core.scheduling.declarations import REMINDER_JOB
from core.scheduling.extra_models import OutboxMessage
from core.scheduling.reminders import set_preference
from core.testing.mail import Inbox, free_port
from tests.scheduling.test_reminders import _visit_in


@pytest.fixture
def provider(app, monkeypatch, tmp_path):
    """A real SMTP server that demands STARTTLS, then a user name and password."""
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
                    "-keyout", str(key), "-out", str(cert), "-subj", "/CN=localhost",
                    "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1"],
                   check=True, capture_output=True)
    server_tls = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    server_tls.load_cert_chain(cert, key)
    port = free_port()

    def authenticate(server, session, envelope, mechanism, auth_data):
        return AuthResult(success=isinstance(auth_data, LoginPassword)
                          and (auth_data.login, auth_data.password) == (b"rappels", b"s3cret"),
                          handled=False)  # the server answers 535 on refusal

    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=port, tls_context=server_tls,
                            require_starttls=True, auth_required=True,
                            authenticator=authenticate)
    controller.start()
    monkeypatch.setenv("SSL_CERT_FILE", str(cert))  # the certificate is trusted, as a CA's
    for key_, value in {"SOIN_SMTP_HOST": "127.0.0.1", "SOIN_SMTP_PORT": port,
                        "SOIN_SMTP_STARTTLS": True, "SOIN_SMTP_USER": "rappels",
                        "SOIN_SMTP_PASSWORD": "s3cret",
                        "SOIN_MAIL_FROM": "rappels@coop.example"}.items():
        monkeypatch.setitem(app.config, key_, value)
    yield inbox
    controller.stop()


@pytest.fixture
def due(db, types_on, make_person):
    """A visit in 20 hours for a member who asked to be reminded a day before."""
    person = make_person("Maude", "Ouellet", email="maude@example.org")
    set_preference(db, person, "email", 24)
    _visit_in(db, person, 20)
    db.commit()


def _outbox_status(db):
    row = db.query(OutboxMessage).one()
    db.refresh(row)
    return row.status


def test_a_reminder_goes_out_encrypted_and_signed_in(app, db, provider, due):
    run_job_now(app, REMINDER_JOB)
    assert [m["To"] for m in provider.messages] == ["maude@example.org"]
    assert _outbox_status(db) == "sent"


@pytest.mark.parametrize("setting, value", [("SOIN_SMTP_PASSWORD", "wrong"),
                                            ("SOIN_SMTP_STARTTLS", False)])
def test_a_refused_sign_in_keeps_the_reminder_pending(app, db, provider, due, monkeypatch,
                                                      setting, value):
    monkeypatch.setitem(app.config, setting, value)
    run_job_now(app, REMINDER_JOB)
    assert provider.messages == [] and _outbox_status(db) == "pending"


def test_an_untrusted_certificate_is_refused(app, db, provider, due, monkeypatch):
    monkeypatch.delenv("SSL_CERT_FILE")
    run_job_now(app, REMINDER_JOB)
    assert provider.messages == [] and _outbox_status(db) == "pending"
