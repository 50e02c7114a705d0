"""Error pages: translated, with an error id to quote, never a stack trace or health data."""

from __future__ import annotations

import secrets

from flask import g, jsonify, render_template, request
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException

from core.i18n import _
from core.registry import plugin_host, plugin_of_blueprint

MESSAGES = {
    400: _("The request could not be understood."),
    401: _("Please sign in to continue."),
    403: _("You do not have access to this page."),
    404: _("This page does not exist."),
    405: _("This action is not allowed here."),
    409: _("This conflicts with a change made by someone else."),
    413: _("What you sent is too large."),
    415: _("This kind of content is not accepted here."),
    422: _("Please correct the fields shown."),
    429: _("Too many attempts. Please wait a few minutes and try again."),
    500: _("Something went wrong on our side. The team can trace it with the error number."),
}


def _error_id() -> str:
    """The request's id (in every log line of the request), quoted from the error page."""
    from core.ops.web import current_request_id

    return current_request_id() or secrets.token_hex(4)


def _respond(status: int, message=None, error_id: str | None = None, fields=None):
    # The request's transaction may be broken (a failed flush leaves it "pending rollback"):
    # roll it back before the page reads the menus, or the error page fails in turn.
    sess = g.get("_soin_session")
    if sess is not None:
        sess.rollback()
    error_id = error_id or _error_id()
    message = str(message or MESSAGES.get(status, MESSAGES[500]))
    if request.path.startswith("/api/"):
        body = {"status": status, "message": message, "id": error_id}
        if fields:
            body["fields"] = fields
        return jsonify(error=body), status
    return render_template("errors/error.html", status=status, message=message,
                           error_id=error_id, fields=fields or {}), status


def _blame_plugin(app, exc) -> None:
    """An error in a plugin's page marks that plugin faulty for admins; core pages go on."""
    name = plugin_of_blueprint(request.blueprint)
    if name:
        plugin_host(app).record_fault(name, f"page {request.endpoint}", exc)


def register_error_handlers(app):
    @app.errorhandler(CSRFError)
    def csrf_error(exc):
        return _respond(403, _("The form expired or was sent from elsewhere. Reload the page and try again."))

    @app.errorhandler(HTTPException)
    def http_error(exc):
        if exc.code and exc.code < 400:
            return exc
        return _respond(exc.code or 500, getattr(exc, "message", None),
                        fields=getattr(exc, "fields", None))

    @app.errorhandler(Exception)
    def unexpected(exc):
        if isinstance(exc, HTTPException):
            return http_error(exc)
        error_id = _error_id()
        app.logger.error("unhandled error %s", error_id, exc_info=exc)
        _blame_plugin(app, exc)
        return _respond(500, error_id=error_id)
