"""Every role against every chart route and object (security.md: the exhaustive access matrix).

Roles: anonymous, admin, coordinator, reception, volunteer, the member who owns the chart,
another member, the author (a practitioner of the form's discipline), a colleague of the same
discipline, and a practitioner of every other installed discipline. A test also fails when a
chart route or an installed discipline is missing from the matrix. Refusals carry no health
data, and an allowed page never shows an entry its reader may not read.
"""

import hashlib
from datetime import timedelta

import pytest

from core.api import add_summary_item, record_entry
from core.db import utcnow
from core.identity.models import ApiToken
from core.record.models import Action, BreakGlass
from core.record.transfer_models import ImportedEntry, ImportProposal, RecordImport
from core.registry import plugin_host

#: practitioner roles and their discipline (the entries are all recordtest's); "other" stands
#: for a practitioner of each remaining installed discipline (nursing...), tested one by one
DISCIPLINES = {"author": "recordtest", "colleague": "recordtest", "psych": "psychology"}
ROLES = ["anonymous", "admin", "officer", "coordinator", "reception", "volunteer", "owner",
         "other_member", *DISCIPLINES]
PRACTITIONERS = {*DISCIPLINES, "other"}
SAME_DISCIPLINE = {"author", "colleague"}
MEMBERS = {"owner", "other_member"}
TEAM_TEXT, MEMBER_TEXT = ("BP 128", "TEAM-MARK"), ("blood pressure was 128", "TEAM-MARK")
SECRETS = (*TEAM_TEXT, "blood pressure was 128", "DISCIPLINE-SECRET", "SEALED-SECRET")
#: what each role may read somewhere in this chart; any other secret on a page is a leak
READABLE = {"author": set(SECRETS), "colleague": {*TEAM_TEXT, "DISCIPLINE-SECRET"},
            "psych": set(TEAM_TEXT), "other": set(TEAM_TEXT), "owner": set(MEMBER_TEXT)}

# key -> (method, path template, data, roles allowed, status when allowed)
MATRIX = {
    "record.chart_page": ("GET", "/people/{p}/chart", None, PRACTITIONERS, 200),
    "record.print_chart": ("GET", "/people/{p}/chart/print", None, PRACTITIONERS, 200),
    "record.export_fhir": ("GET", "/people/{p}/chart/export.fhir.json", None, PRACTITIONERS, 200),
    "record.export_csv": ("GET", "/people/{p}/chart/export.csv", None, PRACTITIONERS, 200),
    "record.new_entry GET": ("GET", "/people/{p}/chart/new/recordtest.vitals", None, SAME_DISCIPLINE, 200),
    "record.new_entry POST": ("POST", "/people/{p}/chart/new/recordtest.vitals", {"systolic": "120"},
                              SAME_DISCIPLINE, 302),
    "record.entry_page team": ("GET", "/entries/{team}", None, PRACTITIONERS, 200),
    "record.entry_page discipline": ("GET", "/entries/{disc}", None, SAME_DISCIPLINE, 200),
    "record.entry_page sealed": ("GET", "/entries/{sealed}", None, {"author"}, 200),
    "record.amend GET": ("GET", "/entries/{amend}/amend", None, {"author"}, 200),
    "record.amend POST": ("POST", "/entries/{amend}/amend", {"systolic": "121"}, {"author"}, 302),
    "record.entered_in_error": ("POST", "/entries/{error}/error", {"reason": "wrong chart"},
                                {"author"}, 302),
    "record.break_glass": ("POST", "/people/{p}/chart/break-glass", {"reason": "unconscious"},
                           set(), 302),
    "record.add_summary": ("POST", "/people/{p}/chart/summary", {"kind": "allergy", "label": "Latex"},
                           PRACTITIONERS, 302),
    "record.end_summary": ("POST", "/summary/{item}/end", None, PRACTITIONERS, 302),
    "record.tasks": ("GET", "/record/tasks", None, PRACTITIONERS | {"admin", "coordinator", "reception"}, 200),
    "record.close_action": ("POST", "/record/actions/{action}/close", {"status": "done"}, {"psych"}, 302),
    "record.reviews": ("GET", "/record/reviews", None, {"admin", "officer"}, 200),
    "record.review": ("POST", "/record/reviews/{grant}", {"note": "justified"}, {"admin", "officer"}, 302),
    "record.person_consent GET": ("GET", "/people/{p}/consent", None, {"admin", "officer"}, 200),
    "record.person_consent POST": ("POST", "/people/{p}/consent",
                                   {"kind": "restrict_discipline", "discipline": "recordtest"},
                                   {"admin", "officer"}, 302),
    "record.access_log": ("GET", "/people/{p}/chart/access-log", None, {"admin", "officer"}, 200),
    "record.imports GET": ("GET", "/privacy/imports", None, {"officer"}, 200),
    "record.imports POST": ("POST", "/privacy/imports", {}, {"officer"}, 422),
    "record.import_page GET": ("GET", "/privacy/imports/{imp}", None, {"officer"}, 200),
    "record.import_page POST": ("POST", "/privacy/imports/{imp}", {"choice": "nobody"}, {"officer"},
                                422),
    "record.imported_entry": ("GET", "/people/{p}/chart/imported/{imported}", None,
                              PRACTITIONERS, 200),
    "record.decide": ("POST", "/imports/proposals/{proposal}", {"decision": "decline"},
                      PRACTITIONERS, 302),
    "record_api.list_entries": ("GET", "/api/v1/people/{p}/entries", None, PRACTITIONERS, 200),
    "record_api.create_entry": ("POST", "/api/v1/people/{p}/entries",
                                {"form_id": "recordtest.vitals", "payload": {"systolic": 120}},
                                SAME_DISCIPLINE, 201),
    "record_api.get_entry team": ("GET", "/api/v1/entries/{team}", None, PRACTITIONERS, 200),
    "record_api.get_entry discipline": ("GET", "/api/v1/entries/{disc}", None, SAME_DISCIPLINE, 200),
    "record_api.get_entry sealed": ("GET", "/api/v1/entries/{sealed}", None, {"author"}, 200),
    "record_api.amend_entry": ("POST", "/api/v1/entries/{amend2}/amend",
                               {"payload": {"systolic": 122}}, {"author"}, 201),
    "record_api.entry_error": ("POST", "/api/v1/entries/{error2}/error", {"reason": "duplicate"},
                               {"author"}, 201),
    "record_api.summary": ("GET", "/api/v1/people/{p}/summary", None, PRACTITIONERS, 200),
    "portal.home": ("GET", "/portal/", None, MEMBERS, 200),
    "portal.record": ("GET", "/portal/record", None, MEMBERS, 200),
    "portal.access": ("GET", "/portal/access", None, MEMBERS, 200),
    "portal.consent_page GET": ("GET", "/portal/consent", None, MEMBERS, 200),
    "portal.consent_page POST": ("POST", "/portal/consent",
                                 {"kind": "restrict_discipline", "discipline": "psychology"}, MEMBERS, 302),
    "portal.privacy GET": ("GET", "/portal/privacy", None, MEMBERS, 200),
    "portal.privacy POST": ("POST", "/portal/privacy", {"allow_statistics": "1"}, MEMBERS, 302),
    "portal.export_fhir_view": ("GET", "/portal/export.fhir.json", None, MEMBERS, 200),
    "portal.export_csv_view": ("GET", "/portal/export.csv", None, MEMBERS, 200),
}


