"""NEWS2 and blood-pressure classification, checked against the published tables."""

from __future__ import annotations

import pytest

from core.api import ProtocolContext

from plugins.nursing import protocols as p


@pytest.mark.parametrize("rate, score", [(8, 3), (9, 1), (11, 1), (12, 0), (20, 0), (21, 2),
                                         (24, 2), (25, 3)])
def test_respiratory_rate_bands(rate, score):
    assert p.score_respiratory_rate(rate) == score


@pytest.mark.parametrize("spo2, score", [(91, 3), (92, 2), (93, 2), (94, 1), (95, 1), (96, 0),
                                         (100, 0)])
def test_spo2_scale_1(spo2, score):
    assert p.score_spo2(spo2, oxygen=False) == score


@pytest.mark.parametrize("spo2, oxygen, score", [
    (83, False, 3), (84, False, 2), (85, True, 2), (86, False, 1), (87, True, 1),
    (88, True, 0), (92, True, 0), (93, False, 0), (97, False, 0),
    (93, True, 1), (94, True, 1), (95, True, 2), (96, True, 2), (97, True, 3)])
def test_spo2_scale_2_for_hypercapnic_failure(spo2, oxygen, score):
    assert p.score_spo2(spo2, oxygen, scale=2) == score


@pytest.mark.parametrize("systolic, score", [(90, 3), (91, 2), (100, 2), (101, 1), (110, 1),
                                             (111, 0), (219, 0), (220, 3)])
def test_systolic_bands(systolic, score):
    assert p.score_systolic(systolic) == score


@pytest.mark.parametrize("pulse, score", [(40, 3), (41, 1), (50, 1), (51, 0), (90, 0), (91, 1),
                                          (110, 1), (111, 2), (130, 2), (131, 3)])
def test_pulse_bands(pulse, score):
    assert p.score_pulse(pulse) == score


@pytest.mark.parametrize("temp, score", [(35.0, 3), (35.1, 1), (36.0, 1), (36.1, 0), (38.0, 0),
                                         (38.1, 1), (39.0, 1), (39.1, 2), (40.5, 2)])
def test_temperature_bands(temp, score):
    assert p.score_temperature(temp) == score


@pytest.mark.parametrize("acvpu, score", [("A", 0), ("C", 3), ("V", 3), ("P", 3), ("U", 3)])
def test_consciousness(acvpu, score):
    assert p.score_consciousness(acvpu) == score


NORMAL = {"respiratory_rate": 16, "spo2": 97, "oxygen": "air", "systolic": 124, "pulse": 72,
          "consciousness": "A", "temperature": 36.8}


@pytest.mark.parametrize("changes, total, risk, red", [
    ({}, 0, "low", False),
    ({"pulse": 95, "temperature": 38.3}, 2, "low", False),
    ({"consciousness": "C"}, 3, "low_medium", True),          # single parameter scoring 3
    ({"respiratory_rate": 22, "pulse": 112, "spo2": 95}, 5, "medium", False),
    ({"oxygen": "oxygen", "spo2": 93, "respiratory_rate": 23}, 6, "medium", False),
    ({"respiratory_rate": 26, "spo2": 90, "systolic": 95, "pulse": 125}, 10, "high", True),
])
def test_news2_aggregate_and_risk(changes, total, risk, red):
    score = p.news2({**NORMAL, **changes})
    assert (score.total, score.risk, score.red_flag, score.missing) == (total, risk, red, ())


def test_news2_lists_what_was_not_measured():
    score = p.news2({"pulse": 72, "temperature": 37.0})
    assert set(score.missing) == {"respiratory_rate", "spo2", "systolic", "consciousness"}


@pytest.mark.parametrize("systolic, diastolic, category", [
    (118, 78, "optimal"), (125, 82, "normal"), (134, 80, "high_normal"), (128, 87, "high_normal"),
    (145, 92, "grade_1"), (138, 95, "grade_1"), (165, 102, "grade_2"), (150, 104, "grade_2"),
    (185, 112, "grade_3"), (150, 112, "grade_3"), (150, 85, "isolated_systolic"),
    (170, 88, "isolated_systolic")])
def test_blood_pressure_classification(systolic, diastolic, category):
    assert p.classify_bp(systolic, diastolic) == category


@pytest.mark.parametrize("systolic, diastolic, urgent", [
    (179, 109, False), (180, 90, True), (150, 110, True), (200, 120, True)])
def test_hypertensive_urgency_threshold(systolic, diastolic, urgent):
    assert p.hypertensive_urgency(systolic, diastolic) is urgent


def _context(payload):
    return ProtocolContext(session=None, person=None, summary=None, payload=payload)


def test_findings_say_what_to_do(app):
    with app.test_request_context(headers={"Accept-Language": "en"}):
        [finding] = p.evaluate_news2(_context({**NORMAL, "consciousness": "V"}))
        assert finding.severity == "urgent" and finding.data["red_flag"]
        assert "within the hour" in str(finding.advice)
        assert finding.actions and finding.actions[0].due_in.total_seconds() == 3600
        [bp] = p.evaluate_bp(_context({"systolic": 184, "diastolic": 96}))
        assert bp.severity == "urgent"
        assert "hypertensive urgency" in str(bp.message) and "911" in str(bp.advice)
        [calm] = p.evaluate_news2(_context(NORMAL))
        assert calm.severity == "info" and calm.actions == ()


def test_findings_in_french_by_default(app):
    with app.test_request_context():
        [bp] = p.evaluate_bp(_context({"systolic": 182, "diastolic": 100}))
        assert "urgence hypertensive" in str(bp.message).lower()


def test_no_finding_without_measurements():
    assert p.evaluate_news2(_context({"weight": 70})) == []
    assert p.evaluate_bp(_context({"pulse": 80})) == []
