"""What nursing adds to the home work list: the OCs to renew, for whoever keeps the register."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from core.coop_time import today as coop_today

from plugins.nursing.models import OcVersion


def test_an_oc_about_to_expire_is_on_the_coordinators_home(client, db, login, nursing, nurse):
    row = db.scalar(select(OcVersion).where(OcVersion.code == "OC-WARFARINE"))
    row.expires_on = coop_today() + timedelta(days=10)
    row.document = {**row.document, "expires_on": row.expires_on.isoformat()}
    db.commit()
    login(role="coordinator")
    home = client.get("/").get_data(as_text=True)
    assert "Ordonnances collectives à renouveler" in home and "OC-WARFARINE" in home
    assert "en vigueur jusqu’au" in home and "OC-CYSTITE" not in home
    login(nurse)                                     # a nurse does not keep the register
    assert "Ordonnances collectives à renouveler" not in client.get("/").get_data(as_text=True)
