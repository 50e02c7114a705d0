"""The expiry warning: 30 days ahead, once per version, by e-mail through a real SMTP server."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import func, select

from core.coop_time import today as coop_today
from core.registry import plugin_host

from plugins.nursing import jobs
from plugins.nursing.models import OcExpiryNotice, OcVersion
from plugins.nursing.oc import registry


def _expire_in(db, code: str, days: int) -> OcVersion:
    row = registry.current(db, code, coop_today())
    row.expires_on = coop_today() + timedelta(days=days)
    row.document = {**row.document, "expires_on": row.expires_on.isoformat()}
    db.commit()
    return row


def test_coordinators_are_warned_once_thirty_days_ahead(app, db, nursing, make_account, smtp):
    make_account(roles=["coordinator"], email="coord@coop.example")
    make_account(roles=["reception"], email="accueil@coop.example")
    _expire_in(db, "OC-WARFARINE", 30)
    _expire_in(db, "OC-CYSTITE", 31)
    assert jobs.warn_expiring(app) == 1
    assert jobs.warn_expiring(app) == 0          # a second run (or a restart) warns no one twice
    notices = db.scalars(select(OcExpiryNotice)).all()
    assert [n.oc_version.code for n in notices] == ["OC-WARFARINE"]
    assert len(smtp.messages) == 1
    recipients, content = smtp.recipients[0], smtp.messages[0].as_string()
    assert recipients == ["coord@coop.example"]
    assert "OC-WARFARINE v1" in content and "Ajuster la warfarine" in content


def test_an_expired_or_distant_oc_is_not_warned_about(app, db, nursing, smtp):
    _expire_in(db, "OC-WARFARINE", 0)     # already expired: the register shows it, no e-mail
    _expire_in(db, "OC-CYSTITE", 200)
    assert jobs.warn_expiring(app) == 0
    assert db.scalar(select(func.count()).select_from(OcExpiryNotice)) == 0


def test_the_register_page_shows_the_warning_even_without_e_mail(app, client, db, login,
                                                                 nursing):
    _expire_in(db, "OC-CONTRACEPTION", 12)
    app.config["SOIN_SMTP_PORT"], old = 1, app.config["SOIN_SMTP_PORT"]   # nobody listens
    try:
        assert jobs.warn_expiring(app) == 1
    finally:
        app.config["SOIN_SMTP_PORT"] = old
    login(role="coordinator")
    assert "périmée d’ici 30 jours" in client.get("/p/nursing/oc").get_data(as_text=True)


def test_the_job_is_declared_daily(app):
    spec = next(j for j in plugin_host(app).declarations("register_jobs", False)
                if j.id == jobs.JOB_ID)
    assert spec.trigger == "cron" and spec.trigger_args == {"hour": 6, "minute": 15}
