"""French elision before a value: "Dossier d’Aline" but "Dossier de Marie", as the text is
filled in (a page's ``_()``, core's and the plugins' gettext); English and the values
themselves are never changed."""

import pytest
from flask import render_template_string
from markupsafe import Markup

from core.i18n import core_domain
from core.typography import elide


@pytest.mark.parametrize(("value", "read"), [
    ("Aline", "Dossier d’%(name)s"), ("Éloïse", "Dossier d’%(name)s"),
    ("Yves", "Dossier d’%(name)s"), ("œillets", "Dossier d’%(name)s"),
    ("Marie", "Dossier de %(name)s"), ("Hélène", "Dossier de %(name)s"),  # h: left as written
    ("yogourt", "Dossier de %(name)s"), ("12", "Dossier de %(name)s"), ("", "Dossier de %(name)s"),
])
def test_de_before_a_value_beginning_with_a_vowel_is_elided(value, read):
    assert elide("Dossier de %(name)s", {"name": value}) == read


def test_only_de_and_que_of_their_own_and_only_before_that_value():
    values = {"a": "Ève", "b": "Marc", "n": "onze"}
    assert elide("De %(a)s et de %(b)s", values) == "D’%(a)s et de %(b)s"
    assert elide("Il ne reste que %(n)s", values) == "Il ne reste qu’%(n)s"
    assert elide("Il ne reste que %(b)s", values) == "Il ne reste que %(b)s"
    assert elide("made %(a)s, ode %(a)s", values) == "made %(a)s, ode %(a)s"  # not a word "de"
    kept = Markup("Dossier de <b>%(a)s</b>")
    assert elide(kept, values) is kept  # nothing to elide before a tag: the same text
    assert type(elide(Markup("de %(a)s"), values)) is Markup


def _render(app, source: str, language: str, **values) -> str:
    headers = {"Accept-Language": "fr-CA" if language == "fr" else "en-CA"}
    with app.test_request_context("/", headers=headers):
        return render_template_string(source, **values)


def test_a_page_reads_d_apostrophe_in_french_and_english_unchanged(app):
    source = "{{ _('Chart of %(name)s', name=name) }}"
    assert _render(app, source, "fr", name="Aline Gagnon") == "Dossier d’Aline Gagnon"
    assert _render(app, source, "fr", name="Marie Gagnon") == "Dossier de Marie Gagnon"
    assert _render(app, source, "en", name="Aline Gagnon") == "Chart of Aline Gagnon"
    # the value is still escaped, and only what comes before it changes
    assert _render(app, source, "fr", name="Ève <3") == "Dossier d’Ève &lt;3"


def test_python_side_texts_read_d_apostrophe_too(app):
    with app.test_request_context("/", headers={"Accept-Language": "fr-CA"}):
        assert core_domain.gettext("Chart of %(name)s", name="Isabelle") == "Dossier d’Isabelle"
        assert str(core_domain.lazy_gettext("Chart of %(name)s", name="Luc")) == "Dossier de Luc"
    with app.test_request_context("/", headers={"Accept-Language": "en-CA"}):
        assert core_domain.gettext("Chart of %(name)s", name="Isabelle") == "Chart of Isabelle"
