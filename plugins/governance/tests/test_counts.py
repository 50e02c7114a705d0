"""An assembly's counts agree with their number in both languages: "1 personne membre présente", "1 bulletin
déposé", "au plus 1 candidature", "1 ménage par courriel" (never "1 présents", "1 bulletins")."""

from html import unescape

import pytest
from flask_babel import force_locale

from plugins.governance import ballots
from plugins.governance.assemblies import GovernanceError
from plugins.governance.models import Attendance
from plugins.governance.tests.helpers import add_members, assembly_in_session, secret_motion

ENGLISH = {"Accept-Language": "en"}


def _read(client, url, headers=None):
    return unescape(client.get(url, headers=headers or {}).get_data(as_text=True))


def test_the_quorum_counts_the_members_present_in_the_singular_and_the_plural(
        client, login, db, gov_on):
    members = add_members(db, 3)
    assembly = assembly_in_session(db, members[:1], quorum=2)
    db.commit()
    login(role="reception")
    url = f"/p/governance/assemblies/{assembly.id}"
    page, english = _read(client, url), _read(client, url, ENGLISH)
    assert "1 personne membre présente ayant droit de vote (quorum\u202f: 2)" in page
    assert "(3 membres ont droit de vote au registre\u202f; 1 personne inscrite)" in page
    assert "1 member present who may vote, of 2 needed" in english
    assert "(3 members may vote in the register; 1 signed in)" in english
    for membership in members[1:]:
        client.post(f"{url}/sign-in", data={"person_id": membership.household.people[0].id})
    screen = _read(client, f"{url}/screen")
    assert "3 personnes membres présentes ayant droit de vote (quorum\u202f: 2)" in screen


def test_an_election_for_one_seat_asks_for_one_candidate(app, client, login, db, gov_on):
    members = add_members(db, 2)
    assembly = assembly_in_session(db, members, quorum=1)
    election = secret_motion(db, assembly, title="Siège des usagers",
                             candidates="Anne\nBruno", seats=1)
    db.commit()
    for locale, text in (("fr_CA", "Choisissez au plus 1 candidature."),
                         ("en", "Choose at most 1 candidate.")):
        with app.test_request_context(), force_locale(locale):
            with pytest.raises(GovernanceError) as refused:
                ballots.cast_secret(db, election.id, members[0], ["Anne", "Bruno"])
            assert str(refused.value.message) == text
        db.rollback()
    attendance = db.query(Attendance).filter_by(membership_id=members[0].id).one()
    login(role="reception")
    tablet = f"/p/governance/vote/motions/{election.id}/tablet"
    assert "Choisissez jusqu’à 1 candidature." in _read(client, f"{tablet}/{attendance.id}")
    assert "Choose up to 1 candidate." in _read(client, f"{tablet}/{attendance.id}", ENGLISH)
    client.post(f"{tablet}/{attendance.id}", data={"choice": "Anne"})
    assert "1 bulletin déposé\u202f; résultats à la fermeture du vote." in _read(client, tablet)
    assert "1 ballot cast; results when the vote closes." in _read(client, tablet, ENGLISH)


def test_notices_to_one_household_by_email_are_said_in_the_singular(client, login, db, gov_on,
                                                                   smtp):
    add_members(db, 1)
    assembly = assembly_in_session(db, [], quorum=1)
    assembly.status = "planned"
    db.commit()
    login(role="coordinator")
    done = client.post(f"/p/governance/assemblies/{assembly.id}/notices/", follow_redirects=True)
    assert "Avis enregistrés\u202f: 1 ménage par courriel, 0 sur papier" in unescape(
        done.get_data(as_text=True))


def test_no_one_present_reads_in_the_singular_with_epicene_words(client, login, db, gov_on):
    """French counts 0 in the singular and names the people present without a masculine
    generic: the assembly page read "0 membre présent ayant droit de vote, sur 2 requis" and the
    sign-in page "Inscrits (0)"."""
    add_members(db, 2)
    assembly = assembly_in_session(db, [], quorum=2)
    db.commit()
    login(role="reception")
    url = f"/p/governance/assemblies/{assembly.id}"
    page = _read(client, url)
    assert "0 personne membre présente ayant droit de vote (quorum\u202f: 2)" in page
    assert "membre présent " not in page and "requis" not in page
    sign_in = _read(client, f"{url}/sign-in")
    assert "Personnes inscrites (0)" in sign_in and "Inscrits" not in sign_in
    english = _read(client, url, ENGLISH)
    assert "0 members present who may vote, of 2 needed" in english
