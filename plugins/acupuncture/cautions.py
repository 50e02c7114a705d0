"""Chapter 4a: caution points and cautions from the shared clinical summary.

Three rules, each a pure function of the clinical summary and the session's points, with their
lists in ``data/cautions.json`` (versioned, with sources):

* **Pregnancy** (status "pregnant" in the summary) and a traditionally forbidden point (LI4,
  SP6, BL60, BL67, GB21, points of the lower abdomen and the lumbosacral region): a warning that
  needs an acknowledgement and a written rationale. Trials and a large cohort found no excess
  miscarriage or preterm birth after needling these points, so there is no hard block: the
  record shows the decision. An *unknown* pregnancy status with such a point asks the question.
* **Pneumothorax**: points over the lung (GB21, thorax, supraclavicular fossa, scapula) are
  flagged with the person's risk factors found in the summary (COPD, emphysema, tuberculosis,
  lung cancer, thoracic surgery, thin build), and the session cannot close without the position.
* **Anticoagulants and corticosteroids** on the summary's medication list: a caution on the form.

:func:`evaluate` never fails silently: if the summary cannot be read or a rule raises, it
returns a ``check_failed`` caution that the acupuncturist sees in place of the missing rule.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from core.api import reader_language

from plugins.acupuncture import _, ngettext
from plugins.acupuncture.points import fold, shown

DATA = Path(__file__).parent / "data" / "cautions.json"
log = logging.getLogger(__name__)

PREGNANCY, PREGNANCY_UNKNOWN = "pregnancy", "pregnancy_unknown"
PNEUMOTHORAX, ANTICOAGULANT, CORTICOSTEROID = "pneumothorax", "anticoagulant", "corticosteroid"
CHECK_FAILED = "check_failed"
#: a rule by name, for a reader (an acknowledgement in the person's export)
RULE_TITLES = {PREGNANCY: _("Pregnancy"), PNEUMOTHORAX: _("Pneumothorax")}

RISK_FACTOR_LABELS = {
    "copd": _("COPD or emphysema"), "tuberculosis": _("tuberculosis"),
    "lung_cancer": _("lung cancer"), "thoracic_surgery": _("thoracic surgery"),
    "thin_build": _("thin build or low weight"),
}


@dataclass(frozen=True)
class Caution:
    """One caution shown on the session form."""

    rule: str
    severity: str  # "info" | "warning" | "urgent"
    message: str
    point: str | None = None
    #: the acupuncturist must acknowledge it with a written rationale before needling
    needs_ack: bool = False
    details: tuple[str, ...] = field(default=())


@cache
def rules_data() -> dict:
    """The lists of ``data/cautions.json`` (points, words and codes, sources, version)."""
    return json.loads(DATA.read_text(encoding="utf-8"))


def pregnancy_points() -> dict[str, str]:
    """Traditionally forbidden points -> why: "named", "lower_abdomen" or "lumbosacral"."""
    data = rules_data()["pregnancy"]
    found: dict[str, str] = {}
    for group in ("named", "lower_abdomen", "lumbosacral"):
        for code in data[group]:
            found.setdefault(code, group)
    return found


def pneumothorax_points() -> frozenset[str]:
    """Points over the lung apex, thorax or scapula."""
    return frozenset(rules_data()["pneumothorax"]["points"])


def _matches(items, spec: dict) -> list[str]:
    """Labels of summary items whose code starts with one of ``spec["codes"]`` or whose label
    contains one of ``spec["words"]`` (accents and case ignored)."""
    codes = [c.upper() for c in spec["codes"]]
    words = [fold(w) for w in spec["words"]]
    hits = []
    for item in items:
        code = (item.code or "").upper().replace("ICD-10:", "").replace("ICD10:", "")
        label = fold(item.label)
        if any(code.startswith(c) for c in codes if c) or any(w in label for w in words):
            hits.append(item.label)
    return hits


def risk_factors(summary) -> list[str]:
    """The person's pneumothorax risk factors found in the summary's problems (translated)."""
    factors = rules_data()["pneumothorax"]["risk_factors"]
    return [str(RISK_FACTOR_LABELS[key]) for key, spec in factors.items()
            if _matches(summary.problems, spec)]


_GROUP_LABELS = {"named": _("a traditionally forbidden point"),
                 "lower_abdomen": _("a point of the lower abdomen"),
                 "lumbosacral": _("a point of the lumbosacral region")}


def pregnancy_cautions(summary, codes: Iterable[str]) -> list[Caution]:
    """Forbidden points for a pregnant person (acknowledgement needed), or the question when the
    pregnancy status is unknown."""
    forbidden = pregnancy_points()
    locale = reader_language()
    out = []
    for code in dict.fromkeys(codes):
        group = forbidden.get(code)
        if group is None:
            continue
        # the message names the point as the session's table does ("GI4 (LI4)" in French);
        # ``point`` keeps the WHO code, which acknowledgements are matched and stored by
        if summary.pregnancy == "pregnant":
            out.append(Caution(PREGNANCY, "urgent", str(_(
                "Pregnancy: %(code)s is %(why)s in pregnancy. The evidence does not support a "
                "ban; acknowledge and write your rationale to needle it.",
                code=shown(code, locale), why=_GROUP_LABELS[group])), point=code,
                needs_ack=True))
        elif summary.pregnancy == "unknown":
            out.append(Caution(PREGNANCY_UNKNOWN, "info", str(_(
                "%(code)s is traditionally avoided in pregnancy and the summary does not say "
                "whether the person is pregnant: ask, and record the answer in the summary.",
                code=shown(code, locale))), point=code))
    return out


def pneumothorax_cautions(summary, codes: Iterable[str], position: str | None) -> list[Caution]:
    """Points over the lung, with the person's risk factors and whether the position is known."""
    risky = [c for c in dict.fromkeys(codes) if c in pneumothorax_points()]
    if not risky:
        return []
    factors = risk_factors(summary)
    details = [str(_("Risk factors in the summary: %(list)s", list=", ".join(factors)))
               if factors else str(_("No risk factor in the summary (COPD, emphysema, thin "
                                     "build...): check with the person."))]
    if not position:
        details.append(str(_("Record the person's position: it is required to close.")))
    locale = reader_language()
    return [Caution(PNEUMOTHORAX, "urgent" if factors else "warning", str(ngettext(
        "Pneumothorax risk: %(codes)s lies over the lung. Needle shallow and oblique.",
        "Pneumothorax risk: %(codes)s lie over the lung. Needle shallow and oblique.",
        len(risky), codes=", ".join(shown(c, locale) for c in risky))),
        details=tuple(details))]


