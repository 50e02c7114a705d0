"""The directory as an HSDS 3.0 tabular data package: one CSV per table and ``datapackage.json``.

The descriptor is the specification's own (``data/hsds/datapackage.json``, copied unchanged):
every table it lists is written, in its order, with its columns in its order; tables the
directory does not fill (programs, contacts, funding...) are written with their header only, so
the package is complete and a Frictionless validator checks every foreign key. The rows are
flattened from the JSON ``service`` objects of :func:`hsds.export_page`, which are validated
first: a directory that would not validate is refused in both forms alike.

Reading goes the other way: a ZIP holding ``datapackage.json`` and the CSVs is turned back into
``service`` objects (organization, phones, schedules, languages, locations with addresses and
accessibility, attributes with their taxonomy terms), checked against the HSDS schema like a
JSON upload (:func:`hsds.checked`), then written by :func:`hsds.import_services`.
"""

from __future__ import annotations

import csv
import io
import json
import zipfile
from collections import defaultdict
from functools import cache

from plugins.social_work import _
from plugins.social_work.hsds import SCHEMAS, HsdsInvalid, checked, export_page

DESCRIPTOR = SCHEMAS / "datapackage.json"
#: the JSON keys of a service object that hold another table's rows
NESTED = ("organization", "phones", "schedules", "languages", "service_at_locations",
          "attributes")


@cache
def descriptor() -> dict:
    """HSDS's data package descriptor, as shipped."""
    return json.loads(DESCRIPTOR.read_text("utf-8"))


@cache
def fields() -> dict[str, list[dict]]:
    """Table name -> its field descriptors, in the descriptor's order."""
    return {r["name"]: r["schema"]["fields"] for r in descriptor()["resources"]}


def _row(table: str, values: dict) -> dict:
    """The values of ``table``'s columns (nested objects left to their own tables); a time is
    written with its seconds, as a Table Schema ``time`` is."""
    return {f["name"]: (f"{values[f['name']]}:00" if f["type"] == "time"
                        and len(values[f["name"]]) == 5 else values[f["name"]])
            for f in fields()[table] if f["name"] in values}


def tables(services) -> dict[str, list[dict]]:
    """Table name -> rows, from the validated JSON export of ``services``."""
    found: dict[str, dict[str, dict]] = defaultdict(dict)

    def add(table, values):
        found[table].setdefault(values["id"], _row(table, values))

    for doc in export_page(services)["contents"]:
        add("organization", doc["organization"])
        add("service", doc)
        for key, table in (("phones", "phone"), ("schedules", "schedule"),
                           ("languages", "language")):
            for values in doc.get(key, []):
                add(table, values)
        for link in doc.get("service_at_locations", []):
            add("service_at_location", link)
            add("location", link["location"])
            for key, table in (("addresses", "address"), ("accessibility", "accessibility")):
                for values in link["location"].get(key, []):
                    add(table, values)
        for attribute in doc.get("attributes", []):
            add("attribute", attribute)
            add("taxonomy_term", attribute["taxonomy_term"])
            add("taxonomy", attribute["taxonomy_term"]["taxonomy_detail"])
    return {table: list(rows.values()) for table, rows in found.items()}


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def package(services) -> bytes:
    """The ZIP: ``datapackage.json`` and one CSV per table of the descriptor."""
    rows = tables(services)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("datapackage.json", json.dumps(descriptor(), indent=1))
        for resource in descriptor()["resources"]:
            text = io.StringIO()
            writer = csv.writer(text, lineterminator="\n")
            names = [f["name"] for f in resource["schema"]["fields"]]
            writer.writerow(names)
            for row in rows.get(resource["name"], []):
                writer.writerow([_cell(row.get(name)) for name in names])
            archive.writestr(resource["path"], text.getvalue())
    return out.getvalue()


# --- reading -----------------------------------------------------------------------------------


