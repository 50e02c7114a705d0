"""gunicorn settings of the bench server that a command line cannot give (``--config python:``)."""


def post_fork(server, worker) -> None:
    """As ``soin serve`` does: a forked worker opens its own connections, never its parent's."""
    app = getattr(server.app, "callable", None)  # the application loaded before the fork
    database = getattr(app, "extensions", {}).get("soin_db")
    if database is not None:
        database.engine.dispose(close=False)
