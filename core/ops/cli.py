"""``soin db status|upgrade``, ``soin backup [--to DIR]``, ``soin backup verify|new-key``,
``soin restore FILE``: the commands a volunteer running the server uses."""

from __future__ import annotations

import click
from flask import current_app
from flask.cli import with_appcontext

from core.ops.archive import BackupError
from core.ops.status import database_status
from core.registry import plugin_host


def _app():
    return current_app._get_current_object()


@click.command("status")
@with_appcontext
def db_status():
    """For core and each plugin: revision applied, revision expected, what an upgrade would run."""
    status = database_status(_app())
    if not status.reachable:
        raise click.ClickException(status.problem())
    if status.empty:
        click.echo("the database is empty: `soin db upgrade` will create the schema")
    click.echo(f"{'branch':<16} {'applied':<14} {'expected':<14} state")
    for branch in status.branches:
        state = "up to date" if branch.current else f"{len(branch.pending)} to apply"
        click.echo(f"{branch.label:<16} {branch.applied or '-':<14} {branch.expected or '-':<14} {state}")
        for revision, doc in branch.pending:
            click.echo(f"{'':<16}   would run {revision}: {doc.splitlines()[0] if doc else ''}")
    for revision in status.unknown:
        click.echo(f"UNKNOWN revision {revision}: in the database, in no installed code")
    for prefix, tables in status.orphan_tables.items():
        click.echo(f"tables of {prefix!r} exist but no installed plugin owns them: {', '.join(tables)}")
    problem = status.problem()
    click.echo(problem if problem else "the database matches the code")


@click.command("upgrade")
@click.argument("revision", default="heads")
@click.option("--no-backup", is_flag=True, help="Do not take the backup before migrating (not advised).")
@click.option("--backup-to", type=click.Path(file_okay=False), default=None,
              help="Folder for the backup taken before migrating (default: SOIN_BACKUP_DIR).")
@with_appcontext
def db_upgrade(revision, no_backup, backup_to):
    """Check, back up, then apply the migrations of core and of every installed plugin."""
    from core import db
    from core.identity.accounts import sync_roles_and_permissions
    from core.ops.upgrade import UpgradeFailed, UpgradeRefused, upgrade_safely

    app = _app()
    try:
        result = upgrade_safely(app, revision, backup=not no_backup, backup_to=backup_to, say=click.echo)
    except UpgradeRefused as exc:
        raise click.ClickException(f"upgrade refused, nothing was changed: {exc}") from None
    except UpgradeFailed as exc:
        click.secho(str(exc), err=True, fg="red", bold=True)
        raise SystemExit(1) from None
    except BackupError as exc:
        raise click.ClickException(f"upgrade stopped before migrating, nothing was changed: "
                                   f"the backup could not be made: {exc}") from None
    sess = db.session()
    sync_roles_and_permissions(sess, plugin_host(app))
    sess.commit()
    for rev, doc in result.applied:
        click.echo(f"applied {rev}: {doc.splitlines()[0] if doc else ''}")
    if result.created:
        click.echo(f"created the schema ({len(result.applied)} migrations)")
    elif result.applied:
        click.echo(f"database upgraded ({len(result.applied)} migrations)")
    else:
        click.echo("database already up to date")


@click.group("backup", invoke_without_command=True)
@click.option("--to", "to", type=click.Path(file_okay=False), default=None,
              help="Folder to write the backup to (default: SOIN_BACKUP_DIR).")
@with_appcontext
@click.pass_context
def backup_group(ctx, to):
    """Back up the whole database into one file (safe while the server runs)."""
    if ctx.invoked_subcommand:
        return
    from core.ops.backup import check_backup, create_backup, remember_good

    app = _app()
    try:
        path, manifest = create_backup(app, to)
        check_backup(app, path)
    except BackupError as exc:
        raise click.ClickException(f"backup failed: {exc}") from None
    remember_good(path, manifest)
    click.echo(f"backup written: {path}")
    click.echo(f"  {sum(manifest.rows.values())} rows in {len(manifest.rows)} tables, "
               f"{'encrypted' if path.name.endswith('.enc') else 'NOT encrypted (SOIN_BACKUP_KEY unset)'}")


@backup_group.command("verify")
@click.argument("file", type=click.Path(dir_okay=False))
@with_appcontext
def backup_verify(file):
    """Restore FILE into a scratch database and compare it with its manifest."""
    from core.ops.backup import verify_backup

    try:
        report = verify_backup(_app(), file)
    except BackupError as exc:
        raise click.ClickException(f"backup NOT usable: {exc}") from None
    m = report.manifest
    click.echo(f"{file}: {m.database} backup of {m.created_at}, release {m.release or '?'}, "
               f"plugins {', '.join(f'{k} {v}' for k, v in sorted(m.plugins.items())) or '-'}")
    click.echo(f"  revisions {', '.join(m.revisions)}; {sum(m.rows.values())} rows in {len(m.rows)} tables")
    if not report.ok:
        for difference in report.differences:
            click.echo(f"  MISMATCH {difference}")
        raise click.ClickException("backup NOT usable: the restored copy differs from its manifest")
    click.echo("  checksum good, restored into a scratch database: every table has its rows")


@backup_group.command("new-key")
def backup_new_key():
    """Print a new key for SOIN_BACKUP_KEY (keep a copy away from the backups: without it they
    cannot be read)."""
    from core.ops.archive import new_key

    click.echo(new_key())


@click.command("restore")
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
@click.option("--no-safety-backup", is_flag=True,
              help="Do not back up the current database first.")
@with_appcontext
def restore_command(file, yes, no_safety_backup):
    """Replace the whole database with the backup FILE (stop `soin serve` and `soin worker` first)."""
    from core.ops.backup import check_backup, create_backup, restore_backup

    app = _app()
    if not yes:
        click.confirm(f"Replace every row of the database with the backup {file}?", abort=True)
    status = database_status(app)
    try:
        if not no_safety_backup and status.reachable and not status.empty:
            check_backup(app, file)  # a file that cannot be restored is refused before any copy
            safety, _manifest = create_backup(app, label="before-restore")
            click.echo(f"the current database was first saved to {safety}")
        manifest = restore_backup(app, file)
    except BackupError as exc:
        raise click.ClickException(f"restore failed, the database was not changed: {exc}") from None
    click.echo(f"restored the backup of {manifest.created_at} "
               f"({sum(manifest.rows.values())} rows in {len(manifest.rows)} tables)")
    after = database_status(app)
    if after.problem():
        click.echo(f"next: {after.problem()}")


def register(main, db_group) -> None:
    """Add the operations commands to ``soin`` and ``soin db``."""
    from core.ops.serve import serve_command

    db_group.add_command(db_status)
    db_group.add_command(db_upgrade)
    main.add_command(backup_group)
    main.add_command(restore_command)
    main.add_command(serve_command)
