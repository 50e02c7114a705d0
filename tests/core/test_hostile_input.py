"""Hostile input never gets a server error: ids out of range, deep JSON, NUL bytes, lone
surrogates, and what the API answers a client without (valid) credentials.

Every case here was a 500 on SQLite, PostgreSQL or both (issue 20).
"""

import hashlib
import json

import pytest

from core.identity.models import ApiToken, Household, Person

HUGE = "99999999999999999999"   # more than any database integer
INT4 = "2147483648"             # one more than a PostgreSQL INTEGER


def _bearer(db, account, raw="hostile-token", scheme="Bearer"):
    db.add(ApiToken(account_id=account.id, name="t",
                    token_hash=hashlib.sha256(raw.encode()).hexdigest()))
    db.commit()
    return {"Authorization": f"{scheme} {raw}"}


@pytest.fixture
def api(app, db, make_account):
    """A test client and the bearer header of a reception account."""
    return app.test_client(), _bearer(db, make_account(roles=["reception"]))


def _raw_post(client, url, text, headers):
    return client.post(url, data=text.encode("utf-8", "surrogatepass"), headers=headers,
                       content_type="application/json")


@pytest.mark.parametrize("ident", [HUGE, INT4])
def test_ids_out_of_range_in_a_path_are_404(app, db, api, client, login, ident):
    client, headers = api
    for url in [f"/api/v1/people/{ident}", f"/api/v1/entries/{ident}",
                f"/api/v1/people/{ident}/entries", f"/api/v1/people/{ident}/summary"]:
        assert client.get(url, headers=headers).status_code == 404, url
    for url in [f"/api/v1/entries/{ident}/amend", f"/api/v1/entries/{ident}/error",
                f"/api/v1/appointments/{ident}/cancel", f"/api/v1/appointments/{ident}/status",
                f"/api/v1/group-sessions/{ident}/signups", f"/api/v1/people/{ident}/entries"]:
        response = client.post(url, headers=headers, json={})
        assert response.status_code == 404, url
        assert response.get_json()["error"]["status"] == 404
    login()
    for url in [f"/people/{ident}", f"/people/{ident}/edit", f"/households/{ident}"]:
        assert client.get(url).status_code == 404, url


def test_ids_out_of_range_in_a_query_are_422_naming_the_field(api):
    client, headers = api
    listed = client.get(f"/api/v1/appointments?person_id={HUGE}", headers=headers)
    assert listed.status_code == 422
    assert listed.get_json()["error"]["fields"] == {"person_id": ["Choisissez une personne."]}
    slots = client.get(f"/api/v1/slots?type_code=x&practitioner_id={INT4}", headers=headers)
    assert slots.status_code == 422
    assert list(slots.get_json()["error"]["fields"]) == ["practitioner_id"]


def test_ids_out_of_range_in_a_body_are_422_naming_the_field(db, api):
    client, headers = api
    booked = client.post("/api/v1/appointments", headers=headers, json={
        "type_code": "x", "start": "2030-01-07T10:00:00-05:00",
        "person_id": int(HUGE), "practitioner_id": int(INT4), "room_id": 1e300})
    assert booked.status_code == 422
    assert {"person_id", "practitioner_id", "room_id"} <= set(booked.get_json()["error"]["fields"])
    person = client.post("/api/v1/people", headers=headers, json={
        "first_name": "A", "last_name": "B", "household_id": int(INT4)})
    assert person.status_code == 422
    assert person.get_json()["error"]["fields"] == {"household_id": ["Choisissez un ménage."]}
    assert db.query(Person).count() == 0


def test_web_forms_and_queries_with_ids_out_of_range(app, db, client, login):
    login()
    form = client.post("/people/new", data={"first_name": "A", "last_name": "B",
                                            "household_id": INT4})
    assert form.status_code == 422 and "Choisissez un ménage." in form.get_data(as_text=True)
    found = client.get(f"/schedule/find?type_code=x&person_id={HUGE}")
    assert found.status_code == 422 and "person_id" in found.get_data(as_text=True)
    assert client.get(f"/schedule/day?resource={INT4}").status_code == 422
    assert db.query(Person).count() == 0


def test_deeply_nested_json_is_a_clear_400(api):
    client, headers = api
    deep = "[" * 100_000 + "]" * 100_000
    for url in ["/api/v1/people", "/api/v1/appointments", "/api/v1/people/1/entries"]:
        response = _raw_post(client, url, deep, headers)
        assert response.status_code == 400, url
        assert "JSON" in response.get_json()["error"]["message"]
    nested = {"first_name": "A", "last_name": "B", "preferred_name": json.loads(
        "[" * 100 + "]" * 100)}
    assert client.post("/api/v1/people", headers=headers, json=nested).status_code == 400


