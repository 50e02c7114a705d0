"""A count in a sentence is written as the reader's language writes numbers: "20 598 membres",
"20,598 members" (the register of a coop of 55,000 people read "20598 members listed")."""

import pytest
from flask import render_template_string

from core.i18n import core_domain

SOURCE = ("{{ ngettext('%(num)s member listed, %(voting)s', '%(num)s members listed, %(voting)s',"
          " total, voting='x') }}")


def _render(app, language: str, total: int) -> str:
    headers = {"Accept-Language": "fr-CA" if language == "fr" else "en-CA"}
    with app.test_request_context("/", headers=headers):
        return render_template_string(SOURCE, total=total)


@pytest.mark.parametrize(("total", "french", "english"), [
    (20598, "20\u00a0598 membres", "20,598 members"),
    (1000, "1\u00a0000 membres", "1,000 members"),
    (999, "999 membres", "999 members"),
    (1, "1 membre", "1 member"),
])
def test_a_pages_count_reads_as_the_language_writes_numbers(app, total, french, english):
    assert _render(app, "fr", total).startswith(french)
    assert _render(app, "en", total).startswith(english)


def test_a_count_in_pythons_ngettext_too(app):
    with app.test_request_context("/", headers={"Accept-Language": "en-CA"}):
        text = core_domain.ngettext("%(num)s entry", "%(num)s entries", 12345)
    assert text == "12,345 entries"
