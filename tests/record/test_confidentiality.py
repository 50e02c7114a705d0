"""Confidentiality levels, the person's consent, break the glass and plugins' access hook."""

from datetime import timedelta

from flask_babel import force_locale
from sqlalchemy import select

from core.api import entries_for, format_moment
from core.audit.models import AuditEvent
from core.db import utcnow
from core.record import consent
from core.record.models import Action, BreakGlass
from core.registry import plugin_host
from tests.record import recordtest_plugin


def sign_in(client, account):
    client.post("/login", data={"username": account.username,
                                "password": "correct horse battery staple"})


def refer_to_psychology(db, patient, title):
    """An open referral of ``patient`` to psychology, committed."""
    referral = Action(person_id=patient.id, kind="referral", title=title,
                      to_discipline="psychology")
    db.add(referral)
    db.commit()
    return referral


def test_sealed_entry_reads_for_author_and_named_colleague_only(client, db, write, make_account, patient):
    named = make_account(roles=["practitioner"], discipline="recordtest")
    other = make_account(roles=["practitioner"], discipline="recordtest")
    entry = write(form_id="recordtest.shared", payload={"text": "raw test data"},
                  confidentiality="sealed", shared_with=[named.id])
    assert [e.id for e in entries_for(db, patient.id, viewer=named)] == [entry.id]
    assert entries_for(db, patient.id, viewer=other) == []
    sign_in(client, other)
    assert client.get(f"/entries/{entry.id}").status_code == 403


def test_restricting_a_discipline_hides_team_entries_but_not_its_own(db, write, nurse, other_discipline,
                                                                      patient, make_account):
    team = write()
    write(form_id="recordtest.shared", payload={"text": "by psy"}, author=other_discipline)
    consent.add_consent_rule(db, person_id=patient.id, kind="restrict_discipline",
                             discipline="psychology", actor=nurse)
    db.commit()
    seen = [e.form_id for e in entries_for(db, patient.id, viewer=other_discipline)]
    assert seen == ["recordtest.shared"]
    assert team.id in [e.id for e in entries_for(db, patient.id, viewer=nurse)]


def test_refused_practitioner_cannot_open_the_chart_and_change_is_recorded(client, db, write, nurse,
                                                                           other_discipline, patient):
    write()
    rule = consent.add_consent_rule(db, person_id=patient.id, kind="refuse_practitioner",
                                    account_id=other_discipline.id, actor=nurse)
    db.commit()
    sign_in(client, other_discipline)
    refused = client.get(f"/people/{patient.id}/chart")
    assert refused.status_code == 403 and "BP 128" not in refused.get_data(as_text=True)
    assert "Briser le verre" in refused.get_data(as_text=True)
    consent.revoke_consent_rule(db, rule, actor=nurse)
    db.commit()
    assert client.get(f"/people/{patient.id}/chart").status_code == 200
    actions = db.execute(select(AuditEvent.action).where(AuditEvent.person_id == patient.id)
                         .order_by(AuditEvent.id)).scalars().all()
    assert {"consent.add", "consent.revoke"} <= set(actions)
    assert consent.consent_rules(db, patient.id, include_revoked=True)[0].revoked_at is not None


def test_a_refusal_also_closes_sealed_entries_shared_with_that_practitioner(client, db, write, nurse,
                                                                         make_account, patient):
    named = make_account(roles=["practitioner"], discipline="recordtest")
    sealed = write(form_id="recordtest.shared", payload={"text": "RAW TEST DATA"},
                   confidentiality="sealed", shared_with=[named.id])
    own = write(form_id="recordtest.shared", payload={"text": "HER OWN NOTE"}, author=named)
    consent.add_consent_rule(db, person_id=patient.id, kind="refuse_practitioner",
                             account_id=named.id, actor=nurse)
    db.commit()
    assert [e.id for e in entries_for(db, patient.id, viewer=named)] == [own.id]
    sign_in(client, named)
    refused = client.get(f"/entries/{sealed.id}")
    assert refused.status_code == 403 and "RAW TEST DATA" not in refused.get_data(as_text=True)
    assert "HER OWN NOTE" in client.get(f"/entries/{own.id}").get_data(as_text=True)


def test_a_refused_practitioner_no_longer_sees_the_persons_referrals(client, db, nurse,
                                                                    other_discipline, patient):
    referral = refer_to_psychology(db, patient, "Assess mood")
    sign_in(client, other_discipline)
    assert "Aline Gagnon" in client.get("/record/tasks").get_data(as_text=True)
    consent.add_consent_rule(db, person_id=patient.id, kind="refuse_practitioner",
                             account_id=other_discipline.id, actor=nurse)
    db.commit()
    page = client.get("/record/tasks").get_data(as_text=True)
    assert "Aline Gagnon" not in page and "Assess mood" not in page
    closing = client.post(f"/record/actions/{referral.id}/close", data={"status": "done"})
    assert closing.status_code == 403
    db.refresh(referral)
    assert referral.status == "open"


