"""create_app(): the only place that wires things together, in this order:

1. configuration and database; 2. plugins (discovery, validation); 3. languages;
4. sessions, current account, CSRF, route access; 5. core blueprints, then plugin blueprints
under /p/<name>/ (404 while inactive); 6. security headers and error pages.
"""

from __future__ import annotations

import gc
import logging
import sys
from contextlib import contextmanager
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from flask import Flask

# What the application is made of (Flask, SQLAlchemy, core's areas and their models, the
# plugins) is imported by create_app, with the collector paused (see collector_paused), not by
# this module: importing Flask alone makes ~22,000 objects for the collector to walk.

log = logging.getLogger("soin")


def create_app(overrides: dict | None = None, extra_plugins=()) -> Flask:
    """Build the application. ``extra_plugins``: ``[(name, module)]`` registered like entry points."""
    with collector_paused():
        return _build_app(overrides, extra_plugins)


@contextmanager
def collector_paused():
    """Python's cycle collector is off while the application is built.

    Building allocates a couple of hundred thousand long-lived objects (plugins, models, routes,
    schemas); the collector walked them all again and again as they piled up: a fifth of the
    start-up's CPU, for no garbage. ``soin serve`` then freezes them before forking its workers
    (``core.ops.serve``), so no worker's collector walks (and copies) the parent's pages.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if not gc.get_freeze_count():
            # what was built joins the oldest generation without being walked: enabled as is,
            # the collector's first pass would walk every object made while it slept
            gc.freeze()
            gc.unfreeze()
        if was_enabled:
            gc.enable()


def _build_app(overrides: dict | None, extra_plugins) -> Flask:
    from core import schema_hooks
    from core.deferred_patterns import import_marshmallow

    import_marshmallow()  # first, before any module that uses it (see core.deferred_patterns)
    schema_hooks.install()  # before the first schema is made (see core.schema_hooks)
    from flask_babel import Babel

    from core import builtin, db as dbmod
    from core.config import check_secret_key, load_config
    from core.i18n import core_domain, select_locale
    from core.plugins import PluginHost
    from core.web.application import SoinFlask
    from core.web.hooks import csrf
    from core.web.routing import LazyBuilderRule

    app = SoinFlask(__name__, template_folder="web/templates", static_folder="web/static")
    # links are built by url_for: each rule's builder is compiled on its first link
    app.url_rule_class = LazyBuilderRule
    _keep_compiled_templates(app)
    app.config.update(load_config(overrides))
    check_secret_key(app.config)
    # ids in paths are bounded (core.ids), JSON is read by one guarded loader (core.web.inputs)
    from core.ids import IdConverter
    from core.web.inputs import SafeJSONProvider

    app.url_map.converters["int"] = IdConverter
    app.json = SafeJSONProvider(app)

    # Behind a reverse proxy, trust exactly the configured number of hops, so a forged
    # X-Forwarded-For cannot change the address the throttle and the audit log see.
    if app.config["SOIN_TRUSTED_PROXIES"]:
        from werkzeug.middleware.proxy_fix import ProxyFix

        hops = app.config["SOIN_TRUSTED_PROXIES"]
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops)

    # 1. database
    app.extensions["soin_db"] = dbmod.Database(app.config["SOIN_DATABASE_URL"])
    app.teardown_appcontext(dbmod.close_session)

    # 2. plugins
    load_only = app.config.get("SOIN_LOAD_PLUGINS")
    if isinstance(load_only, str):
        load_only = [n.strip() for n in load_only.split(",") if n.strip()]
    host = PluginHost(load_only)
    host.load(builtin, extra=extra_plugins)
    app.extensions["soin_plugins"] = host

    # 3. languages
    Babel(app, locale_selector=select_locale, default_domain="messages",
          default_translation_directories=str(core_domain.directory))
    _install_gettext(app)

    # 4. sessions, account, CSRF, access
    from core.security.sessions import ServerSessionInterface
    from core.web import hooks

    app.session_interface = ServerSessionInterface()
    csrf.init_app(app)
    app.jinja_env.globals["csrf_token"] = hooks.csrf_token  # Flask-WTF's, signed once a session
    from core.web.lifecycle import FormTemplate

    app.jinja_env.template_class = FormTemplate  # a refusal the page has no field for is shown
    from core.web.templating import PageContext

    app.jinja_env.context_class = PageContext  # a template's calls of functions, shorter
    from core.web.inputs import refuse_unstorable_input

    app.before_request(refuse_unstorable_input)
    app.before_request(hooks.load_account)
    app.before_request(hooks.check_csrf)
    app.before_request(_plugin_blueprint_gate())
    app.before_request(hooks.enforce_access)
    from core.web.http_api import refuse_unknown_query

    app.before_request(refuse_unknown_query)
    # Registered first so it runs last: end the request's transaction before the session is
    # saved, so the session store never waits on the request's own SQLite write lock.
    app.after_request(hooks.end_request_transaction)
    app.after_request(hooks.security_headers)

    # 5. blueprints
    from core.web import register_core_blueprints

    register_core_blueprints(app)
    for name, plugin in host.plugins.items():
        for bp in plugin.declared("register_blueprints"):
            app.register_blueprint(bp, url_prefix=f"/p/{name}" + (bp.url_prefix or ""))

    # 6. errors and template helpers
    from core.web.context import register_template_helpers
    from core.web.errors import register_error_handlers

    register_error_handlers(app)
    register_template_helpers(app)
    _prepare_before_fork(app)
    return app


def _keep_compiled_templates(app: Flask) -> None:
    """A page's template is compiled once, then kept as bytecode between starts.

    Compiling the sign-in page and its layout cost a worker's first request tens of
    milliseconds, and every page's first showing in every new worker the same. Jinja keeps
    the compiled code in a folder of its own (``_jinja2-cache-<uid>`` in the temporary
    folder, private to the account), checked against the template's text: an edited template
    is compiled again. Written when Python writes bytecode (not under
    ``PYTHONDONTWRITEBYTECODE``).
    """
    if sys.dont_write_bytecode:
        return
    from jinja2 import FileSystemBytecodeCache

    try:
        cache = FileSystemBytecodeCache()
    except (OSError, RuntimeError):  # no private temporary folder: compile every time
        return
    app.jinja_options = {**app.jinja_options, "bytecode_cache": cache}


def _prepare_before_fork(app: Flask) -> None:
    """What every worker's first requests would each do, done once here: under ``soin serve``
    (gunicorn with ``--preload``) the workers then share it instead of each holding a copy.

    SQLAlchemy configures every mapper (relationships, attributes) before the first query;
    the catalogs of every language are read. A mapper that cannot be configured is left to
    fail as before, at the first query, with SQLAlchemy's message.
    """
    from sqlalchemy.exc import SQLAlchemyError
    from sqlalchemy.orm import configure_mappers

    from core.i18n import DOMAINS, LOCALES

    try:
        configure_mappers()
    except SQLAlchemyError as exc:
        log.error("the models could not be configured: %s", exc)
    for domain in list(DOMAINS.values()):
        for locale in LOCALES:
            domain.catalog_for(locale)


def _install_gettext(app: Flask) -> None:
    """Jinja's ``_`` uses core's catalog, or the plugin's catalog inside a plugin's pages.

    The same behaviour as Jinja's "newstyle" gettext (escaped variables, ``%(name)s``), without
    its second indirect call: a page asks for dozens of strings, and the stock path cost 40 µs
    a string here (4 ms for a hundred).
    """
    from jinja2 import pass_context
    from markupsafe import Markup

    from core.i18n import DOMAINS, core_domain, counted, fill, kept_markups, markup_in
    from core.memo import REQUEST_CONTEXT, per_request
    from core.registry import plugin_of_blueprint

    def current_domain():
        # asked once per translated string: the answer is kept for the request
        context = REQUEST_CONTEXT.get(None)
        if context is None:
            return core_domain
        return per_request("gettext_domain", lambda: DOMAINS.get(
            plugin_of_blueprint(context.request.blueprint), core_domain))

    def domain_of(context):
        # put in each page's context once (below); macros imported without context ask again
        return context.get(DOMAIN_VAR) or current_domain()

    @pass_context
    def gettext(context, string, **variables):
        # the page's values read directly (Context.get is three calls more): the Markup of
        # each string its catalog translated, kept per catalog, put in the page's context
        # with the catalog in force when the page began (below)
        values = context.parent
        domain, kept = values.get(DOMAIN_VAR), values.get(MARKUPS_VAR)
        if kept is not None and kept[0] is domain and context.eval_ctx.autoescape:
            text = kept[2].get(string) or markup_in(kept[1], string)
        else:  # a render that names its own catalog, or a macro imported without context
            domain = domain or current_domain()
            text = (domain.markup(string) if context.eval_ctx.autoescape
                    else domain.get_translations().ugettext(string))
        # without variables or a "%", formatting changes nothing (and costs more than the rest)
        if variables:
            return fill(text, variables)
        return text % variables if "%" in text else text

    @pass_context
    def ngettext(context, singular, plural, num, **variables):
        variables.setdefault("num", counted(num))  # "20 598", as the language writes it
        text = domain_of(context).get_translations().ungettext(singular, plural, num)
        if context.eval_ctx.autoescape:
            text = Markup(text)
        return fill(text, variables)

    app.jinja_env.globals.update(gettext=gettext, _=gettext, ngettext=ngettext)
    app.jinja_env.newstyle_gettext = True

    def page_catalog():
        domain = current_domain()
        translations = domain.get_translations()
        return {DOMAIN_VAR: domain,
                MARKUPS_VAR: (domain, translations, kept_markups(translations))}

    app.context_processor(page_catalog)


#: the template variable holding the page's catalog (core's or the plugin's)
DOMAIN_VAR = "_soin_gettext_domain"
#: the template variable holding that catalog, its translations in the page's language and
#: what they translated as Markup (a render naming its own catalog in DOMAIN_VAR does not use it)
MARKUPS_VAR = "_soin_gettext_markups"


def _plugin_blueprint_gate():
    """Pages of an inactive plugin answer 404: the service is simply not there."""
    from flask import abort, request

    from core.plugins import is_active
    from core.registry import plugin_of_blueprint

    def gate():
        name = plugin_of_blueprint(request.blueprint)
        if name and not is_active(name):
            abort(404)

    return gate
