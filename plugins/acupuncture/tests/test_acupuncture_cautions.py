"""Every caution rule, on summaries built by hand: pregnancy, pneumothorax, medication, and a
check that cannot run."""

import pytest

from core.api import ClinicalSummary, SummaryItem

from plugins.acupuncture import cautions


def summary(pregnancy="not_pregnant", problems=(), medications=()):
    return ClinicalSummary(
        problems=tuple(SummaryItem("problem", label, code) for label, code in problems),
        medications=tuple(SummaryItem("medication", label, code) for label, code in medications),
        pregnancy=pregnancy)


def run(s, codes, position=None):
    return cautions.evaluate(lambda: s, codes, position)[1]


@pytest.mark.parametrize("code", ["LI4", "SP6", "BL60", "BL67", "GB21", "CV4", "BL32"])
def test_a_forbidden_point_in_pregnancy_asks_for_an_acknowledgement(code):
    found = [c for c in run(summary("pregnant"), [code]) if c.rule == cautions.PREGNANCY]
    assert len(found) == 1 and found[0].needs_ack and found[0].point == code
    assert found[0].severity == "urgent"


def test_no_pregnancy_caution_when_not_pregnant_or_for_other_points():
    assert not [c for c in run(summary("not_pregnant"), ["LI4"]) if c.rule.startswith("preg")]
    assert not [c for c in run(summary("pregnant"), ["ST36", "PC6"])
                if c.rule.startswith("preg")]


def test_an_unknown_pregnancy_status_with_a_forbidden_point_asks_the_question():
    found = run(summary("unknown"), ["SP6"])
    assert [c.rule for c in found] == [cautions.PREGNANCY_UNKNOWN]
    assert not found[0].needs_ack and "ask" in found[0].message


def test_a_point_over_the_lung_is_flagged_with_the_risk_factors_of_the_summary():
    s = summary(problems=[("MPOC sévère", ""), ("Arthrose", "")])
    found = [c for c in run(s, ["GB21", "LI4"]) if c.rule == cautions.PNEUMOTHORAX]
    assert len(found) == 1 and found[0].severity == "urgent"
    assert "GB21" in found[0].message and "LI4" not in found[0].message
    assert any("COPD or emphysema" in d for d in found[0].details)
    assert any("position" in d for d in found[0].details)


def test_risk_factors_are_found_by_icd_code_too_and_position_silences_the_reminder():
    s = summary(problems=[("Maladie pulmonaire", "ICD-10:J43.9")])
    found = [c for c in run(s, ["BL13"], position="prone") if c.rule == cautions.PNEUMOTHORAX]
    assert found and not any("position" in d for d in found[0].details)


def test_no_risk_factor_is_a_warning_that_says_to_check():
    found = [c for c in run(summary(), ["LU1"]) if c.rule == cautions.PNEUMOTHORAX]
    assert found[0].severity == "warning" and "check with the person" in found[0].details[0]


@pytest.mark.parametrize("label, code", [("Apixaban 5 mg", ""), ("Coumadin", ""),
                                         ("Médicament X", "ATC:B01AA03")])
def test_an_anticoagulant_on_the_summary_raises_a_caution(label, code):
    found = run(summary(medications=[(label, code)]), ["ST36"])
    assert [c.rule for c in found] == [cautions.ANTICOAGULANT] and label in found[0].message


@pytest.mark.parametrize("label, code", [("Prednisone 10 mg", ""), ("Décadron", "ATC:H02AB02")])
def test_a_corticosteroid_on_the_summary_raises_a_caution(label, code):
    found = run(summary(medications=[(label, code)]), [])
    assert [c.rule for c in found] == [cautions.CORTICOSTEROID]


def test_a_summary_that_cannot_be_read_is_shown_not_swallowed():
    def broken():
        raise RuntimeError("database down")
    summary_, found = cautions.evaluate(broken, ["LI4"])
    assert summary_ is None
    assert [c.rule for c in found] == [cautions.CHECK_FAILED]
    assert found[0].severity == "urgent" and "could not run" in found[0].message


def test_a_rule_that_raises_becomes_a_visible_caution_and_the_others_still_run(monkeypatch):
    def boom(*args):
        raise KeyError("list missing")
    monkeypatch.setattr(cautions, "pneumothorax_cautions", boom)
    found = run(summary("pregnant", medications=[("Warfarine", "")]), ["GB21"])
    rules = [c.rule for c in found]
    assert cautions.CHECK_FAILED in rules and cautions.PREGNANCY in rules
    assert cautions.ANTICOAGULANT in rules
    failed = next(c for c in found if c.rule == cautions.CHECK_FAILED)
    assert "pneumothorax" in failed.message


def test_the_pneumothorax_caution_agrees_with_the_number_of_points(app):
    from flask_babel import force_locale

    with app.test_request_context(), force_locale("en"):  # English names points by WHO code
        one = [c for c in run(summary(), ["GB21"]) if c.rule == cautions.PNEUMOTHORAX]
        two = [c for c in run(summary(), ["GB21", "LU1"]) if c.rule == cautions.PNEUMOTHORAX]
    assert "GB21 lies over the lung" in one[0].message
    assert "GB21, LU1 lie over the lung" in two[0].message