def test_break_the_glass(client, db, write, nurse, other_discipline, patient, make_account):
    write()
    sealed = write(form_id="recordtest.shared", payload={"text": "SEALED"}, confidentiality="sealed")
    discipline_note = write(form_id="recordtest.note", payload={"text": "NURSE ONLY"})
    consent.add_consent_rule(db, person_id=patient.id, kind="refuse_practitioner",
                             account_id=other_discipline.id, actor=nurse)
    db.commit()
    sign_in(client, other_discipline)
    no_reason = client.post(f"/people/{patient.id}/chart/break-glass", data={"reason": " "})
    assert no_reason.status_code == 422 and db.execute(select(BreakGlass)).first() is None
    assert client.post(f"/people/{patient.id}/chart/break-glass",
                       data={"reason": "found unconscious"}).status_code == 302
    chart = client.get(f"/people/{patient.id}/chart").get_data(as_text=True)
    assert "BP 128" in chart and "Accès d’urgence" in chart
    assert client.get(f"/entries/{discipline_note.id}").status_code == 200
    assert client.get(f"/entries/{sealed.id}").status_code == 403  # sealed stays sealed
    grant = db.execute(select(BreakGlass)).scalar_one()
    # until a day and time in words ("jusqu’à 2026-12-07 15 h 33" read in figures)
    with client.application.test_request_context(), force_locale("fr_CA"):
        until = format_moment(grant.expires_at, "long")
    assert f"Accès d’urgence jusqu’au {until}." in chart
    assert f"{grant.expires_at:%Y-%m-%d}" not in chart.split("Accès d’urgence")[1][:80]
    assert grant.expires_at - grant.started_at == timedelta(minutes=60)
    flagged = db.execute(select(AuditEvent).where(AuditEvent.actor_id == other_discipline.id,
                                                  AuditEvent.person_id == patient.id)).scalars().all()
    assert all(e.emergency and e.break_glass_id == grant.id for e in flagged if e.outcome == "success")
    assert [g.id for g in consent.pending_reviews(db)] == [grant.id]
    # minute 61: the window is closed
    db.execute(BreakGlass.__table__.update().values(started_at=utcnow() - timedelta(minutes=61),
                                                     expires_at=utcnow() - timedelta(minutes=1)))
    db.commit()
    assert client.get(f"/people/{patient.id}/chart").status_code == 403


def test_volunteers_and_members_can_never_break_the_glass(client, db, patient, make_account, make_person):
    volunteer = make_account(roles=["volunteer"])
    volunteer_nurse = make_account(roles=["volunteer", "practitioner"], discipline="recordtest")
    member = make_account(roles=["member"], person=make_person("Mia", "Member"))
    for account in (volunteer, volunteer_nurse, member):
        client.post("/logout", data={})
        sign_in(client, account)
        assert client.post(f"/people/{patient.id}/chart/break-glass",
                           data={"reason": "emergency now"}).status_code == 403
        assert client.get(f"/people/{patient.id}/chart").status_code == 403
    assert db.execute(select(BreakGlass)).first() is None


def test_privacy_officer_reviews_the_emergency_access(client, db, nurse, other_discipline, patient,
                                                      make_account):
    consent.add_consent_rule(db, person_id=patient.id, kind="refuse_practitioner",
                             account_id=other_discipline.id, actor=nurse)
    grant = consent.break_glass(db, account=other_discipline, person_id=patient.id,
                                reason="chest pain, refused earlier")
    db.commit()
    sign_in(client, make_account(roles=["admin"]))
    page = client.get("/record/reviews").get_data(as_text=True)
    assert "chest pain, refused earlier" in page
    client.post(f"/record/reviews/{grant.id}", data={"note": "justified"})
    assert consent.pending_reviews(db) == []


def test_plugin_hook_can_narrow_but_not_widen(client, db, write, nurse, other_discipline, patient):
    team = write()
    discipline_note = write(form_id="recordtest.note", payload={"text": "x"})
    recordtest_plugin.ACCESS_HOOK["fn"] = lambda entry, viewer, action: (
        False if entry.id == team.id and viewer.id == other_discipline.id else True)
    assert entries_for(db, patient.id, viewer=other_discipline) == []  # True never widens
    sign_in(client, other_discipline)
    assert client.get(f"/entries/{team.id}").status_code == 403
    assert client.get(f"/entries/{discipline_note.id}").status_code == 403


