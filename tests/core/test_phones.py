"""core.phones: a text's numbers to call drawn as tel: links kept on one line, found however
the text spaces them, never lost, never a link anywhere but a phone."""

import pytest
from markupsafe import Markup

from core.form_specs import PhoneNumber
from core.phones import PhoneText, dialable, linked, parse_phone, with_phones

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


# --- a phone typed as free text (a privacy officer's, a member's, a community service's) ----

@pytest.mark.parametrize("typed, number, dial", [
    ("514 555-0100", "514 555-0100", "tel:+15145550100"),
    ("514-555-0100", "514-555-0100", "tel:+15145550100"),
    ("514.555.0100", "514.555.0100", "tel:+15145550100"),
    ("(514) 555-0100", "(514) 555-0100", "tel:+15145550100"),
    ("  5145550100 ", "5145550100", "tel:+15145550100"),
    ("514\u00a0555\u20110100", "514\u00a0555\u20110100", "tel:+15145550100"),  # no-break
    ("1-800-363-9010", "1-800-363-9010", "tel:+18003639010"),
    ("1 (866) 277-3553", "1 (866) 277-3553", "tel:+18662773553"),
    ("+1 514 555 0100", "+1 514 555 0100", "tel:+15145550100"),
    ("+33 1 23 45 67 89", "+33 1 23 45 67 89", "tel:+33123456789"),  # its country code given
    # an extension is read after the number, never dialled as its digits
    ("(514) 555-0100 poste 22", "(514) 555-0100", "tel:+15145550100"),
    ("514 555-0100, poste 2245", "514 555-0100", "tel:+15145550100"),
    ("514 555-0100 p. 22", "514 555-0100", "tel:+15145550100"),
    ("514 555-0100 (poste 22)", "514 555-0100", "tel:+15145550100"),
    ("514-555-0100 ext. 7", "514-555-0100", "tel:+15145550100"),
    ("514-555-0100 Ext 7", "514-555-0100", "tel:+15145550100"),
    ("514-555-0100x7", "514-555-0100", "tel:+15145550100"),
    ("514-555-0100 #7", "514-555-0100", "tel:+15145550100"),
    ("911", "911", "tel:911"),
    ("811", "811", "tel:811"),
    ("2-1-1", "2-1-1", "tel:211"),
    ("9-8-8", "9-8-8", "tel:988"),
])
def test_a_typed_north_american_phone_is_dialled_in_e164(typed, number, dial):
    assert parse_phone(typed, "Bureau") == PhoneNumber("Bureau", number, dial)


@pytest.mark.parametrize("typed", [
    None, "", "   ", "poste 22",
    "555-0100",  # no area code: never guessed
    "514 555-010",  # a digit short
    "514 555-01000",  # a digit too many
    "2 514 555-0100",  # eleven digits not starting with 1
    "911-555-0100", "514 155-0100", "514 911-0100",  # no phone has this area code, exchange
    "123", "9-9-9",  # three digits that are not a North American service
    "1 866 APPELLE",  # letters: the number they spell is not guessed
    "514 555-0100 ou 450 555-0199",  # two numbers
    "à la réception", "+1 514 555", "+12 34",
])
def test_what_is_no_number_to_dial_gives_none(typed):
    assert parse_phone(typed) is None


def test_a_typed_phone_on_a_page_is_a_link_to_its_dial_or_the_text_as_typed(app):
    with app.test_request_context():
        assert dialable(" 514 555-0100 ") == (
            '<a class="phone" href="tel:+15145550100">514 555-0100</a>')
        # the extension after the number, never dialled, the two on one line
        assert dialable("(514) 555-0100 poste 22") == (
            '<span class="nowrap"><a class="phone" href="tel:+15145550100">(514) 555-0100</a>'
            ' poste 22</span>')
        assert dialable("à <la> réception") == "à &lt;la&gt; réception"  # shown, not linked
        assert dialable(None) == "" and dialable("") == ""


def test_reception_dials_a_persons_phone_from_their_page(client, login, make_person):
    login(role="reception")
    dialled = make_person("Rose", "Tanguay", phone="514-555-0199 poste 4")
    page = client.get(f"/people/{dialled.id}").get_data(as_text=True)
    assert '<a class="phone" href="tel:+15145550199">514-555-0199</a> poste 4' in page
    spoken = make_person("Léo", "Tanguay", phone="chez sa fille")  # no number: shown only
    page = client.get(f"/people/{spoken.id}").get_data(as_text=True)
    assert "chez sa fille" in page and "tel:" not in page
