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
    from bench.coop import generate
    from bench.coop.setup import bench_account, prepare
    from core import db
    from core.app import create_app
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
    ours = {name: {"median": 4.0, "p95": 6.0} for name in ops.OPERATIONS}
    ours.update(startup_s=1.0, worker_rss_mb=[90.0, 90.0], worker_pss_mb=[50.0, 40.0],
                double_booking_refused=True)
    floor = {name: {"median": 2.0, "p95": 3.0} for name in ops.OPERATIONS}
    gnu = {name: {"median": 16.0, "p95": 20.0} for name in ops.OPERATIONS}
    gnu.update(startup_s=0.7, worker_rss_mb=[80.0])
    printed = table({"http": {"ours": ours, "floor": floor, "gnuhealth": gnu, "load": [0.5]},
                     "sql": figures, "install_mb": 300.0, "database": "sqlite",
                     "machine": {"nproc": 2, "cpu": "test", "ram_gb": 1.0, "load": (0.5, 0, 0),
                                 "yardstick_s": 0.125},
                     "load_after": (0.5, 0, 0), "when": "now", **size})
    assert "open a chart" in printed and "targets" in printed
    # GNU Health's figures of the same run, divided by ours, never numbers written in the code
    assert "search 4.00x NOT met" in printed and "chart 4.00x met" in printed
    assert "create_person 2.00x met" in printed  # ours ÷ the floor equivalent
    assert "yardstick 0.125 s" in printed  # the machine's speed, to read passes side by side


def test_the_floor_app_serves_each_layer(tmp_path, monkeypatch):
    """bench.floor's application (Flask alone, one statement, seven, an ORM page) answers."""
    from bench.coop import generate
    from bench.coop.setup import prepare
    from core.app import create_app

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


def test_each_action_has_a_floor_equivalent_that_does_its_unavoidable_work(tmp_path, monkeypatch):
    """The floor's version of each action answers as the action does, reads what it must show
    and commits the same number of writes (rows in a table of the floor's own)."""
    from sqlalchemy import text

    from bench import floor
    from bench.coop import generate
    from bench.coop.setup import prepare
    from core.app import create_app

    url = f"sqlite:///{tmp_path / 'floor.sqlite'}"
    app = create_app({"SOIN_DATABASE_URL": url, "SECRET_KEY": "bench-test"})
    prepare(app)
    engine = app.extensions["soin_db"].engine
    with app.app_context(), engine.connect() as connection:
        generate(connection, 30, seed=3, chunk=30, commit=connection.commit)
    inputs, _size = _dataset(app, 6)
    monkeypatch.setenv("SOIN_DATABASE_URL", url)
    from bench.floor_app import create_app as floor_app

    client = FloorClient(floor_app().test_client())
    for action, operation in floor.OPERATIONS.items():
        operation(client, inputs, 0)
        assert set(client.statuses) <= {200, 302}, action
    assert client.bodies["/equivalent/search"].count("<tr>") >= 1  # people holding the fragment
    with engine.connect() as connection:
        kinds = dict(connection.execute(text(
            "SELECT kind, count(*) FROM bench_floor_rows GROUP BY kind")).all())
    assert kinds == {"create-1": 2, "create-2": 2, "chart": 1, "book": 2}


class FloorClient:
    """The workload client's get/post over Flask's test client, keeping what was answered."""

    def __init__(self, client):
        self.client, self.statuses, self.bodies = client, [], {}

    def get(self, path):
        return self._keep(path, self.client.get(path))

    def post(self, path, data):
        return self._keep(path, self.client.post(path, data=data))

    def _keep(self, path, answer):
        self.statuses.append(answer.status_code)
        self.bodies[path.split("?")[0]] = answer.get_data(as_text=True)
        return answer


def test_a_load_run_never_runs_out_of_free_half_hours():
    """One client alone books more than 32 together do each: its allowance covers the most
    bookings a run could make (the 1-client run once met 56 'no free slot' refusals)."""
    from bench.load import MIX, MOST_ACTIONS_PER_S, slots_each

    for clients in (1, 8, 32):
        could_book = MOST_ACTIONS_PER_S * 23 * MIX["book"] / sum(MIX.values())
        assert slots_each(clients, 20, 3) * clients >= could_book
    assert slots_each(1, 15, 3) >= 60 + 56  # what that 1-client run (15 s) needed


def test_a_load_run_prints_the_floors_tail_beside_ours():
    """With --floor, the floor's p95 under load ÷ its median at rest is printed beside ours,
    each with the queueing floor drawn from its own times at rest."""
    from bench.load import table

    def system(median: float, p95: float, **extra) -> dict:
        actions = {a: {"median": median, "p95": p95} for a in ops.OPERATIONS}
        return {"actions_per_s": 100.0, "errors": 0, "first_errors": [], "load": 1.0,
                "offered": 0.0, "all": {"median": median, "p95": p95}, **actions, **extra}

    queueing = {"mm2": 5.5, "mg2": 3.0}
    result = {"workers": 2, "threads": 1, "paced": 0.5, "levels": {
        1: {"ours": system(4.0, 8.0, queueing=queueing),
            "floor": system(2.0, 3.0, queueing={"mm2": 5.5, "mg2": 2.5})},
        8: {"ours": system(20.0, 40.0), "floor": system(10.0, 16.0)},
        "paced": {"ours": system(6.0, 24.0), "floor": system(2.5, 7.0)}}}
    printed = table(result, [8])
    assert "paced clients: our p95 ÷ our median at rest 6.0x overall (NOT met" in printed
    assert "paced clients: the floor's p95 ÷ the floor's median at rest 3.5x overall" in printed
    assert "M/G/2 with our times at rest 3.0x" in printed
    assert "M/G/2 with the floor's times at rest 2.5x" in printed
