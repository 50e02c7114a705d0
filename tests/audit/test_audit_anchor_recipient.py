"""The anchor's copy goes to the designated privacy officer; the setting is only the fallback,
and an anchor that reaches nobody is told on the administrator's and the officer's pages and in
the job's log, never skipped in silence."""

import logging

import pytest

from core.api import audit
from core.audit.anchors import ANCHOR_JOB
from core.audit.cli import anchor_command
from core.audit.models import AuditAnchor
from core.jobs import run_job_now
from core.privacy import officer as officers

SETTING = "SOIN_PRIVACY_OFFICER_EMAIL"


@pytest.fixture
def trail(db, make_person):
    audit(db, "chart.read", person_id=make_person().id, actor=None, purpose="visit")
    db.commit()


@pytest.fixture
def setting(app):
    yield lambda value: app.config.__setitem__(SETTING, value)
    app.config[SETTING] = None


def _designate(db, make_account, email="rprp@coop.example", phone=""):
    account = make_account(roles=["coordinator"], display_name="Odile Officière")
    officers.designate(db, {"account_id": account.id, "email": email, "phone": phone,
                            "delegation": "Résolution CA-2026-11"}, by=None)
    db.commit()
    return account


def _newest(db):
    db.expire_all()
    return db.query(AuditAnchor).order_by(AuditAnchor.id.desc()).first()


def test_the_anchor_goes_to_the_designated_officer_not_the_setting(
        app, db, trail, smtp, setting, make_account):
    setting("ancienne.adresse@coop.example")
    _designate(db, make_account)
    assert run_job_now(app, ANCHOR_JOB) is True
    [mail] = smtp.messages
    assert mail["To"] == "rprp@coop.example"
    assert _newest(db).mailed_to == "rprp@coop.example"


def test_the_setting_is_the_fallback_when_the_officer_has_no_address(
        app, db, trail, smtp, setting, make_account):
    _designate(db, make_account, email="", phone="514 555-0199")
    setting("vie.privee@coop.example")
    assert run_job_now(app, ANCHOR_JOB) is True
    [mail] = smtp.messages
    assert mail["To"] == "vie.privee@coop.example"


def test_no_officer_and_no_setting_is_said_in_the_log_the_command_and_the_pages(
        app, db, trail, smtp, client, login, make_account, caplog):
    with caplog.at_level(logging.WARNING, "soin.audit"):
        assert run_job_now(app, ANCHOR_JOB) is True
    assert smtp.messages == [] and _newest(db).mailed_to == ""
    assert any("not mailed" in r.getMessage() and "SOIN_PRIVACY_OFFICER_EMAIL" in r.getMessage()
               for r in caplog.records)
    result = app.test_cli_runner().invoke(anchor_command, [])
    assert result.exit_code == 0 and "not mailed" in result.output
    login(role="admin")
    for page in ("/", "/admin/privacy-officer"):
        body = client.get(page).get_data(as_text=True)
        assert 'id="anchor-warning"' in body
        assert "n’a été envoyée à personne" in body and "aucune personne responsable" in body
    # designating an officer with an address: the next anchor reaches them, the warning goes
    _designate(db, make_account)
    assert run_job_now(app, ANCHOR_JOB) is True
    assert [m["To"] for m in smtp.messages] == ["rprp@coop.example"]
    assert 'id="anchor-warning"' not in client.get("/").get_data(as_text=True)


def test_members_and_practitioners_never_see_the_anchor_warning(
        app, db, trail, client, login):
    assert run_job_now(app, ANCHOR_JOB) is True
    login(role="practitioner", discipline="nursing")
    assert 'id="anchor-warning"' not in client.get("/").get_data(as_text=True)


def test_the_warning_in_english(app, db, trail, client, login):
    assert run_job_now(app, ANCHOR_JOB) is True
    login(role="admin")
    body = client.get("/admin/privacy-officer", headers={"Accept-Language": "en"}).get_data(
        as_text=True)
    assert "was mailed to nobody: no privacy officer is designated" in body
    # the anchor's day in words (it read "The audit trail's anchor of 2026-12-07")
    from babel.dates import format_date

    from core.api import today
    assert f"anchor of {format_date(today(), 'long', locale='en')} was mailed" in body
    assert today().isoformat() not in body


def test_an_officer_without_an_address_and_no_setting_is_named_as_the_reason(
        app, db, trail, smtp, client, login, make_account):
    _designate(db, make_account, email="", phone="514 555-0199")
    assert run_job_now(app, ANCHOR_JOB) is True
    assert smtp.messages == [] and _newest(db).mailed_to == ""
    login(role="admin")
    body = client.get("/admin/privacy-officer").get_data(as_text=True)
    assert 'id="anchor-warning"' in body and "n’a pas d’adresse courriel" in body
