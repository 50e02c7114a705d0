"""The member's portal: plain language, who read my chart, consent and privacy choices."""

from sqlalchemy import select

from core.audit.models import AuditEvent
from core.record.consent import PRIVACY_FIELDS
from core.record.models import ConsentRule, PrivacySettings


def member_client(client, make_account, patient):
    owner = make_account(roles=["member"], person=patient)
    client.post("/login", data={"username": owner.username, "password": "correct horse battery staple"})
    return owner


def test_member_reads_plain_language_of_visible_entries_only(client, db, write, nurse, patient,
                                                              make_account):
    entry = write()
    write(form_id="recordtest.note", payload={"text": "NOT FOR THE MEMBER"})
    write(form_id="recordtest.shared", payload={"text": "SHARED WITH MEMBER"})
    write(form_id="recordtest.shared", payload={"text": "SEALED"}, confidentiality="sealed")
    member_client(client, make_account, patient)
    assert client.get("/").headers["Location"].endswith("/portal/")
    page = client.get("/portal/record").get_data(as_text=True)
    assert "Your blood pressure was 128." in page and "SHARED WITH MEMBER" in page
    assert "NOT FOR THE MEMBER" not in page and "SEALED" not in page
    from core.api import amend_entry

    amend_entry(db, entry, payload={"systolic": 135}, author=nurse)
    db.commit()
    page = client.get("/portal/record").get_data(as_text=True)
    assert "Your blood pressure was 135." in page and "was 128" not in page


def test_member_reads_when_each_note_was_written_as_a_plain_date(client, db, write, patient,
                                                                make_account):
    """The portal showed each note's date as the staff's compact "2026-12-06 21 h 13"; a member
    reads "6 décembre 2026, 21 h 13" ("December 6, 2026, 9:13 PM"), never broken mid-date."""
    from babel.dates import format_date

    from core.coop_time import to_local

    entry = write(form_id="recordtest.shared", payload={"text": "SHARED WITH MEMBER"})
    day = to_local(entry.occurred_at).date()
    member_client(client, make_account, patient)
    for lang, locale in (("fr-CA", "fr_CA"), ("en", "en")):
        page = client.get("/portal/record", headers={"Accept-Language": lang}).get_data(
            as_text=True)
        article = page.split('class="entry"')[1].split("</article>")[0]
        assert f'<span class="nowrap">{format_date(day, "long", locale=locale)}, ' in article
        assert day.isoformat() not in article


def test_member_home_lists_their_coming_appointments(client, db, patient, make_account):
    from datetime import timedelta

    from core.db import utcnow
    from core.scheduling.models import Appointment

    now = utcnow().replace(microsecond=0)
    for days, status in ((-30, "done"), (3, "booked"), (5, "cancelled")):
        start = now + timedelta(days=days)
        db.add(Appointment(type_code="sample.visit", person_id=patient.id, starts_at=start,
                           ends_at=start + timedelta(minutes=30), status=status))
    db.commit()
    member_client(client, make_account, patient)
    page = client.get("/portal/").get_data(as_text=True)
    section = page.split('id="appointments-title"')[1].split("</section>")[0]
    assert "Mes prochains rendez-vous" in page and section.count("<li>") == 1
    # written as the member's appointments page writes it ("vendredi 11 décembre 2026 · 10 h
    # 00"), not as a clinic's table does ("2026-12-11 10 h 00")
    from babel.dates import format_date

    from core.coop_time import to_local

    coming = to_local(now + timedelta(days=3))
    assert format_date(coming.date(), "full", locale="fr_CA") in section
    assert coming.date().isoformat() not in section


def test_member_sees_who_accessed_their_chart(client, db, write, nurse, patient, make_account):
    write()
    nurse_client = client.application.test_client()
    nurse_client.post("/login", data={"username": nurse.username,
                                      "password": "correct horse battery staple"})
    nurse_client.get(f"/people/{patient.id}/chart")
    member_client(client, make_account, patient)
    client.get("/portal/record")
    page = client.get("/portal/access").get_data(as_text=True)
    assert "Nadia Nurse" in page and "A ouvert le dossier" in page and "A rédigé une note" in page
    assert "A lu son propre dossier" not in page  # my own reading is not listed
    # the discipline in words, not its code
    assert '<td data-label="Rôle\u202f:">Record test</td>' in page
    officer = make_account(roles=["admin", "coordinator"], display_name="Olga Officer")
    officer_client = client.application.test_client()
    officer_client.post("/login", data={"username": officer.username,
                                        "password": "correct horse battery staple"})
    officer_client.get(f"/people/{patient.id}/chart/access-log")
    page = client.get("/portal/access").get_data(as_text=True)
    assert "Olga Officer" in page and "Administration, Coordination" in page  # roles in words


