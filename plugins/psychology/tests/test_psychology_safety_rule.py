"""The PHQ-9 item-9 safety rule, as pure functions: whatever the total, never closed by a 0."""

from datetime import datetime, timedelta, timezone

import pytest

from plugins.psychology.instruments import PHQ9, Phq9Schema
from plugins.psychology.protocols import (FOLLOW_UP_ID, SAFETY_ID, assessment_open,
                                          end_of_local_day, follow_up_findings, safety_findings)

PHQ = PHQ9.form_id
NOTE, ESTIMATE = "psychology.progress_note", "psychology.risk_estimate"
DAY = timedelta(hours=8)


def phq9(item9, others=0):
    return Phq9Schema().load({**{f"item_{i}": others for i in range(1, 9)}, "item_9": item9,
                              "language": "fr"})


@pytest.mark.parametrize("item9", [1, 2, 3])
def test_any_answer_above_not_at_all_asks_for_an_assessment_today_whatever_the_total(item9):
    payload = phq9(item9)  # total 1 to 3: "minimal"
    assert payload["severity"] == "minimal"
    [finding] = safety_findings(PHQ, payload, already_open=False, due_in=DAY)
    assert finding.protocol_id == SAFETY_ID and finding.severity == "urgent"
    [task] = finding.actions
    assert task.kind == "task" and task.to_discipline == "psychology" and task.due_in == DAY
    assert "1-866-277-3553" in str(finding.advice) and "9-8-8" in str(finding.advice)
    assert "9-1-1" in str(finding.advice)


def test_not_at_all_raises_nothing_when_no_assessment_is_under_way():
    assert safety_findings(PHQ, phq9(0, others=3), already_open=False, due_in=DAY) == []


def test_not_at_all_during_an_assessment_says_it_does_not_close_it():
    [finding] = safety_findings(PHQ, phq9(0), already_open=True, due_in=DAY)
    assert finding.severity == "warning" and finding.actions == ()
    assert "does not close" in str(finding.message)


def test_a_disclosure_in_a_progress_note_triggers_the_same_rule():
    [finding] = safety_findings(NOTE, {"suicide_risk_disclosed": True}, already_open=False,
                                due_in=DAY)
    assert finding.actions[0].to_discipline == "psychology"
    assert safety_findings(NOTE, {"suicide_risk_disclosed": False}, already_open=False,
                           due_in=DAY) == []


def test_correcting_an_entry_that_already_triggered_adds_no_second_task():
    [finding] = safety_findings(PHQ, phq9(2), already_open=True, due_in=DAY, amends_trigger=True)
    assert finding.severity == "urgent" and finding.actions == ()


T = [datetime(2026, 3, d, 15, tzinfo=timezone.utc) for d in range(1, 6)]


@pytest.mark.parametrize("history,expected", [
    ([], False),
    ([(T[0], PHQ, phq9(1))], True),
    ([(T[0], PHQ, phq9(1)), (T[1], PHQ, phq9(0))], True),          # a 0 never closes it
    ([(T[0], PHQ, phq9(1)), (T[1], ESTIMATE, {"level": "low"})], False),
    ([(T[0], PHQ, phq9(1)), (T[1], ESTIMATE, {}), (T[2], PHQ, phq9(3))], True),
    ([(T[0], NOTE, {"suicide_risk_disclosed": True})], True),
    ([(T[1], ESTIMATE, {}), (T[0], PHQ, phq9(2))], False),          # order is by time
    ([(T[0], PHQ, phq9(0)), (T[1], PHQ, phq9(0))], False),
])
def test_an_assessment_closes_only_with_a_recorded_risk_estimate(history, expected):
    assert assessment_open(history) is expected


@pytest.mark.parametrize("utc,left", [
    (datetime(2026, 1, 15, 14, tzinfo=timezone.utc), timedelta(hours=15)),  # 09:00 in Montreal
    (datetime(2026, 1, 15, 3, tzinfo=timezone.utc), timedelta(hours=2)),    # 22:00 the day before
    (datetime(2026, 1, 15, 5, tzinfo=timezone.utc), timedelta(hours=24)),   # local midnight
    (datetime(2026, 7, 15, 14, tzinfo=timezone.utc), timedelta(hours=14)),  # 10:00, summer time
])
def test_the_task_is_due_by_local_midnight(utc, left):
    assert end_of_local_day(utc, "America/Montreal") == left


@pytest.mark.parametrize("form_id,payload,fires", [
    (PHQ, {"total": 9}, False), (PHQ, {"total": 10}, True),
    ("psychology.gad7", {"total": 10}, True), ("psychology.gad7", {"total": 9}, False),
    (NOTE, {"total": 20}, False),
])
def test_a_score_of_ten_or_more_recommends_an_evaluation(form_id, payload, fires):
    found = follow_up_findings(form_id, payload)
    assert bool(found) is fires
    assert all(f.protocol_id == FOLLOW_UP_ID for f in found)
