"""The ``soin`` command line: run, worker, demo, db, plugins, user, and plugins' own commands."""

from __future__ import annotations

import click
from flask import current_app
from flask.cli import FlaskGroup, with_appcontext

from core import db


def _create_app():
    from core.app import create_app
    from core.config import ConfigError

    try:
        return create_app()
    except ConfigError as exc:  # said plainly, not as a traceback
        raise click.ClickException(str(exc)) from exc


class SoinGroup(FlaskGroup):
    """Flask's group, plus ``soin <plugin> ...`` commands declared by plugins."""

    def list_commands(self, ctx):
        """Core's commands, and the application's and plugins' when it can start: ``soin
        --help`` without ``SOIN_SECRET_KEY`` lists core's commands (the key is asked for by the
        command that needs it, in one sentence), never a traceback."""
        from flask.cli import ScriptInfo

        self._load_plugin_commands()
        names = set(click.Group.list_commands(self, ctx))
        try:
            app = ctx.ensure_object(ScriptInfo).load_app()
        except Exception:
            return sorted(names)
        return sorted(names | set(app.cli.list_commands(ctx)) | set(self._plugin_groups(ctx)))

    def get_command(self, ctx, name):
        return super().get_command(ctx, name) or self._plugin_groups(ctx).get(name)

    def invoke(self, ctx):
        """A command that meets a database not set up, unreachable or behind the code says so
        in one sentence with the command to run, instead of a traceback."""
        from sqlalchemy.exc import DBAPIError

        try:
            return super().invoke(ctx)
        except DBAPIError as exc:
            from flask.cli import ScriptInfo

            from core.ops.status import explain

            problem = explain(ctx.ensure_object(ScriptInfo).load_app(), exc)
            if problem is None:
                raise
            raise click.ClickException(problem) from exc

    def _plugin_groups(self, ctx) -> dict:
        from flask.cli import ScriptInfo

        try:
            info = ctx.ensure_object(ScriptInfo)
            app = info.load_app()
        except Exception:
            return {}
        return {name: PluginCommands(info, name, commands)
                for name, commands in _declared_commands(plugin_host(app))}


class PluginCommands(click.Group):
    """``soin <plugin> ...``: a plugin's commands, run inside the application context."""

    def __init__(self, info, name, commands):
        super().__init__(name, help=f"Commands of the {name} plugin.")
        self.info = info
        for command in commands:
            self.add_command(command)

    def invoke(self, ctx):
        with self.info.load_app().app_context():
            return super().invoke(ctx)


def _declared_commands(host):
    out = []
    for name in host.plugins:
        impl = host.pm.get_plugin(name)
        if name != "core" and hasattr(impl, "register_commands"):
            try:
                out.append((name, impl.register_commands() or []))
            except Exception as exc:
                host.record_fault(name, "register_commands", exc)
    return out


@click.group(cls=SoinGroup, create_app=_create_app, add_default_commands=False,
             add_version_option=False)
def main():
    """Soin commun: free software for health cooperatives."""


@main.command("run")
@click.option("--host", default="127.0.0.1")
@click.option("--port", default=5000, type=int)
@with_appcontext
def run_command(host, port):
    """Development server, with the job scheduler running in-process."""
    app = current_app._get_current_object()
    from core.jobs import start_scheduler
    from core.ops.guard import first_beat, refuse_unless_current

    refuse_unless_current(app)
    first_beat(app)

    start_scheduler(app)
    from werkzeug.serving import run_simple

    # Flask refuses app.run() inside its CLI; run_simple is the same server, threaded.
    run_simple(host, port, app, threaded=True, use_reloader=False, use_debugger=False)


@main.command("worker")
@with_appcontext
def worker_command():
    """Run the one scheduler of a production installation (APScheduler, SQLAlchemy job store)."""
    from core.jobs import run_worker
    from core.ops.guard import first_beat, refuse_unless_current
    from core.ops.logs import configure_logging

    refuse_unless_current(current_app._get_current_object())
    configure_logging()
    first_beat(current_app._get_current_object())
    run_worker(current_app._get_current_object())


@main.group("db")
def db_group():
    """Database migrations: status, upgrade (with a backup first), heads."""


@db_group.command("heads")
@with_appcontext
def db_heads():
    """Show each migration branch and its head."""
    from core.migrate import heads_by_branch

    for label, heads in heads_by_branch(current_app._get_current_object()).items():
        click.echo(f"{label}: {', '.join(heads)}")