def test_member_reads_who_consulted_their_record_as_cards_with_plain_dates(
        client, db, nurse, patient, make_account):
    """The member's list of accesses showed the staff's "2026-12-06 21 h 15" in a five-column
    table that a phone cut after the role; now each access is a card on a phone, its cells
    labelled, and its day written out ("6 décembre 2026, 21 h 15")."""
    from babel.dates import format_date

    from core.audit.service import audit
    from core.coop_time import to_local

    event = audit(db, "chart.open", person_id=patient.id, actor=nurse)
    db.commit()
    member_client(client, make_account, patient)
    page = client.get("/portal/access").get_data(as_text=True)
    table = page.split("<table")[1].split("</table>")[0]
    assert table.startswith(' class="cards-on-phone"')
    day = to_local(event.occurred_at).date()
    assert (f'<td data-label="Quand\u202f:"><span class="nowrap">'
            f'{format_date(day, "long", locale="fr_CA")}, ') in table
    assert day.isoformat() not in table
    assert table.count("data-label=") == 5 * table.count("<tr>", table.index("<tbody>"))


def test_member_reads_that_staff_imported_this_record_not_their_own(
        client, db, nurse, patient, make_account):
    """An import by the coordinator read "A importé son dossier d'une autre coop" (whose? the
    coordinator's own, it said) and the look-up before it "A lu son identité"."""
    from core.audit.service import audit

    audit(db, "record.import", person_id=patient.id, actor=nurse)
    audit(db, "record.import.candidate", person_id=patient.id, actor=nurse)
    db.commit()
    member_client(client, make_account, patient)
    page = client.get("/portal/access").get_data(as_text=True)
    assert "A importé ce dossier d’une autre coop" in page
    assert "A lu l’identité de cette personne pour décider à qui appartient un dossier importé" in page
    assert "son dossier" not in page and "son identité" not in page
    english = client.get("/portal/access", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert "Imported this record from another coop" in english

def test_consent_choices_are_editable_and_recorded(client, db, patient, make_account, other_discipline):
    owner = member_client(client, make_account, patient)
    assert client.post("/portal/consent", data={"kind": "restrict_discipline",
                                                "discipline": ""}).status_code == 422
    assert db.execute(select(ConsentRule)).first() is None
    client.post("/portal/consent", data={"kind": "restrict_discipline", "discipline": "psychology"})
    client.post("/portal/consent", data={"kind": "refuse_practitioner",
                                         "account_id": str(other_discipline.id)})
    rules = db.execute(select(ConsentRule).order_by(ConsentRule.id)).scalars().all()
    assert [(r.kind, r.created_by_id) for r in rules] == [("restrict_discipline", owner.id),
                                                          ("refuse_practitioner", owner.id)]
    client.post("/portal/consent", data={"revoke": str(rules[0].id)})
    page = client.get("/portal/consent").get_data(as_text=True)
    assert "Choix passés" in page and "Paul Psy" in page
    # disciplines in the member's language, not as codes
    assert "cachées à\u202f: Psychologie" in page
    assert '<option value="psychology">Psychologie</option>' in page
    # when each choice was made, as the member writes a day (was "depuis 2026-12-06 21 h 13")
    from babel.dates import format_date

    from core.coop_time import to_local

    day = format_date(to_local(rules[1].created_at).date(), "long", locale="fr_CA")
    assert f"(depuis le {day}, " in page and f"(du {day}, " in page
    assert to_local(rules[1].created_at).date().isoformat() not in page
    events = db.execute(select(AuditEvent.action).where(AuditEvent.person_id == patient.id)).scalars().all()
    assert events.count("consent.add") == 2 and events.count("consent.revoke") == 1


def test_member_cannot_withdraw_someone_elses_rule(client, db, patient, make_person, make_account, nurse):
    from core.record.consent import add_consent_rule

    stranger = make_person("Sam", "Stranger")
    rule = add_consent_rule(db, person_id=stranger.id, kind="restrict_discipline",
                            discipline="recordtest", actor=nurse)
    db.commit()
    member_client(client, make_account, patient)
    refused = client.post("/portal/consent", data={"revoke": str(rule.id)})
    assert refused.status_code == 422
    assert 'id="e-revoke">Choisissez une des options.' in refused.get_data(as_text=True)
    db.refresh(rule)
    assert rule.revoked_at is None


def test_privacy_settings_start_at_the_most_private_value(client, db, patient, make_account):
    member_client(client, make_account, patient)
    page = client.get("/portal/privacy").get_data(as_text=True)
    assert page.count("checked") == 0 and page.count('type="checkbox"') == len(PRIVACY_FIELDS)
    assert db.get(PrivacySettings, patient.id) is None
    client.post("/portal/privacy", data={"allow_statistics": "1"})
    settings = db.get(PrivacySettings, patient.id)
    assert settings.allow_statistics and not settings.notify_on_access
    event = db.execute(select(AuditEvent).where(AuditEvent.action == "privacy.change")).scalar_one()
    assert event.detail == {"allow_statistics": True}
    defaults = PrivacySettings.__table__.columns
    assert all(defaults[name].default.arg is False for name in PRIVACY_FIELDS)


def test_privacy_officer_records_consent_for_a_person(client, db, patient, make_account, nurse):
    officer = make_account(roles=["admin"])
    client.post("/login", data={"username": officer.username, "password": "correct horse battery staple"})
    assert "Choix de consentement" in client.get(f"/people/{patient.id}").get_data(as_text=True)
    client.post(f"/people/{patient.id}/consent", data={"kind": "refuse_practitioner",
                                                       "account_id": str(nurse.id)})
    rule = db.execute(select(ConsentRule)).scalar_one()
    assert (rule.person_id, rule.account_id, rule.created_by_id) == (patient.id, nurse.id, officer.id)
