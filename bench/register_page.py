"""The register of members (``/members``) timed in-process, page by page, to compare two
versions of the code on the same database (run it with ``PYTHONPATH`` at each checkout).

    python bench/register_page.py --database URL --out DIR [--runs 7]

Signs in as the bench's account (reception and admin may read the register), fetches each
page once (its body written to ``DIR``, CSRF tokens blanked, for a byte-for-byte diff),
then times each ``--runs`` times, the pages in turn, and prints each one's median and least
in milliseconds and the statements it sent, as JSON.
"""

from __future__ import annotations

import json
import re
import statistics
import sys
import time
from pathlib import Path

import click

#: the register as a coordinator reads it: each filter, a search, a page further, all, CSV
PAGES = {
    "default": "/members", "page3": "/members?page=3", "active": "/members?status=active",
    "grace": "/members?status=grace", "due": "/members?status=due",
    "lapsed": "/members?status=lapsed", "withdrawn": "/members?status=withdrawn",
    "excluded": "/members?status=excluded", "deceased": "/members?status=deceased",
    "worker": "/members?category=worker", "support": "/members?category=support",
    "lapsed-user": "/members?status=lapsed&category=user", "name": "/members?q=cote",
    "name2": "/members?q=elodie", "number": "/members?q=42", "all": "/members?all=1",
    "csv": "/members?format=csv",
}
_TOKEN = re.compile(r'(name="csrf_token" value=|<meta name="csrf-token" content=)"[^"]+"')


@click.command()
@click.option("--database", required=True)
@click.option("--out", required=True, type=click.Path(path_type=Path))
@click.option("--runs", default=7)
@click.option("--skip", multiple=True, help="pages not timed (``all``: seconds)")
def main(database: str, out: Path, runs: int, skip: tuple[str, ...]) -> None:
    from bench.client import AppClient
    from bench.coop import BENCH_PASSWORD
    from bench.coop.setup import bench_account
    from core.app import create_app
    from core.testing.statements import statements_sent

    # a password only, as the bench server signs in (bench/server.py)
    app = create_app({"SOIN_DATABASE_URL": database, "SOIN_MFA": "optional", "SOIN_SCHEDULER": "0"})
    client = AppClient(app)
    client.sign_in(bench_account(app, BENCH_PASSWORD), BENCH_PASSWORD)
    engine = app.extensions["soin_db"].engine
    out.mkdir(parents=True, exist_ok=True)
    sent = {}
    for name, path in PAGES.items():
        with statements_sent(engine) as statements:
            body = client.get(path).body
        sent[name] = len(statements)
        (out / name).write_text(_TOKEN.sub(r'\1""', body))
    times: dict[str, list[float]] = {name: [] for name in PAGES if name not in skip}
    for _run in range(runs):
        for name in times:
            began = time.perf_counter()
            client.get(PAGES[name])
            times[name].append((time.perf_counter() - began) * 1000)
    json.dump({name: {"median": round(statistics.median(t), 1), "least": round(min(t), 1),
                      "statements": sent[name]} for name, t in times.items()},
              sys.stdout, indent=0)


if __name__ == "__main__":
    main()