def medication_cautions(summary) -> list[Caution]:
    """Anticoagulants (bleeding, haematoma) and corticosteroids (infection, fragile skin)."""
    data = rules_data()["medication"]
    out = []
    anticoagulants = _matches(summary.medications, data["anticoagulant"])
    if anticoagulants:
        out.append(Caution(ANTICOAGULANT, "warning", str(_(
            "Anticoagulant or antiplatelet: %(drugs)s. Expect bleeding; press longer after "
            "removal, avoid deep needling and cupping over fragile areas.",
            drugs=", ".join(anticoagulants)))))
    steroids = _matches(summary.medications, data["corticosteroid"])
    if steroids:
        out.append(Caution(CORTICOSTEROID, "warning", str(_(
            "Corticosteroid: %(drugs)s. Higher risk of infection and fragile skin; disinfect "
            "with care and watch the puncture sites.", drugs=", ".join(steroids)))))
    return out


def _failed(what) -> Caution:
    return Caution(CHECK_FAILED, "urgent", str(_(
        "The %(check)s check could not run: check the clinical summary yourself before "
        "needling.", check=what)))


def evaluate(load_summary: Callable[[], object], codes: Iterable[str],
             position: str | None = None) -> tuple[object | None, list[Caution]]:
    """(the summary or None, every caution for these points), each rule run on its own.

    A rule that cannot run (the summary cannot be read, a rule raises) becomes a
    ``check_failed`` caution naming it: the acupuncturist always sees what was not checked.
    """
    codes = list(codes)
    try:
        summary = load_summary()
    except Exception:  # noqa: BLE001 - any failure must reach the screen, not only the log
        log.exception("acupuncture: the clinical summary could not be read")
        return None, [_failed(_("clinical summary (pregnancy, lung, medication)"))]
    out: list[Caution] = []
    rules = ((_("pregnancy"), lambda: pregnancy_cautions(summary, codes)),
             (_("pneumothorax"), lambda: pneumothorax_cautions(summary, codes, position)),
             (_("medication"), lambda: medication_cautions(summary)))
    for what, rule in rules:
        try:
            out.extend(rule())
        except Exception:  # noqa: BLE001 - same: shown, not swallowed
            log.exception("acupuncture: caution rule %s failed", what)
            out.append(_failed(what))
    return summary, out
