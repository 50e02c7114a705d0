"""The assembly as people live it through the pages: convening, notices and their proof, sign-in
from a phone, a secret vote, results only after the close, the tablet."""

import pytest

from core.api import OutboxMessage
from core.jobs import run_job_now

from plugins.governance import ballots
from plugins.governance.models import Assembly, Attendance, Motion, Notice
from plugins.governance.tests.helpers import add_members, assembly_in_session, secret_motion


@pytest.fixture
def members(db, gov_on):
    return add_members(db, 4)


@pytest.fixture
def voter(client, make_account, members, login):
    """The first member household's person, signed in to the app."""
    return login(make_account(roles=["member"], person=members[0].household.people[0]))


def test_convening_with_a_bad_date_changes_nothing(client, login, db, gov_on):
    login(role="coordinator")
    response = client.post("/p/governance/assemblies/", data={
        "title": "AGA", "starts_at": "demain", "quorum": "0"})
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "Entrez une date et une heure." in page and "Entrez un nombre entier entre 1" in page
    assert db.query(Assembly).count() == 0
    response = client.post("/p/governance/assemblies/", data={
        "title": "AGA 2027", "starts_at": "2027-06-10T19:00", "quorum": "30",
        "agenda": "Ouverture\nÉlections"})
    assert response.status_code == 302
    assembly = db.query(Assembly).one()
    assert [i.title for i in assembly.agenda] == ["Ouverture", "Élections"]
    assert assembly.starts_at.hour == 23  # 19 h in Montréal, stored in UTC


def test_notices_reach_members_by_email_with_proof_and_a_paper_list(app, client, login, db,
                                                                    members, smtp):
    [paper] = add_members(db, 1, prefix="Papier", email=False)
    paper.household.address, paper.household.city = "12 rue Ontario Est", "Montréal"
    paper.household.postal_code = "h2x1y4"  # as typed
    paper.household.phone = "514 555-0177"
    assembly = assembly_in_session(db, [], quorum=1)
    assembly.status = "planned"
    db.commit()
    login(role="coordinator")
    url = f"/p/governance/assemblies/{assembly.id}/notices/"
    client.post(url)
    client.post(url)  # twice: nobody is noticed twice
    assert db.query(Notice).count() == 5
    assert db.query(OutboxMessage).filter(OutboxMessage.key.like("governance.notice:%")).count() == 4
    assert run_job_now(app, "core.scheduling.reminders")  # the worker's mail job
    assert len(smtp.messages) == 4
    body = smtp.messages[0].get_payload(decode=True).decode()
    assert "Nous vous convoquons à Assemblée générale annuelle" in body and "Élections" in body
    page = client.get(url).get_data(as_text=True)
    assert "À convoquer sur papier (sans adresse courriel)\u202f: 1" in page and "Papier 0" in page
    # the address to write on the envelope, as Quebec writes one (it ran together on one line)
    assert "<td>12 rue Ontario Est<br>Montréal (Québec) H2X\u00a01Y4</td>" in page
    assert 'href="tel:+15145550177"' in page  # a household without e-mail, called from the list
    assert page.count("envoyé le") == 4


def test_a_member_signs_in_from_the_phone_and_votes_once_in_secret(client, db, members, voter):
    assembly = assembly_in_session(db, members[1:], quorum=2)
    motion = secret_motion(db, assembly)
    db.commit()
    wrong = client.post(f"/p/governance/vote/{assembly.id}/sign-in", data={"code": "ZZZZZZ"},
                        follow_redirects=True)
    assert "Ce n’est pas le code affiché dans la salle." in wrong.get_data(as_text=True)
    client.post(f"/p/governance/vote/{assembly.id}/sign-in", data={"code": assembly.room_code})
    page = client.get("/p/governance/vote/").get_data(as_text=True)
    assert "Votre inscription est faite." in page and "Voter\u202f: Adopter le budget" in page
    url = f"/p/governance/vote/motions/{motion.id}"
    done = client.post(url, data={"choice": "against"}, follow_redirects=True)
    assert "Votre bulletin est compté" in done.get_data(as_text=True)
    again = client.post(url, data={"choice": "for"})
    assert again.status_code == 422
    assert "Vous avez déjà voté sur cette question." in again.get_data(as_text=True)
    assert "Déposer mon bulletin" not in again.get_data(as_text=True)
    assert "vous avez voté" in client.get("/p/governance/vote/").get_data(as_text=True)


