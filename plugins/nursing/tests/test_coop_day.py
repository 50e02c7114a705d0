"""An OC is in force by the coop's calendar, not UTC's: in Montreal at 20:00 it is still today,
though UTC has moved to tomorrow. Checked in a zone a whole day away from UTC right now."""

from __future__ import annotations

from datetime import datetime, timezone

from sqlalchemy import select

from core.coop_time import today as coop_today

from plugins.nursing.models import OcVersion


def test_an_oc_is_in_force_until_the_end_of_the_coops_day(app, client, db, login, nurse, patient,
                                                          monkeypatch):
    utc_day = datetime.now(timezone.utc).date()
    # a zone where the date differs from UTC's at this hour (behind before noon UTC, else ahead)
    zone = "Etc/GMT+12" if datetime.now(timezone.utc).hour < 12 else "Etc/GMT-14"
    monkeypatch.setitem(app.config, "SOIN_TIMEZONE", zone)
    with app.app_context():
        local_day = coop_today()
    assert local_day != utc_day
    # the OC expires (is no longer in force) on the later of the two days: in force by one
    # calendar, expired by the other
    expires_on = max(local_day, utc_day)
    row = db.scalar(select(OcVersion).where(OcVersion.code == "OC-CYSTITE"))
    row.expires_on = expires_on
    row.document = {**row.document, "expires_on": expires_on.isoformat()}
    db.commit()
    login(nurse)
    page = client.get(f"/p/nursing/people/{patient.id}/oc/OC-CYSTITE")
    in_force = local_day < expires_on
    assert page.status_code == (200 if in_force else 409)  # 409: "this OC has expired"
