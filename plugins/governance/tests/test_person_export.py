"""A member's own copy of their data (Law 25 portability) holds what governance keeps about
them: the assemblies they signed in to and the positions they took, never how they voted."""

from datetime import timedelta

from core.api import utcnow

from plugins.governance import ballots, decisions
from plugins.governance.tests.helpers import add_members, assembly_in_session, secret_motion


def test_the_members_export_holds_their_assemblies_and_positions(client, db, gov_on,
                                                                  make_account, login):
    members = add_members(db, 3)
    person = members[0].household.people[0]
    account = make_account(roles=["member"], person=person)
    assembly = assembly_in_session(db, members, quorum=2)
    motion = secret_motion(db, assembly)
    ballots.cast_secret(db, motion.id, members[0], "against")
    group = decisions.create_group(db, "Comité du jardin", "", [account.id])
    proposal = decisions.propose(db, group, {"title": "Planter des bleuets", "details": "",
                                             "closes_at": utcnow() + timedelta(days=3)}, account)
    decisions.take_position(db, proposal, account, "disagree", "Trop d’ombre")
    db.commit()
    login(account)
    export = client.get("/portal/export.csv").get_data(as_text=True)
    assert "Présences aux assemblées" in export
    assert "Assemblée générale annuelle" in export and "Droit de vote" in export
    assert "Positions prises" in export and "Planter des bleuets" in export
    assert "En désaccord" in export and "Trop d’ombre" in export
    assert "Contre" not in export  # a secret ballot stays secret, even from its voter
