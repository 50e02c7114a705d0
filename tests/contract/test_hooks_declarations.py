"""Each declaration hook, shown through what core does with it (``test_hook_<name>``).

The plugins: ``hooktest`` (tests/contract/hooktest_plugin.py) and, for pages and menus, the
``sample`` plugin every core test has.
"""

import re

import pytest
from click.testing import CliRunner
from flask.cli import ScriptInfo

from core.admin.service import set_active
from core.api import EntryInvalid, entries_for, record_entry
from core.cli import main
from core.registry import plugin_host
from tests.contract.hooktest_plugin import calls


def test_hook_plugin_info_names_the_service_in_the_catalogue(client, login):
    login(role="admin")
    page = client.get("/admin/services").get_data(as_text=True)
    assert "Hook test service" in page and "2.0.1" in page


def test_hook_register_permissions_grants_default_roles_once_then_admins_decide(app, db):
    from core.identity.accounts import sync_roles_and_permissions
    from core.identity.models import RolePermission

    grant = db.get(RolePermission, ("coordinator", "hooktest.use"))
    assert grant is not None and db.get(RolePermission, ("reception", "hooktest.use")) is None
    db.delete(grant)  # an administrator takes it away
    db.flush()
    sync_roles_and_permissions(db, plugin_host(app))
    assert db.get(RolePermission, ("coordinator", "hooktest.use")) is None


def test_hook_register_roles_creates_the_role_with_its_permissions(db, make_account):
    from core.identity.models import Role
    from core.security.access import has_permission

    role = db.get(Role, "hooktest.helper")
    assert role is not None and role.title == "Hook helper" and not role.clinical
    helper = make_account(roles=["hooktest.helper"])
    assert has_permission("hooktest.use", account=helper)


def test_hook_register_roles_a_role_added_in_a_later_release_arrives_with_its_defaults(app, db):
    """The permission was known before the role existed (a plugin's next release adds the
    role): the new role still gets what the plugin declares for it, and only the new role."""
    from sqlalchemy import delete

    from core.identity.accounts import sync_roles_and_permissions
    from core.identity.models import Role, RolePermission
    from core.registry import plugin_host

    db.execute(delete(RolePermission).where(RolePermission.role_code == "hooktest.helper"))
    db.delete(db.get(Role, "hooktest.helper"))
    db.delete(db.get(RolePermission, ("coordinator", "hooktest.use")))  # an admin's decision
    db.flush()
    sync_roles_and_permissions(db, plugin_host(app))
    assert db.get(RolePermission, ("hooktest.helper", "hooktest.use")) is not None
    assert db.get(RolePermission, ("coordinator", "hooktest.use")) is None


def test_hook_register_forms_validates_stores_and_hides_while_inactive(app, db, person, author):
    entry = record_entry(db, person=person, form_id="hooktest.note", author=author,
                         payload={"text": "Hello", "level": "3"})
    assert (entry.form_id, entry.form_version, entry.payload) == ("hooktest.note", 1,
                                                                  {"text": "Hello", "level": 3})
    with pytest.raises(EntryInvalid) as refused:
        record_entry(db, person=person, form_id="hooktest.note", author=author,
                     payload={"text": "", "level": "11"})
    assert set(refused.value.messages) == {"text", "level"}
    assert len(entries_for(db, person.id)) == 1
    set_active(db, plugin_host(app), "hooktest", False)
    with pytest.raises(EntryInvalid):
        record_entry(db, person=person, form_id="hooktest.note", author=author,
                     payload={"text": "Hello", "level": "3"})


def test_hook_register_entry_renderers_gives_the_timeline_line_and_the_member_text(
        client, login, db, person, author):
    entry = record_entry(db, person=person, form_id="hooktest.note", author=author,
                         payload={"text": "Garden", "level": "2"})
    db.commit()
    login(author)
    assert "Level 2: Garden" in client.get(f"/people/{person.id}/chart").get_data(as_text=True)
    from core.record.rendering import plain_language

    assert plain_language(entry) == "You said: Garden"


def test_hook_register_protocols_findings_and_their_actions_follow_a_saved_entry(db, person, author):
    from core.record.models import Action

    calm = record_entry(db, person=person, form_id="hooktest.note", author=author,
                        payload={"text": "Fine", "level": "2"})
    assert calm.new_findings == []
    worried = record_entry(db, person=person, form_id="hooktest.note", author=author,
                           payload={"text": "Worried", "level": "9"})
    assert [f.protocol_id for f in worried.new_findings] == ["hooktest.high"]
    referral = db.query(Action).filter_by(entry_id=worried.id).one()
    assert referral.kind == "referral" and referral.to_discipline == "social_work"


def test_hook_register_appointment_types_bookable_only_while_active(db, activate):
    from core.scheduling.apptypes import declared_types

    assert "hooktest.visit" not in {t.code for t in declared_types()}
    activate("hooktest")
    assert "hooktest.visit" in {t.code for t in declared_types()}


def test_hook_register_blueprints_mounted_under_p_and_404_while_inactive(client, login, activate):
    login(role="admin")
    assert client.get("/p/sample/").status_code == 404
    activate("sample")
    assert client.get("/p/sample/").get_data(as_text=True) == "sample page"


