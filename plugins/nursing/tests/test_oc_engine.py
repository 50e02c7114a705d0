"""The three shipped OCs, table-driven: eligible, contraindicated, expired, unauthorised..."""

from __future__ import annotations

from datetime import date

import pytest

from core.api import ClinicalSummary

from plugins.nursing.oc.document import OcVersionView, parse_document
from plugins.nursing.oc.engine import Nurse, decide
from plugins.nursing.oc.registry import DATA_DIR
from plugins.nursing.oc.rules import make_facts
from plugins.nursing.tests.conftest import TRAININGS, summary_line


def _oc(code: str) -> OcVersionView:
    return OcVersionView.from_doc(parse_document((DATA_DIR / f"{code}.json").read_text()))


NURSE = Nurse("nursing", frozenset(TRAININGS.split()))
PSYCHOLOGIST = Nurse("psychology", frozenset(TRAININGS.split()))
UNTRAINED = Nurse("nursing", frozenset())
TODAY = date(2026, 6, 1)
ADULT, TEEN, CHILD = date(1990, 3, 2), date(2010, 1, 1), date(2014, 1, 1)
NONE = ClinicalSummary()

CYSTITIS = {"female_anatomy": True, "dysuria": True, "frequency": True, "urgency": False,
            "temperature": 37.0, "flank_pain": False, "systemic_signs": False,
            "possibly_pregnant": False, "vaginal_discharge": False,
            "complicating_factor": False, "recurrent_or_recent_failure": False}
CONTRACEPTION = {"request": "start", "method": "combined", "mec_category": "1", "systolic": 118,
                 "diastolic": 74, "smoker": False, "unexplained_bleeding": False,
                 "sti_risk": False, "possibly_pregnant": False}
WARFARIN = {"target_range": "2-3", "inr": 2.5, "bleeding": False, "interacting_change": False,
            "third_out_of_range": False}
ON_WARFARIN = ClinicalSummary(medications=(summary_line("medication", "Warfarine 5 mg",
                                                        "ATC:B01AA03"),))

