"""How herbalism entries read: a line on the timeline, plain language for the person.

Renderers run when an entry is shown, in the reader's language; the check's texts are stored in
French and English, so the person reads the cautions in their own language.
"""

from __future__ import annotations

from core.api import RendererSpec, reader_language

from plugins.herbalism import _
from plugins.herbalism.alerts import SEVERITY_WORDS
from plugins.herbalism.facts import named, named_as_written
from plugins.herbalism.forms import CONSULTATION, FOLLOW_UP, INTAKE, RECHECK, RECOMMENDATION
from plugins.herbalism.knowledge import text
from plugins.herbalism.rows import recheck_rows, recommendation_rows


def _herb(payload: dict) -> str:
    """The herb in the reader's language when the register has it, else as the entry stored it
    (in its writer's language)."""
    return named(payload.get("herb", ""), payload.get("herb_name", ""))


def recommendation_summary(payload: dict) -> str:
    """"Millepertuis (...) — 300 mg, 6 semaines · contraindication overridden"."""
    check = payload.get("check") or {}
    line = str(_("%(herb)s — %(dose)s, %(duration)s", herb=_herb(payload),
                 dose=payload.get("dose", ""), duration=payload.get("duration", "")))
    if payload.get("outcome") == "overridden":
        return line + " · " + str(_("contraindication overridden"))
    if check.get("highest"):
        return line + " · " + str(_("check: %(severity)s",
                                    severity=SEVERITY_WORDS[check["highest"]]))
    return line + " · " + str(_("check: no interaction found"))


def cautions(payload: dict, locale: str) -> list[str]:
    """The check's cautions in plain words (effect, then what to do), most severe first."""
    check = payload.get("check") or {}
    return [f"{text(a['about'], locale)} : {text(a['effect'], locale)}. {text(a['advice'], locale)}"
            if locale.startswith("fr") else
            f"{text(a['about'], locale)}: {text(a['effect'], locale)}. {text(a['advice'], locale)}"
            for a in check.get("alerts", [])]


def recommendation_plain(payload: dict) -> str:
    """What the person reads in the portal: the herb, how to take it, the cautions."""
    parts = [str(_("Herb: %(herb)s.", herb=_herb(payload))),
             str(_("How to take it: %(preparation)s, %(dose)s, for %(duration)s.",
                   preparation=payload.get("preparation", ""), dose=payload.get("dose", ""),
                   duration=payload.get("duration", "")))]
    if payload.get("instructions"):
        parts.append(payload["instructions"])
    found = cautions(payload, reader_language())
    if found:
        parts.append(str(_("Be careful: %(cautions)s", cautions=" ".join(found))))
    parts.append(str(_("Tell your pharmacist, nurse and physician that you take it, and stop "
                       "if you feel unwell.")))
    return " ".join(parts)


def recheck_summary(payload: dict) -> str:
    """"Interaction re-check of ... after sertraline: Contraindicated"."""
    check = payload.get("check") or {}
    if not check.get("ran", True):
        return str(_("Interaction check for %(herb)s did not run", herb=_herb(payload)))
    return str(_("Interaction re-check of %(herb)s after %(changed)s: %(severity)s",
                 herb=_herb(payload), changed=payload.get("changed", ""),
                 severity=SEVERITY_WORDS.get(check.get("highest"), _("nothing found"))))


RENDERERS = [
    RendererSpec(INTAKE, lambda p: str(_("Herbal intake: %(reason)s", reason=p.get("reason", "")))),
    RendererSpec(CONSULTATION, lambda p: str(_("Consultation: %(reason)s", reason=p.get("reason", "")))),
    # the printed chart and the CSV read the check in words (``rows``), not as raw data
    RendererSpec(RECOMMENDATION, recommendation_summary, recommendation_plain,
                 rows=recommendation_rows),
    # the herb as written (copied from the summary in its writer's language), named in the
    # reader's when the register knows it
    RendererSpec(FOLLOW_UP, lambda p: str(_("Follow-up of %(herb)s",
                                            herb=named_as_written(p.get("herb", "")))
                                          + (" · " + str(_("adverse reaction"))
                                             if p.get("adverse_reaction") else ""))),
    # the check as the recommendation page shows it (alerts, drugs not checked, no dose for
    # the person's age...), not the stored result as raw data
    RendererSpec(RECHECK, recheck_summary, template="herbalism/_recheck_entry.html",
                 rows=recheck_rows),
]