def test_hook_register_nav_items_shown_to_holders_of_the_permission(client, login, activate):
    activate("sample")
    login(role="reception")  # sample.use is the admin's only
    assert 'href="/p/sample/"' not in client.get("/").get_data(as_text=True)
    client.post("/logout")
    login(role="admin")
    assert 'href="/p/sample/"' in client.get("/").get_data(as_text=True)


def test_hook_register_nav_items_visible_narrows_who_sees_an_entry(
        app, client, login, activate, make_account):
    """An entry with ``visible(account)`` is shown to holders of the permission for whom it
    says yes; one that raises hides the entry, marks the plugin faulty, and the page is drawn."""
    from tests.sample_plugins import sample

    activate("sample")
    login(role="admin")  # holds sample.use, but practises nothing
    page = client.get("/").get_data(as_text=True)
    assert 'href="/p/sample/"' in page and 'href="/p/sample/practice"' not in page
    assert client.get("/p/sample/practice").status_code == 200  # the menu only, not access
    client.post("/logout")
    login(make_account(roles=["admin"], discipline="sample"))
    assert 'href="/p/sample/practice"' in client.get("/").get_data(as_text=True)

    def fails(account):
        raise RuntimeError("sample's predicate failed")

    sample.PRACTICE_VISIBLE["fn"] = fails
    try:
        page = client.get("/")
    finally:
        sample.PRACTICE_VISIBLE["fn"] = sample._practises
    assert page.status_code == 200 and 'href="/p/sample/"' in page.get_data(as_text=True)
    assert 'href="/p/sample/practice"' not in page.get_data(as_text=True)
    assert "predicate failed" in plugin_host(app).faults.pop("sample").error


def test_hook_register_jobs_run_only_while_the_plugin_is_active(app, db, activate):
    from core.jobs import run_job_now

    assert run_job_now(app, "hooktest.nightly") is False and calls("job") == []
    activate("hooktest")
    assert run_job_now(app, "hooktest.nightly") is True and calls("job") == [{"app": app.name}]


def test_hook_register_commands_become_soin_plugin_commands(app, db):
    result = CliRunner().invoke(main, ["hooktest", "hello"],
                                obj=ScriptInfo(create_app=lambda: app))
    assert result.exit_code == 0, result.output
    assert result.output.strip() == "hello from hooktest"


def test_hook_register_fhir_mappings_validated_and_a_bad_one_left_out(app, db, person, author):
    from core.record.export import build_bundle
    from tests.contract import hooktest_plugin

    record_entry(db, person=person, form_id="hooktest.note", author=author,
                 payload={"text": "Export", "level": "4"})
    bundle, builder = build_bundle(db, person, viewer=author)
    mapped = [e["resource"] for e in bundle["entry"] if e["resource"].get("code") == {"text": "Hook level"}]
    assert mapped and mapped[0]["valueInteger"] == 4 and mapped[0]["subject"]
    hooktest_plugin.FHIR_STATUS["value"] = ["not", "a", "code"]
    try:
        bundle, builder = build_bundle(db, person, viewer=author)
    finally:
        hooktest_plugin.FHIR_STATUS["value"] = "final"
    assert not [e for e in bundle["entry"] if e["resource"].get("code") == {"text": "Hook level"}]
    assert builder.rejected and "hooktest" in plugin_host(app).faults
    plugin_host(app).faults.pop("hooktest")


def test_hook_register_demo_practitioners_become_the_demo_accounts_on_the_sign_in_page(
        app, db, client):
    from core.demo import load_demo
    from core.identity.models import Account

    load_demo(db, app, households=2)
    db.commit()  # kept past the page's request (the test's own transaction is rolled back)
    page = client.get("/login").get_data(as_text=True)
    # the plugins' own, as before this hook, and the test plugin's, in discipline order
    practitioners = ["acupuncteur", "herboriste", "hookdemo", "infirmiere", "psychologue",
                     "travailleuse"]
    places = [re.search(rf"\b{name}\b", page) for name in practitioners]
    assert None not in places, practitioners
    assert [p.start() for p in places] == sorted(p.start() for p in places)
    hook = db.query(Account).filter_by(username="hookdemo").one()
    assert (hook.display_name, hook.practitioner.discipline, hook.practitioner.professional_order
            ) == ("Hook Demo, h.t.", "hooktest", "Ordre des crochets")


def test_hook_register_volunteer_programs_lets_the_plugin_publish_shifts_members_see(
        app, db, hooks_on):
    from datetime import timedelta

    from core.api import VolunteeringError, publish_shift, utcnow, volunteer_program_title
    from core.volunteering.service import open_shifts

    start = utcnow() + timedelta(days=3)
    shift = publish_shift(db, program="hooktest.helping", title="Aider", starts_at=start,
                          ends_at=start + timedelta(hours=2), needed=2)
    assert shift.needed == 2 and volunteer_program_title("hooktest.helping") == "Hook helping"
    assert shift in open_shifts(db)
    with pytest.raises(VolunteeringError) as refused:
        publish_shift(db, program="hooktest.undeclared", title="Aider", starts_at=start,
                      ends_at=start + timedelta(hours=2))
    assert refused.value.field == "program"
    # the service turned off: members no longer see its shifts; its title is still known
    set_active(db, plugin_host(app), "hooktest", False)
    assert shift not in open_shifts(db)
    assert volunteer_program_title("hooktest.helping") == "Hook helping"