@db_group.command("revision")
@click.argument("plugin")
@click.option("-m", "--message", required=True, help="What the revision changes, in a few words.")
@with_appcontext
def db_revision(plugin, message):
    """Autogenerate PLUGIN's next revision (or its branch's first) from its models, on a
    scratch database at every head; only PLUGIN's own tables are compared. Review the file."""
    from core.migrate import plugin_revision

    try:
        path = plugin_revision(current_app._get_current_object(), plugin, message)
    except ValueError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"written: {path}")


@main.group("plugins")
def plugins_group():
    """List, enable and disable plugins (services)."""


@plugins_group.command("list")
@with_appcontext
def plugins_list():
    """Each plugin: version, where it comes from, active or not, faulty or refused and why."""
    from core.admin.service import states

    host = plugin_host()
    current = states(db.session())
    for plugin in host.installed():
        state = current.get(plugin.name)
        status = "active" if state and state.active else "inactive"
        line = f"{plugin.name:<16} {plugin.version:<8} {plugin.source:<28} {status}"
        if plugin.name in host.faults:
            fault = host.faults[plugin.name]
            line += f"  FAULTY ({fault.hook}: {fault.error})"
        click.echo(line)
    for name, reason in host.refused.items():
        click.echo(f"{name:<16} {'-':<8} {'-':<28} REFUSED: {reason}")


def _toggle(name: str, active: bool) -> None:
    from core.admin.service import UnknownPlugin, set_active

    sess = db.session()
    try:
        changed = set_active(sess, plugin_host(), name, active)
    except UnknownPlugin:
        raise click.ClickException(f"no installed plugin named {name!r}") from None
    sess.commit()
    click.echo(f"{name}: {'active' if active else 'inactive'}" + ("" if changed else " (unchanged)"))


@plugins_group.command("enable")
@click.argument("name")
@with_appcontext
def plugins_enable(name):
    """Activate a plugin without restarting the platform."""
    _toggle(name, True)


@plugins_group.command("disable")
@click.argument("name")
@with_appcontext
def plugins_disable(name):
    """Deactivate a plugin; its data is kept."""
    _toggle(name, False)


@main.group("user")
def user_group():
    """Accounts."""


@user_group.command("create-admin")
@click.argument("username")
@click.option("--name", "display_name", default=None)
@click.password_option()
@with_appcontext
def create_admin(username, display_name, password):
    """Create an administrator account (asks for the password twice)."""
    from core.identity.accounts import AccountError, create_account

    sess = db.session()
    try:
        create_account(sess, username=username, display_name=display_name or username,
                       password=password, roles=["admin"])
    except AccountError as exc:
        raise click.ClickException(str(exc)) from None
    sess.commit()
    click.echo(f"administrator {username} created")


@user_group.command("token")
@click.argument("username")
@click.option("--name", default="api")
@with_appcontext
def create_token(username, name):
    """Create an API token for an account and print it once."""
    import hashlib
    import secrets

    from core.identity.accounts import find_account
    from core.identity.models import ApiToken

    sess = db.session()
    account = find_account(sess, username)
    if account is None:
        raise click.ClickException(f"no account {username!r}")
    token = secrets.token_urlsafe(32)
    sess.add(ApiToken(account_id=account.id, name=name,
                      token_hash=hashlib.sha256(token.encode()).hexdigest()))
    sess.commit()
    click.echo(token)


@main.command("demo")
@click.option("--if-empty", is_flag=True, help="Do nothing when people already exist.")
@click.option("--seed", default=2026, type=int)
@with_appcontext
def demo_command(if_empty, seed):
    """Fill the database with demo people, accounts and every active plugin's demo data."""
    from core.demo import load_demo

    sess = db.session()
    created = load_demo(sess, current_app._get_current_object(), seed=seed, if_empty=if_empty)
    sess.commit()
    click.echo("demo data loaded" if created else "people already exist: demo skipped")


from core.audit.cli import audit_group  # noqa: E402  (the record area's commands)
from core.commons.cli import commons_group  # noqa: E402
from core.identity.cli import people_group  # noqa: E402
from core.record.cli import export_group, import_group  # noqa: E402
from core.security.cli import secrets_group  # noqa: E402

main.add_command(audit_group)
main.add_command(commons_group)
main.add_command(export_group)
main.add_command(import_group)
main.add_command(people_group)
main.add_command(secrets_group)


from core.ops.cli import register as register_ops  # noqa: E402 (db status/upgrade, backup, serve)

register_ops(main, db_group)


from core.registry import plugin_host
from core.scaffold.cli import plugin_group  # noqa: E402 (imports nothing of the app)

main.add_command(plugin_group)



if __name__ == "__main__":  # `python -m core.cli ...` does what the `soin` script does
    main()
