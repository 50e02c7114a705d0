"""The lines of a recommendation or a re-check on the printed chart and in the chart's CSV.

Core prints an entry and writes its CSV rows through the renderer's ``rows``; without them the
stored check result would be read as raw data. Here it reads as the recommendation page reads
it: the herb in the reader's language, the outcome, each alert with its severity word, what was
checked and what could not be, and the age the monograph gives no dose for.
"""

from __future__ import annotations

from core.api import reader_language

from plugins.herbalism import _
from plugins.herbalism.alerts import alert_message, sources_line
from plugins.herbalism.facts import named
from plugins.herbalism.forms import CHECK_KEYS, OUTCOMES
from plugins.herbalism.knowledge import text
from plugins.herbalism.words import word

STAGES = {"pregnancy": _("pregnancy"), "lactation": _("breastfeeding")}


def _sentence(words: str) -> str:
    """``words`` closed by a period, so the alert, its advice and its source read as sentences
    on one line ("...hémorragies) Suivre de près" otherwise)."""
    words = words.strip()
    return words if not words or words.endswith((".", "!", "?")) else words + "."


def check_rows(check: dict, herb: str, locale: str) -> list[tuple[str, str]]:
    """(label, value) lines of a stored check result (``CheckResult.as_dict()``)."""
    if not check.get("ran", False):
        return [(str(_("Interaction check")), " ".join(filter(None, (
            str(_("The interaction check did not run.")), check.get("error", "")))))]
    rows = [(str(CHECK_KEYS["alerts"]), " ".join((_sentence(alert_message(a, herb, locale)),
                                                   _sentence(text(a.get("advice"), locale)),
                                                   sources_line(a))))
            for a in check.get("alerts", [])]
    if not rows:
        rows.append((str(CHECK_KEYS["alerts"]),
                     str(_("No interaction found with the medications that have an ATC code."))))
    if check.get("not_checked"):
        rows.append((str(CHECK_KEYS["not_checked"]), ", ".join(check["not_checked"])))
    if check.get("unknown"):
        rows.append((str(CHECK_KEYS["unknown"]),
                     ", ".join(str(STAGES.get(s, s)) for s in check["unknown"])))
    if check.get("no_dose_for"):
        said = str(_("the monograph gives none for %(group)s. Do not recommend it without a "
                     "dose for this age from a reliable source.",
                     group=word("population", check["no_dose_for"]).lower()))
        # the page's sentence follows its bold label; on its own line it starts a sentence
        rows.append((str(CHECK_KEYS["no_dose_for"]), said[:1].upper() + said[1:]))
    if check.get("checked"):
        rows.append((str(CHECK_KEYS["checked"]),
                     ", ".join(text(c, locale) for c in check["checked"])))
    return rows


def recommendation_rows(payload: dict) -> list[tuple[str, str]]:
    """A recommendation: what, how, how long, the outcome, then its check."""
    locale, herb = reader_language(), named(payload.get("herb", ""), payload.get("herb_name", ""))
    rows = [(str(_("Herb")), herb),
            (str(_("Monograph version")), str(payload.get("monograph_version", ""))),
            (str(_("Preparation")), payload.get("preparation", "")),
            (str(_("Dose")), payload.get("dose", "")),
            (str(_("Duration")), payload.get("duration", ""))]
    if payload.get("instructions"):
        rows.append((str(_("Instructions for the person")), payload["instructions"]))
    outcome = payload.get("outcome", "")
    rows.append((str(_("Interaction check")), str(dict(OUTCOMES).get(outcome, outcome))))
    if payload.get("override_reason"):
        rows.append((str(_("Reason for overriding the contraindication")),
                     payload["override_reason"]))
    return rows + check_rows(payload.get("check") or {}, herb, locale)


def recheck_rows(payload: dict) -> list[tuple[str, str]]:
    """A re-check: the herb, what changed in the summary, then the check."""
    herb = named(payload.get("herb", ""), payload.get("herb_name", ""))
    rows = [(str(_("Herb")), herb),
            (str(_("What changed in the summary")), payload.get("changed", ""))]
    if payload.get("monograph_version"):
        rows.append((str(_("Monograph version")), str(payload["monograph_version"])))
    return rows + check_rows(payload.get("check") or {}, herb, reader_language())
