"""Members read, in their portal, what another coop's record brought about them: with its
origin (the coop, the author, the date), read-only, under the rules of their own entries (what
the origin withheld from them, a restricted resource without that word, an entry in error stay
hidden); their own FHIR copy holds the same."""

import json

import pytest
from sqlalchemy import select

from core.audit.models import AuditEvent
from core.identity.models import Person
from core.record import fhir
from core.record.transfer import start_import

ORIGIN = "urn:soin-commun:coop:coop-du-nord"
PASSWORD = "correct horse battery staple"


def _meta(n, level="N", member=None):
    tags = [{"system": fhir.ORIGIN_SYSTEM, "code": ORIGIN, "display": "Coop du Nord"}]
    if member is not None:
        tags.append({"system": fhir.MEMBER_SYSTEM, "code": member})
    return {"source": f"{ORIGIN}#r{n}", "tag": tags,
            "security": [{"system": fhir.CONFIDENTIALITY_SYSTEM, "code": level}]}


def _note(n, text, level="N", member=None, status="completed", title="Suivi infirmier",
          carried=None):
    """A note on a form unknown here (``nordcoop.<title>``), carrying its title when
    ``carried`` (FHIR's display extension, as this coop's export writes it)."""
    note = {"fullUrl": f"urn:uuid:00000000-0000-4000-8000-00000000000{n}", "resource": {
        "resourceType": "QuestionnaireResponse", "status": status,
        "questionnaire": f"urn:soin-commun:form:nordcoop.{title.replace(' ', '_')}|1",
        "authored": f"2026-0{n}-10T14:00:00+00:00", "author": {"display": "Inès Infirmière"},
        "item": [{"linkId": "text", "text": "Note", "answer": [{"valueString": text}]}],
        "meta": _meta(n, level, member)}}
    if carried:
        note["resource"]["_questionnaire"] = {"extension": [
            {"url": fhir.DISPLAY_EXTENSION, "valueString": carried}]}
    return note


def _weight(n, level):
    return {"fullUrl": f"urn:uuid:00000000-0000-4000-8000-00000000010{n}", "resource": {
        "resourceType": "Observation", "status": "final",
        "code": {"coding": [{"system": "http://loinc.org", "code": "29463-7",
                             "display": "Body weight"}]},
        "effectiveDateTime": f"2025-1{n}-02T09:00:00Z", "performer": [{"display": "Dr Ève Caron"}],
        "valueQuantity": {"value": 61 + n, "unit": "kg"}, "meta": _meta(100 + n, level)}}


@pytest.fixture
def imported_member(app, db, make_account):
    bundle = {"resourceType": "Bundle", "type": "collection", "meta": {"source": ORIGIN},
              "entry": [
        {"fullUrl": "urn:uuid:00000000-0000-4000-8000-000000000000", "resource": {
            "resourceType": "Patient", "name": [{"family": "Roy", "given": ["Léa"]}],
            "birthDate": "1990-02-03", "managingOrganization": {"display": "Coop du Nord"}}},
        _note(1, "TOLD TO THE MEMBER", member="shown"),
        _note(2, "WITHHELD BY THE ORIGIN", member="withheld"),
        _note(3, "RESTRICTED BUT SHOWN", level="R", member="shown", carried="Suivi psychosocial"),
        _note(4, "IN ERROR", member="shown", status="entered-in-error"),
        _weight(1, "N"),        # another system's fact, normal level, no portal word: shown
        _weight(2, "R")]}       # restricted and no portal word: kept from the member
    batch = start_import(db, json.dumps(bundle))
    db.commit()
    person = db.get(Person, batch.person_id)
    account = make_account(roles=["member"], person=person)
    return person, account


def _portal(app, account, lang="fr-CA"):
    web = app.test_client()
    web.post("/login", data={"username": account.username, "password": PASSWORD})
    return web, web.get("/portal/record", headers={"Accept-Language": lang}).get_data(as_text=True)


