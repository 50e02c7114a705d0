"""A request commits in one place: the request lifecycle (core/web/lifecycle.py).

Pages and the HTTP API call ``attempt``/``act``/``api_attempt`` (one commit, or a rollback
and the reasons) or ``commit_reads`` (an audited read). A ``.commit()`` anywhere else in core
or a plugin is refused unless the module is on the list below, with why it is not a request:
commands, jobs, migrations and test fixtures run outside any page and own their transaction.
"""

import ast
from fnmatch import fnmatch

from tests.core.app_sources import scan

#: where a commit may be written, and why (a pattern over paths from the repository's root)
ALLOWED = {
    "core/web/lifecycle.py": "the request lifecycle itself: the one commit of a page or a call",
    "core/security/sessions.py": "the server-side session store: it keeps a session on its own "
                                 "connection, so a page's rollback never signs anyone out",
    "core/cli.py": "commands: each command is its own transaction, no request",
    "core/*/cli.py": "commands: each command is its own transaction, no request",
    "core/testing/*": "test fixtures and factories: they set rows up outside any request",
    "core/scheduling/reminders.py": "job: an e-mail is claimed, then marked sent, each in its "
                                    "own commit, so a restart never sends it twice",
    "core/volunteering/reminders.py": "job: volunteers' reminders queued",
    "core/identity/renewals.py": "job: membership renewal reminders queued",
    "core/privacy/retention.py": "job: records due for destruction listed",
    "core/audit/anchors.py": "job: the audit chain's daily anchor",
    "core/record/notices.py": "job: members told their record was consulted",
    "core/ops/marks.py": "the worker's heartbeat and the last backup, marked by the worker and "
                         "the backup command in their own transaction",
    "core/ops/statistics.py": "job (and soin db upgrade): SQLite's statistics written by "
                              "ANALYZE on a connection of its own, outside any request",
    "core/ops/upgrade.py": "the upgrade command releases its PostgreSQL lock on its own "
                           "connection",
    "plugins/nursing/jobs.py": "job: notices recorded before any e-mail (never warned twice)",
}


def commit_lines(source: str, name: str = "<source>") -> list[int]:
    """The lines of ``source`` that call ``.commit()`` (on a session, a connection...)."""
    return [node.lineno for node in ast.walk(ast.parse(source, name))
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
            and node.func.attr == "commit"]


def commits() -> dict[str, list]:
    """Every module of core and the plugins that calls ``.commit()``, with the lines."""
    return scan(commit_lines)


def allowed(path: str) -> bool:
    return any(fnmatch(path, pattern) for pattern in ALLOWED)


def test_only_the_request_lifecycle_commits_a_request():
    stray = {path: lines for path, lines in commits().items() if not allowed(path)}
    assert stray == {}, (
        "commit through core.web.lifecycle (attempt, act, api_attempt, commit_reads), or, if "
        "this module is not request code, add it to ALLOWED with why")


def test_every_allowed_place_still_commits():
    """The list stays short and true: an entry whose module no longer commits is removed."""
    found = commits()
    assert [p for p in ALLOWED if not any(fnmatch(path, p) for path in found)] == []


def test_the_check_finds_a_commit_however_it_is_written():
    source = ("def view():\n    sess.commit()\n    db.session().commit()\n"
              "    with engine.connect() as conn:\n        conn.commit()\n    sess.flush()\n")
    assert commit_lines(source) == [2, 3, 5]
    assert not allowed("core/record/views.py") and not allowed("plugins/acupuncture/views.py")
    assert allowed("core/record/cli.py") and allowed("core/testing/factories.py")
