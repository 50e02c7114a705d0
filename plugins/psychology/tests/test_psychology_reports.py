"""Outcome computations: response and remission on a trajectory; coop figures with small cells
hidden."""

from datetime import date, timedelta

import pytest

from core.api import hide_column

from plugins.psychology.reports import (HIDDEN, Fact, activity_table, chart_geometry, is_remission,
                                        is_response, severity_table, trajectory)

D = [date(2026, 1, 1) + timedelta(weeks=w) for w in range(10)]


@pytest.mark.parametrize("baseline,total,response", [
    (20, 10, True), (20, 11, False), (21, 10, True), (21, 11, False), (10, 5, True),
    (1, 0, True), (0, 0, False), (12, 14, False),
])
def test_response_is_a_drop_of_at_least_half(baseline, total, response):
    assert is_response(baseline, total) is response


@pytest.mark.parametrize("baseline,total,remission", [
    (12, 4, True), (12, 5, False), (5, 4, True), (4, 0, False), (20, 0, True),
])
def test_remission_is_under_five_after_a_baseline_of_five_or_more(baseline, total, remission):
    assert is_remission(baseline, total) is remission


def test_a_trajectory_marks_response_and_remission_against_the_first_score():
    points = trajectory([(D[2], 9, "mild"), (D[0], 18, "moderately_severe"),
                         (D[1], 12, "moderate"), (D[3], 4, "minimal")])
    assert [(p.on, p.total) for p in points] == [(D[0], 18), (D[1], 12), (D[2], 9), (D[3], 4)]
    assert [(p.response, p.remission) for p in points] == [
        (False, False), (False, False), (True, False), (True, True)]


def test_an_empty_trajectory_draws_nothing():
    assert trajectory([]) == []
    assert chart_geometry([], 27)["dots"] == []


def test_the_chart_puts_higher_scores_higher_and_draws_the_remission_line():
    geometry = chart_geometry(trajectory([(D[0], 27, "severe"), (D[1], 0, "minimal")]), 27,
                              width=100, height=100, pad=10)
    top, bottom = geometry["dots"]
    assert (top["x"], top["y"], bottom["x"], bottom["y"]) == (10, 10, 90, 90)
    assert bottom["y"] > geometry["remission_y"] > top["y"]


@pytest.mark.parametrize("counts,shown", [
    ([0, 0, 0], [0, 0, 0]),
    ([5, 7, 12], [5, 7, 12]),
    ([4, 7, 12], [HIDDEN, HIDDEN, 12]),       # the single hidden cell takes the next smallest
    ([1, 3, 12], [HIDDEN, HIDDEN, 12]),
    ([2, 0, 9, 6], [HIDDEN, 0, 9, HIDDEN]),
    ([3, 0, 0], [HIDDEN, 0, 0]),              # nothing else to hide: zeros say nothing
])
def test_small_cells_are_hidden_and_cannot_be_worked_out(counts, shown):
    assert hide_column(counts) == shown


def opening(person, requested, opened):
    return Fact(person, "psychology.opening", opened, {"requested_on": requested.isoformat()})


def phq9(person, on, total, severity):
    return Fact(person, "psychology.phq9", on, {"total": total, "severity": severity})


def test_activity_counts_clients_sessions_waiting_time_and_share_screened():
    facts = [opening(p, D[0], D[0] + timedelta(days=7 * p)) for p in range(1, 7)]  # 7..42 days
    facts += [Fact(p, "psychology.progress_note", D[5], {}) for p in range(1, 7) for _ in "ab"]
    facts += [phq9(p, D[6], 12, "moderate") for p in range(1, 6)]
    rows = dict((str(k), v) for k, v in activity_table(facts).rows)
    assert rows["Clients"] == 6 and rows["Sessions (progress notes)"] == 12
    assert rows["Median waiting time, request to opening (days)"] == 24  # median of 7..42
    assert rows["Share of clients screened (PHQ-9 or GAD-7)"] == "83 %"


def test_activity_hides_small_numbers():
    facts = [opening(1, D[0], D[2]), opening(2, D[0], D[3]), phq9(1, D[4], 3, "minimal")]
    rows = dict((str(k), v) for k, v in activity_table(facts).rows)
    assert rows["Clients"] == HIDDEN
    assert rows["Median waiting time, request to opening (days)"] == HIDDEN
    assert rows["Share of clients screened (PHQ-9 or GAD-7)"] == HIDDEN


def test_severity_counts_each_person_once_with_their_latest_score():
    facts = [phq9(p, D[0], 22, "severe") for p in range(1, 12)]
    facts += [phq9(p, D[3], 3, "minimal") for p in range(1, 6)]   # five of eleven improved
    table = severity_table(facts)
    phq = {str(band): n for name, band, n in table.rows if name == "PHQ-9"}
    assert phq == {"Minimal": 5, "Mild": 0, "Moderate": 0, "Moderately severe": 0,
                   "Severe": 6}
    facts.append(phq9(6, D[4], 7, "mild"))                         # a cell of one appears
    phq = [n for name, _b, n in severity_table(facts).rows if name == "PHQ-9"]
    assert phq == [HIDDEN, HIDDEN, 0, 0, 5]
    gad = [n for name, _b, n in table.rows if name == "GAD-7"]
    assert gad == [0, 0, 0, 0]
