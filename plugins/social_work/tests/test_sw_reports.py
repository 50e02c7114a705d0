"""The figures: loop closure, needs over time, freshness; small cells hidden, only people who
allowed statistics counted."""

from datetime import date, datetime, timedelta, timezone

from core.api import today as coop_today

from plugins.social_work import reports
from plugins.social_work.models import Referral, ReferralEvent, ScreenFact


def _referral(status, days, events=("proposed",)):
    start = datetime(2026, 3, 1, tzinfo=timezone.utc)
    r = Referral(person_id=1, need="food", status=status, created_at=start,
                 closed_at=start + timedelta(days=days) if days is not None else None)
    r.events = [ReferralEvent(status=s) for s in events]
    return r


def test_loop_figures_count_closure_with_the_service_received():
    screens = [ScreenFact(lineage_id=i, entry_id=i, person_id=i, screened_on=date(2026, 3, 1),
                          positives=["housing"] if i < 8 else []) for i in range(10)]
    received = ("proposed", "sent", "accepted", "service_received", "closed")
    referrals = [_referral("closed", d, received) for d in (3, 5, 9, 12, 20)] + \
        [_referral("declined", 2), _referral("sent", None)]
    for i, r in enumerate(referrals[:6]):
        r.source_entry_id = i
    figures = reports.loop_figures(screens, referrals)
    assert figures == {"positive": 8, "with_referral": 6, "referrals": 7, "ended": 6,
                       "received": 5, "days": [3, 5, 9, 12, 20]}
    rows = dict(reports.loop_table(figures).rows)
    assert [rows[k] for k in list(rows)] == [8, "75 %", 7, 6, "83 %", 9]


def test_small_cells_are_hidden():
    figures = {"positive": 3, "with_referral": 2, "referrals": 2, "ended": 1, "received": 1,
               "days": [4]}
    assert [v for _k, v in reports.loop_table(figures).rows] == ["< 5"] * 6
    assert reports.hide_column([7, 2, 9]) == ["< 5", "< 5", 9]   # 2 alone would follow


def test_needs_table_counts_each_person_once_per_quarter_and_need():
    facts = [ScreenFact(person_id=p, screened_on=date(2026, 2, d), positives=["housing"])
             for p in range(6) for d in (1, 20)]
    table = reports.needs_table(facts)
    assert table.rows == [("2026 T1", reports.NEEDS["housing"], 6)]


def test_reports_count_only_people_who_allow_statistics(db, person, nurse, hrsn):
    from core.api import PrivacySettings, record_entry
    for _ in range(5):
        record_entry(db, person=person, form_id="social_work.hrsn", author=nurse,
                     payload=hrsn(transport="yes"))
    settings = db.get(PrivacySettings, person.id) or PrivacySettings(person_id=person.id)
    db.add(settings)
    params = {"start": coop_today() - timedelta(days=1), "end": coop_today()}
    for allowed, positives in ((True, 5), (False, 0)):
        settings.allow_statistics = allowed
        db.flush()
        assert reports.run_loop(db, params).rows[0][1] == positives
