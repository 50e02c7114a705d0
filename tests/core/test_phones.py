"""core.phones: a text's numbers to call drawn as tel: links kept on one line, found however
the text spaces them, never lost, never a link anywhere but a phone."""

from markupsafe import Markup

from core.form_specs import PhoneNumber
from core.phones import PhoneText, linked, with_phones

LINE = PhoneNumber("Ligne", "1 866 APPELLE (1-866-277-3553)", "tel:+18662773553")
EMERGENCY = PhoneNumber("Emergency", "9-1-1", "tel:911")


def test_a_number_the_text_writes_is_linked_where_it_stands(app):
    with app.test_request_context():
        text = with_phones("Call 9-1-1 <now>", [EMERGENCY])
        assert isinstance(text, str) and str(text) == "Call 9-1-1 <now>"  # text to every reader
        assert Markup.escape(text) == ('Call <a class="phone" href="tel:911">9-1-1</a> '
                                       '&lt;now&gt;')


def test_french_spacing_inside_a_number_still_finds_it(app):
    with app.test_request_context():
        html = linked("Ligne\u202f: 1\u00a0866 APPELLE (1-866-277-3553).", [LINE])
        assert html.count('href="tel:+18662773553"') == 1 and "Emergency" not in html


def test_a_number_the_text_does_not_write_is_added_with_its_label(app):
    with app.test_request_context():
        html = linked("See the person today.", [LINE, EMERGENCY])  # in French, by default
        assert html.endswith('Emergency\u202f: <a class="phone" href="tel:911">9-1-1</a>')
        assert 'today. Ligne\u202f: <a class="phone" href="tel:+18662773553">' in html
        # written beside it (a finding's message): not added twice
        assert "9-1-1" not in linked("See the person today.", [EMERGENCY], besides="Call 9-1-1")
        assert "9-1-1" not in linked("Message.", [EMERGENCY], add=False)


def test_a_number_inside_a_longer_one_is_not_linked(app):
    with app.test_request_context():
        html = linked("File 19-1-1 and 9-1-1", [EMERGENCY])
        assert html.count("<a ") == 1 and "19-1-1 and <a" in html


def test_a_dial_that_is_not_a_phone_is_never_a_link(app):
    with app.test_request_context():
        html = linked("Call 9-1-1", [PhoneNumber("x", "9-1-1", "javascript:alert(1)")])
        assert "<a" not in html and '<span class="phone">9-1-1</span>' in html


def test_a_text_without_numbers_is_only_escaped(app):
    with app.test_request_context():
        assert linked("a < b") == "a &lt; b" and linked(None) == ""
        assert isinstance(PhoneText("x"), str)
