"""``soin audit verify`` and ``soin audit anchor``: the audit trail's hash chain and anchors."""

from __future__ import annotations

import click
from flask import current_app
from flask.cli import with_appcontext

from core import db


@click.group("audit")
def audit_group():
    """The audit trail of chart data."""


@audit_group.command("verify")
@click.option("--head", "expected_head", metavar="ID:HASH",
              help="A head printed by an earlier run or mailed as an anchor: fail if the chain "
                   "no longer reaches it, and say whether history was rewritten.")
@with_appcontext
def verify_command(expected_head):
    """Check every event against its hash and its predecessor, and the chain against every
    anchor (their signatures too with SOIN_AUDIT_KEY); exit 1 on a break."""
    from core.audit.anchors import current_head
    from core.audit.models import AuditAnchor
    from core.audit.service import verify

    sess = db.session()
    count, _head, problems = verify(sess, expected_head, current_app.config.get("SOIN_AUDIT_KEY"))
    for problem in problems:
        where = f"event {problem.event_id}" if problem.event_id else "head"
        click.echo(f"{where}: {problem.message}", err=True)
    head = current_head(sess)
    anchors = sess.query(AuditAnchor).count()
    click.echo(f"{count} events checked against {anchors} anchor(s); head "
               f"{head.note() if head else '-'}")
    if problems:
        raise click.ClickException(f"audit trail broken: {len(problems)} problem(s)")
    click.echo("audit trail intact")


@audit_group.command("anchor")
@with_appcontext
def anchor_command():
    """Anchor the head now (the daily job does it too) and mail it to the privacy officer."""
    from core.audit.anchors import take_anchor, unmailed_reason

    sess = db.session()
    anchor = take_anchor(sess)
    sess.commit()
    if anchor is None:
        click.echo("the audit trail is empty: nothing to anchor")
        return
    from core.scheduling.reminders import send_pending

    send_pending(current_app._get_current_object())
    click.echo(f"anchor {anchor.id}: {anchor.event_count} events, head "
               f"{anchor.head_id}:{anchor.head_hash}"
               + (f", mailed to {anchor.mailed_to}" if anchor.mailed_to else ""))
    if not anchor.mailed_to:
        click.echo(f"not mailed: {unmailed_reason(sess)}")


@audit_group.command("purge")
@click.option("--dry-run", is_flag=True, help="List what would be purged, change nothing.")
@with_appcontext
def purge_command(dry_run):
    """Erase the content of destroyed charts' events past their keep period (never under legal
    hold, never the destruction's own event), keeping their hashes and a checkpoint that
    'soin audit verify' checks them against. On PostgreSQL, run it as the tables' owner."""
    import getpass

    from sqlalchemy.exc import DBAPIError

    from core.audit.purge import due, keep_years, purge
    from core.audit.service import audit

    sess = db.session()
    charts = due(sess)
    if not charts:
        click.echo(f"nothing to purge: no destroyed chart is past its {keep_years()} years")
        return
    for chart in charts:
        click.echo(f"chart of person {chart.person_id}, destroyed {chart.destroyed_at:%Y-%m-%d}: "
                   f"{chart.events} event(s)")
    if dry_run:
        return
    try:
        checkpoint = purge(sess, by=f"command line ({getpass.getuser()})")
        audit(sess, "audit.purge", detail={"purge_id": checkpoint.id,
                                           "events": checkpoint.event_count,
                                           "charts": len(checkpoint.person_ids)})
        sess.commit()
    except DBAPIError as exc:
        sess.rollback()
        first = str(getattr(exc, "orig", exc)).strip().splitlines()[0]
        raise click.ClickException(
            f"nothing was purged: {first}. Run 'soin audit purge' as the owner of the tables "
            "(the database role that runs 'soin db upgrade')") from None
    click.echo(f"purge {checkpoint.id}: {checkpoint.event_count} event(s) of "
               f"{len(checkpoint.person_ids)} chart(s) erased, hashes kept; checkpoint digest "
               f"{checkpoint.digest}" + ("" if checkpoint.signature else
                                         " (unsigned: SOIN_AUDIT_KEY is not set)"))
