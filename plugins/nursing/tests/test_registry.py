"""The register accepts only complete, well-formed OCs, as new versions; it never edits one."""

from __future__ import annotations

import copy
import json
from datetime import date, datetime, timezone

import pytest
from marshmallow import ValidationError

from plugins.nursing.models import OcVersion
from plugins.nursing.oc import registry
from plugins.nursing.oc.document import parse_document
from plugins.nursing.oc.registry import DATA_DIR

BASE = json.loads((DATA_DIR / "OC-CYSTITE.json").read_text())


def _without(key):
    doc = copy.deepcopy(BASE)
    del doc[key]
    return doc


def _with(**changes):
    return {**copy.deepcopy(BASE), **changes}


INVALID = [
    ("no signatures (element 17)", _without("signatures"), "signatures"),
    ("no prescribers (element 15)", _with(prescribers=[]), "prescribers"),
    ("no communication (element 16)", _without("communication"), "communication"),
    ("no médecin répondant (element 11)", _without("responding_physician"),
     "responding_physician"),
    ("no French name", _with(name={"en": "English only"}), "name"),
    ("expires before it starts", _with(expires_on="2024-01-01"), "expires_on"),
    ("a rule on an unknown fact", _with(indications=[{"id": "x", "label": {"fr": "x"},
                                                      "when": {"fact": "nope"}}]), "rules"),
    ("an unknown operator", _with(indications=[{"id": "x", "label": {"fr": "x"},
                                                "when": {"fact": "dysuria", "about": 1}}]),
     "rules"),
    ("an unknown key", _with(colour="blue"), "colour"),
]


@pytest.mark.parametrize("case, doc, field", INVALID, ids=[c[0] for c in INVALID])
def test_incomplete_or_malformed_documents_are_refused(case, doc, field):
    with pytest.raises(ValidationError) as caught:
        parse_document(json.dumps(doc))
    assert field in caught.value.messages


def test_not_json_is_refused():
    with pytest.raises(ValidationError) as caught:
        parse_document("{not json")
    assert "file" in caught.value.messages


def test_shipped_files_are_loaded_once(db, nursing):
    assert registry.load_shipped(db) == []
    codes = sorted(r.code for r in db.query(OcVersion))
    assert codes == ["OC-CONTRACEPTION", "OC-CYSTITE", "OC-WARFARINE"]


def test_a_new_version_must_have_a_higher_number(app, db, nursing):
    with app.test_request_context(), pytest.raises(ValidationError) as caught:
        registry.add_version(db, _with(version=1), source="form")
    assert "version" in caught.value.messages


def test_the_governing_version_is_the_newest_already_in_force(db, nursing):
    registry.add_version(db, _with(version=2, effective_date="2027-06-01",
                                   expires_on="2030-06-01"), source="form")
    assert registry.current(db, "OC-CYSTITE", date(2027, 5, 31)).version == 1
    assert registry.current(db, "OC-CYSTITE", date(2027, 6, 1)).version == 2
    v2 = registry.current(db, "OC-CYSTITE", date(2027, 6, 1))
    registry.withdraw(db, v2.id)
    assert registry.current(db, "OC-CYSTITE", date(2027, 6, 1)).version == 1
    assert registry.current(db, "OC-INCONNUE", date(2027, 6, 1)) is None


def test_merge_and_export_follow_the_person(app, db, nurse, patient, make_person):
    from plugins.nursing.person_data import export_person, merge_person
    from plugins.nursing.service import apply_oc
    from plugins.nursing.tests.test_oc_engine import CYSTITIS

    duplicate = make_person(first_name="Maude", last_name="Lavoie", date_of_birth=date(1990, 3, 2))
    with app.test_request_context():
        apply_oc(db, person=duplicate, code="OC-CYSTITE", answers=CYSTITIS, nurse=nurse,
                 locale="fr_CA")
        merge_person(patient, duplicate, db)
        exported = export_person(patient, db)
    assert [row["Ordonnance collective"][:13] for row in exported["Ordonnances collectives"]] \
        == ["OC-CYSTITE v1"]
    assert export_person(duplicate, db) == {"Ordonnances collectives": []}


