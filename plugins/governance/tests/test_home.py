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


def test_a_member_sees_the_next_assembly_and_when_it_is_in_session(client, login, db, gov_on,
                                                                    make_account):
    from plugins.governance import assemblies
    from plugins.governance.tests.helpers import add_members

    membership = add_members(db, 1)[0]
    person = membership.household.people[0]
    member = make_account(roles=["member"], person=person)
    past = assemblies.convene(db, {"title": "AGA 2025", "quorum": 2,
                                   "starts_at": utcnow() - timedelta(days=200)})
    assemblies.open_assembly(db, past)
    assemblies.close_assembly(db, past)
    coming = assemblies.convene(db, {"title": "Assemblée extraordinaire", "quorum": 2,
                                     "place": "Salle communautaire",
                                     "starts_at": utcnow() + timedelta(days=20)})
    assemblies.convene(db, {"title": "AGA 2027", "quorum": 2,
                            "starts_at": utcnow() + timedelta(days=200)})
    db.commit()
    login(member)
    portal = client.get("/portal/").get_data(as_text=True)
    assert "Prochaine assemblée générale" in portal
    assert "Assemblée extraordinaire" in portal and "Salle communautaire" in portal
    assert "AGA 2027" not in portal and "AGA 2025" not in portal
    assemblies.open_assembly(db, coming)
    db.commit()
    portal = client.get("/portal/").get_data(as_text=True)
    assert "Assemblée générale en cours" in portal and "Signer sa présence et voter" in portal
    # an account with no membership (staff without a member household) gets no such section
    client.get("/logout")
    login(role="reception")
    assert "assemblée générale" not in client.get("/").get_data(as_text=True).lower()
