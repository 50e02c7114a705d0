"""Operations' web side, mounted like every core area (see core.web.register_core_blueprints)."""

from core.ops import web

blueprints = [web.bp]


def init_app(app):
    """A request id on every request (error pages and log lines), the backup warning helper."""
    app.before_request_funcs.setdefault(None, []).insert(0, web.start_request)
    app.after_request(web.end_request)
    app.add_template_global(web.backup_warning, "backup_warning")
