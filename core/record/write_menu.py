"""The chart's "write an entry" menu: the forms the viewer may write, those this person's chart
used last first, then every one grouped by discipline.

Drawn once per language and set of forms, then given each chart's address. A nurse's menu
holds some twenty links: their translated titles, sorted, grouped under translated discipline
names, each with its address, cost more Python calls than any other part of the chart's head
(about 1,100 of a chart's 14,800), and they are the same on every chart but for the person's
id in the addresses.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask import get_template_attribute, render_template, url_for
from markupsafe import Markup, escape

from core.i18n import _, locale_code
from core.memo import per_app
from core.record.addresses import addresses
from core.typography import sort_key

#: the menu's links by discipline (a macro for one link, and the groups)
TEMPLATE = "record/_write_menu.html"
#: at most this many forms under "recently used for this person"
RECENT = 4
#: the person the cached menu is drawn for: each chart puts its own in the addresses
_DRAWN_FOR = 0


@dataclass(frozen=True)
class WriteMenu:
    """What chart.html shows under "write an entry" (both parts already HTML)."""

    #: the links to the forms this person's chart used last, newest first (may be empty)
    recent: Markup
    #: every form, grouped by discipline (the groups in order of their names)
    groups: Markup


@dataclass(frozen=True)
class _Drawn:
    forms: list  # the forms it was drawn for (kept: the key holds their ids)
    links: dict  # form id -> its link (<li>), with the drawn-for person's address
    groups: str
    address: str  # the start of every link's address, escaped, with the drawn-for person's id


def write_menu(forms: list, person_id: int, entries) -> WriteMenu | None:
    """The menu of ``forms`` (those the viewer may write, in any order) on ``person_id``'s
    chart, whose ``entries`` (newest first) decide the recent ones; None without forms."""
    if not forms:
        return None
    key = (locale_code(), tuple(map(id, forms)))
    drawn = per_app("write_menu", key, lambda: _draw(forms))
    if drawn.forms != forms:  # another list whose objects had the same ids: not kept
        drawn = _draw(forms)
    links = drawn.links
    used = [e.form_id for e in entries if e.form_id in links]
    recent = "".join([links[form_id] for form_id in dict.fromkeys(used)][:RECENT])
    address = 'href="' + _address(person_id)
    mark = 'href="' + drawn.address
    return WriteMenu(Markup(recent.replace(mark, address)),
                     Markup(drawn.groups.replace(mark, address)))


def _address(person_id: int) -> str:
    """The start of the address of a form of ``person_id``'s chart, as written in a link."""
    return str(escape(url_for("record.new_entry", person_id=person_id, form_id="_")[:-1]))


def _draw(forms: list) -> _Drawn:
    from core.record.consent import discipline_name

    ordered = sorted(forms, key=lambda f: sort_key(f.title))
    address = addresses("record.new_entry", "form_id", person_id=_DRAWN_FOR)
    link = get_template_attribute(TEMPLATE, "link")
    links = {form.id: str(link(address(form.id), form.title)) for form in ordered}
    groups: dict[str, list] = {}
    for form in ordered:
        name = discipline_name(form.discipline) if form.discipline else str(_("Every discipline"))
        groups.setdefault(name, []).append(form.id)
    html = render_template(TEMPLATE, groups=sorted(groups.items(), key=lambda group: sort_key(group[0])), links=links)
    return _Drawn(list(forms), links, str(html), _address(_DRAWN_FOR))
