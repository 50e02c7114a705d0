"""HSDS 3.0 tabular data package: the directory as CSVs with HSDS's own datapackage.json,
valid for Frictionless (types, required columns, unique ids, foreign keys), and read back into
the same directory; a broken package is refused whole."""

import io
import json
import zipfile

import pytest
from frictionless import Package, system

from core.api import today as coop_today

from plugins.social_work import hsds, hsds_tabular
from plugins.social_work.models import Location, Organization, Schedule, Service


def _without_timestamps(page):
    return sorted(({k: v for k, v in s.items() if k != "last_modified"}
                   for s in page["contents"]), key=lambda s: s["id"])


def test_the_package_is_valid_for_frictionless(db, services, tmp_path):
    raw = hsds_tabular.package(services)
    zipfile.ZipFile(io.BytesIO(raw)).extractall(tmp_path)
    with system.use_context(trusted=True):
        report = Package(str(tmp_path / "datapackage.json")).validate()
    assert report.valid, report.flatten(["resourcePath", "rowNumber", "fieldName", "type",
                                         "note"])[:10]
    rows = {name: sum(1 for _ in open(tmp_path / path)) - 1 for name, path in (
        ("services", "services.csv"), ("organizations", "organizations.csv"),
        ("terms", "taxonomy_terms.csv"), ("taxonomies", "taxonomies.csv"))}
    assert rows["services"] == 20 and rows["organizations"] == 18 and rows["taxonomies"] == 1
    assert "1128,Emergency Food" in (tmp_path / "taxonomy_terms.csv").read_text()


def test_frictionless_would_catch_a_broken_foreign_key(db, services, tmp_path):
    """The check above can fail: a service pointing at no organization is reported."""
    zipfile.ZipFile(io.BytesIO(hsds_tabular.package(services))).extractall(tmp_path)
    text = (tmp_path / "services.csv").read_text().splitlines()
    first = text[1].split(",")
    first[1] = "00000000-0000-4000-8000-000000000000"
    (tmp_path / "services.csv").write_text("\n".join([text[0], ",".join(first), *text[2:]]))
    with system.use_context(trusted=True):
        report = Package(str(tmp_path / "datapackage.json")).validate()
    assert not report.valid
    assert "foreign-key" in {row[0] for row in report.flatten(["type"])}


def test_the_package_round_trip_gives_back_the_same_directory(db, services):
    before = hsds.export_page(services)
    raw = hsds_tabular.package(services)
    for model in (Schedule, Service, Location, Organization):
        db.query(model).delete()
    db.flush()
    counts = hsds.import_services(db, hsds_tabular.read_package(raw), today=coop_today())
    assert (counts["created"], counts["updated"]) == (20, 0)
    db.flush()
    db.expire_all()
    after = hsds.export_page(db.query(Service).all())
    assert _without_timestamps(after) == _without_timestamps(before)


def _repacked(raw: bytes, change) -> bytes:
    files = {n: zipfile.ZipFile(io.BytesIO(raw)).read(n) for n in
             zipfile.ZipFile(io.BytesIO(raw)).namelist()}
    change(files)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return out.getvalue()


def _bad_status(files):
    files["services.csv"] = files["services.csv"].replace(b",active,", b",open,", 1)


@pytest.mark.parametrize("change, expected", [
    (lambda f: f.pop("datapackage.json"), "datapackage.json"),
    (lambda f: f.pop("services.csv"), "services.csv"),
    (_bad_status, "status"),
])
def test_a_broken_package_is_refused_whole_and_changes_nothing(client, login, db, services,
                                                                change, expected):
    login(role="coordinator")
    raw = _repacked(hsds_tabular.package(services), change)
    response = client.post("/p/social_work/directory/import",
                           data={"file": (io.BytesIO(raw), "directory.zip")},
                           content_type="multipart/form-data")
    assert response.status_code == 422 and expected in response.get_data(as_text=True)
    assert db.query(Service).count() == 20


def test_export_and_import_the_package_through_the_pages(client, login, db, services):
    login(role="coordinator")
    exported = client.get("/p/social_work/directory/hsds.zip")
    assert exported.status_code == 200 and exported.mimetype == "application/zip"
    names = zipfile.ZipFile(io.BytesIO(exported.data)).namelist()
    assert "datapackage.json" in names and "services.csv" in names
    assert json.loads(zipfile.ZipFile(io.BytesIO(exported.data)).read("datapackage.json"))[
        "profile"] == "tabular-data-package"
    response = client.post("/p/social_work/directory/import",
                           data={"file": (io.BytesIO(exported.data), "directory.zip")},
                           content_type="multipart/form-data")
    assert response.status_code == 302 and db.query(Service).count() == 20
