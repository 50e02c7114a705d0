"""The request lifecycle (core.web.lifecycle, offered to plugins through core.api): load or
404, act, commit once or roll back and show the translated reasons by field."""

import pytest
from flask import session
from marshmallow import ValidationError
from sqlalchemy import select
from werkzeug.exceptions import NotFound

from core.admin.models import PluginState
from core.api import Outcome, Refused, act, attempt, errors_of, form_page, get_or_404, row_id
from core.identity.models import Person
from core.identity.service import DuplicateRamq
from core.scheduling.errors import SlotTaken
from core.web.lifecycle import api_attempt, json_refusal


@pytest.fixture
def page(app, db):
    """A request of a French-speaking reader (the coop's default language)."""
    with app.test_request_context("/", headers={"Accept-Language": "fr-CA"}):
        yield


def _name(db, person_id: int) -> str:
    db.expire_all()
    return db.scalar(select(Person.first_name).where(Person.id == person_id))


def test_get_or_404_answers_404_for_an_absent_forged_or_too_large_id(db, page, make_person):
    person = make_person("Aline")
    assert get_or_404(Person, person.id) is person
    assert get_or_404(Person, str(person.id)) is person
    for ident in (person.id + 1000, "abc", "", None, 2**31, "99999999999999999999", -1):
        with pytest.raises(NotFound):
            get_or_404(Person, ident)


def test_get_or_404_reads_a_row_keyed_by_text_and_runs_the_check(db, page):
    db.merge(PluginState(name="lifecycle_test", active=False))
    db.flush()
    assert get_or_404(PluginState, "lifecycle_test").name == "lifecycle_test"
    seen = []
    get_or_404(PluginState, "lifecycle_test", check=seen.append)
    assert [row.name for row in seen] == ["lifecycle_test"]
    with pytest.raises(NotFound):
        get_or_404(PluginState, "nobody")


def test_row_id_accepts_only_what_an_integer_column_holds():
    assert [row_id(v) for v in ("12", " 7 ", 3, "2147483647")] == [12, 7, 3, 2147483647]
    assert [row_id(v) for v in ("2147483648", "1.5", "-3", "", None, True, "x1", "0", 0)] == \
        [None] * 9


def test_attempt_commits_once_and_returns_the_result(db, page, make_person):
    person = make_person("Aline")

    def rename():
        person.first_name = "Béatrice"
        return person

    outcome = attempt(rename)
    assert outcome and outcome.result is person and outcome.errors == {}
    db.rollback()  # committed: a rollback now changes nothing
    assert _name(db, person.id) == "Béatrice"


def test_attempt_keeps_nothing_and_says_why_next_to_the_field_in_the_readers_language(
        db, page, make_person):
    person = make_person("Aline")

    def refuse():
        person.first_name = "Béatrice"
        db.flush()
        raise DuplicateRamq(field="ramq")

    outcome = attempt(refuse)
    assert not outcome and outcome.status == 422
    assert outcome.errors == {"ramq": ["Une autre personne a déjà ce numéro RAMQ."]}
    assert _name(db, person.id) == "Aline"


def test_attempt_answers_a_conflict_with_409_about_the_whole_form(db, page):
    def taken():
        raise SlotTaken()

    outcome = attempt(taken)
    assert outcome.status == 409
    assert outcome.errors == {
        "_form": ["Cette plage est déjà prise. Veuillez choisir une autre heure."]}


def test_attempt_shows_marshmallow_errors_by_field_keeping_nested_shapes(db, page):
    def invalid():
        raise ValidationError({"age": ["Too old."], "tags": {0: ["Not a tag."]}, "name": "Empty."})

    outcome = attempt(invalid)
    assert outcome.errors == {"age": ["Too old."], "tags": {0: ["Not a tag."]}, "name": ["Empty."]}
    assert outcome.status == 422


def test_attempt_rolls_back_and_lets_a_bug_through(db, page, make_person):
    person = make_person("Aline")

    def bug():
        person.first_name = "Béatrice"
        db.flush()
        raise KeyError("a bug is not a form error")

    with pytest.raises(KeyError):
        attempt(bug)
    assert _name(db, person.id) == "Aline"


def test_attempt_takes_more_refusals_when_asked(db, page):
    class Mine(LookupError):
        messages = {"code": ["Unknown code."]}

    outcome = attempt(lambda: (_ for _ in ()).throw(Mine()), refusals=(Mine,))
    assert outcome.errors == {"code": ["Unknown code."]}


def test_act_flashes_what_happened_and_redirects(db, page, make_person):
    person = make_person("Aline")
    done = act(lambda: setattr(person, "first_name", "Carole"), "Saved.", "/back")
    assert done.status_code == 302 and done.location == "/back"
    assert session["_flashes"] == [("success", "Saved.")]
    refused = act(lambda: (_ for _ in ()).throw(Refused("Not now.")), "Saved.", "/back",
                  then=lambda result: "/elsewhere")
    assert refused.location == "/back"
    assert session["_flashes"][-1] == ("error", "Not now.")
    kept = act(lambda: person, "Saved.", "/back", then=lambda result: f"/people/{result.id}")
    assert kept.location == f"/people/{person.id}"


def test_errors_of_reads_every_kind_of_refusal():
    assert errors_of(Refused("Choose one.", "kind")) == {"kind": ["Choose one."]}
    assert errors_of(Refused("Not possible.")) == {"_form": ["Not possible."]}
    assert errors_of(Refused(messages={"a": ["x"], "b": ["y"]})) == {"a": ["x"], "b": ["y"]}