def test_the_persons_export_reads_in_french_words_at_the_coops_clock(app, db, nurse, patient):
    """A member reads their export in a spreadsheet: labels, the OC by its name, the outcome
    as the chart entry says it, the moment at the coop's clock (it read "code", "outcome",
    "applied" and a UTC time)."""
    from flask_babel import force_locale

    from plugins.nursing.person_data import export_person
    from plugins.nursing.service import apply_oc
    from plugins.nursing.tests.test_oc_engine import CYSTITIS

    with app.test_request_context():
        done = apply_oc(db, person=patient, code="OC-CYSTITE", answers=CYSTITIS, nurse=nurse,
                        locale="fr_CA")
    # 22 h 30 the day before in Montreal
    done.application.applied_at = datetime(2026, 12, 6, 3, 30, tzinfo=timezone.utc)
    db.flush()
    with force_locale("fr_CA"):
        [row] = export_person(patient, db)["Ordonnances collectives"]
    assert set(row) == {"Date", "Ordonnance collective", "Résultat", "Motif"}
    assert row["Date"] == "2026-12-05T22:30-05:00"
    assert row["Ordonnance collective"].startswith("OC-CYSTITE v1 — ")
    assert len(row["Ordonnance collective"]) > len("OC-CYSTITE v1 — ")  # the OC's name
    assert row["Résultat"] == "Appliquée"
    assert not {"code", "outcome", "applied", "date"} & {*row, *map(str, row.values())}


def test_the_register_keepers_record_each_nurses_trainings(client, db, login, nursing,
                                                           make_account):
    from core.api import Account

    nurse = make_account(roles=["practitioner"], discipline="nursing", display_name="Lise Nadeau",
                         practitioner={"trainings": "rcr-2025, oc-warfarine"})
    login(role="coordinator")
    page = client.get("/p/nursing/oc/trainings").get_data(as_text=True)
    assert "Lise Nadeau" in page and "contraception-inspq-2024" in page and "OC-CYSTITE" in page
    response = client.post("/p/nursing/oc/trainings", data={
        f"t-{nurse.id}": ["oc-cystite", "made-up-code"]}, follow_redirects=True)
    assert "pour 1 membre du personnel infirmier" in response.get_data(as_text=True)
    db.expire_all()
    # OC trainings replaced by what was checked; a code no OC asks for is kept; nothing invented
    assert db.get(Account, nurse.id).practitioner.trainings == "oc-cystite rcr-2025"
    client.post("/logout")
    login(nurse)
    assert client.get("/p/nursing/oc/trainings").status_code == 403


def test_the_register_and_an_oc_write_their_days_in_words(client, db, login, nursing):
    """The register listed OC-CYSTITE "2025-01-15 2028-01-15" and its page "Dernière révision
    2024-11-30", signed "2024-12-10": every day now reads in words, in French and English."""
    login(role="coordinator")
    for accept, written in (("fr-CA", ("15 janv. 2025", "15 janv. 2028", "30 novembre 2024",
                                       "10 décembre 2024")),
                            ("en", ("Jan 15, 2025", "Jan 15, 2028", "November 30, 2024",
                                    "December 10, 2024"))):
        headers = {"Accept-Language": accept}
        register = client.get("/p/nursing/oc", headers=headers).get_data(as_text=True)
        page = client.get("/p/nursing/oc/OC-CYSTITE", headers=headers).get_data(as_text=True)
        assert written[0] in register and written[1] in register
        assert all(day in page for day in written), accept
        for iso in ("2025-01-15", "2028-01-15", "2024-11-30", "2024-12-10"):
            assert iso not in register and iso not in page
