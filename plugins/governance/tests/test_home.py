"""A group member's home page lists the proposals still waiting for their position."""

from datetime import timedelta

from core.api import utcnow

from plugins.governance import decisions

TITLE = "Propositions qui attendent votre position"


def test_a_member_sees_the_proposals_waiting_for_their_position(client, login, db, gov_on,
                                                                 make_account):
    alice = make_account(roles=["coordinator"], display_name="Alice Roy")
    bruno = make_account(roles=["volunteer"], display_name="Bruno Caron")
    board = decisions.create_group(db, "Conseil d’administration", "", [alice.id, bruno.id])
    other = decisions.create_group(db, "Comité du jardin", "", [alice.id])
    later = decisions.propose(db, board, {"title": "Ouvrir le samedi", "details": "",
                                          "closes_at": utcnow() + timedelta(days=6)}, alice)
    sooner = decisions.propose(db, board, {"title": "Acheter un défibrillateur", "details": "",
                                           "closes_at": utcnow() + timedelta(days=1)}, alice)
    decisions.propose(db, other, {"title": "Semis d’automne", "details": "",
                                  "closes_at": utcnow() + timedelta(days=2)}, alice)
    db.commit()
    login(bruno)
    home = client.get("/").get_data(as_text=True)
    assert f"{TITLE} (2)" in home
    assert home.index("Acheter un défibrillateur") < home.index("Ouvrir le samedi")
    assert f'href="/p/governance/groups/proposals/{sooner.id}"' in home
    assert "Conseil d’administration · se termine le" in home
    assert "Semis d’automne" not in home  # not his group
    # a position taken takes it off; the last one closed leaves no section at all
    decisions.take_position(db, sooner, bruno, "agree", "")
    db.commit()
    assert "Proposition qui attend votre position" in client.get("/").get_data(as_text=True)
    decisions.close(db, later, "Reporté.", alice)
    db.commit()
    assert "votre position" not in client.get("/").get_data(as_text=True)
