"""gunicorn settings of the bench server that a command line cannot give (``--config python:``)."""


import gc


def pre_fork(server, worker) -> None:
    """As ``soin serve`` does: Babel's language data is read, then what the application built
    is frozen out of the cycle collector, before a worker is forked, so the workers share both
    and their collections never copy the parent's pages."""
    from core.i18n import load_language_data

    load_language_data()
    gc.freeze()


def post_fork(server, worker) -> None:
    """As ``soin serve`` does: a forked worker opens its own connections, never its parent's."""
    app = getattr(server.app, "callable", None)  # the application loaded before the fork
    database = getattr(app, "extensions", {}).get("soin_db")
    if database is not None:
        database.engine.dispose(close=False)
