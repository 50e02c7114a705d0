"""Everyday decisions, Loomio's way: positions with reasons, a closing date, an outcome, a log
members of the group can search; others stay out."""

from datetime import timedelta

import pytest

from core.api import utcnow

from plugins.governance import decisions
from plugins.governance.assemblies import GovernanceError
from plugins.governance.models import Position


@pytest.fixture
def board(db, gov_on, make_account):
    alice = make_account(roles=["coordinator"], display_name="Alice Roy")
    bruno = make_account(roles=["volunteer"], display_name="Bruno Caron")
    group = decisions.create_group(db, "Conseil d'administration", "", [alice.id, bruno.id])
    proposal = decisions.propose(db, group, {"title": "Ouvrir le samedi", "details": "",
                                             "closes_at": utcnow() + timedelta(days=3)}, alice)
    db.commit()
    return group, proposal, alice, bruno


def test_positions_need_a_reason_to_block_and_can_change(db, board):
    _group, proposal, alice, bruno = board
    with pytest.raises(GovernanceError, match="raison"):
        decisions.take_position(db, proposal, bruno, "block", " ")
    decisions.take_position(db, proposal, bruno, "block", "Pas de personnel le samedi.")
    decisions.take_position(db, proposal, bruno, "abstain", "")
    assert db.query(Position).count() == 1
    assert decisions.tally(proposal) == {"agree": 0, "abstain": 1, "disagree": 0, "block": 0}


def test_the_outcome_closes_the_proposal(db, board):
    _group, proposal, alice, bruno = board
    decisions.close(db, proposal, "Essai de trois mois.", alice)
    assert not decisions.is_open(proposal)
    with pytest.raises(GovernanceError, match="fermée"):
        decisions.take_position(db, proposal, bruno, "agree", "")


def test_a_proposal_page_for_members_and_a_403_for_others(client, login, db, board, make_account):
    group, proposal, alice, bruno = board
    login(bruno)
    url = f"/p/governance/groups/proposals/{proposal.id}"
    refused = client.post(url, data={"stance": "disagree", "reason": ""})
    assert refused.status_code == 422 and "Dites pourquoi" in refused.get_data(as_text=True)
    assert client.post(url, data={"stance": "disagree", "reason": "Trop tôt"}).status_code == 302
    page = client.get(url).get_data(as_text=True)
    assert "Bruno Caron" in page and "Trop tôt" in page and "En désaccord\u202f: 1" in page
    log = client.get("/p/governance/groups/", query_string={"q": "samedi"}).get_data(as_text=True)
    assert "Ouvrir le samedi" in log
    outsider = make_account(roles=["volunteer"])
    client.post("/logout")
    login(outsider)
    assert client.get(url).status_code == 403
    assert "Ouvrir le samedi" not in client.get("/p/governance/groups/").get_data(as_text=True)


def test_a_member_reads_the_decision_log_as_cards_with_the_day_written_out(client, login, db,
                                                                           board):
    """On a phone the log's four columns ran off the screen ("2026-12-13 06 h 1", the outcome
    out of sight), and the proposal said "se ferme le 2026-12-13 06 h 17"."""
    from babel.dates import format_date

    from core.api import to_local

    _group, proposal, _alice, bruno = board
    login(bruno)
    day = to_local(proposal.closes_at).date()
    log = client.get("/p/governance/groups/").get_data(as_text=True)
    table = log.split("<table")[1].split("</table>")[0]
    assert table.startswith(' class="cards-on-phone"')
    assert table.count("data-label=") == 4 * table.count("<tr>", table.index("<tbody>"))
    page = client.get(f"/p/governance/groups/proposals/{proposal.id}").get_data(as_text=True)
    for shown in (table, page):
        assert format_date(day, "long", locale="fr_CA") in shown
        assert day.isoformat() not in shown


def test_a_position_and_its_reason_are_joined_by_the_readers_colon(client, login, db, board):
    """The reason followed a French " : " in every language ("Disagree : Too early")."""
    _group, proposal, _alice, bruno = board
    decisions.take_position(db, proposal, bruno, "disagree", "Trop tôt")
    db.commit()
    login(bruno)
    url = f"/p/governance/groups/proposals/{proposal.id}"
    assert "En désaccord\u202f: <span" in client.get(url).get_data(as_text=True)
    english = client.get(url, headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert "Disagree: <span" in english and "Disagree :" not in english


def test_a_group_page_writes_a_proposal_closing_day_out_in_each_language(client, login, db,
                                                                         board):
    """The group's page read "se ferme le 2026-12-13 11 h 56" (and "closes 12/13/26, 11:56
    AM"): it reads "se ferme le 13 décembre 2026, 11 h 56", "closes December 13, 2026, ..."."""
    from babel.dates import format_date

    from core.api import to_local

    group, proposal, _alice, bruno = board
    login(bruno)
    day = to_local(proposal.closes_at).date()
    url = f"/p/governance/groups/{group.id}"
    for lang, accept in (("fr_CA", "fr-CA"), ("en", "en")):
        page = client.get(url, headers={"Accept-Language": accept}).get_data(as_text=True)
        assert format_date(day, "long", locale=lang) in page, lang
        assert day.isoformat() not in page and day.strftime("%-m/%-d/%y") not in page
