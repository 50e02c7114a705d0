"""The chart's JSON API: same validation, same access rules, documented in OpenAPI."""

import hashlib

from sqlalchemy import func, select

from core.identity.models import ApiToken
from core.record.models import Entry


def bearer(db, account):
    raw = f"tok-{account.id}"
    db.add(ApiToken(account_id=account.id, name="t", token_hash=hashlib.sha256(raw.encode()).hexdigest()))
    db.commit()
    return {"Authorization": f"Bearer {raw}"}


def test_create_read_amend_and_error_through_the_api(app, db, nurse, patient):
    api, headers = app.test_client(), bearer(db, nurse)
    bad = api.post(f"/api/v1/people/{patient.id}/entries", headers=headers,
                   json={"form_id": "recordtest.vitals", "payload": {"systolic": "x"}})
    assert bad.status_code == 422
    assert bad.get_json()["error"]["fields"] == {"systolic": ["Entrez un nombre entier."]}
    assert db.execute(select(func.count()).select_from(Entry)).scalar() == 0
    created = api.post(f"/api/v1/people/{patient.id}/entries", headers=headers,
                       json={"form_id": "recordtest.vitals", "payload": {"systolic": 200}})
    body = created.get_json()
    assert created.status_code == 201 and body["summary"] == "BP 200 mmHg"
    assert body["findings"][0]["severity"] == "urgent"
    listed = api.get(f"/api/v1/people/{patient.id}/entries", headers=headers).get_json()
    assert [e["id"] for e in listed] == [body["id"]]
    amended = api.post(f"/api/v1/entries/{body['id']}/amend", headers=headers,
                       json={"payload": {"systolic": 140}, "reason": "re-measured"}).get_json()
    assert amended["supersedes_id"] == body["id"] and amended["status"] == "amended"
    no_reason = api.post(f"/api/v1/entries/{amended['id']}/error", headers=headers, json={"reason": ""})
    assert no_reason.status_code == 422
    assert api.post(f"/api/v1/entries/{amended['id']}/error", headers=headers,
                    json={"reason": "wrong person"}).status_code == 201
    assert api.get(f"/api/v1/people/{patient.id}/entries", headers=headers).get_json() == []


def test_summary_endpoint(app, db, nurse, patient):
    from core.api import add_summary_item

    add_summary_item(db, person_id=patient.id, kind="medication", label="St John's wort",
                     natural_product=True, author=nurse)
    db.commit()
    data = app.test_client().get(f"/api/v1/people/{patient.id}/summary",
                                 headers=bearer(db, nurse)).get_json()
    assert data["medications"][0]["natural_product"] is True and data["pregnancy"] == "unknown"


def test_openapi_documents_the_chart_operations(client):
    doc = client.get("/api/v1/openapi.json").get_json()
    assert {"get", "post"} <= set(doc["paths"]["/api/v1/people/{person_id}/entries"])
    assert "/api/v1/entries/{entry_id}/amend" in doc["paths"]
    assert "EntryOut" in doc["components"]["schemas"] or "Entry" in doc["components"]["schemas"]


def test_a_nul_byte_in_an_entry_is_a_clear_400_and_nothing_is_written(app, db, nurse, patient):
    api, headers = app.test_client(), bearer(db, nurse)
    response = api.post(f"/api/v1/people/{patient.id}/entries", headers=headers, json={
        "form_id": "recordtest.vitals", "payload": {"systolic": 120, "note": "ok\x00"}})
    assert response.status_code == 400
    assert response.get_json()["error"]["fields"] == {"payload.note": [
        "Le texte envoyé contient un caractère qui ne peut pas être enregistré (un octet NUL "
        "ou un caractère invalide)."]}
    assert db.execute(select(func.count()).select_from(Entry)).scalar() == 0
