"""Run one action from several threads at the same instant, each in its own transaction: the
way tests show that the database, not luck, keeps a rule (one seat, one vote, one unit)."""

from __future__ import annotations

import threading


def at_once(app, keys, action, refused: type[BaseException] | tuple = ()) -> dict:
    """``action(db, key)`` for every key, each in its own thread, session and transaction, all
    released together; returns ``{"ok": n, "refused": n, "errors": [...]}`` where ``refused``
    counts the exceptions of type ``refused`` (the rule saying no) and ``errors`` lists any
    other exception (a bug the test must show)."""
    from core.db import session as current_session

    barrier = threading.Barrier(len(keys))
    results = {"ok": 0, "refused": 0, "errors": []}
    lock = threading.Lock()

    def run(key):
        with app.app_context():
            db = current_session()
            barrier.wait()
            try:
                action(db, key)
                db.commit()
                outcome = "ok"
            except refused:
                db.rollback()
                outcome = "refused"
            except Exception as exc:  # anything else is a bug the test must show
                db.rollback()
                with lock:
                    results["errors"].append(repr(exc))
                return
            with lock:
                results[outcome] += 1

    threads = [threading.Thread(target=run, args=(key,)) for key in keys]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return results