def test_the_member_reads_imported_entries_with_their_origin(app, db, imported_member):
    person, account = imported_member
    _web, page = _portal(app, account)
    assert "TOLD TO THE MEMBER" in page and "RESTRICTED BUT SHOWN" in page
    assert "WITHHELD BY THE ORIGIN" not in page and "IN ERROR" not in page
    assert "62 kg" in page and "63 kg" not in page
    assert page.count('data-imported="') == 3
    assert "Tiré de votre dossier à Coop du Nord" in page
    assert "Inès Infirmière" in page and "Dr Ève Caron" in page
    # the dates written at the origin, as the member's language writes a day
    assert "10 janvier 2026" in page and "10 mars 2026" in page
    assert page.index("RESTRICTED BUT SHOWN") < page.index("TOLD TO THE MEMBER")  # newest first
    # read-only: nothing to change, no link to the staff's pages
    article = page.split('class="entry imported"')[1].split("</article>")[0]
    assert "<form" not in article and "<a " not in article
    event = db.scalars(select(AuditEvent).where(AuditEvent.action == "portal.read")).one()
    assert event.person_id == person.id and len(event.detail["imported_entries"]) == 3


def test_the_member_reads_them_in_english_too(app, db, imported_member):
    _person, account = imported_member
    _web, page = _portal(app, account, "en")
    assert "From your record at Coop du Nord: written there, it cannot be changed here." in page
    assert "Result" in page
    assert "<h2>Entry from Coop du Nord</h2>" in page


def test_an_entry_on_a_form_unknown_here_has_a_title_a_person_reads(app, db, imported_member):
    """Its title as it came, else where it comes from: never the form's bare id."""
    person, account = imported_member
    _web, page = _portal(app, account)
    assert "nordcoop." not in page
    assert "<h2>Suivi psychosocial</h2>" in page  # the title the entry carried
    assert "<h2>Entrée provenant de Coop du Nord</h2>" in page  # none carried
    # an entry imported before titles were carried kept the form's id as its title
    from core.record.transfer_models import ImportedEntry

    db.execute(ImportedEntry.__table__.update().where(
        ImportedEntry.person_id == person.id, ImportedEntry.title == "").values(
        title="nordcoop.Suivi_infirmier"))
    db.commit()
    web, page = _portal(app, account)
    assert "nordcoop." not in page and "<h2>Entrée provenant de Coop du Nord</h2>" in page
    assert "nordcoop." not in web.get("/portal/export.csv").get_data(as_text=True)


def test_the_members_own_fhir_copy_holds_what_the_portal_shows(app, db, imported_member):
    _person, account = imported_member
    web, _page = _portal(app, account)
    bundle = json.loads(web.get("/portal/export.fhir.json").get_data(as_text=True))
    texts = json.dumps(bundle)
    assert "TOLD TO THE MEMBER" in texts and "RESTRICTED BUT SHOWN" in texts
    assert "WITHHELD BY THE ORIGIN" not in texts and "IN ERROR" not in texts
    assert '"value": 63' not in texts
    fhir.fhir_model("Bundle").model_validate(bundle)
    sources = {e["resource"]["meta"]["source"] for e in bundle["entry"]
               if e["resource"]["resourceType"] == "QuestionnaireResponse"}
    assert sources == {f"{ORIGIN}#r1", f"{ORIGIN}#r3"}


def test_another_member_never_sees_them(app, db, imported_member, make_person, make_account):
    other = make_account(roles=["member"], person=make_person("Zoé", "Autre"))
    _web, page = _portal(app, other)
    assert "TOLD TO THE MEMBER" not in page and "Coop du Nord" not in page


def test_the_members_csv_copy_holds_them_with_their_origin(app, db, imported_member):
    import csv
    import io

    _person, account = imported_member
    web, _page = _portal(app, account)
    rows = list(csv.reader(io.StringIO(web.get("/portal/export.csv").get_data(as_text=True))))
    imported = [r for r in rows if r[0] == "Note importée"]
    assert {r[8] for r in imported if r[7] == "Provenance"} == {"Coop du Nord"}
    values = {r[8] for r in imported}
    assert {"TOLD TO THE MEMBER", "RESTRICTED BUT SHOWN", "62 kg"} <= values
    assert not {"WITHHELD BY THE ORIGIN", "IN ERROR", "63 kg"} & values
    assert {r[5] for r in imported} == {"Inès Infirmière", "Dr Ève Caron"}
