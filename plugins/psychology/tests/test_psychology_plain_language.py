"""What the member reads of their psychology file in the portal: a day written out in full."""

from plugins.psychology.renderers import PLAIN


def test_the_day_a_file_was_closed_is_written_out_for_the_member(app):
    """The member read "fermé le 6 déc. 2026" (the staff's abbreviated month); a sentence
    written for them spells the month out, in their language."""
    closure = PLAIN["psychology.closure_note"]
    with app.test_request_context():
        assert closure({"closed_on": "2026-12-06"}) == (
            "Votre dossier de psychologie a été fermé le 6 décembre 2026.")
    with app.test_request_context(headers={"Accept-Language": "en"}):
        assert closure({"closed_on": "2026-12-06"}) == (
            "Your psychology file was closed on December 6, 2026.")