def test_results_are_hidden_from_administrators_until_the_close(client, login, db, members):
    assembly = assembly_in_session(db, members, quorum=2)
    motion = secret_motion(db, assembly)
    for membership in members[:3]:
        ballots.cast_secret(db, motion.id, membership, "for")
    db.commit()
    login(role="admin")
    page = client.get(f"/p/governance/assemblies/{assembly.id}").get_data(as_text=True)
    assert "3 bulletins déposés\u202f; résultats à la fermeture du vote." in page
    assert "Résultats" not in page and "Adoptée" not in page
    client.post(f"/p/governance/assemblies/motions/{motion.id}/close")
    page = client.get(f"/p/governance/assemblies/{assembly.id}").get_data(as_text=True)
    assert "Résultats" in page and "Adoptée" in page and "Résolution" in page
    db.expire_all()
    assert db.get(Motion, motion.id).counts["for"] == 3


def test_the_tablet_hands_a_ballot_to_each_member_present(client, login, db, members):
    assembly = assembly_in_session(db, members, quorum=2)
    motion = secret_motion(db, assembly)
    db.commit()
    login(role="reception")
    tablet = client.get(f"/p/governance/vote/motions/{motion.id}/tablet").get_data(as_text=True)
    assert tablet.count("/tablet/") == 4
    attendance = db.query(Attendance).filter_by(membership_id=members[0].id).one()
    url = f"/p/governance/vote/motions/{motion.id}/tablet/{attendance.id}"
    assert "Remettez la tablette à la personne membre" in client.get(url).get_data(as_text=True)
    assert client.post(url, data={"choice": "abstain"}).status_code == 302
    tablet = client.get(f"/p/governance/vote/motions/{motion.id}/tablet").get_data(as_text=True)
    assert tablet.count("/tablet/") == 3 and "1 bulletin déposé" in tablet


def test_sign_in_at_the_door_and_the_live_quorum(client, login, db, members):
    assembly = assembly_in_session(db, [], quorum=2)
    db.commit()
    login(role="reception")
    url = f"/p/governance/assemblies/{assembly.id}/sign-in"
    found = client.get(url, query_string={"q": members[0].number}).get_data(as_text=True)
    assert "Inscrire Membre0" in found
    person = members[0].household.people[0]
    assert client.post(url, data={"person_id": person.id}).status_code == 302
    twice = client.post(url, data={"person_id": person.id})
    assert twice.status_code == 422 and "L’inscription de cette personne membre est déjà faite." in twice.get_data(as_text=True)
    screen = client.get(f"/p/governance/assemblies/{assembly.id}/screen").get_data(as_text=True)
    assert assembly.room_code in screen and "1 personne membre présente ayant droit de vote (quorum\u202f: 2)" in screen
    assert 'http-equiv="refresh"' in screen


def test_a_member_cannot_reach_the_staff_pages(client, voter, members, db):
    assembly = assembly_in_session(db, members, quorum=2)
    db.commit()
    assert client.get(f"/p/governance/assemblies/{assembly.id}").status_code == 403
    assert client.get(f"/p/governance/assemblies/{assembly.id}/sign-in").status_code == 403


def test_a_member_reads_that_an_assembly_is_over_and_its_resolutions_as_a_list(
        client, db, members, voter):
    """A closed assembly read "Close. Résolutions : 2026-001-01 Adopter l'ordre du jour;
    2026-001-02 …": "Close." looked like an English word to a member, and the resolutions ran
    on in one line joined by an English semicolon."""
    from plugins.governance import assemblies

    assembly = assembly_in_session(db, members[1:], quorum=2)
    for n, title in enumerate(("Adopter l’ordre du jour", "Adopter le budget"), start=1):
        motion = ballots.add_motion(db, assembly, {"title": title, "method": "hands"})
        motion.number = f"2026-001-0{n}"
    assemblies.close_assembly(db, assembly)
    db.commit()
    page = client.get("/p/governance/vote/").get_data(as_text=True)
    assert "<p>Cette assemblée est terminée.</p>" in page and "Close." not in page
    assert ('<ul class="resolutions"><li>2026-001-01 · Adopter l’ordre du jour</li>'
            "<li>2026-001-02 · Adopter le budget</li></ul>") in page
    english = client.get("/p/governance/vote/", headers={"Accept-Language": "en"})
    assert "<p>This assembly is over.</p>" in english.get_data(as_text=True)


