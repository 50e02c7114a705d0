"""The demo's register explains each member's category: a member who moved to another
category since admission has the register's lines saying so, dated between their admission
and today (a household admitted as a user member, now a support member, with no line saying
when, read as a mistake at the desk)."""

from sqlalchemy import select

from core.api import today
from core.demo import load_demo
from core.identity.models import Membership


def test_each_demo_members_history_leads_to_their_category(app, db):
    load_demo(db, app, households=6)
    db.commit()
    moved = 0
    for membership in db.scalars(select(Membership)):
        admitted, = [e for e in membership.events if e.kind == "admitted"]
        changes = [e for e in membership.events if e.kind == "category"]
        # from the category admitted with, each change from the one before, to today's
        path = [admitted.new_value] + [e.new_value for e in changes]
        assert [e.old_value for e in changes] == path[:-1], membership.number
        assert path[-1] == membership.category, (membership.number, path)
        for change in changes:
            assert membership.started_on <= change.effective_on <= today(), \
                (membership.number, membership.started_on, change.effective_on)
        moved += admitted.new_value != membership.category
    assert moved > 10  # the demo has members of each category who were not admitted in it
