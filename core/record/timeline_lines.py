"""The chart's timeline lines, written in Python rather than by chart.html.

An entry's line (its title linked to it, its summary, when, by whom, in which discipline, how
confidential) is the same markup for each of up to fifty entries. Drawn by the template, each
of its values went through Jinja's attribute lookup and escaping, and the level's label through
a call: about eighty Python calls a line, against some twenty-five here. The template still
writes what surrounds the lines (the visits, the findings under a line, the end of a line);
the labels are still its macros' (``record/_macros.html``), asked once per language.
"""

from __future__ import annotations

from flask import get_template_attribute
from markupsafe import Markup, escape

from core.i18n import locale_code
from core.memo import per_app

#: one line, up to its findings (chart.html closes the <li> after them); its time is never
#: broken inside ("2025-03-" over "14" on a phone)
LINE = ('\n      <li class="entry">\n        <a href="{href}"><strong>{title}</strong></a>\n'
        '        — {summary}\n        <br><small><span class="nowrap">{when}</span>'
        ' · {author} · {discipline}\n          · {level}{amended}</small>\n        ')
LEVELS = ("team", "discipline", "sealed")
MACROS = "record/_macros.html"


def labels() -> tuple[dict, str]:
    """(label by confidentiality level, " · Amended"), in the page's language, from the
    template macros every other page shows them with; worked out once per language."""
    def make():
        level = get_template_attribute(MACROS, "confidentiality_label")
        status = get_template_attribute(MACROS, "status_label")
        return {code: str(level(code)) for code in LEVELS}, " · " + str(status("amended"))
    return per_app("timeline_labels", locale_code(), make)


def write_lines(cards, hrefs, whens, disciplines) -> None:
    """Give each card its ``line``; ``hrefs``, ``whens``, ``disciplines``: the cards' address,
    time and discipline in words, in the cards' order (plain text: escaped here)."""
    levels, amended = labels()
    escaped: dict[str, str] = {}

    def once(text: str) -> str:  # titles, authors, disciplines repeat from line to line
        found = escaped.get(text)
        if found is None:
            found = escaped[text] = escape(text)
        return found

    for card, href, when, discipline in zip(cards, hrefs, whens, disciplines, strict=True):
        entry = card.entry
        card.line = Markup(LINE.format(
            href=escape(href), title=once(card.title), summary=escape(card.summary),
            when=escape(when), author=once(card.author), discipline=once(discipline),
            # an unknown level reads as the macro reads it: the care team's
            level=levels.get(entry.confidentiality) or levels["team"],
            amended=amended if entry.status == "amended" else ""))
