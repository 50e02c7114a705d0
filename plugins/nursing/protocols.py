"""What the chart says back after vital signs are recorded.

* **NEWS2** (Royal College of Physicians, 2017; reproduced without modification, no copyright
  restriction): seven parameters each scored 0-3; an aggregate of 5 or more, or a single
  parameter scoring 3 (the "red flag"), calls for an urgent assessment; 7 or more, an emergency
  response. NEWS2 was built for hospital wards: in a community clinic it is an escalation
  trigger (call the physician or IPS, send to the emergency department), not a monitoring
  schedule.
* **Blood pressure** (Société québécoise d'hypertension artérielle, WHO classification, office
  measurement): optimal, normal, high-normal, grades 1 to 3, isolated systolic hypertension;
  180/110 or more is a possible hypertensive urgency.

Scores are pure functions of the measurements (tested by tables); :func:`evaluate_news2` and
:func:`evaluate_bp` turn them into findings that say what to do.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from core.api import Finding, ProposedAction, ProtocolSpec

from plugins.nursing import NAME, _
from plugins.nursing.forms import VITALS

NEWS2_ID, BP_ID = "nursing.news2", "nursing.blood_pressure"
NEWS2_VERSION, BP_VERSION = "RCP-2017", "SQHA-2024"
NEWS2_SOURCE = ("Royal College of Physicians. National Early Warning Score (NEWS) 2, 2017. "
                "https://www.rcplondon.ac.uk/projects/outputs/national-early-warning-score-news-2")
BP_SOURCE = "https://sqha2.hypertension.qc.ca/prise-en-charge-2/definition-et-diagnostic"
NEWS2_PARAMETERS = ("respiratory_rate", "spo2", "oxygen", "systolic", "pulse", "consciousness",
                    "temperature")


# --- NEWS2 ---------------------------------------------------------------------------------


def _band(value: float, bands: list[tuple[float, int]], above: int) -> int:
    """The score of the first band whose upper bound is >= value, else ``above``."""
    for upper, score in bands:
        if value <= upper:
            return score
    return above


def score_respiratory_rate(rate: int) -> int:
    return _band(rate, [(8, 3), (11, 1), (20, 0), (24, 2)], 3)


def score_spo2(spo2: int, oxygen: bool, scale: int = 1) -> int:
    """Scale 1, or scale 2 for a prescribed target of 88-92% (hypercapnic failure)."""
    if scale == 1:
        return _band(spo2, [(91, 3), (93, 2), (95, 1)], 0)
    if spo2 <= 87:
        return _band(spo2, [(83, 3), (85, 2)], 1)
    if spo2 <= 92 or not oxygen:
        return 0  # 88-92, or 93 and more on room air
    return _band(spo2, [(94, 1), (96, 2)], 3)  # 93 and more on oxygen


def score_oxygen(oxygen: bool) -> int:
    return 2 if oxygen else 0


def score_systolic(systolic: int) -> int:
    return _band(systolic, [(90, 3), (100, 2), (110, 1), (219, 0)], 3)


def score_pulse(pulse: int) -> int:
    return _band(pulse, [(40, 3), (50, 1), (90, 0), (110, 1), (130, 2)], 3)


def score_consciousness(acvpu: str) -> int:
    """Alert scores 0; new confusion, voice, pain or unresponsive score 3."""
    return 0 if acvpu == "A" else 3


def score_temperature(celsius: float) -> int:
    return _band(round(celsius, 1), [(35.0, 3), (36.0, 1), (38.0, 0), (39.0, 1)], 2)


@dataclass(frozen=True)
class News2:
    """An aggregate NEWS2 score, its parts, and the clinical risk it points to."""

    total: int
    parts: dict
    missing: tuple[str, ...]

    @property
    def red_flag(self) -> bool:
        """A single parameter scoring 3."""
        return any(score == 3 for score in self.parts.values())

    @property
    def risk(self) -> str:
        """low | low_medium (red flag) | medium | high, as in the RCP response chart."""
        if self.total >= 7:
            return "high"
        if self.total >= 5:
            return "medium"
        return "low_medium" if self.red_flag else "low"


def news2(vitals: dict) -> News2:
    """NEWS2 from a vital-signs payload; parameters not measured are listed in ``missing``."""
    oxygen = vitals.get("oxygen") == "oxygen"
    scale = int(vitals.get("spo2_scale") or 1)
    scorers = {
        "respiratory_rate": score_respiratory_rate,
        "spo2": lambda v: score_spo2(v, oxygen, scale),
        "systolic": score_systolic,
        "pulse": score_pulse,
        "consciousness": score_consciousness,
        "temperature": score_temperature,
    }
    parts, missing = {"oxygen": score_oxygen(oxygen)}, []
    for name, scorer in scorers.items():
        value = vitals.get(name)
        if value is None:
            missing.append(name)
        else:
            parts[name] = scorer(value)
    return News2(sum(parts.values()), parts, tuple(missing))


# --- Blood pressure ------------------------------------------------------------------------

#: (category, lowest systolic, lowest diastolic), highest first: the higher category wins
BP_CATEGORIES = [("grade_3", 180, 110), ("grade_2", 160, 100), ("grade_1", 140, 90),
                 ("high_normal", 130, 85), ("normal", 120, 80)]


def classify_bp(systolic: int, diastolic: int) -> str:
    """optimal | normal | high_normal | grade_1 | grade_2 | grade_3 | isolated_systolic."""
    for category, low_sys, low_dia in BP_CATEGORIES:
        if systolic >= low_sys or diastolic >= low_dia:
            if category.startswith("grade") and category != "grade_3" and diastolic < 90:
                return "isolated_systolic"
            return category
    return "optimal"


def hypertensive_urgency(systolic: int, diastolic: int) -> bool:
    """180/110 or more: possible hypertensive urgency (or emergency with organ signs)."""
    return systolic >= 180 or diastolic >= 110


BP_LABELS = {
    "optimal": _("optimal"), "normal": _("normal"), "high_normal": _("high-normal"),
    "grade_1": _("grade 1 hypertension"), "grade_2": _("grade 2 hypertension"),
    "grade_3": _("grade 3 hypertension"), "isolated_systolic": _("isolated systolic hypertension"),
}


# --- Findings ------------------------------------------------------------------------------

NEWS2_ADVICE = {
    "high": _("Emergency response: call 911 or transfer to the emergency department now; stay "
              "with the person and reassess continuously."),
    "medium": _("Urgent medical assessment within the hour by the physician or IPS; repeat "
                "vital signs at least every hour meanwhile."),
    "low_medium": _("A single parameter scores 3: urgent assessment within the hour by the "
                    "physician or IPS, as for a score of 5 or 6."),
    "low": _("Continue usual care; repeat the measurements if the person's condition changes."),
}
NEWS2_SEVERITY = {"high": "urgent", "medium": "urgent", "low_medium": "urgent", "low": "info"}


def news2_finding(score: News2) -> Finding:
    """The NEWS2 finding: score, risk, and the response the RCP chart asks for."""
    if score.missing:
        message = _("NEWS2 %(total)s (incomplete, parameters not measured: %(n)s)",
                    total=score.total, n=len(score.missing))
    else:
        message = _("NEWS2 %(total)s", total=score.total)
    actions = ()
    if score.risk != "low":
        actions = (ProposedAction("task", _("Urgent medical assessment within the hour"),
                                  to_discipline=NAME, due_in=timedelta(hours=1),
                                  detail=message),)
    return Finding(NEWS2_ID, NEWS2_SEVERITY[score.risk], message, NEWS2_ADVICE[score.risk],
                   actions, data={"news2": score.total, "red_flag": score.red_flag,
                                  "risk": score.risk, "parts": score.parts,
                                  "missing": list(score.missing)})


def bp_finding(systolic: int, diastolic: int) -> Finding:
    """The blood-pressure class, with the hypertensive-urgency banner at 180/110 or more."""
    category = classify_bp(systolic, diastolic)
    data = {"bp_class": category, "systolic": systolic, "diastolic": diastolic}
    if hypertensive_urgency(systolic, diastolic):
        return Finding(BP_ID, "urgent", _("Possible hypertensive urgency (%(s)s/%(d)s mmHg)",
                                          s=systolic, d=diastolic),
                       _("Repeat the measurement after 5 minutes of rest. If confirmed: same-day "
                         "medical assessment. Chest pain, shortness of breath, or headache with "
                         "neurological signs: call 911 (hypertensive emergency)."),
                       (ProposedAction("task", _("Immediate medical referral: blood pressure "
                                                 "180/110 or more"), to_discipline=NAME,
                                       due_in=timedelta(hours=1)),), data)
    label = BP_LABELS[category]
    if category in ("optimal", "normal"):
        return Finding(BP_ID, "info", _("Blood pressure %(label)s", label=label), "", (), data)
    if category == "high_normal":
        advice = _("Recheck yearly; encourage healthy lifestyle habits.")
    else:
        advice = _("Confirm with repeated measurements (home or ambulatory) and inform the "
                   "treating physician or IPS.")
    return Finding(BP_ID, "warning", _("Blood pressure %(label)s", label=label), advice, (), data)


def evaluate_news2(context) -> list:
    """Protocol entry point: the NEWS2 finding for the vital-signs entry just saved."""
    payload = context.payload or {}
    if all(payload.get(name) is None for name in NEWS2_PARAMETERS if name != "oxygen"):
        return []
    return [news2_finding(news2(payload))]


def evaluate_bp(context) -> list:
    """Protocol entry point: the blood-pressure finding, when both values were measured."""
    payload = context.payload or {}
    if payload.get("systolic") is None or payload.get("diastolic") is None:
        return []
    return [bp_finding(payload["systolic"], payload["diastolic"])]


def protocol_specs() -> list[ProtocolSpec]:
    """The nursing decision-support protocols."""
    return [
        ProtocolSpec(NEWS2_ID, NEWS2_VERSION, _("NEWS2 early-warning score"), evaluate_news2,
                     form_ids=(VITALS,), authority=_("Royal College of Physicians"),
                     source=NEWS2_SOURCE),
        ProtocolSpec(BP_ID, BP_VERSION, _("Blood pressure classification"), evaluate_bp,
                     form_ids=(VITALS,), authority=_("Hypertension Québec (SQHA)"),
                     source=BP_SOURCE),
    ]
