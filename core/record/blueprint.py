"""The chart pages, the record's JSON API and the member portal."""

from core.audit import models as _audit_models  # noqa: F401  (tables known to migrations)
from core.record import transfer_views  # noqa: F401  (imports: routes on the chart blueprint)
from core.record import views_work  # noqa: F401  (adds routes to the chart blueprint)
from core.record import consent, http_api, portal, summary, transfer_read, views
from core.record.declarations import action_label

blueprints = [views.bp, http_api.bp, portal.bp]


def my_urgent_tasks() -> int:
    """How many open urgent tasks and referrals are routed to the signed-in account (0 for
    someone who does not work a task list)."""
    from flask import g

    from core import db
    from core.security.access import has_permission

    user = g.get("user")
    if user is None or not has_permission("record.tasks.view"):
        return 0
    return len(consent.urgent_action_ids(db.session(), user))


#: where the summary's forms take the chart's address and the page's token (never in a text)
_ADDRESS, _TOKEN = "\x00address\x00", "\x00token\x00"


def summary_add_forms(person_id: int):
    """The forms that add to ``person_id``'s summary (``record/_summary_add.html``): written
    once per language and script root, then given the person's address and the page's CSRF
    token. Every chart drew the same forty-odd translated strings; only who may edit the
    summary is decided on each page (``_summary.html``)."""
    from flask import render_template, url_for
    from markupsafe import Markup, escape

    from core.app import DOMAIN_VAR
    from core.i18n import core_domain, locale_in_force
    from core.memo import per_app
    from core.web.hooks import csrf_token

    found = per_app("summary_forms", str(locale_in_force()), lambda: str(render_template(
        # core's strings, whichever blueprint's page includes the summary
        "record/_summary_add.html", add_url=Markup(_ADDRESS), csrf=Markup(_TOKEN),
        **{DOMAIN_VAR: core_domain})))
    address = str(escape(url_for("record.add_summary", person_id=person_id)))
    return Markup(found.replace(_ADDRESS, address).replace(_TOKEN, str(escape(csrf_token()))))


def init_app(app):
    from core.security.sessions import read_with_page

    read_with_page("urgent_actions", consent.urgent_ids_column, consent.keep_urgent_ids)
    app.jinja_env.globals["action_label"] = action_label
    app.jinja_env.globals["discipline_name"] = consent.discipline_name
    app.jinja_env.globals["role_names"] = consent.role_names
    app.jinja_env.globals["my_urgent_tasks"] = my_urgent_tasks
    app.jinja_env.globals["summary_add_forms"] = summary_add_forms
    app.jinja_env.globals["imported_value"] = transfer_read.imported_value
    app.jinja_env.globals["imported_rows"] = transfer_read.imported_rows
    app.jinja_env.globals["imported_title"] = transfer_read.imported_title
    app.jinja_env.globals["summary_kind_name"] = summary.summary_kind_name
    app.jinja_env.globals["summary_value"] = summary.summary_value
