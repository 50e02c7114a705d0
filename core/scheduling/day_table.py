"""The agenda's lines as HTML, written in Python: the day table's rows and a booking's line
(the day and week pages).

Each row was a dozen template steps, a macro call and a ``url_for`` (the profile of a day
page: a third of its rendering); the links to a visit or a group session are now an id put
between the parts of one URL built once per application. What is written is byte for byte
what the template and its ``item_line`` macro wrote (tests/scheduling/test_day_table.py).
"""

from __future__ import annotations

from markupsafe import Markup, escape

from core.i18n import ngettext
from core.scheduling.labels import STATUS
from core.web.context import id_link


def item_line(item, links=None, statuses=None) -> Markup:
    """One booking as the agenda shows it: a visit's type, person and status, or a group
    session's title and places taken (``links``: :func:`_links` of the page, else looked up;
    ``statuses``: the page's statuses already written, filled as they are met)."""
    visit, group = links or _links()
    if item.kind == "appointment":
        status = None if statuses is None else statuses.get(item.status)
        if status is None:
            status = escape(STATUS.get(item.status, ""))
            if statuses is not None:
                statuses[item.status] = status
        return Markup(f'\n\n<a href="{escape(visit(item.id))}">{escape(item.title)} · '
                      f'{escape(item.who)}</a>\n<span class="status">{status}</span>\n\n')
    places = Markup(ngettext("%(taken)s of %(capacity)s place", "%(taken)s of %(capacity)s places",
                             item.capacity, taken=item.taken, capacity=item.capacity))
    return Markup(f'\n\n<a href="{escape(group(item.id))}">{escape(item.title)}</a>\n'
                  f'<span class="status">{places}</span>\n\n')


def _links():
    return (id_link("scheduling.appointment", "appointment_id"),
            id_link("scheduling_groups.session", "group_id"))


def day_rows(lines, *, can_book: bool, free_label, book_at: str) -> Markup:
    """The ``<tr>`` of each of the day's ``lines`` (``(item or None, start, end, HH:MM
    quoted)``): a booking's times and line, or a free half-hour and its booking link."""
    links, label, booking = _links(), escape(free_label), escape(book_at)
    statuses: dict = {}  # each status translated once a page, not once a visit
    rows = []
    for item, start, end, hm in lines:
        if item is not None:
            rows.append(f"\n    <tr>\n      <td>{_text(start)}–{_text(end)}</td>\n"
                        f"      <td>{item_line(item, links, statuses)}</td>\n    </tr>\n  ")
        else:
            cell = f'<a href="{booking}&amp;time={_text(hm)}">{label}</a>' if can_book else label
            rows.append(f'\n    <tr class="free">\n      <td>{_text(start)}</td>\n'
                        f"      <td>{cell}</td>\n    </tr>\n  ")
    return Markup("".join(rows))


#: times of day as the table writes them (and quoted HH:MM), escaped, by text: a few thousand
#: at most, the same on every page
_ESCAPED: dict[str, str] = {}


def _text(text) -> str:
    """``escape(text)``, kept for plain strings (``escape`` is three calls and a new Markup;
    an agenda escapes two times a row)."""
    if type(text) is not str:
        return escape(text)  # Markup (already safe) or anything else: as escape writes it
    found = _ESCAPED.get(text)
    if found is None:
        if len(_ESCAPED) >= 8192:
            _ESCAPED.clear()
        found = _ESCAPED[text] = str(escape(text))
    return found