def test_form_page_answers_the_refusals_status_only_when_there_are_errors(db, page):
    context = {"status": 0, "message": "m", "error_id": "e"}  # what errors/error.html reads
    assert form_page("errors/error.html", Outcome(), **context)[1] == 200
    assert form_page("errors/error.html", None, **context)[1] == 200
    conflict = Outcome(errors={"_form": ["taken"]}, status=409, refusal=SlotTaken())
    assert form_page("errors/error.html", conflict, **context)[1] == 409
    assert form_page("errors/error.html", {"name": ["Empty."]}, **context)[1] == 422


def test_a_form_post_keeps_its_action_and_its_message_in_one_commit(client, login, db):
    """The person registered and the "registered" message are committed together (the
    session's row joins the page's transaction): the next page shows the message."""
    login(role="reception")
    answer = client.post("/people/new", data={"first_name": "Hélène", "last_name": "Côté",
                                              "new_household": "1"})
    assert answer.status_code == 302
    assert db.query(Person).filter_by(last_name="Côté").count() == 1
    page = client.get(answer.headers["Location"]).get_data(as_text=True)
    assert "Inscription faite\u202f: Hélène Côté." in page


def test_when_that_commit_fails_nothing_is_kept_and_no_success_is_shown(
        client, login, db, monkeypatch):
    from core.security import sessions

    login(role="reception")

    def broken(_db, _session):
        raise RuntimeError("the database went away")
    monkeypatch.setattr(sessions, "write_in_page", broken)
    monkeypatch.setitem(client.application.config, "PROPAGATE_EXCEPTIONS", False)  # as served
    answer = client.post("/people/new", data={"first_name": "Hélène", "last_name": "Côté",
                                              "new_household": "1"})
    assert answer.status_code == 500 and "Inscription faite" not in answer.get_data(as_text=True)
    monkeypatch.undo()
    db.expire_all()
    assert db.query(Person).filter_by(last_name="Côté").count() == 0
    page = client.get("/people").get_data(as_text=True)
    assert "Inscription faite" not in page


def test_act_without_a_message_says_nothing_once_kept(db, page, make_person):
    person = make_person("Aline")
    done = act(lambda: setattr(person, "first_name", "Carole"), None, "/back")
    assert done.location == "/back" and "_flashes" not in session
    assert _name(db, person.id) == "Carole"


def test_api_attempt_answers_the_result_as_json_committed_once(db, page, make_person):
    person = make_person("Aline")

    def rename():
        person.first_name = "Béatrice"
        return person

    response, status = api_attempt(rename, lambda p: {"id": p.id, "name": p.first_name},
                                   status=201)
    assert status == 201 and response.get_json() == {"id": person.id, "name": "Béatrice"}
    db.rollback()
    assert _name(db, person.id) == "Béatrice"


def test_api_attempt_answers_bad_input_422_by_field_in_the_readers_language(
        db, page, make_person):
    person = make_person("Aline")

    def refuse():
        person.first_name = "Béatrice"
        db.flush()
        raise Refused("Choisissez une personne.", "person")

    response, status = api_attempt(refuse, dict, rename={"person": "person_id"})
    assert status == 422 and _name(db, person.id) == "Aline"
    assert response.get_json() == {"error": {
        "status": 422, "message": "Veuillez corriger les champs indiqués.",
        "fields": {"person_id": ["Choisissez une personne."]}}}
    whole, _status = json_refusal(DuplicateRamq())
    assert whole.get_json()["error"]["fields"] == {
        "_schema": ["Une autre personne a déjà ce numéro RAMQ."]}
    marshmallow, _status = json_refusal(ValidationError({"age": ["Not a valid integer."]}))
    assert marshmallow.get_json()["error"]["fields"] == {"age": ["Entrez un nombre entier."]}


def test_api_attempt_answers_a_conflict_409_with_its_message(db, page):
    response, status = api_attempt(lambda: (_ for _ in ()).throw(SlotTaken()), dict)
    assert status == 409 and response.get_json() == {"error": {
        "status": 409,
        "message": "Cette plage est déjà prise. Veuillez choisir une autre heure."}}


FORM = """{% extends "base.html" %}{% from "macros/forms.html" import field %}
{% block content %}<form>{{ field('name', 'Name', {'name': 'Aline'}, errors) }}</form>{% endblock %}"""


def test_a_message_the_page_has_no_place_for_is_shown_at_the_top_not_lost(db, page):
    """A refusal under a name the form has no field for (a service's own name), or about the
    whole form on a page with no place for one, is shown above the page's content; a message
    the page shows next to its field is shown there only."""
    from flask import render_template_string

    html = render_template_string(FORM, errors={"name": ["Empty."], "practitioner": ["Lost."],
                                                "_form": ["Whole."]})
    top = html[:html.index("<form>")]
    assert '<p class="flash error" role="alert">Lost.</p>' in top
    assert '<p class="flash error" role="alert">Whole.</p>' in top
    assert "Empty." not in top and html.count("Empty.") == 1
    assert 'id="e-name">Empty.' in html and 'value="Aline"' in html
    placed = render_template_string(FORM, errors={"name": ["Empty."]})
    assert 'class="flash error"' not in placed and 'id="e-name">Empty.' in placed
    assert 'class="flash error"' not in render_template_string(FORM, errors={})
    text, status = form_page("errors/error.html", {"name": ["Empty."]},
                             status=0, message="m", error_id="e")
    assert status == 422 and '<p class="flash error" role="alert">Empty.</p>' in text