def test_the_room_screen_names_the_menu_the_member_sees(client, login, db, members, voter):
    """The screen sent members to "Mon espace › Assemblées générales": their menu says "Mon
    dossier", whose page lists "Assemblées générales"."""
    assembly = assembly_in_session(db, [], quorum=2)
    db.commit()
    portal = client.get("/portal/").get_data(as_text=True)
    assert ">Mon dossier</a>" in portal and ">Assemblées générales</a>" in portal
    login(role="reception")
    screen = client.get(f"/p/governance/assemblies/{assembly.id}/screen").get_data(as_text=True)
    assert "Mon dossier › Assemblées générales" in screen and "Mon espace" not in screen


def test_a_refused_show_of_hands_keeps_the_counts_beside_their_fields(client, login, db,
                                                                      members):
    """Counts above the members present came back blank, the reason at the top of the page,
    and the form to add a motion opened as if it had been refused."""
    assembly = assembly_in_session(db, members[:2], quorum=2)
    motion = ballots.add_motion(db, assembly, {"title": "Ouvrir le samedi", "method": "hands"})
    ballots.open_vote(db, motion)
    db.commit()
    login(role="coordinator")
    response = client.post(f"/p/governance/assemblies/motions/{motion.id}/hands",
                           data={"votes_for": "2", "votes_against": "5", "abstentions": "1"})
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert ('<p class="error" id="e-votes_for">Plus de votes que de personnes membres présentes ayant '
            "droit de vote (2).</p>") in page
    assert 'class="flash error"' not in page
    for name, typed in (("votes_for", "2"), ("votes_against", "5"), ("abstentions", "1")):
        assert f'name="{name}" type="number" value="{typed}"' in page
    assert "<details >" in page and "<details open>" not in page
    db.expire_all()
    assert db.get(Motion, motion.id).status == "open"


def test_the_people_elected_are_listed_with_commas_not_an_english_semicolon(client, login, db,
                                                                           members):
    """"Personnes élues : Sophie Côté; Marc Gagnon": French sets a space before a semicolon; a list of
    names reads with commas in both languages."""
    assembly = assembly_in_session(db, members, quorum=2)
    motion = ballots.add_motion(db, assembly, {
        "title": "Élection au conseil", "method": "secret",
        "candidates": "Sophie Côté\nMarc Gagnon\nHélène Tremblay", "seats": 2})
    ballots.open_vote(db, motion)
    for membership, choice in zip(members, (["Sophie Côté", "Marc Gagnon"], ["Sophie Côté"],
                                            ["Marc Gagnon"]), strict=False):
        ballots.cast_secret(db, motion.id, membership, choice)
    ballots.close_secret(db, motion.id)
    db.commit()
    login(role="coordinator")
    for url in (f"/p/governance/assemblies/{assembly.id}", "/p/governance/assemblies/resolutions",
                f"/p/governance/annual-report/?year={assembly.starts_at.year}"):
        page = client.get(url).get_data(as_text=True)
        assert "Sophie Côté, Marc Gagnon" in page and "Côté;" not in page


@pytest.mark.parametrize("field", ["amends_id", "adopts_minutes_of_id"])
@pytest.mark.parametrize("typed", ["-1", "99999999999999999999", "2147483647", "other"])
def test_a_motion_naming_no_motion_or_assembly_of_the_list_is_refused_on_its_field(
        client, login, db, members, field, typed):
    # "-1" was a foreign-key error and a huge number an overflow: both a 500
    assembly = assembly_in_session(db, members[:1], quorum=1)
    elsewhere = assembly_in_session(db, members[:1], quorum=1)
    other = ballots.add_motion(db, elsewhere, {"title": "Ailleurs", "method": "hands"})
    db.commit()
    if typed == "other":  # a motion of another assembly, or an assembly not yet closed
        typed = str(other.id if field == "amends_id" else elsewhere.id)
    login(role="coordinator")
    response = client.post(f"/p/governance/assemblies/{assembly.id}/motions",
                           data={"title": "Amender le budget", field: typed})
    assert response.status_code == 422
    assert f'<p class="error" id="e-{field}">Choisissez dans la liste.</p>' in \
        response.get_data(as_text=True)
    db.expire_all()
    assert [m.title for m in db.get(Assembly, assembly.id).motions] == []
