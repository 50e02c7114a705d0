"""``soin commons``: the coop's signing key, its package, and receiving another coop's."""

from __future__ import annotations

import json
from pathlib import Path

import click
from flask import current_app
from flask.cli import with_appcontext

from core import db


@click.group("commons")
def commons_group():
    """Protocols shared between coops as signed packages."""


@commons_group.command("new-key")
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
def new_key(path):
    """Write a new Ed25519 signing key to PATH (outside the repository); set SOIN_COMMONS_KEY
    to it. Prints the public key to give other coops."""
    from core.commons.signing import fingerprint, new_key as make

    try:
        public = make(path)
    except FileExistsError:
        raise click.ClickException(f"{path} exists: a key is never overwritten") from None
    click.echo(f"public key: {public}\nfingerprint: {fingerprint(public)}")


@commons_group.command("package")
@click.option("--output", "-o", type=click.File("w", encoding="utf-8"), default="-")
@with_appcontext
def package_command(output):
    """The coop's shared protocols as a signed package."""
    from flask_babel import force_locale

    from core.commons.service import build_package
    from core.refusal import Refused

    with force_locale(current_app.config["SOIN_DEFAULT_LOCALE"]):
        try:
            data = build_package(db.session())
        except Refused as exc:
            raise click.ClickException(str(exc)) from None
    json.dump(data, output, ensure_ascii=False, indent=1)
    output.write("\n")


@commons_group.command("receive")
@click.argument("package", type=click.File("rb"))
@with_appcontext
def receive_command(package):
    """Receive PACKAGE from a trusted coop: its new versions wait to be adopted (web page)."""
    from flask_babel import force_locale

    from core.commons.service import receive, received_words
    from core.refusal import Refused

    sess = db.session()
    with force_locale(current_app.config["SOIN_DEFAULT_LOCALE"]):
        try:
            counts = receive(sess, package.read())
        except Refused as exc:
            sess.rollback()
            raise click.ClickException(str(exc)) from None
        sess.commit()
        for line in received_words(counts):
            if line:
                click.echo(line)
