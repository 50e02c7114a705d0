"""``soin audit verify``: walk the hash chain and report any changed or deleted row."""

from __future__ import annotations

import click
from flask.cli import with_appcontext

from core import db


@click.group("audit")
def audit_group():
    """The audit trail of chart data."""


@audit_group.command("verify")
@click.option("--head", "expected_head", metavar="HASH",
              help="A head hash printed by an earlier run (kept elsewhere): fail if it is gone.")
@with_appcontext
def verify_command(expected_head):
    """Check every audit event against its hash and its predecessor; exit 1 on a break."""
    from core.audit.service import verify

    count, head, problems = verify(db.session(), expected_head)
    for problem in problems:
        where = f"event {problem.event_id}" if problem.event_id else "end of the chain"
        click.echo(f"{where}: {problem.message}", err=True)
    click.echo(f"{count} events checked; head {head or '-'}")
    if problems:
        raise click.ClickException(f"audit trail broken: {len(problems)} problem(s)")
    click.echo("audit trail intact")
