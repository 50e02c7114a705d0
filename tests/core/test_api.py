"""The JSON API and its OpenAPI document."""

import hashlib

from core.identity.models import ApiToken


def _token(db, account, raw="secret-token"):
    db.add(ApiToken(account_id=account.id, name="t", token_hash=hashlib.sha256(raw.encode()).hexdigest()))
    db.commit()
    return {"Authorization": f"Bearer {raw}"}


def test_openapi_document_describes_the_people_operations(client):
    doc = client.get("/api/v1/openapi.json").get_json()
    assert doc["openapi"].startswith("3.")
    assert {"get", "post"} <= set(doc["paths"]["/api/v1/people"])
    assert "PersonOut" in doc["components"]["schemas"]


def test_token_client_searches_and_creates(app, db, make_account, make_person):
    make_person(first_name="Chloé", last_name="Bérubé")
    headers = _token(db, make_account(roles=["reception"]))
    api = app.test_client()
    found = api.get("/api/v1/people?q=chloe berube", headers=headers).get_json()
    assert [p["last_name"] for p in found] == ["Bérubé"]
    bad = api.post("/api/v1/people", json={"first_name": "X", "last_name": "", "ramq": "1"},
                   headers=headers)
    assert bad.status_code == 422 and set(bad.get_json()["error"]["fields"]) == {"last_name", "ramq"}


def test_revoked_or_wrong_tokens_are_refused(app, db, make_account):
    from core.db import utcnow

    account = make_account(roles=["reception"])
    headers = _token(db, account)
    db.query(ApiToken).update({"revoked_at": utcnow()})
    db.commit()
    assert app.test_client().get("/api/v1/me", headers=headers).status_code == 401
    assert app.test_client().get("/api/v1/me", headers={"Authorization": "Bearer nope"}).status_code == 401