@pytest.fixture
def world(db, make_account, make_person, record_on):
    """The chart of ``owner`` with one entry of each confidentiality, and everyone around it."""
    owner_person, other_person = make_person("Olive", "Owner"), make_person("Otto", "Other")
    accounts = {
        "admin": make_account(roles=["admin"]), "officer": make_account(roles=["privacy_officer"]),
        "coordinator": make_account(roles=["coordinator"]),
        "reception": make_account(roles=["reception"]), "volunteer": make_account(roles=["volunteer"]),
        "owner": make_account(roles=["member"], person=owner_person),
        "other_member": make_account(roles=["member"], person=other_person),
        **{role: make_account(roles=["practitioner"], discipline=discipline)
           for role, discipline in DISCIPLINES.items()}}
    author = accounts["author"]

    def entry(form, payload, **kw):
        return record_entry(db, person=owner_person, form_id=form, payload=payload, author=author, **kw).id

    ids = {"p": owner_person.id,
           "team": entry("recordtest.vitals", {"systolic": 128, "note": "TEAM-MARK"}),
           "disc": entry("recordtest.note", {"text": "DISCIPLINE-SECRET"}),
           "sealed": entry("recordtest.shared", {"text": "SEALED-SECRET"}, confidentiality="sealed"),
           "amend": entry("recordtest.vitals", {"systolic": 130}),
           "error": entry("recordtest.vitals", {"systolic": 131}),
           "amend2": entry("recordtest.vitals", {"systolic": 132}),
           "error2": entry("recordtest.vitals", {"systolic": 133}),
           "item": add_summary_item(db, person_id=owner_person.id, kind="problem",
                                    label="Asthma", author=author).id}
    action = Action(person_id=owner_person.id, kind="referral", title="Follow up",
                    to_discipline="psychology")
    grant = BreakGlass(account_id=accounts["psych"].id, person_id=other_person.id,
                       reason="test", expires_at=utcnow() + timedelta(minutes=60))
    db.add_all([action, grant])
    db.commit()
    ids.update(action=action.id, grant=grant.id, **imported(db, owner_person))
    for name, account in accounts.items():
        raw = f"token-{name}-{account.id}"
        db.add(ApiToken(account_id=account.id, name="t", token_hash=hashlib.sha256(raw.encode()).hexdigest()))
    db.commit()
    return accounts, ids


