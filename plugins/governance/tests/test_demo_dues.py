"""The demo's dues are true to each member's start date: a member for years has paid dues
each year, so their latest renew the period before them; only a member admitted within the
year before their latest dues is on their first."""

from datetime import timedelta

from dateutil.relativedelta import relativedelta
from sqlalchemy import select

from core.demo import DEMO_PASSWORD, load_demo
from core.identity.models import Account, Membership


def test_the_demo_members_dues_follow_their_start_date(app, db):
    load_demo(db, app, households=6)
    db.commit()
    checked = 0
    for membership in db.scalars(select(Membership)):
        dues = [e for e in membership.events if e.kind == "renewed"]
        if not dues:
            continue
        first, *renewals = dues
        # the first dues within the year of admission, never years later
        assert first.first_dues, membership.number
        assert first.effective_on < membership.started_on + relativedelta(years=1), \
            (membership.number, membership.started_on, first.effective_on)
        # each later payment renews the period before it
        assert [e.old_value for e in renewals] == [e.new_value for e in dues[:-1]]
        assert not any(e.first_dues for e in renewals)
        # the latest runs a year from the day it was paid: who is late stays who it was
        latest = dues[-1]
        assert latest.new_value == membership.dues_paid_until.isoformat() == (
            latest.effective_on - timedelta(days=1) + relativedelta(years=1)).isoformat()
        checked += 1
    assert checked > 300


def test_the_demo_member_since_years_reads_a_renewal(app, db):
    """``membre`` is a member since 2021: their page says their latest dues renewed their
    membership, not that they were their first."""
    load_demo(db, app, households=6)
    db.commit()
    membership = db.scalar(select(Account).where(Account.username == "membre")) \
        .person.household.membership
    latest = [e for e in membership.events if e.kind == "renewed"][-1]
    assert latest.effective_on >= membership.started_on + relativedelta(years=1)
    client = app.test_client()
    assert client.post("/login", data={"username": "membre",
                                       "password": DEMO_PASSWORD}).status_code == 302
    page = client.get("/portal/membership").get_data(as_text=True)
    assert 'id="renewed"' in page
    assert "Votre renouvellement du" in page and "Votre première cotisation" not in page