def test_a_plugin_that_raises_in_the_hook_denies(db, write, nurse, patient, app):
    write()

    def broken(entry, viewer, action):
        raise RuntimeError("boom")
    recordtest_plugin.ACCESS_HOOK["fn"] = broken
    assert entries_for(db, patient.id, viewer=nurse) == []
    assert "recordtest" in plugin_host(app).faults
    plugin_host(app).faults.pop("recordtest")


def test_denied_access_is_audited(client, db, write, other_discipline, patient):
    note = write(form_id="recordtest.note", payload={"text": "x"})
    sign_in(client, other_discipline)
    assert client.get(f"/entries/{note.id}").status_code == 403
    event = db.execute(select(AuditEvent).where(AuditEvent.outcome == "denied")).scalar_one()
    assert (event.action, event.entry_id, event.actor_id) == ("entry.read", note.id, other_discipline.id)


def test_reading_the_task_list_is_audited_for_each_person_shown(client, db, other_discipline,
                                                                patient):
    referral = refer_to_psychology(db, patient, "Assess mood: INR 6.1")
    sign_in(client, other_discipline)
    assert "Assess mood" in client.get("/record/tasks").get_data(as_text=True)
    [event] = db.query(AuditEvent).filter_by(action="tasks.read").all()
    assert (event.person_id, event.actor_id) == (patient.id, other_discipline.id)
    assert event.detail == {"actions": [referral.id]}


def _timeline_ids(client, patient) -> set[int]:
    """The entries the chart's timeline links to, as the viewer signed in sees it."""
    import re

    page = client.get(f"/people/{patient.id}/chart")
    assert page.status_code == 200
    return {int(i) for i in re.findall(r'href="/entries/(\d+)"', page.get_data(as_text=True))}


def test_the_charts_timeline_shows_what_the_policy_lets_each_viewer_read(
        client, db, write, nurse, other_discipline, make_account, patient):
    # the chart reads its timeline as rows (core.record.timeline), not as entries: for each
    # kind of viewer it links to exactly what the policy lets them read, nothing else
    named = make_account(roles=["practitioner"], discipline="recordtest")
    other = make_account(roles=["practitioner"], discipline="recordtest")

    def note(text, **kw):
        return write(form_id="recordtest.shared", payload={"text": text}, **kw).id
    team = note("TEAM NOTE")
    shared = note("SEALED, SHARED", confidentiality="sealed", shared_with=[named.id])
    alone = note("SEALED, ALONE", confidentiality="sealed")
    discipline = note("DISCIPLINE ONLY", confidentiality="discipline")
    by_psy = note("BY PSY", author=other_discipline)
    withheld = note("WITHHELD BY A PLUGIN")
    recordtest_plugin.ACCESS_HOOK["fn"] = lambda entry, viewer, action: (
        entry.payload.get("text") != "WITHHELD BY A PLUGIN" or viewer.id == nurse.id)
    expected = {
        nurse: {team, shared, alone, discipline, by_psy, withheld},
        named: {team, shared, discipline, by_psy},
        other: {team, discipline, by_psy},
        other_discipline: {team, by_psy},
    }
    for viewer, ids in expected.items():
        assert {e.id for e in entries_for(db, patient.id, viewer=viewer)} == ids
        sign_in(client, viewer)
        assert _timeline_ids(client, patient) == ids, viewer.username
    # a restricted discipline sees its own writing only; a refused colleague no shared entry
    consent.add_consent_rule(db, person_id=patient.id, kind="restrict_discipline",
                             discipline="psychology", actor=nurse)
    db.commit()
    sign_in(client, other_discipline)
    assert _timeline_ids(client, patient) == {by_psy}
    consent.add_consent_rule(db, person_id=patient.id, kind="refuse_practitioner",
                             account_id=named.id, actor=nurse)
    db.commit()
    sign_in(client, named)
    assert client.get(f"/people/{patient.id}/chart").status_code == 403


def test_a_timeline_row_reads_as_its_entry(db, write, nurse, make_account, patient):
    # what the policy, the renderers and plugins read of a row is what the entry holds
    from core.record.models import Entry
    from core.record.timeline import COLUMNS, current_rows

    named = make_account(roles=["practitioner"], discipline="recordtest")
    write()
    write(form_id="recordtest.shared", payload={"text": "x"}, confidentiality="sealed",
          shared_with=[named.id, nurse.id])
    rows = current_rows(db, patient.id)
    db.expunge_all()
    assert len(rows) == 2
    for row in rows:
        entry = db.get(Entry, row.id)
        assert {c: getattr(row, c) for c in COLUMNS} == {c: getattr(entry, c) for c in COLUMNS}
        assert sorted(s.account_id for s in row.shares) == sorted(s.account_id
                                                                    for s in entry.shares)
        assert (row.author_name, row.lineage_id) == ("Nadia Nurse", entry.lineage_id)
        assert row.person.id == patient.id  # anything else an entry has: the entry's
