"""``python -m bench.generate --persons N --db URL``: a coop at a chosen scale, for benchmarks.

Never on a coop's real database. Run from a source checkout (``bench`` is not installed with
the platform); the generator itself is :mod:`bench.coop`.
"""

from __future__ import annotations

import click


@click.command("generate")
@click.option("--persons", type=int, required=True, help="How many people (10000, 55000...).")
@click.option("--db", "url", default=None,
              help="Database URL (default: SOIN_DATABASE_URL). Migrated first.")
@click.option("--seed", type=int, default=2026)
@click.option("--entries-per-person", type=float, default=20.0, show_default=True)
@click.option("--chunk", type=int, default=2000, show_default=True,
              help="People written and committed at a time.")
def generate_command(persons, url, seed, entries_per_person, chunk):
    """Generate households, people, practitioners, five years of visits, entries and audit.

    Every installed plugin is activated first, so its forms and appointment types are used.
    """
    from bench.coop import generate
    from bench.coop.setup import prepare
    from core.app import create_app

    app = create_app({"SOIN_DATABASE_URL": url} if url else None)
    click.echo(f"database: {app.extensions['soin_db'].engine.url.render_as_string(hide_password=True)}")
    prepare(app)

    def progress(done, total, rows, seconds):
        click.echo(f"\r  {done:>7,}/{total:,} people · {rows:>10,} rows · {seconds:6.1f} s "
                   f"· {rows / max(seconds, 1e-6):>8,.0f} rows/s", nl=False)

    engine = app.extensions["soin_db"].engine
    with app.app_context(), engine.connect() as connection:
        result = generate(connection, persons, seed=seed, entries_per_person=entries_per_person,
                          chunk=chunk, commit=connection.commit, progress=progress)
    if engine.dialect.name == "postgresql":
        # as autovacuum would soon after a bulk load: statistics for the planner, and the
        # trigram index's pending list merged (searched row by row until then: 8 ms, not 0.1)
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            connection.exec_driver_sql("VACUUM ANALYZE")
    else:
        # as the nightly statistics job (core.ops.statistics) would: without them SQLite ignores
        # the indexes that fit the report and the agenda
        from core.ops.statistics import refresh_statistics

        refresh_statistics(engine)
    click.echo("")
    for table, count in sorted(result.rows.items()):
        click.echo(f"  {table:<24} {count:>10,}")
    click.echo(f"forms used ({len(result.forms)}): {', '.join(result.forms)}")
    for form_id, why in sorted(result.skipped.items()):
        click.echo(f"form skipped: {form_id}: {why}")
    click.echo(f"done in {result.seconds:.1f} s")


if __name__ == "__main__":
    generate_command()  # click parses sys.argv