def imported(db, person) -> dict:
    """What another coop's record brought: an entry, a proposed line, an import in review."""
    done = RecordImport(origin="urn:x", origin_name="Coop B", bundle_hash="a" * 64,
                        patient_key="b" * 64, state="done", patient={}, person_id=person.id,
                        how="matched")
    waiting = RecordImport(origin="urn:x", origin_name="Coop B", bundle_hash="c" * 64,
                           patient_key="d" * 64, state="review", candidates=[person.id],
                           patient={"first_name": "Olive", "last_name": "Owner"}, bundle={})
    db.add_all([done, waiting])
    db.flush()
    entry = ImportedEntry(import_id=done.id, person_id=person.id, source_key="e" * 64,
                          origin="urn:x", resource_type="Observation", title="TEAM-MARK",
                          resource={"resourceType": "Observation", "valueString": "TEAM-MARK"})
    proposal = ImportProposal(import_id=done.id, person_id=person.id, source_key="f" * 64,
                              kind="allergy", label="Latex")
    db.add_all([entry, proposal])
    db.commit()
    return {"imp": waiting.id, "imported": entry.id, "proposal": proposal.id}


def signed_in(app, accounts, role):
    """A client signed in once as ``role`` (anonymous: not signed in)."""
    client = app.test_client()
    if role != "anonymous":
        client.post("/login", data={"username": accounts[role].username,
                                    "password": "correct horse battery staple"})
    return client


def call(client, accounts, role, method, path, data):
    api = path.startswith("/api/")
    headers = {}
    if api and role != "anonymous":
        headers["Authorization"] = f"Bearer token-{role}-{accounts[role].id}"
    if api:
        return client.open(path, method=method, json=data if method == "POST" else None,
                           headers=headers)
    return client.open(path, method=method, data=data)


def wrong_answers(app, accounts, ids, role, rules_of=None) -> list[str]:
    """Every matrix route called as ``role``, judged by the rules of ``rules_of`` (default: role)."""
    client = signed_in(app, accounts, role)
    judge = rules_of or role
    wrong = []
    for key, (method, template, data, allowed, ok_status) in MATRIX.items():
        response = call(client, accounts, role, method, template.format(**ids), data)
        if judge in allowed:
            expected = ok_status
        elif judge == "anonymous" and template.startswith("/api/"):
            # not signed in: 401 for every method (an API request without a cookie is no form)
            expected = 401
        elif judge == "anonymous":
            expected = 302
        else:
            expected = 403
        if response.status_code != expected:
            wrong.append(f"{key}: {response.status_code} != {expected}")
        if (judge == "anonymous" and expected == 302
                and "/login" not in response.headers.get("Location", "")):
            wrong.append(f"{key}: anonymous not sent to sign in")
        leaked = {secret for secret in SECRETS if secret in response.get_data(as_text=True)}
        if judge not in allowed and leaked:
            wrong.append(f"{key}: refusal leaks health data")
        elif leaked - READABLE.get(judge, set()):
            wrong.append(f"{key}: shows {sorted(leaked - READABLE.get(judge, set()))}")
    return wrong


@pytest.mark.parametrize("role", ROLES)
def test_access_matrix(app, db, world, role):
    accounts, ids = world
    assert wrong_answers(app, accounts, ids, role) == [], role


def test_access_matrix_for_a_practitioner_of_every_other_discipline(app, db, world, make_account):
    """Nursing and every other installed discipline: the team entry only, never another's."""
    accounts, ids = world
    host = plugin_host(app)
    others = sorted({p.info.discipline for p in host.installed() if p.info and p.info.discipline}
                    - set(DISCIPLINES.values()))
    assert "nursing" in others
    for discipline in others:
        role = f"practitioner of {discipline}"
        accounts[role] = make_account(roles=["practitioner"], discipline=discipline)
        db.add(ApiToken(account_id=accounts[role].id, name="t", token_hash=hashlib.sha256(
            f"token-{role}-{accounts[role].id}".encode()).hexdigest()))
        db.commit()
        assert wrong_answers(app, accounts, ids, role, rules_of="other") == [], discipline


def test_every_chart_route_is_in_the_matrix(app):
    endpoints = {rule.endpoint for rule in app.url_map.iter_rules()
                 if rule.endpoint.split(".")[0] in ("record", "record_api", "portal")}
    covered = {key.split(" ")[0] for key in MATRIX}
    assert endpoints - covered == set()


def test_member_never_sees_another_members_entries(app, db, world):
    accounts, _ids = world
    client = app.test_client()
    client.post("/login", data={"username": accounts["other_member"].username,
                                "password": "correct horse battery staple"})
    for path in ("/portal/record", "/portal/export.csv", "/portal/export.fhir.json", "/portal/access"):
        body = client.get(path).get_data(as_text=True)
        assert "BP 128" not in body and "Olive" not in body and "Asthma" not in body