CASES = [
    # (case, OC, nurse, answers, summary, birth date, today, outcome, reason code)
    ("cystitis eligible", "OC-CYSTITE", NURSE, CYSTITIS, NONE, ADULT, TODAY, "applied", ""),
    ("cystitis fever", "OC-CYSTITE", NURSE, {**CYSTITIS, "temperature": 38.4}, NONE, ADULT,
     TODAY, "refused", "contraindication:upper_uti_signs"),
    ("cystitis pregnant in summary", "OC-CYSTITE", NURSE, CYSTITIS,
     ClinicalSummary(pregnancy="pregnant"), ADULT, TODAY, "refused", "contraindication:pregnancy"),
    ("cystitis kidney failure in summary", "OC-CYSTITE", NURSE, CYSTITIS,
     ClinicalSummary(problems=(summary_line("problem", "Insuffisance rénale chronique",
                                            "ICD-10:N18.3"),)), ADULT, TODAY, "refused",
     "contraindication:complicated"),
    ("cystitis expired", "OC-CYSTITE", NURSE, CYSTITIS, NONE, ADULT, date(2028, 1, 15),
     "refused", "expired"),
    ("cystitis not yet in force", "OC-CYSTITE", NURSE, CYSTITIS, NONE, ADULT, date(2024, 12, 1),
     "refused", "not_yet_in_force"),
    ("cystitis unauthorised", "OC-CYSTITE", PSYCHOLOGIST, CYSTITIS, NONE, ADULT, TODAY,
     "refused", "not_authorised"),
    ("cystitis untrained", "OC-CYSTITE", UNTRAINED, CYSTITIS, NONE, ADULT, TODAY, "refused",
     "not_trained"),
    ("cystitis man", "OC-CYSTITE", NURSE, {**CYSTITIS, "female_anatomy": False}, NONE, ADULT,
     TODAY, "refused", "not_in_population"),
    ("cystitis no symptom", "OC-CYSTITE", NURSE, {**CYSTITIS, "dysuria": False,
                                                  "frequency": False}, NONE, ADULT, TODAY,
     "refused", "no_indication"),
    ("contraception eligible", "OC-CONTRACEPTION", NURSE, CONTRACEPTION, NONE, ADULT, TODAY,
     "applied", ""),
    ("contraception MEC 3", "OC-CONTRACEPTION", NURSE, {**CONTRACEPTION, "mec_category": "3"},
     NONE, ADULT, TODAY, "referred", "contraindication:mec_3_4"),
    ("contraception MEC 4", "OC-CONTRACEPTION", NURSE, {**CONTRACEPTION, "mec_category": "4"},
     NONE, ADULT, TODAY, "referred", "contraindication:mec_3_4"),
    ("contraception combined, high BP", "OC-CONTRACEPTION", NURSE,
     {**CONTRACEPTION, "systolic": 150, "diastolic": 95}, NONE, ADULT, TODAY, "referred",
     "contraindication:combined_high_bp"),
    ("contraception progestin, high BP", "OC-CONTRACEPTION", NURSE,
     {**CONTRACEPTION, "method": "progestin_pill", "systolic": 150, "diastolic": 95}, NONE,
     ADULT, TODAY, "applied", ""),
    ("contraception migraine with aura", "OC-CONTRACEPTION", NURSE, CONTRACEPTION,
     ClinicalSummary(problems=(summary_line("problem", "Migraine avec aura", "G43.1"),)),
     ADULT, TODAY, "referred", "contraindication:combined_migraine_aura"),
    ("contraception pregnant", "OC-CONTRACEPTION", NURSE, CONTRACEPTION,
     ClinicalSummary(pregnancy="pregnant"), ADULT, TODAY, "refused",
     "contraindication:pregnancy"),
    ("contraception unexplained bleeding", "OC-CONTRACEPTION", NURSE,
     {**CONTRACEPTION, "unexplained_bleeding": True}, NONE, ADULT, TODAY, "referred",
     "referral:unexplained_bleeding"),
    ("contraception under 14", "OC-CONTRACEPTION", NURSE, CONTRACEPTION, NONE, CHILD, TODAY,
     "refused", "not_in_population"),
    ("contraception expired", "OC-CONTRACEPTION", NURSE, CONTRACEPTION, NONE, ADULT,
     date(2028, 2, 1), "refused", "expired"),
    ("contraception unauthorised", "OC-CONTRACEPTION", PSYCHOLOGIST, CONTRACEPTION, NONE, ADULT,
     TODAY, "refused", "not_authorised"),
    ("contraception untrained", "OC-CONTRACEPTION", UNTRAINED, CONTRACEPTION, NONE, ADULT, TODAY,
     "refused", "not_trained"),
    ("warfarin in range", "OC-WARFARINE", NURSE, WARFARIN, ON_WARFARIN, ADULT, TODAY, "applied",
     ""),
    ("warfarin INR 5.6", "OC-WARFARINE", NURSE, {**WARFARIN, "inr": 5.6}, ON_WARFARIN, ADULT,
     TODAY, "referred", "referral:inr_5_or_more"),
    ("warfarin bleeding", "OC-WARFARINE", NURSE, {**WARFARIN, "bleeding": True}, ON_WARFARIN,
     ADULT, TODAY, "referred", "contraindication:bleeding"),
    ("warfarin not in summary", "OC-WARFARINE", NURSE, WARFARIN, NONE, ADULT, TODAY, "refused",
     "not_in_population"),
    ("warfarin other target range", "OC-WARFARINE", NURSE, {**WARFARIN, "target_range": "2.5-3.5"},
     ON_WARFARIN, ADULT, TODAY, "refused", "not_in_population"),
    ("warfarin minor", "OC-WARFARINE", NURSE, WARFARIN, ON_WARFARIN, TEEN, TODAY, "refused",
     "not_in_population"),
    ("warfarin expired", "OC-WARFARINE", NURSE, WARFARIN, ON_WARFARIN, ADULT, date(2027, 1, 15),
     "refused", "expired"),
    ("warfarin unauthorised", "OC-WARFARINE", PSYCHOLOGIST, WARFARIN, ON_WARFARIN, ADULT, TODAY,
     "refused", "not_authorised"),
    ("warfarin untrained", "OC-WARFARINE", UNTRAINED, WARFARIN, ON_WARFARIN, ADULT, TODAY,
     "refused", "not_trained"),
]


