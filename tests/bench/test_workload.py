"""The workload still runs against the platform as it is (figures are printed, never tested).

Sign-in, forms and pages change; this runs every action once in-process on a tiny generated
coop, with its SQL captured and replayed, so a change that breaks the benchmark is seen here.
"""

from __future__ import annotations

from sqlalchemy import func, select

from bench import operations as ops
from bench.server import BENCH_MFA
from bench.workload import PASSWORD, _dataset, run_sql, table


def test_every_action_runs_and_its_sql_replays(tmp_path):
    from core import db
    from core.app import create_app
    from core.benchdata import generate
    from core.benchdata.setup import bench_account, prepare
    from core.identity.models import Person

    app = create_app({"SOIN_DATABASE_URL": f"sqlite:///{tmp_path / 'bench.sqlite'}",
                      "SECRET_KEY": "bench-test", "SOIN_MFA": BENCH_MFA})
    prepare(app)
    engine = app.extensions["soin_db"].engine
    with app.app_context(), engine.connect() as connection:
        generate(connection, 40, seed=3, chunk=20, commit=connection.commit)
    bench_account(app, PASSWORD)
    inputs, size = _dataset(app, 12)
    assert size["persons"] == 40 and size["entries"] > 40 * 8

    figures = run_sql(app, inputs, samples=1)

    for name in [*ops.OPERATIONS, "report"]:
        assert figures[name]["statements"] > 0, name
        assert figures[name]["raw"]["median"] > 0, name
    with app.app_context():  # the replayed writes were committed for real
        assert db.session().scalar(select(func.count()).select_from(Person)) > 40
    http = {name: {"median": 1.0, "p95": 2.0} for name in ops.OPERATIONS}
    http.update(startup_s=1.0, worker_rss_mb=[90.0, 90.0], double_booking_refused=True)
    printed = table({"http": http, "sql": figures, "install_mb": 300.0, "database": "sqlite",
                     "machine": {"nproc": 2, "cpu": "test", "ram_gb": 1.0, "load": (0.5, 0, 0)},
                     "load_after": (0.5, 0, 0), "when": "now", **size})
    assert "open a chart" in printed and "targets:" in printed


def test_the_floor_app_serves_each_layer(tmp_path, monkeypatch):
    """bench.floor's application (Flask alone, one statement, seven, an ORM page) answers."""
    from core.app import create_app
    from core.benchdata import generate
    from core.benchdata.setup import prepare

    url = f"sqlite:///{tmp_path / 'floor.sqlite'}"
    app = create_app({"SOIN_DATABASE_URL": url, "SECRET_KEY": "bench-test"})
    prepare(app)
    with app.app_context(), app.extensions["soin_db"].engine.connect() as connection:
        generate(connection, 5, seed=3, chunk=5, commit=connection.commit)
    monkeypatch.setenv("SOIN_DATABASE_URL", url)
    from bench.floor import ROUTES
    from bench.floor_app import create_app as floor_app

    client = floor_app().test_client()
    for route in ROUTES:
        answer = client.get(f"/{route}")
        assert answer.status_code == 200, route
    assert answer.get_data(as_text=True).count("<tr>") == 5  # the people generated, as rows
