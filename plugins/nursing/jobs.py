"""The nursing service's scheduled work: warn coordinators before an OC expires.

An expired ordonnance collective cannot be applied (the engine refuses it), so the coop needs
time to have the physicians revise and sign a new version. Thirty days before expiry the job
records a notice for the version — once: the notice's unique key makes a second run, a restart
or two workers harmless — commits it, then e-mails the coordinators. The registry page shows
the notices too, so a failed e-mail never hides the warning. The e-mail names the OC and the
date only: no health information travels by e-mail.
"""

from __future__ import annotations

import logging
from email.message import EmailMessage

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from core.api import (Account, JobSpec, current_session, format_day, in_language, smtp_connection,
                      today as coop_today, utcnow)

from plugins.nursing import _
from plugins.nursing.models import OcExpiryNotice
from plugins.nursing.oc import registry
from plugins.nursing.oc.document import text as localized

log = logging.getLogger("soin.nursing")
WARN_DAYS = 30
JOB_ID = "nursing.oc_expiry_warning"



def coordinators(session) -> list:
    """Active coordinators' (e-mail, locale), for those who gave an address."""
    return session.execute(select(Account.email, Account.locale).where(
        Account.roles.any(code="coordinator"), Account.active.is_(True),
        Account.email != "")).all()


def record_notices(session, today) -> list[OcExpiryNotice]:
    """Record a notice for every OC version expiring within 30 days and not yet noticed."""
    noticed = set(session.execute(select(OcExpiryNotice.oc_version_id)).scalars())
    recipients = coordinators(session)
    new = []
    for row in registry.expiring(session, today, WARN_DAYS):
        if row.id in noticed:
            continue
        notice = OcExpiryNotice(oc_version_id=row.id, warned_at=utcnow(),
                                recipients=len(recipients))
        try:
            with session.begin_nested():  # another worker may have just recorded it
                session.add(notice)
        except IntegrityError:
            continue
        new.append(notice)
    return new


def warn_expiring(app) -> int:
    """The job: record new notices, commit, then e-mail coordinators; returns notices made."""
    session = current_session()
    notices = record_notices(session, coop_today())
    session.commit()  # recorded before any e-mail: a crash never warns twice
    if notices:
        _email(app, session, notices)
    return len(notices)


def _email(app, session, notices) -> None:
    import smtplib  # sending mail alone needs it: not loaded by every start

    recipients = coordinators(session)
    if not recipients:
        return
    try:
        smtp = smtp_connection(app.config)  # the coop's server, STARTTLS and sign-in included
    except (smtplib.SMTPException, OSError):
        log.warning("SMTP server unusable: OC expiry notices are on the registry page only")
        return
    with smtp:
        for email, locale in recipients:
            message = _message(app.config["SOIN_MAIL_FROM"], email, locale or "fr_CA", notices)
            try:
                smtp.send_message(message)
            except (smtplib.SMTPException, OSError) as exc:
                log.warning("OC expiry e-mail to a coordinator failed: %s", exc)


def _message(sender: str, recipient: str, locale: str, notices) -> EmailMessage:
    with in_language(locale):
        lines = [str(_("%(code)s v%(version)s — %(name)s: expires on %(date)s.",
                       code=n.oc_version.code, version=n.oc_version.version,
                       name=localized(n.oc_version.document["name"], locale),
                       date=format_day(n.oc_version.expires_on, "long"))) for n in notices]
        body = "\n".join([str(_("These ordonnances collectives expire within %(days)s days. "
                                "Ask the signing physicians to revise them and add the new "
                                "version to the registry:", days=WARN_DAYS)), "", *lines])
        subject = str(_("Ordonnances collectives expiring soon"))
    message = EmailMessage()
    message["From"], message["To"], message["Subject"] = sender, recipient, subject
    message.set_content(body)
    return message


def job_specs() -> list[JobSpec]:
    """Daily expiry check (idempotent)."""
    return [JobSpec(JOB_ID, warn_expiring, "cron", {"hour": 6, "minute": 15},
                    _("Warn coordinators of ordonnances collectives expiring soon"))]
