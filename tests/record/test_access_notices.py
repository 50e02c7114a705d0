"""Access notices: off by default; once asked for, one e-mail per batch of accesses by others."""

from email.header import decode_header, make_header

from sqlalchemy import select

from core.jobs import run_job_now
from core.record.models import PrivacySettings
from core.record.notices import ACCESS_NOTICE_JOB, queue_access_notices
from core.scheduling.extra_models import OutboxMessage


def sign_in(client, account):
    client.post("/login", data={"username": account.username,
                                "password": "correct horse battery staple"})


def test_the_member_is_told_once_that_someone_read_their_record(app, client, db, write, nurse,
                                                               make_account, make_person, smtp):
    person = make_person("Lea", "Roy", email="lea@example.org")
    member = make_account(roles=["member"], person=person)
    nurse_client = app.test_client()
    sign_in(nurse_client, nurse)
    nurse_client.get(f"/people/{person.id}/chart")  # before she asked: never mailed
    sign_in(client, member)
    client.post("/portal/privacy", data={"notify_on_access": "1"})
    client.get("/portal/record")  # her own reading: not a reason to write to her
    assert queue_access_notices(db) == 0
    nurse_client.get(f"/people/{person.id}/chart")
    nurse_client.get(f"/people/{person.id}/chart?form=recordtest.vitals")
    db.commit()
    assert run_job_now(app, ACCESS_NOTICE_JOB) is True
    assert run_job_now(app, ACCESS_NOTICE_JOB) is True  # a second run sends nothing new
    assert len(smtp.messages) == 1
    mail = smtp.messages[0]
    assert mail["To"] == "lea@example.org"
    assert str(make_header(decode_header(mail["Subject"]))).startswith("Votre dossier")
    body = mail.get_payload(decode=True).decode()
    assert "Bonjour Lea" in body and "accès\u202f: 2" in body
    assert "Nadia" not in body and "Aline" not in body  # never who or what
    nurse_client.get(f"/people/{person.id}/chart")
    db.commit()
    run_job_now(app, ACCESS_NOTICE_JOB)
    assert len(smtp.messages) == 2


def test_no_notice_unless_asked_and_none_without_an_email(client, db, write, nurse, patient,
                                                         make_account):
    write()  # the nurse wrote in Aline's chart; Aline never asked for notices
    assert queue_access_notices(db) == 0
    member = make_account(roles=["member"], person=patient)  # Aline has no e-mail address
    sign_in(client, member)
    refused = client.post("/portal/privacy", data={"notify_on_access": "1", "allow_statistics": "1"})
    html = refused.get_data(as_text=True)
    assert refused.status_code == 422 and "adresse courriel" in html
    assert db.get(PrivacySettings, patient.id) is None  # nothing saved, not even statistics
    assert db.execute(select(OutboxMessage)).first() is None
