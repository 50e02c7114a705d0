"""HSDS 3.0: the directory exported validates against Open Referral's schema, comes back
identical through an import, and a bad file is refused whole with what is wrong."""

import io
import json

import pytest

from core.api import today as coop_today

from plugins.social_work import hsds
from plugins.social_work.models import Location, Organization, Schedule, Service


def _without_timestamps(page):
    return [{k: v for k, v in s.items() if k != "last_modified"} for s in page["contents"]]


def test_every_exported_service_validates_against_the_hsds_schema(db, services):
    page = hsds.export_page(services)
    assert page["total_items"] == 20
    for document in page["contents"]:
        assert hsds.problems(document) == []
    first = next(d for d in page["contents"] if d["name"] == "Dépannage alimentaire")
    assert first["schedules"][0] | {"id": "x", "service_id": "x", "valid_from": "x"} == {
        "id": "x", "service_id": "x", "valid_from": "x", "freq": "WEEKLY", "interval": 1,
        "byday": "WE,FR", "opens_at": "13:00", "closes_at": "16:00"}
    # Open Eligibility 2.0's official ids and titles, under its HL7 Terminology URI
    assert {(a["taxonomy_term"]["code"], a["taxonomy_term"]["name"])
            for a in first["attributes"]} == {("1128", "Emergency Food"), ("1130", "Food Pantry")}
    assert {a["taxonomy_term"]["taxonomy_detail"]["uri"] for a in first["attributes"]} == {
        "http://terminology.hl7.org/CodeSystem/OpenEligibilityTaxonomy"}


def test_an_older_export_with_local_slugs_still_imports_its_terms(db, services):
    page = hsds.export_page(services)
    document = next(d for d in page["contents"] if d["name"] == "Dépannage alimentaire")
    for attribute in document["attributes"]:
        attribute["taxonomy_term"]["code"] = attribute.pop("value")
    attribute["taxonomy_term"]["code"] = "not-a-term"
    counts = hsds.import_services(db, hsds.read_document(json.dumps([document]).encode()),
                                  today=coop_today())
    assert counts["ignored_terms"] == ["not-a-term"]
    assert db.get(Service, document["id"]).terms == ["emergency-food"]


def test_the_hsds_round_trip_gives_back_the_same_directory(db, services):
    before = hsds.export_page(services)
    for model in (Schedule, Service, Location, Organization):
        db.query(model).delete()
    db.flush()
    counts = hsds.import_services(db, hsds.read_document(json.dumps(before).encode()),
                                  today=coop_today())
    assert (counts["created"], counts["updated"]) == (20, 0)
    db.flush()
    db.expire_all()
    after = hsds.export_page(db.query(Service).order_by(Service.name).all())
    assert sorted(_without_timestamps(after), key=lambda s: s["id"]) == \
        sorted(_without_timestamps(before), key=lambda s: s["id"])


def test_a_reimport_updates_rather_than_duplicates(db, services):
    page = hsds.export_page(services)
    page["contents"][0]["name"] = "Nouveau nom"
    counts = hsds.import_services(db, hsds.read_document(json.dumps(page).encode()),
                                  today=coop_today())
    assert (counts["created"], counts["updated"]) == (0, 20)
    assert db.query(Service).count() == 20
    assert db.get(Service, page["contents"][0]["id"]).name == "Nouveau nom"


@pytest.mark.parametrize("content, expected", [
    (b"not json", "JSON"),
    # a number of 5,000 digits, nesting Python cannot follow, a NUL byte: each was a 500
    (b"9" * 5000, "JSON"), (b"[" * 100000 + b"]" * 100000, "JSON"),
    (b'[{"name": "a\\u0000b"}]', "JSON"),
    (b'{"contents": [{"id": "not-a-uuid", "name": "X", "status": "active"}]}', "uuid"),
    (b'[{"id": "8d5c4f0e-8f0e-4b8a-9a3e-000000000001", "name": "X", "status": "open"}]',
     "status"),
    (b'{"something": "else"}', "HSDS"),
])
def test_an_invalid_file_is_refused_whole_and_changes_nothing(client, login, db, services,
                                                               content, expected):
    login(role="coordinator")
    response = client.post("/p/social_work/directory/import",
                           data={"file": (io.BytesIO(content), "directory.json")},
                           content_type="multipart/form-data")
    assert response.status_code == 422
    assert expected in response.get_data(as_text=True)
    assert db.query(Service).count() == 20


@pytest.mark.parametrize("field, value, expected", [
    ("minimum_age", 10**30, "minimum_age : 1000000000000000000000000000000 est trop grand."),
    ("name", "N" * 201, "name : 200 caractères au plus."),
    ("url", "https://example.org/" + "x" * 300, "url : 300 caractères au plus.")])
def test_a_value_larger_than_its_column_is_refused_whole_and_changes_nothing(
        client, login, db, services, field, value, expected):
    # HSDS sets no bound: the import wrote them, an overflow (SQLite) or an error (PostgreSQL)
    login(role="coordinator")
    page = hsds.export_page(services)
    page["contents"][0][field] = value
    response = client.post("/p/social_work/directory/import", data={
        "file": (io.BytesIO(json.dumps(page).encode()), "directory.json")},
        content_type="multipart/form-data")
    assert response.status_code == 422
    assert expected in response.get_data(as_text=True).replace("\u202f", " "), \
        response.get_data(as_text=True)[-1500:]
    db.expire_all()
    assert db.get(Service, page["contents"][0]["id"]).name != "N" * 201


def test_export_and_import_pages(client, login, db, services):
    login(role="coordinator")
    exported = client.get("/p/social_work/directory/hsds.json")
    assert exported.status_code == 200 and exported.mimetype == "application/json"
    response = client.post("/p/social_work/directory/import",
                           data={"file": (io.BytesIO(exported.data), "directory.json")},
                           content_type="multipart/form-data")
    assert response.status_code == 302
    assert db.query(Service).count() == 20


def test_an_import_counts_the_new_services_in_the_singular_and_the_plural(client, login, db,
                                                                          services):
    """ "Importé : 1 nouveaux services" read as a mistake."""
    login(role="coordinator")
    page = hsds.export_page(services)
    db.delete(db.get(Service, page["contents"][0]["id"]))
    db.commit()
    upload = json.dumps(page).encode()
    for headers, said in (({}, "Importé\u202f: 1 nouveau service, 19 mis à jour."),
                          ({"Accept-Language": "en"}, "Imported: 0 new services, 20 updated.")):
        done = client.post("/p/social_work/directory/import", headers=headers,
                           data={"file": (io.BytesIO(upload), "directory.json")},
                           content_type="multipart/form-data", follow_redirects=True)
        assert said in done.get_data(as_text=True)
