"""Counts in the register's messages agree with their number, in French and in English: "1
membre du personnel infirmier", "opérateurs inconnus", never "infirmière(s) modifiée(s)"."""

from __future__ import annotations

import json
from html import unescape

import pytest
from flask_babel import force_locale

from plugins.nursing.oc import messages
from plugins.nursing.tests.test_pages import _document

ENGLISH = {"Accept-Language": "en"}


@pytest.mark.parametrize("n, french, english", [
    (1, "Au moins 1 élément ou caractère.", "At least 1 item or character."),
    (3, "Au moins 3 éléments ou caractères.", "At least 3 items or characters."),
])
def test_a_length_too_short_is_said_in_the_singular_or_the_plural(app, n, french, english):
    for locale, text in (("fr_CA", french), ("en", english)):
        with app.test_request_context(), force_locale(locale):
            assert messages.translate(f"Shorter than minimum length {n}.") == text


@pytest.mark.parametrize("operators, french, english", [
    (["about"], "indications.x\u202f: opérateur inconnu ['about'].",
     "indications.x: unknown operator ['about']."),
    (["about", "near"], "indications.x\u202f: opérateurs inconnus ['about', 'near'].",
     "indications.x: unknown operators ['about', 'near']."),
])
def test_unknown_operators_are_counted(client, login, nursing, operators, french, english):
    login(role="coordinator")
    when = {"fact": "dysuria", **{name: 1 for name in operators}}
    doc = json.dumps(_document(indications=[{"id": "x", "label": {"fr": "X"}, "when": when}]))
    for headers, text in (({}, french), (ENGLISH, english)):
        page = client.post("/p/nursing/oc/new", data={"document": doc}, headers=headers)
        assert page.status_code == 422
        assert text in unescape(page.get_data(as_text=True))


def test_saving_trainings_counts_the_nurses_changed(client, login, nursing, make_account):
    nurses = [make_account(roles=["practitioner"], discipline="nursing", display_name=name)
              for name in ("Lise Nadeau", "Ana Roy")]
    login(role="coordinator")
    one = client.post("/p/nursing/oc/trainings", data={f"t-{nurses[0].id}": ["oc-cystite"]},
                      follow_redirects=True)
    assert "Formations enregistrées pour 1 membre du personnel infirmier." in one.get_data(as_text=True)
    both = client.post("/p/nursing/oc/trainings", headers=ENGLISH, follow_redirects=True, data={
        f"t-{nurses[0].id}": ["oc-warfarine"], f"t-{nurses[1].id}": ["oc-cystite"]})
    assert "Trainings saved (2 nurses changed)." in both.get_data(as_text=True)
