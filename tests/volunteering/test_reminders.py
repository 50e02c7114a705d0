"""A volunteer is reminded the day before by e-mail, once; a cancelled shift is not reminded."""

from __future__ import annotations

from datetime import timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select

from core.db import utcnow
from core.scheduling.extra_models import OutboxMessage
from core.volunteering import reminders, service


def test_the_day_before_one_reminder_says_when_and_where_and_a_cancellation_withdraws_it(
        db, make_person, shift_of):
    shift = shift_of(title="Distribution des paniers", place="Local du marché", days=1, hour=9)
    shift.starts_at = utcnow() + timedelta(hours=20)
    shift.ends_at = shift.starts_at + timedelta(hours=3)
    volunteer = make_person("Rappel", "Bénévole", email="rappel@example.org")
    quiet = make_person("Sans", "Rappel", email="sans@example.org")
    signup = service.sign_up(db, shift, volunteer)
    shift.needed = 2
    service.sign_up(db, shift, quiet)
    service.save_profile(db, quiet, {"reminders": False})
    db.commit()
    assert reminders.queue_due(db) == 1
    assert reminders.queue_due(db) == 0  # once, whatever the retries
    message = db.scalar(select(OutboxMessage))
    assert message.recipient == "rappel@example.org"
    assert "Distribution des paniers" in message.body and "Local du marché" in message.body
    local = shift.starts_at.astimezone(ZoneInfo("America/Montreal"))  # as pages write a time
    assert f"à {local.hour:02d}\u00a0h\u00a0{local.minute:02d} — Local" in message.body
    service.cancel_signup(db, signup)
    assert db.scalar(select(OutboxMessage)) is None