@pytest.fixture
def fr(app):
    with app.test_request_context():
        yield


@pytest.mark.parametrize("case, code, nurse, answers, summary, born, today, outcome, reason",
                         CASES, ids=[c[0] for c in CASES])
def test_shipped_oc_decisions(fr, case, code, nurse, answers, summary, born, today, outcome,
                              reason):
    decision = decide(_oc(code), nurse, make_facts(answers, summary, born, today), today, "fr_CA")
    assert (decision.outcome, decision.reason_code) == (outcome, reason)
    assert bool(decision.reason) == (outcome != "applied")
    # the communication owed to the treating physician is written for every clinical decision
    assert bool(decision.communication) == (not decision.administrative)


def _decide(code, answers, summary=NONE, born=ADULT, locale="fr_CA"):
    return decide(_oc(code), NURSE, make_facts(answers, summary, born, TODAY), TODAY, locale)


def test_refusal_reasons_are_exact_and_translated(app):
    with app.test_request_context():
        expired = decide(_oc("OC-CYSTITE"), NURSE, make_facts(CYSTITIS, NONE, ADULT, TODAY),
                         date(2028, 2, 1), "fr_CA")
        assert expired.reason == ("Cette ordonnance collective est périmée depuis le "
                                  "15 janvier 2028 et ne peut pas être appliquée.")
        untrained = decide(_oc("OC-WARFARINE"), UNTRAINED, make_facts(WARFARIN, ON_WARFARIN,
                                                                      ADULT, TODAY), TODAY, "fr")
        assert untrained.reason.endswith(": oc-warfarine")
    with app.test_request_context(headers={"Accept-Language": "en"}):
        fever = _decide("OC-CYSTITE", {**CYSTITIS, "temperature": 38.4}, locale="en")
        assert fever.reason.startswith("Contraindication: Fever (38.0 °C or more)")


def test_mec_category_routes_to_ips_or_physician(fr):
    decision = _decide("OC-CONTRACEPTION", {**CONTRACEPTION, "mec_category": "3"})
    assert decision.route_to == "une IPS ou un médecin"
    assert "une IPS ou un médecin" in decision.reason


def test_plan_follows_the_summary_and_the_answers(fr):
    allergic = ClinicalSummary(allergies=(summary_line("allergy", "Nitrofurantoïne"),))
    assert "Nitrofurantoïne 100 mg" in _decide("OC-CYSTITE", CYSTITIS).plan
    plan = _decide("OC-CYSTITE", CYSTITIS, allergic).plan
    assert "fosfomycine 3 g" in plan and "Nitrofurantoïne 100 mg" not in plan
    young = _decide("OC-CONTRACEPTION", CONTRACEPTION, born=date(2004, 5, 1)).plan
    assert "dépistage de la chlamydia" in young
    assert "dépistage" not in _decide("OC-CONTRACEPTION", CONTRACEPTION).plan


@pytest.mark.parametrize("inr, words", [(1.3, "augmenter la dose hebdomadaire de 10 à 20"),
                                        (1.8, "augmenter la dose hebdomadaire de 5 à 10"),
                                        (2.0, "aucun changement"), (3.0, "aucun changement"),
                                        (3.4, "diminuer la dose hebdomadaire de 5 à 10"),
                                        (4.5, "omettre une dose")])
def test_warfarin_adjustment_by_inr(fr, inr, words):
    decision = _decide("OC-WARFARINE", {**WARFARIN, "inr": inr}, ON_WARFARIN)
    assert decision.outcome == "applied" and words in decision.plan


def test_non_blocking_referral_applies_and_still_refers(fr):
    herbal = ClinicalSummary(medications=ON_WARFARIN.medications + (
        summary_line("medication", "Millepertuis (St John's wort)", natural=True),))
    decision = _decide("OC-WARFARINE", WARFARIN, herbal)
    assert decision.outcome == "applied"
    assert [r.id for r in decision.referrals] == ["natural_product"]
