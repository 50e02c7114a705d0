"""``soin demo``'s nursing week reads like a nurse's: its wound is dressed again days later."""

from __future__ import annotations

import random
from datetime import timedelta

from sqlalchemy import select

from core.api import Entry, local_day

from plugins.nursing.demo import add_demo
from plugins.nursing.forms import WOUND


def test_the_demo_wounds_next_dressing_change_follows_its_interval(app, db, nurse, patient):
    # the next change fell on the very day of the assessment, "every 3 days" beside it
    with app.test_request_context():
        add_demo(db, random.Random(5), [patient])
        db.commit()
    wound = db.scalar(select(Entry).where(Entry.form_id == WOUND))
    assessed = local_day(wound.occurred_at)
    days = int(wound.payload["change_every"].split()[0])
    assert days >= 2
    assert wound.payload["next_change_on"] == (assessed + timedelta(days=days)).isoformat()
