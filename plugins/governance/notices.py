"""The notice of an assembly: an e-mail to every member who may vote, the sending kept as proof,
and the list of those without e-mail to reach on paper.

Each e-mail goes into core's outbox under a unique key (the assembly and the person), so sending
twice never sends twice; the worker's mail job sends what is pending through the coop's SMTP
server and the outbox row keeps the time it left, or why it failed: that is the proof of
sending. The notice of each member household is recorded once (``governance_notices``), with
the time and who sent it, and whether it was on time for the notice period.
"""

from __future__ import annotations

from flask import current_app
from sqlalchemy import select

from core.api import OutboxMessage, eligible_voters, format_moment, in_language, queue_email

from plugins.governance import _
from plugins.governance.assemblies import GovernanceError, notice_deadline
from plugins.governance.models import CLOSED, Assembly, Notice


def send_notices(session, assembly: Assembly, by=None) -> tuple[int, int]:
    """Queue the notice to every member household that may vote and has none yet; returns
    (households reached by e-mail, households to reach on paper)."""
    if assembly.status == CLOSED:
        raise GovernanceError(_("This assembly is closed."))
    done = set(session.scalars(select(Notice.membership_id).where(
        Notice.assembly_id == assembly.id)))
    emailed = paper = 0
    for membership in eligible_voters(session):
        if membership.id in done:
            continue
        keys = []
        for person in membership.household.people:
            if person.email and not person.merged_into_id:
                subject, body = notice_message(assembly, person)
                key = f"governance.notice:{assembly.id}:{person.id}"
                queue_email(session, key, person.email, subject, body, person.id)
                keys.append(key)
        session.add(Notice(assembly_id=assembly.id, membership_id=membership.id,
                           channel="email" if keys else "paper", outbox_keys="\n".join(keys),
                           recorded_by_id=by.id if by else None))
        emailed, paper = emailed + bool(keys), paper + (not keys)
    session.flush()
    return emailed, paper


def notice_message(assembly: Assembly, person) -> tuple[str, str]:
    """The notice in the person's language: when, where, the agenda, the documents."""
    coop = current_app.config["SOIN_COOP_NAME"]
    with in_language(person.language or "fr_CA"):
        when = format_moment(assembly.starts_at, "full")
        agenda = "\n".join(f"{i.position}. {i.title}" for i in assembly.agenda)
        subject = str(_("Notice of meeting: %(title)s", title=assembly.title))
        body = str(_("Hello %(name)s,\n\nYou are convened to %(title)s on %(when)s.\n"
                     "Place: %(place)s\nVideo link: %(video)s\n\nAgenda:\n%(agenda)s\n\n"
                     "Documents:\n%(documents)s\n\nMembers in good standing vote. Sign in on "
                     "the day at the door or from your member space.\n\n%(coop)s",
                     name=person.preferred_name or person.first_name, title=assembly.title,
                     when=when, place=assembly.place or "—", video=assembly.video_link or "—",
                     agenda=agenda or "—", documents=assembly.documents or "—", coop=coop))
    return subject, body


def proof(session, assembly: Assembly) -> list[dict]:
    """Each household's notice: channel, when recorded, and each e-mail's outbox state."""
    notices = session.scalars(select(Notice).where(Notice.assembly_id == assembly.id).order_by(
        Notice.recorded_at, Notice.id)).all()
    keys = [k for n in notices for k in n.outbox_keys.split("\n") if k]
    sent = outbox_states(session, keys)
    deadline = notice_deadline(assembly)
    return [{"notice": n, "late": n.recorded_at > deadline,
             "emails": [sent.get(k) for k in n.outbox_keys.split("\n") if k]} for n in notices]


def outbox_states(session, keys: list[str]) -> dict:
    """Outbox rows by key (status, recipient, sent_at, error)."""
    if not keys:
        return {}
    return {row.key: row for row in session.scalars(select(OutboxMessage).where(
        OutboxMessage.key.in_(keys)))}
