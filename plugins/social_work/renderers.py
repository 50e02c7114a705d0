"""How the plugin's entries read: a timeline line for staff, plain words for the person.

Record forms are confidential to social work and their content is the social worker's to
explain, so the person's portal shows their title only. Screens say in plain words what the
answers show and what the coop can do, never a score.
"""

from __future__ import annotations

from core.api import RendererSpec

from plugins.social_work import _
from plugins.social_work.needs import need_label
from plugins.social_work.record import SUMMARIES
from plugins.social_work.screening import HRSN, HRSN_SAFETY, UCLA3


def hrsn_summary(payload: dict) -> str:
    """"Social needs: housing, transportation (safety follow-up)" or "no need found"."""
    # the needs' names inside the line, not capitalised as where they stand alone
    needs = ", ".join(need_label(n).lower() for n in payload.get("positives") or [])
    text = (str(_("Social needs: %(needs)s", needs=needs)) if needs
            else str(_("Social needs: none found (food: see the Hunger Vital Sign)")))
    if payload.get("safety_followup"):
        text += " · " + str(_("safety follow-up"))
    return text


def hrsn_plain(payload: dict) -> str:
    """What the person reads in the portal."""
    needs = ", ".join(need_label(n).lower() for n in payload.get("positives") or [])
    if not needs:
        return str(_("Your answers do not show a need for help with housing, transportation, "
                     "utilities or safety."))
    return str(_("Your answers show that help could be useful with: %(needs)s. A social worker "
                 "can suggest services near you, if you wish.", needs=needs))


def safety_summary(payload: dict) -> str:
    """The safety part, for social work: the total, and the follow-up when the rule asks it."""
    text = str(_("Interpersonal safety: %(total)s of 20", total=payload.get("safety_total", "?")))
    if payload.get("safety_followup"):
        text += " · " + str(_("safety follow-up"))
    return text


def ucla3_summary(payload: dict) -> str:
    """The raw total, always (the threshold is the coop's and may change)."""
    return str(_("Loneliness (UCLA-3): %(total)s of 9", total=payload.get("total", "?")))


def ucla3_plain(payload: dict) -> str:
    """A neutral sentence: loneliness is common and the coop has groups."""
    return str(_("You answered three questions about feeling alone. If you wish, the coop can "
                 "suggest groups and activities near you."))


RENDERERS = [RendererSpec(HRSN, hrsn_summary, hrsn_plain),
             RendererSpec(HRSN_SAFETY, safety_summary),
             RendererSpec(UCLA3, ucla3_summary, ucla3_plain)] + [
    RendererSpec(form_id, summary) for form_id, summary in SUMMARIES.items()]
