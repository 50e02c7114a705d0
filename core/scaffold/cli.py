"""``soin plugin new NAME``: write a working plugin package outside the repository."""

from __future__ import annotations

from pathlib import Path

import click

from core.scaffold import ScaffoldError, generate


@click.group("plugin")
def plugin_group():
    """Write a new plugin (for volunteers contributing a discipline or a program)."""


@plugin_group.command("new")
@click.argument("name")
@click.option("--dest", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Folder to create (default: ./soin-NAME).")
@click.option("--title", default=None, help="The service's name in English (default: from NAME).")
@click.option("--title-fr", default=None, help="The service's name in Quebec French.")
def new_command(name, dest, title, title_fr):
    """Create the package soin-NAME: form, protocol, report, page, catalog, migration, tests."""
    dest = dest or Path.cwd() / f"soin-{name.replace('_', '-')}"
    try:
        folder = generate(name, dest, title=title, title_fr=title_fr)
    except ScaffoldError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"plugin {name!r} written to {folder}")
    click.echo(f"next: cd {folder} && pip install -e . && pytest")
    click.echo("try it: export SOIN_DEMO=1 SOIN_INSTANCE_DIR=~/soin-demo; "
               "soin db upgrade && soin demo && soin run --port 5050")
    click.echo(f"on an installation: soin db upgrade && soin plugins enable {name}")