def _typed(table: str, row: dict) -> dict:
    """A CSV row with its empty cells left out and numbers and booleans typed as declared."""
    kinds = {f["name"]: f["type"] for f in fields()[table]}
    out = {}
    for name, text in row.items():
        if name not in kinds or text in (None, ""):
            continue
        try:
            if kinds[name] == "integer":
                out[name] = int(text)
            elif kinds[name] == "number":
                number = float(text)
                out[name] = int(number) if number.is_integer() else number
            elif kinds[name] == "boolean":
                out[name] = text.strip().lower() in ("true", "1", "yes")
            elif kinds[name] == "time":
                out[name] = text[:5]  # HSDS's JSON writes HH:MM
            else:
                out[name] = text
        except ValueError:
            raise HsdsInvalid([str(_("%(table)s, %(column)s: %(value)s is not a number.",
                                     table=table, column=name, value=text))]) from None
    return out


def read_tables(raw: bytes) -> dict[str, list[dict]]:
    """Table name -> typed rows of an uploaded package, or HsdsInvalid saying why not."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(raw))
    except zipfile.BadZipFile:
        raise HsdsInvalid([str(_("The file is not a ZIP data package."))]) from None
    names = set(archive.namelist())
    if "datapackage.json" not in names:
        raise HsdsInvalid([str(_("The package has no datapackage.json."))])
    out: dict[str, list[dict]] = {}
    for resource in descriptor()["resources"]:
        if resource["path"] not in names:
            continue
        try:
            text = archive.read(resource["path"]).decode("utf-8-sig")
        except UnicodeDecodeError:
            raise HsdsInvalid([str(_("%(file)s is not UTF-8 text.",
                                     file=resource["path"]))]) from None
        out[resource["name"]] = [_typed(resource["name"], row)
                                 for row in csv.DictReader(io.StringIO(text))]
    if not out.get("service"):
        raise HsdsInvalid([str(_("The package has no services.csv, or it is empty."))])
    return out


def _by(rows: list[dict], key: str) -> dict[str, list[dict]]:
    grouped: dict[str, list[dict]] = defaultdict(list)
    for row in rows:
        if row.get(key):
            grouped[row[key]].append(row)
    return grouped


def services_of(found: dict[str, list[dict]]) -> list[dict]:
    """The package's tables joined back into HSDS ``service`` objects (not yet checked)."""
    organizations = {row["id"]: row for row in found.get("organization", []) if "id" in row}
    locations = {row["id"]: row for row in found.get("location", []) if "id" in row}
    terms = {row["id"]: row for row in found.get("taxonomy_term", []) if "id" in row}
    taxonomies = {row["id"]: row for row in found.get("taxonomy", []) if "id" in row}
    of_service = {table: _by(found.get(table, []), "service_id")
                  for table in ("phone", "schedule", "language", "service_at_location")}
    addresses = _by(found.get("address", []), "location_id")
    access = _by(found.get("accessibility", []), "location_id")
    attributes = _by(found.get("attribute", []), "link_id")
    out = []
    for row in found["service"]:
        doc = dict(row)
        ident = row.get("id", "")
        if row.get("organization_id") in organizations:
            doc["organization"] = organizations[row["organization_id"]]
        doc["phones"] = of_service["phone"][ident]
        doc["schedules"] = of_service["schedule"][ident]
        doc["languages"] = of_service["language"][ident]
        doc["service_at_locations"] = [
            link | ({"location": locations[link["location_id"]]
                     | {"addresses": addresses[link["location_id"]],
                        "accessibility": access[link["location_id"]]}}
                    if link.get("location_id") in locations else {})
            for link in of_service["service_at_location"][ident]]
        doc["attributes"] = [attribute | _term(attribute, terms, taxonomies)
                             for attribute in attributes[ident]]
        out.append({k: v for k, v in doc.items() if v != []})
    return out


def _term(attribute: dict, terms: dict, taxonomies: dict) -> dict:
    term = terms.get(attribute.get("taxonomy_term_id"))
    if term is None:
        return {}
    detail = taxonomies.get(term.get("taxonomy_id"))
    return {"taxonomy_term": term | ({"taxonomy_detail": detail} if detail else {})}


def read_package(raw: bytes) -> list[dict]:
    """The valid HSDS ``service`` objects of an uploaded package, or HsdsInvalid."""
    return checked(services_of(read_tables(raw)))
