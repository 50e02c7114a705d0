"""The federation statistics: anonymous figures, small cells hidden, valid against the
schema shipped with the export, shown in full on a page before anything is sent."""

import csv
import io
import json
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal

import jsonschema
import pytest

from core.identity.models import Household
from core.identity.service import open_membership
from core.reports import federation

YEAR = 2025


@pytest.fixture
def coop(db, make_person):
    """7 user, 2 worker and 6 support households (members since 2024), 6 done visits and one
    no-show in 2025, two volunteers' hours."""
    from core.scheduling.models import Appointment
    from core.volunteering.models import HoursEntry

    people = []
    categories = ["user"] * 7 + ["worker"] * 2 + ["support"] * 6
    for i, category in enumerate(categories):
        household = Household(name=f"Foyer {i}")
        db.add(household)
        db.flush()
        people.append(make_person(last_name=f"Membre{i}", household=household))
        open_membership(db, household, {"started_on": date(2024, 3, 1), "share_amount":
                                        Decimal("10"), "category": category})
    start = datetime(YEAR, 5, 1, 14, tzinfo=timezone.utc)
    for i, status in enumerate(["done"] * 6 + ["no_show"]):
        at = start + timedelta(days=i)
        db.add(Appointment(type_code="sample.visit", person_id=people[i].id, starts_at=at,
                           ends_at=at + timedelta(minutes=30), status=status))
    for person in people[:2]:
        db.add(HoursEntry(person_id=person.id, program="core.reception",
                          worked_on=date(YEAR, 6, 1), hours=Decimal("3.5")))
    db.commit()
    return people


def test_the_export_hides_small_cells_and_follows_its_schema(app, db, coop):
    doc = federation.statistics(db, YEAR)
    jsonschema.Draft202012Validator(federation.schema()).validate(doc)
    members = {r["category"]: r["members"] for r in doc["members_by_category"]}
    # 2 workers hidden, and the support members with them: the total would give them away
    assert members == {"user": 7, "worker": "< 5", "support": "< 5"}
    assert doc["households"] == {"member_households": 15, "people_in_member_households": 15}
    assert [(v["service"], v["visits"]) for v in doc["visits"]] == [("sample.visit", 6)]
    assert doc["volunteer_hours"] == [{"programme": "core.reception", "hours": "< 5",
                                       "volunteers": "< 5"}]
    text = json.dumps(doc, ensure_ascii=False)
    assert "Membre" not in text and "Foyer" not in text      # no name leaves


def test_the_schema_refuses_a_count_from_one_to_four(app, db, coop):
    doc = federation.statistics(db, YEAR)
    doc["members_by_category"][1]["members"] = 2
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(doc, federation.schema())


def test_the_page_shows_what_would_be_sent_and_the_files_match(client, login, db, coop):
    login(role="coordinator")
    page = client.get(f"/reports/federation?year={YEAR}").get_data(as_text=True)
    assert "Statistiques pour la fédération" in page and "sample.visit" in page
    assert "Rien n’est envoyé" in page
    download = client.get(f"/reports/federation?year={YEAR}&format=json")
    doc = json.loads(download.get_data(as_text=True))
    jsonschema.validate(doc, federation.schema())
    assert doc["year"] == YEAR and "attachment" in download.headers["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(client.get(
        f"/reports/federation?year={YEAR}&format=csv").get_data(as_text=True).lstrip("\ufeff"))))
    assert rows[0] == ["year", "table", "group", "item", "measure", "value"]
    assert [str(YEAR), "members_by_category", "", "worker", "members", "< 5"] in rows
    assert client.get("/reports/federation?year=1999").status_code == 422
    assert client.get("/reports/federation?year=abc").status_code == 422


def test_only_those_who_see_reports_reach_the_export(client, login):
    login(role="reception")
    assert client.get("/reports/federation").status_code == 403


def test_the_page_writes_numbers_as_the_reader_does_the_files_keep_them_plain(
        client, login, db, coop):
    """The page printed the export's raw numbers: 12.5 hours read "12.5" (and "0.0" kg) in
    French. A person reads "12,5" (French) or "12.5" (English); the JSON and the CSV, read by
    a program, keep 12.5."""
    from core.volunteering.models import HoursEntry

    for person in coop[2:7]:  # five volunteers: their hours are no small cell
        db.add(HoursEntry(person_id=person.id, program="core.upkeep",
                          worked_on=date(YEAR, 7, 1), hours=Decimal("2.5")))
    db.commit()
    login(role="coordinator")
    for accept, hours in (("fr-CA", "12,5"), ("en", "12.5")):
        page = client.get(f"/reports/federation?year={YEAR}",
                          headers={"Accept-Language": accept}).get_data(as_text=True)
        row = page.split("<code>core.upkeep</code>")[1].split("</tr>")[0]
        assert f"<td>{hours}</td><td>5</td>" in row, (accept, row)
    page = client.get(f"/reports/federation?year={YEAR}").get_data(as_text=True)
    assert "12.5" not in page
    doc = json.loads(client.get(f"/reports/federation?year={YEAR}&format=json").get_data(
        as_text=True))
    assert {"programme": "core.upkeep", "hours": 12.5, "volunteers": 5} in doc["volunteer_hours"]
    text = client.get(f"/reports/federation?year={YEAR}&format=csv").get_data(as_text=True)
    assert f"{YEAR},volunteer_hours,,core.upkeep,hours,12.5" in text.splitlines()


def test_the_page_names_each_service_and_programme_the_file_carries_by_code(
        client, login, db, coop):
    """The page showed the file's codes alone ("core.reception", "sample.visit"): a
    coordinator reads each by its name in their language, its code beside it; the file keeps
    the codes and no name."""
    login(role="coordinator")
    page = client.get(f"/reports/federation?year={YEAR}").get_data(as_text=True)
    reception = page.split("<small><code>core.reception</code></small>")[0].rsplit("<td>", 1)[1]
    assert reception.strip() == "Accueil", reception
    assert "Sample visit <small><code>sample.visit</code></small>" in page
    english = client.get(f"/reports/federation?year={YEAR}",
                         headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert "Reception <small><code>core.reception</code></small>" in english
    text = client.get(f"/reports/federation?year={YEAR}&format=json").get_data(as_text=True)
    assert "core.reception" in text and "Accueil" not in text and "Reception" not in text
