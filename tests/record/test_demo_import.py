"""``soin demo``: the member came from another coop; the privacy officer imported her record
there (it looked like her, and the officer decided it was), so her portal shows what that
coop let her read, and the chart proposes its allergy to confirm."""

from sqlalchemy import select

from core.record.transfer_models import ImportProposal, RecordImport

PASSWORD = "demo-soin-commun"


def test_the_demo_member_reads_her_record_from_the_other_coop(app, db):
    from core.demo import load_demo

    assert load_demo(db, app, households=6)
    db.commit()
    batch = db.scalars(select(RecordImport)).one()
    assert (batch.state, batch.how) == ("done", "chosen")
    assert db.scalars(select(ImportProposal.label)).all() == ["Pénicilline"]
    web = app.test_client()
    web.post("/login", data={"username": "membre", "password": PASSWORD})
    page = web.get("/portal/record").get_data(as_text=True)
    assert page.count('class="entry imported"') == 2  # vital signs, flu shot; not the note
    assert "Coop santé du Nord (démo)" in page and "revoir dans 6 mois" not in page
