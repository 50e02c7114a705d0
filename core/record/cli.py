"""``soin export fhir PERSON`` and ``soin export csv PERSON``: a person's record from the shell."""

from __future__ import annotations

import json

import click
from flask.cli import with_appcontext

from core import db


@click.group("export")
def export_group():
    """Export a person's record (audited, like every export)."""


def _person(person_id: int):
    from core.identity.models import Person

    person = db.session().get(Person, person_id)
    if person is None:
        raise click.ClickException(f"no person {person_id}")
    return person


@export_group.command("fhir")
@click.argument("person_id", type=int)
@click.option("--output", "-o", type=click.File("w", encoding="utf-8"), default="-",
              help="File to write (default: standard output).")
@click.option("--purpose", default="portability request", help="Why the record leaves (audited).")
@with_appcontext
def export_fhir_command(person_id, output, purpose):
    """The record of PERSON_ID as a FHIR R4 Bundle (sealed entries are never exported)."""
    from core.record.export import export_fhir

    sess = db.session()
    bundle = export_fhir(sess, _person(person_id), purpose=purpose)
    sess.commit()
    json.dump(bundle, output, ensure_ascii=False, indent=2)
    output.write("\n")


@export_group.command("csv")
@click.argument("person_id", type=int)
@click.option("--output", "-o", type=click.File("w", encoding="utf-8"), default="-")
@click.option("--purpose", default="portability request")
@with_appcontext
def export_csv_command(person_id, output, purpose):
    """The record of PERSON_ID as CSV."""
    from core.record.export import export_csv

    sess = db.session()
    body = export_csv(sess, _person(person_id), purpose=purpose)
    sess.commit()
    output.write(body)
