"""What every template can use: the account, the menus it may see, languages, formatting."""

from __future__ import annotations

import re
from typing import NamedTuple
from urllib.parse import quote_plus, urlencode

from flask import current_app, g, request, url_for
from markupsafe import Markup, escape

from core.i18n import LOCALES, locale_code, locale_in_force, locale_name, reader_language
from core.memo import per_app, per_request
from core.plugins import CORE, active_names, is_active
from core.registry import plugin_host
from core.security.access import current_account, has_permission, permissions_of
from core.web import formatting
from core.web.hooks import csrf_token


def nav_items(section: str):
    """Menu entries of active plugins (and core) that the current account may use."""
    return per_request(("nav", section), lambda: _nav_items(section))


def nav_url(endpoint: str) -> str:
    """``url_for(endpoint)`` of a menu entry (an endpoint without arguments), worked out once
    per application and script root: every page draws 30-odd menu links."""
    return per_app("nav_urls", endpoint, lambda: url_for(endpoint))


def static_url(filename: str) -> str:
    """``url_for("static", filename=filename)``, worked out once per application and script
    root (every page links its style sheet)."""
    return per_app("static_urls", filename, lambda: url_for("static", filename=filename))


def page_url(endpoint: str, **query) -> str:
    """``url_for(endpoint, **query)`` of an endpoint without path arguments and a query of
    single values: :func:`nav_url`'s path, the query written as ``url_for`` writes it (in the
    order given, None left out, the same characters kept). ``url_for`` costs 25-30 µs a link;
    an agenda draws eight."""
    path = nav_url(endpoint)
    if not query:
        return path
    parts = []
    for name, value in query.items():
        if value is None:
            continue
        if type(value) is int:
            value = str(value)
        elif type(value) is not str:
            # anything else as urlencode writes it (str() of it, bytes as they are)
            return f"{path}?{urlencode(_given(query), safe=_QUERY_SAFE)}"
        parts.append(f"{_quoted(name)}={_quoted(value)}")
    return f"{path}?{'&'.join(parts)}" if parts else path


def _given(query: dict) -> list:
    return [(name, value) for name, value in query.items() if value is not None]


def _quoted(text: str) -> str:
    """``text`` as ``urlencode`` quotes it: as it is when every character is one it never
    quotes (ids, ISO days, names of arguments: an agenda's eight links had 24 ``quote``)."""
    return text if _PLAIN(text) else quote_plus(text, safe=_QUERY_SAFE)


#: what werkzeug leaves unquoted in a query (werkzeug.urls._urlencode)
_QUERY_SAFE = "!$'()*,/:;?@"
#: characters ``quote`` never quotes, whatever ``safe`` says
_PLAIN = re.compile(r"[A-Za-z0-9_.~-]*").fullmatch


#: an id no row has, put in a URL to find where an id goes (split out again at once)
_MARK = 918273645


def id_link(endpoint: str, name: str):
    """``url_for(endpoint, name=ident)`` as a function of ``ident``: the URL built once per
    application and script root, the id then put in its place (a URL with one id in its path).
    ``url_for`` costs 25-30 µs a link; a list of people or a day's bookings draws one a row."""
    before, _mark, after = per_app("id_links", (endpoint, name), lambda: url_for(
        endpoint, **{name: _MARK}).partition(str(_MARK)))
    return lambda ident: f"{before}{ident}{after}"


#: the endpoint whose menu entry shows the count of urgent tasks
TASKS_ENDPOINT = "record.tasks"


class MenuParts(NamedTuple):
    """A menu's ``<li>`` entries as HTML: ``before`` up to the task list's title (the count of
    urgent tasks, which changes from page to page, goes there), ``after`` the rest; ``tasks``
    says whether the task list is an entry at all, ``size`` how many entries there are."""

    before: Markup
    after: Markup
    tasks: bool
    size: int


def menu_parts(section: str) -> MenuParts:
    """The entries of :func:`nav_items` (chosen on every request from the reader's permissions)
    as HTML, written once per application for each language, script root and set of entries
    shown: every page draws the menu, and looping over 15-odd entries in the template cost more
    than the rest of the page's frame.

    Who sees what depends only on the permissions held and the active plugins, unless an entry
    has a ``visible(account)`` of its own: the menu is then kept for that pair too (with the
    language and script root), and only those entries ask the account again (choosing every
    entry cost the menu's two sections 300 calls a page)."""
    host = plugin_host()
    code = locale_code()
    key = ("menu", section, code, *per_request("menu_reader", _reader))
    found = host.derived(key, lambda: _fixed_menu(section, code))
    if found is not None:
        return found
    permitted = host.derived(("permitted", *key), lambda: _permitted_entries(section)[1])
    return _menu_of(section, code, per_request(("nav", section),
                                               lambda: _shown(host, permitted)))


def _reader() -> tuple:
    """What decides a reader's menus besides the language: the script root, the permissions
    held and the active plugins (asked once a request for both sections)."""
    return (request.script_root, frozenset(permissions_of(current_account())),
            frozenset(active_names()))


def _fixed_menu(section: str, code) -> MenuParts | None:
    """The section's menu when no entry the reader's permissions allow asks ``visible``, else
    None. Asked of the permitted entries, not of those shown: an entry ``visible`` hid from
    one reader (the crisis lines, from a nurse) may be shown to another with the same
    permissions (a psychologist), and the menu kept for the first would hide it from both."""
    if _asks_account(_permitted_entries(section)[1]):
        return None
    return _menu_of(section, code, nav_items(section))


