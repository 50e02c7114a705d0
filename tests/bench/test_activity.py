"""The monthly activity report counts a month's current entries: each once, in its month."""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from sqlalchemy import select

from core.testing.plugin import new_database


def test_the_monthly_report_leaves_out_superseded_versions_and_entries_in_error(tmp_path):
    """Counted from the month's own newer versions (every version keeps the first one's
    ``occurred_at``), the report gives what counting against every version of the table
    gives, for each month where an entry was amended or marked entered in error."""
    from bench.activity import month_bounds, monthly_activity
    from bench.coop import generate
    from bench.coop.setup import prepare
    from core import db
    from core.app import create_app
    from core.record.models import Entry

    with new_database(tmp_path) as url:
        app = create_app({"SOIN_DATABASE_URL": url, "SECRET_KEY": "bench-test"})
        prepare(app)
        engine = app.extensions["soin_db"].engine
        with app.app_context(), engine.connect() as connection:
            generate(connection, 40, seed=3, chunk=20, commit=connection.commit)
        with app.app_context():
            sess = db.session()
            rows = sess.execute(select(Entry.id, Entry.discipline, Entry.form_id, Entry.person_id,
                                       Entry.status, Entry.occurred_at, Entry.supersedes_id)).all()
            superseded = {row.supersedes_id for row in rows if row.supersedes_id}
            months = sorted({date(row.occurred_at.year, row.occurred_at.month, 1)
                             for row in rows if row.supersedes_id})
            assert months  # the generated coop has versions to leave out
            for month in months:
                start, end = month_bounds(month)
                people = defaultdict(list)
                for row in rows:
                    if (start <= row.occurred_at < end and row.status != "entered_in_error"
                            and row.id not in superseded):
                        people[row.discipline, row.form_id].append(row.person_id)
                expected = sorted((*key, len(ids), len(set(ids))) for key, ids in people.items())
                counted = monthly_activity(sess, month)["entries"]
                assert sorted(tuple(row) for row in counted) == expected, month
        engine.dispose()
