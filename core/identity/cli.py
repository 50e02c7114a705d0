"""``soin people merge KEPT DUPLICATE``: fold a duplicate registration into the right person."""

from __future__ import annotations

import click
from flask.cli import with_appcontext


@click.group("people")
def people_group():
    """People and households."""


@people_group.command("merge")
@click.argument("kept", type=int)
@click.argument("duplicate", type=int)
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
@with_appcontext
def merge_command(kept, duplicate, yes):
    """Move everything about person DUPLICATE to person KEPT (chart, visits, appointments,
    consent, account, every plugin's rows), in one transaction; DUPLICATE then points at KEPT."""
    from core import db
    from core.identity.merge import MergeRefused, merge_people
    from core.identity.models import Person

    sess = db.session()
    people = [sess.get(Person, kept), sess.get(Person, duplicate)]
    if None in people:
        raise click.ClickException("no person with that number")
    for label, person in zip(("keep", "fold in"), people, strict=False):
        click.echo(f"{label}: #{person.id} {person.full_name}, born {person.date_of_birth or '?'}")
    if not yes:
        click.confirm("Merge?", abort=True)
    try:
        moved = merge_people(sess, *people)
    except MergeRefused as exc:
        sess.rollback()
        raise click.ClickException(str(exc)) from None
    except Exception:
        sess.rollback()
        raise
    sess.commit()
    click.echo("merged: " + ", ".join(f"{t} {n}" for t, n in sorted(moved.items()) if n))