def _menu_of(section: str, code, items) -> MenuParts:
    key = (section, code, tuple(i.id for i in items))
    return per_app("menus", key, lambda: _write_menu(items))


def _write_menu(items) -> MenuParts:
    pieces, split = [], None
    for item in items:
        pieces.append(f'<li><a href="{escape(nav_url(item.endpoint))}">{escape(item.title)}')
        if item.endpoint == TASKS_ENDPOINT and split is None:
            split = len(pieces)
        pieces.append("</a></li>")
    split = len(pieces) if split is None else split
    return MenuParts(Markup("".join(pieces[:split])), Markup("".join(pieces[split:])),
                     split < len(pieces), len(items))


def _nav_items(section: str):
    host, permitted = _permitted_entries(section)
    if not _asks_account(permitted):
        return list(permitted)
    return _shown(host, permitted)


def _shown(host, permitted) -> list:
    """:func:`_firsts` of the ``permitted`` entries their own ``visible`` accepts (an entry
    without one is not asked: a call less for most entries)."""
    return _firsts(permitted, lambda item: item.visible is None or _visible(host, item))


def _permitted_entries(section: str) -> tuple:
    """The plugin host and the section's entries the reader's permissions allow (before any
    entry's own ``visible(account)``)."""
    host = plugin_host()
    held = permissions_of(current_account())
    key, entries = _sorted_entries(host, section)
    # who may see an entry depends only on the permissions held, unless an entry asks its own
    # ``visible(account)``: the permitted entries are worked out once per set of permissions
    return host, host.derived((key, frozenset(held)), lambda: _permitted(entries, held))


def _asks_account(permitted) -> bool:
    return any(item.visible is not None for item in permitted)


def _permitted(entries, held) -> tuple:
    """The entries the permissions ``held`` allow, the first of each endpoint when none of
    them has a ``visible`` of its own (else each is left to it)."""
    allowed = [i for i in entries if i.permission is None or i.permission in held]
    if any(item.visible is not None for item in allowed):
        return tuple(allowed)
    return tuple(_firsts(allowed, lambda _item: True))


def _firsts(items, shown) -> list:
    """The first of ``items`` for each endpoint among those ``shown(item)`` accepts: several
    plugins may point at one core page (their reports are all on /reports)."""
    kept, seen = [], set()
    for item in items:
        if item.endpoint not in seen and shown(item):
            seen.add(item.endpoint)
            kept.append(item)
    return kept


def _visible(host, item) -> bool:
    """The entry's own ``visible(account)``, if it has one; one that raises hides the entry
    and marks its plugin faulty (the page and the other entries are drawn)."""
    if item.visible is None:
        return True
    try:
        return bool(item.visible(g.get("user")))
    except Exception as exc:
        host.record_fault(item.id.partition(".")[0], "register_nav_items", exc)
        return False


def _sorted_entries(host, section: str) -> tuple[str, list]:
    """The section's entries of active plugins in menu order, worked out once per language
    and set of active plugins (sorting by title translates every title), and that key."""
    names = active_names()
    active = sorted(n for n in host.plugins if n == CORE or n in names)
    key = f"nav:{section}:{locale_in_force()}:{','.join(active)}"
    return key, host.derived(key, lambda: sorted(
        (i for i in host.declarations("register_nav_items") if i.section == section),
        key=lambda i: (i.order, str(i.title))))


def role_title(role):
    """A role's title in the reader's language (declared roles), or the stored title."""
    host = plugin_host()
    for spec in host.declarations("register_roles", active_only=False):
        if spec.code == role.code:
            return spec.title
    return role.title


def person_links(person):
    """Links on a person's page from core areas and active plugins (the ``person_links``
    hook), each already limited to what the reader may follow, in ``order``."""
    host = plugin_host()
    links = [link for _name, result in host.call_each("person_links", person=person,
                                                       viewer=g.get("user"))
             for link in result]
    return sorted(links, key=lambda link: link.order)


#: each language in its own name, for the switcher (the same whatever the reader's language)
LOCALE_NAMES = [(code, locale_name(code)) for code in LOCALES]


def sex_at_birth_label(code: str) -> str:
    """Sex assigned at birth in the reader's words ("" when not stated)."""
    from core.i18n import _

    return str({"female": _("Female"), "male": _("Male"),
                "intersex": _("Intersex")}.get(code, code or ""))


def register_template_helpers(app):
    @app.context_processor
    def inject():
        return {
            "current_user": g.get("user"),
            "nav_items": nav_items,
            "nav_url": nav_url,
            "static_url": static_url,
            "menu_parts": menu_parts,
            "has_permission": has_permission,
            "role_title": role_title,
            "person_links": person_links,
            "sex_at_birth_label": sex_at_birth_label,
            "plugin_active": is_active,
            "locales": LOCALE_NAMES,
            "current_locale": reader_language(),
            "coop_name": current_app.config["SOIN_COOP_NAME"],
            # over Flask-WTF's own (its context processor runs first): signed once a session
            "csrf_token": csrf_token,
        }

    # a global, not in the context: macros imported without the page's context draw links too
    app.jinja_env.globals["page_url"] = page_url
    app.jinja_env.globals["id_link"] = id_link
    formatting.register(app)
