"""Anchors: whoever can write the database can rewrite the audit history and recompute every
hash with our own function; the anchors (kept apart, mailed, signed with SOIN_AUDIT_KEY) and a
head kept as ID:HASH still show it, and say which anchor broke."""

from email.header import decode_header, make_header

import pytest
from sqlalchemy import select

from core.api import audit
from core.audit.anchors import ANCHOR_JOB, take_anchor
from core.audit.cli import anchor_command
from core.audit.models import AuditEvent
from core.audit.service import event_hash, verify
from core.jobs import run_job_now
from tests.audit.test_audit_chain import run_verify, tamper


@pytest.fixture
def trail(db, make_account, make_person):
    account = make_account(roles=["practitioner"], discipline="nursing")
    person = make_person()
    events = [audit(db, "chart.read", person_id=person.id, actor=account, purpose=f"visit {n}")
              for n in range(4)]
    db.commit()
    return events


@pytest.fixture
def audit_key(app):
    app.config["SOIN_AUDIT_KEY"] = "held-outside-the-database"
    yield app.config["SOIN_AUDIT_KEY"]
    app.config["SOIN_AUDIT_KEY"] = None


def rewrite(db, event_id, **changes):
    """What an attacker with the database file does: change an event, then recompute its hash
    and every later link and hash with the project's own function."""
    sets = ", ".join(f"{k} = :{k}" for k in changes)
    tamper(db, f"UPDATE audit_events SET {sets} WHERE id = :id", id=event_id, **changes)
    db.expire_all()
    previous = db.scalar(select(AuditEvent.hash).where(AuditEvent.id < event_id)
                         .order_by(AuditEvent.id.desc()).limit(1)) or ""
    for row in db.scalars(select(AuditEvent).where(AuditEvent.id >= event_id).order_by(AuditEvent.id)):
        row_hash = event_hash(_with_prev(row, previous))
        tamper(db, "UPDATE audit_events SET prev_hash = :p, hash = :h WHERE id = :id",
               p=previous, h=row_hash, id=row.id)
        previous = row_hash
    db.expire_all()


def _with_prev(row, previous):
    row.__dict__["prev_hash"] = previous  # compute as if linked, without an ORM update
    return row


def test_a_rewritten_history_passes_the_chain_but_not_the_anchor(app, db, trail):
    anchor = take_anchor(db)
    db.commit()
    assert verify(db)[2] == []
    rewrite(db, trail[1].id, purpose="nothing to see")
    count, _head, problems = verify(db)
    assert [p.message for p in problems if "anchor" not in p.message] == []  # chain "valid"
    [broken] = problems
    assert f"anchor {anchor.id}" in broken.message and "rewritten" in broken.message
    result = run_verify(app)
    assert result.exit_code == 1 and f"anchor {anchor.id}" in result.output


def test_a_kept_head_says_history_rewritten_not_rows_deleted(app, db, trail):
    kept = run_verify(app).output.split("head ")[1].split()[0]
    assert kept == f"{trail[-1].id}:{trail[-1].hash}"
    rewrite(db, trail[1].id, purpose="nothing to see")
    result = run_verify(app, "--head", kept)
    assert result.exit_code == 1 and "history rewritten" in result.output
    assert "end of the chain" not in result.output


def test_a_forged_anchor_is_caught_by_its_signature(app, db, trail, audit_key):
    anchor = take_anchor(db)
    db.commit()
    assert len(anchor.signature) == 64 and verify(db, audit_key=audit_key)[2] == []
    # rewrite the history AND the anchor to fit it: without the key, the signature is wrong
    rewrite(db, trail[0].id, outcome="denied")
    new_head = db.get(AuditEvent, trail[-1].id).hash
    tamper(db, "UPDATE audit_anchors SET head_hash = :h WHERE id = :id", h=new_head, id=anchor.id)
    db.expire_all()
    messages = [p.message for p in verify(db, audit_key=audit_key)[2]]
    assert messages == [m for m in messages if f"anchor {anchor.id}" in m]
    assert any("signature does not match" in m for m in messages)
    result = run_verify(app)
    assert result.exit_code == 1 and "signature does not match" in result.output


def test_each_anchor_is_checked_and_the_broken_one_named(app, db, trail, make_person):
    first = take_anchor(db)
    audit(db, "chart.read", person_id=trail[0].person_id, actor=None)
    db.commit()
    second = take_anchor(db)
    db.commit()
    later = db.scalar(select(AuditEvent.id).order_by(AuditEvent.id.desc()).limit(1))
    rewrite(db, later, purpose="changed after the first anchor")
    messages = [p.message for p in verify(db)[2]]
    assert len(messages) == 1 and f"anchor {second.id}" in messages[0]
    assert f"anchor {first.id}" not in messages[0]


def test_the_daily_job_mails_the_head_to_the_privacy_officer(app, db, trail, smtp, audit_key):
    app.config["SOIN_PRIVACY_OFFICER_EMAIL"] = "vie.privee@coop.example"
    try:
        assert run_job_now(app, ANCHOR_JOB) is True
    finally:
        app.config["SOIN_PRIVACY_OFFICER_EMAIL"] = None
    [mail] = smtp.messages
    assert mail["To"] == "vie.privee@coop.example"
    assert "Ancre" in str(make_header(decode_header(mail["Subject"])))
    body = mail.get_payload(decode=True).decode()
    head = db.scalar(select(AuditEvent).order_by(AuditEvent.id.desc()).limit(1))
    assert f"{head.id}:{head.hash}" in body and "soin audit verify --head" in body
    result = app.test_cli_runner().invoke(anchor_command, [])
    assert result.exit_code == 0 and "not mailed" in result.output


def test_the_anchors_mail_counts_one_event_in_the_singular(app):
    """A new coop's first anchor read "1 événements"; it reads "1 événement", "1 event". Its
    moment is written in words, in UTC as `soin audit verify` prints it (was "2026-12-07
    02:30")."""
    from datetime import datetime
    from types import SimpleNamespace

    from core.audit.anchors import _message

    anchor = SimpleNamespace(id=1, event_count=1, taken_at=datetime(2026, 12, 7, 2, 30),
                             head_id=1, head_hash="ab12", signature="cd34")
    for locale, subject_end, said in (
            ("fr_CA", "\u202f: 1 événement",
             "comptait 1 événement le 7 décembre 2026, 02\u00a0h\u00a030 (UTC)"),
            ("en", ": 1 event", "held 1 event on December 7, 2026, 2:30\u202fAM (UTC)")):
        with app.app_context():
            subject, body = _message(anchor, {"SOIN_DEFAULT_LOCALE": locale,
                                              "SOIN_COOP_NAME": "Coop"})
        assert subject.endswith(subject_end) and said in body, (subject, body)