def test_lone_surrogates_and_nul_bytes_are_refused_naming_the_field(db, api):
    client, headers = api
    surrogate = _raw_post(client, "/api/v1/people", '{"first_name": "A\\ud800", "last_name": "B"}',
                          headers)
    assert surrogate.status_code == 400
    assert list(surrogate.get_json()["error"]["fields"]) == ["first_name"]
    nul = client.post("/api/v1/people", headers=headers, json={"first_name": "A", "last_name": "B\x00"})
    assert nul.status_code == 400 and list(nul.get_json()["error"]["fields"]) == ["last_name"]
    search = client.get("/api/v1/people?q=a%00b", headers=headers)
    assert search.status_code == 400 and list(search.get_json()["error"]["fields"]) == ["q"]
    assert db.query(Person).count() == 0


def test_nul_bytes_in_web_forms_and_searches_are_a_clear_400(db, client, login):
    login()
    form = client.post("/people/new", data={"first_name": "A\x00", "last_name": "B"})
    assert form.status_code == 400
    assert "ne peut pas être enregistré" in form.get_data(as_text=True)
    assert client.get("/people?q=%00").status_code == 400
    assert db.query(Person).count() == 0


def test_nan_and_infinity_are_not_json(api):
    client, headers = api
    response = _raw_post(client, "/api/v1/people",
                         '{"first_name": "A", "last_name": "B", "household_id": Infinity}', headers)
    assert response.status_code == 400


def test_an_error_after_a_failed_write_still_shows_the_error_page_with_its_number(app, client,
                                                                                   login):
    """A failed flush leaves the transaction "pending rollback": the error page, which reads
    the menus, used to fail in turn and answer a bare "Internal Server Error"."""
    from core import db as dbmod

    def broken_view():
        sess = dbmod.session()
        sess.add(Person(first_name=None, last_name=None))  # NOT NULL: the flush fails
        sess.flush()

    login()
    original = app.view_functions["identity.people"]
    broken_view._soin_access = original._soin_access
    app.view_functions["identity.people"] = broken_view
    try:
        response = client.get("/people")
    finally:
        app.view_functions["identity.people"] = original
    assert response.status_code == 500
    page = response.get_data(as_text=True)
    assert "Numéro d’erreur" in page
    assert "Se déconnecter" in page or "logout" in page  # the full layout, menus included


def test_api_posts_without_valid_credentials_are_401_not_a_form_error(api):
    client, headers = api
    body = {"first_name": "A", "last_name": "B"}
    assert client.post("/api/v1/people", json=body).status_code == 401
    wrong = client.post("/api/v1/people", json=body, headers={"Authorization": "Bearer nope"})
    assert wrong.status_code == 401
    assert "formulaire" not in wrong.get_json()["error"]["message"]


def test_the_bearer_scheme_is_case_insensitive(app, db, make_account):
    client = app.test_client()
    headers = _bearer(db, make_account(roles=["reception"]), scheme="bearer")
    created = client.post("/api/v1/people", json={"first_name": "A", "last_name": "B"},
                          headers=headers)
    assert created.status_code == 201
    assert client.get("/api/v1/me", headers={"Authorization": headers["Authorization"].upper()
                                             .replace("HOSTILE-TOKEN", "hostile-token")}
                      ).status_code == 200


def test_the_api_puts_a_person_in_a_household_and_refuses_unknown_fields(db, api):
    client, headers = api
    home = Household(name="Tremblay")
    db.add(home)
    db.commit()
    created = client.post("/api/v1/people", headers=headers,
                          json={"first_name": "A", "last_name": "B", "household_id": home.id})
    assert created.status_code == 201 and created.get_json()["household_id"] == home.id
    unknown = client.post("/api/v1/people", headers=headers,
                          json={"first_name": "A", "last_name": "B", "household": "x"})
    assert unknown.status_code == 422 and list(unknown.get_json()["error"]["fields"]) == ["household"]


def test_an_id_of_thousands_of_digits_typed_in_a_form_is_refused_not_a_server_error(
        db, client, login, make_account):
    # int() refuses more than 4,300 digits with a ValueError (and "²".isdigit() is true):
    # core's row_id, which every form's id goes through, let both through to a 500
    from core.web.lifecycle import row_id

    assert [row_id("9" * 5000), row_id("²"), row_id("2147483648"), row_id(" 12 ")] == \
        [None, None, None, 12]
    login(make_account(roles=["privacy_officer"]))
    for typed in ("9" * 5000, "²"):
        refused = client.post("/privacy/holds", data={"person_id": typed, "reason": "Demande"})
        assert refused.status_code == 422, typed
        assert "Aucune personne n’a ce numéro." in refused.get_data(as_text=True)
