"""The agenda's lines written in Python are byte for byte what the template wrote before."""

from datetime import datetime, timezone

import pytest
from flask_babel import force_locale
from markupsafe import escape

from core.scheduling.agenda import Item
from core.scheduling.day_table import day_rows, item_line

#: the macro and the loop the day and week pages drew their lines with, as they were
MACRO = """{% macro item_line(item) %}
{% if item.kind == 'appointment' %}
<a href="{{ url_for('scheduling.appointment', appointment_id=item.id) }}">{{ item.title }} · {{ item.who }}</a>
<span class="status">{{ sched_labels.status[item.status] }}</span>
{% else %}
<a href="{{ url_for('scheduling_groups.session', group_id=item.id) }}">{{ item.title }}</a>
<span class="status">{{ ngettext('%(taken)s of %(capacity)s place', '%(taken)s of %(capacity)s places', item.capacity, taken=item.taken, capacity=item.capacity) }}</span>
{% endif %}
{% endmacro %}"""
LOOP = MACRO + """{% for item, start, end, hm in lines %}
    <tr{% if item is none %} class="free"{% endif %}>
      <td>{{ start }}{% if item %}–{{ end }}{% endif %}</td>
      <td>{% if item %}{{ item_line(item) }}{% elif can_book %}<a href="{{ book_at }}&amp;time={{ hm }}">{{ free_label }}</a>{% else %}{{ free_label }}{% endif %}</td>
    </tr>
  {% endfor %}"""

AT = datetime(2026, 3, 2, 15, tzinfo=timezone.utc)
ITEMS = [Item("appointment", 7, AT, AT, "Soins <urgents> & co", status, 'Zoé "Z" O\'Neil')
         for status in ("booked", "arrived", "done", "no_show", "cancelled", "unknown")] + [
    Item("group", 12, AT, AT, "Groupe <cuisine> & \"jardin\"", taken=3, capacity=8),
    Item("group", 13, AT, AT, "Atelier", taken=1, capacity=2)]


@pytest.mark.parametrize("language", ["fr_CA", "en"])
@pytest.mark.parametrize("root", ["", "/coop"])
def test_item_line_as_the_macro_wrote_it(app, language, root):
    with app.test_request_context(base_url=f"http://localhost{root}"), force_locale(language):
        template = app.jinja_env.from_string(MACRO + "{{ item_line(item) }}")
        for item in ITEMS:
            assert str(item_line(item)) == template.render(item=item)


@pytest.mark.parametrize("can_book", [True, False])
@pytest.mark.parametrize("language", ["fr_CA", "en"])
def test_day_rows_as_the_loop_wrote_them(app, can_book, language):
    lines = [(item, "08 h 45", "09 h 30", "08%3A45") for item in ITEMS + ITEMS] + [
        (None, "10 h 00", "", "10%3A00"), (None, "10 h 30", "", "10%3A30")]
    values = {"lines": lines, "can_book": can_book, "free_label": "Libre & <réserver>",
              "book_at": "/schedule/book?resource=3&room=&date=2026-03-02"}
    with app.test_request_context(), force_locale(language):
        expected = app.jinja_env.from_string(LOOP).render(**values)
        assert str(day_rows(lines, **{k: v for k, v in values.items() if k != "lines"})) == expected


@pytest.mark.parametrize("root", ["", "/coop"])
def test_page_url_is_url_for(app, root):
    from flask import url_for

    from core.web.context import page_url

    queries = [{}, {"resource": 3, "date": "2026-03-02"}, {"resource": "", "room": 4},
               {"q": "Zoé & <co> ?/:@!$'()*,;=+%#"}, {"resource": None, "date": "2026-03-02"},
               {"q": "a b", "date": "2026-03-02", "n": -4, "x": "a.b_c~d-e"}, {"flag": True},
               {"resource": None}, {"q": "Zoé", "resource": 3.5}]
    with app.test_request_context(base_url=f"http://localhost{root}"):
        for endpoint in ("scheduling.day", "scheduling.week", "scheduling.book"):
            for query in queries:
                assert page_url(endpoint, **query) == url_for(endpoint, **query)


@pytest.mark.parametrize("language", ["fr_CA", "en"])
def test_resource_options_as_they_were_written(app, language):
    """The options kept per process are what was written for each resource every time: the
    kind translated in the reader's language, the name escaped, the chosen one selected, a
    renamed resource under its new name."""
    from collections import namedtuple

    from core.scheduling.labels import RESOURCE_KIND, resource_options

    Res = namedtuple("Res", "id name kind")
    rows = [Res(1, "Zoé <O'Neil> & \"co\"", "practitioner"), Res(2, "Salle 2", "room"),
            Res(3, "Autre", "unknown")]
    with app.test_request_context(), force_locale(language):
        for chosen in (None, 2):
            for listed in (rows, [Res(2, "Salle B", "room")]):
                kinds = {kind: escape(name) for kind, name in RESOURCE_KIND.items()}
                expected = "".join(
                    f'<option value="{escape(r.id)}" {"selected" if r.id == chosen else ""}>'
                    f'{escape(r.name)} ({kinds.get(r.kind, "")})</option>' for r in listed)
                assert str(resource_options(listed, chosen)) == expected
