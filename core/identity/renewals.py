"""Renewal reminders: an e-mail to each member household whose dues end soon or have ended.

One reminder per membership and dues period (the key holds the day the dues end), sent to the
people of the household who have an e-mail address, in their language; the worker's job queues
them in the outbox and sends them through the coop's SMTP server. A membership in its grace
period gets a second reminder; a lapsed one gets none (reception follows up).
"""

from __future__ import annotations

from datetime import date, timedelta

from flask import current_app
from flask_babel import force_locale
from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from core.i18n import _
from core.identity import register
from core.identity.models import ACTIVE, Household, Membership
from core.outbox import queue_email, send_queued
from core.web.formatting import day as format_day

RENEWAL_JOB = "core.identity.renewals"


def queue_renewal_reminders(session: Session, today: date | None = None) -> int:
    """Queue the renewal reminders due today; returns how many messages were new."""
    rules, today = register.bylaws(), today or register.coop_today()
    if rules.dues <= 0:
        return 0
    soon = today + timedelta(days=rules.reminder_days)
    memberships = session.scalars(select(Membership).where(
        Membership.status == ACTIVE, Membership.dues_paid_until.is_not(None),
        Membership.dues_paid_until <= soon).options(
        selectinload(Membership.household).selectinload(Household.people)))
    queued = 0
    for membership in memberships:
        state = register.standing(membership, today, rules)
        if state == "lapsed":
            continue
        stage = "due" if state == ACTIVE else "overdue"
        for person in membership.household.people:
            if not person.email or person.merged_into_id:
                continue
            subject, body = _message(person, membership, rules, stage)
            key = f"renewal:{membership.id}:{membership.dues_paid_until:%Y%m%d}:{stage}:{person.id}"
            queued += queue_email(session, key, person.email, subject, body, person.id) is not None
    return queued


def _message(person, membership: Membership, rules, stage: str) -> tuple[str, str]:
    """Subject and body in the person's language."""
    coop = current_app.config["SOIN_COOP_NAME"]
    with force_locale(person.language or "fr_CA"):
        until = format_day(membership.dues_paid_until, "long")
        subject = str(_("Renewing your membership at %(coop)s", coop=coop))
        lead = (_("Your membership (number %(number)s) is paid until %(date)s.",
                  number=membership.number, date=until) if stage == "due" else
                _("Your membership (number %(number)s) ended on %(date)s and is in its grace "
                  "period.", number=membership.number, date=until))
        body = str(_("Hello %(name)s,\n\n%(lead)s The annual dues are %(amount)s $. You can "
                     "renew from your member space or at reception.\n\nMembers in good "
                     "standing vote at the general assembly.\n\n%(coop)s",
                     name=person.preferred_name or person.first_name, lead=lead,
                     amount=rules.dues, coop=coop))
    return subject, body


def queue_renewal_confirmation(session: Session, membership: Membership) -> int:
    """Tell the household's people with an e-mail address that their renewal (or first dues:
    their membership is then active) is recorded and until when the membership runs (sent by
    the worker with the other mail)."""
    coop, queued = current_app.config["SOIN_COOP_NAME"], 0
    latest = register.last_renewal(membership)
    first = latest is not None and latest.first_dues
    for person in membership.household.people:
        if not person.email or person.merged_into_id:
            continue
        with force_locale(person.language or "fr_CA"):
            until = format_day(membership.dues_paid_until, "long")
            subject = str(_("Your membership at %(coop)s is active", coop=coop) if first
                          else _("Your membership at %(coop)s is renewed", coop=coop))
            body = str(_("Hello %(name)s,\n\nYour dues are recorded: your membership (number "
                         "%(number)s) runs until %(date)s. You see it in your member space."
                         "\n\n%(coop)s", name=person.preferred_name or person.first_name,
                         number=membership.number, date=until, coop=coop))
        key = f"renewed:{membership.id}:{membership.dues_paid_until:%Y%m%d}:{person.id}"
        queued += queue_email(session, key, person.email, subject, body, person.id) is not None
    return queued


def run_renewal_reminders(app) -> None:
    """The scheduled job: queue the reminders due, then send what the outbox holds."""
    from core import db

    session = db.session()
    queue_renewal_reminders(session)
    session.commit()
    send_queued(app)
