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


@click.group("import")
def import_group():
    """Bring a record in from another coop (audited, all or nothing)."""


@import_group.command("fhir")
@click.argument("bundle", type=click.File("rb"))
@with_appcontext
def import_fhir_command(bundle):
    """Import BUNDLE, a FHIR R4 Bundle another coop exported: the person is found or created;
    one who only looks like someone here waits for the privacy officer's review."""
    from flask import current_app
    from flask_babel import force_locale

    from core.record.transfer import BundleRefused, start_import
    from core.record.transfer_text import outcome_lines

    sess = db.session()
    with force_locale(current_app.config["SOIN_DEFAULT_LOCALE"]):
        try:
            batch = start_import(sess, bundle.read())
        except BundleRefused as exc:
            sess.rollback()
            raise click.ClickException(str(exc)) from None
        sess.commit()
        for line in outcome_lines(batch):
            click.echo(line)
