"""How psychology entries read: a line on the timeline, and plain words for the person.

The person has the right to read their record; the portal text says in everyday words what each
entry is, without jargon and without the clinical details a line cannot carry. Scores always come
with "this is not a diagnosis", and anything touching on suicide with the crisis lines.
"""

from __future__ import annotations

from datetime import date

from core.api import RendererSpec, current_session, format_day, with_phones

from plugins.psychology import _
from plugins.psychology.crisis_lines import read_lines
from plugins.psychology.forms import CLOSURE_REASONS, LEGAL_BASES, MODALITIES, RISK_LEVELS
from plugins.psychology.instruments import (FREQUENCY, GAD7, PHQ9, Instrument, answer_label,
                                            band_label)


def crisis_lines():
    """The coop's crisis lines for the person (the built-in ones when they cannot be read)."""
    return read_lines(current_session())


def _short(text, limit: int = 80) -> str:
    text = " ".join(str(text or "").split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _label(choices, value) -> str:
    return str(dict(choices).get(value, value or ""))


def _day(value) -> str:
    return format_day(date.fromisoformat(value)) if value else ""


# --- Timeline lines ---------------------------------------------------------------------------


def score_summary(instrument: Instrument, payload: dict) -> str:
    """"PHQ-9: 14/27, moderate" (and item 9 when above "not at all")."""
    line = str(_("%(name)s: %(total)s/%(max)s, %(band)s", name=instrument.name,
                 total=payload.get("total"), max=instrument.max_total,
                 band=str(band_label(instrument, payload.get("severity"))).lower()))
    if instrument is PHQ9 and (payload.get("item_9") or 0) > 0:
        line += " — " + str(_("item 9: %(answer)s",
                              answer=answer_label(FREQUENCY, payload["item_9"])))
    return line


def session_summary(payload: dict) -> str:
    """"Session (individual)", and the disclosure of suicidal thoughts when there was one."""
    line = str(_("Session (%(modality)s)",
                 modality=_label(MODALITIES, payload["modality"]).lower()))
    if payload.get("suicide_risk_disclosed"):
        line += " — " + str(_("thoughts of suicide disclosed"))
    return line


SUMMARIES = {
    "psychology.opening": lambda p: str(_("File opened — %(reason)s", reason=_short(p["reason"]))),
    "psychology.anamnesis": lambda p: str(_("Anamnesis — %(text)s",
                                            text=_short(p["presenting_history"]))),
    "psychology.evaluation": lambda p: str(_("Evaluation — %(text)s",
                                             text=_short(p["conclusions"]))),
    "psychology.intervention_plan": lambda p: str(_("Intervention plan — %(text)s",
                                                    text=_short(p["objectives"]))),
    "psychology.progress_note": session_summary,
    "psychology.closure_note": lambda p: str(_("File closed — %(reason)s",
                                               reason=_label(CLOSURE_REASONS, p["reason"]))),
    "psychology.transmission": lambda p: str(_("Sent to %(recipient)s (%(basis)s)",
                                               recipient=_short(p["recipient"], 60),
                                               basis=_label(LEGAL_BASES, p["legal_basis"]))),
    "psychology.risk_estimate": lambda p: str(_("Suicide-risk estimate: %(level)s; next contact "
                                                "%(day)s", level=_label(RISK_LEVELS, p["level"]),
                                                day=_day(p["next_contact_on"]))),
    "psychology.raw_test_data": lambda p: str(_("Raw data: %(test)s (%(day)s)",
                                                test=_short(p["test_name"], 60),
                                                day=_day(p["administered_on"]))),
    "psychology.raw_data_note": lambda p: str(_("Raw data of %(test)s (%(day)s) on file, sealed",
                                                test=_short(p["test_name"], 60),
                                                day=_day(p["administered_on"]))),
    PHQ9.form_id: lambda p: score_summary(PHQ9, p),
    GAD7.form_id: lambda p: score_summary(GAD7, p),
}


# --- Plain language for the person ------------------------------------------------------------


def score_for_member(instrument: Instrument, payload: dict) -> str:
    """The score in everyday words, never as a diagnosis; crisis lines after item 9."""
    what = _("depression") if instrument is PHQ9 else _("anxiety")
    text = str(_("Questionnaire on %(what)s (%(name)s): you scored %(total)s out of %(max)s, in "
                 "the \"%(band)s\" range. This is not a diagnosis; your psychologist will talk it "
                 "over with you.", what=what, name=instrument.name, total=payload.get("total"),
                 max=instrument.max_total, band=str(band_label(instrument,
                                                               payload.get("severity"))).lower()))
    if instrument is PHQ9 and (payload.get("item_9") or 0) > 0:
        lines = crisis_lines()
        text += " " + str(_("If you are thinking about suicide, help is there day and night: "
                            "%(lines)s", lines=lines.text))
        return with_phones(text, lines.phones)  # each number a tel: link for the person
    return text


def risk_estimate_for_member(_payload: dict):
    """The safety plan in everyday words, with the crisis lines (each a tel: link)."""
    lines = crisis_lines()
    return with_phones(_("You and your psychologist looked at your safety together and wrote a "
                         "safety plan. Help is there day and night: %(lines)s",
                         lines=lines.text), lines.phones)


PLAIN = {
    "psychology.opening": lambda p: str(_("Your psychology file was opened. It says why you came "
                                          "and records your consent to the services.")),
    "psychology.anamnesis": lambda p: str(_("Your psychologist wrote down your history, as you "
                                            "told it.")),
    "psychology.evaluation": lambda p: str(_("Your psychologist wrote an evaluation: what was "
                                             "observed, what it may mean, and recommendations. "
                                             "You can ask to go through it together.")),
    "psychology.intervention_plan": lambda p: str(_("Your intervention plan: the goals you agreed "
                                                    "on with your psychologist and how you will "
                                                    "work on them.")),
    "psychology.progress_note": lambda p: str(_("Notes from a session with your psychologist.")),
    "psychology.closure_note": lambda p: str(_("Your psychology file was closed on %(day)s.",
                                               day=format_day(p["closed_on"], "long"))),
    "psychology.transmission": lambda p: str(_("Information from your file was sent to "
                                               "%(recipient)s.",
                                               recipient=_short(p["recipient"], 60))),
    "psychology.risk_estimate": risk_estimate_for_member,
    "psychology.raw_data_note": lambda p: str(_("Your psychologist keeps the raw results of a test "
                                                "(%(test)s) apart, as their professional order "
                                                "requires; your evaluation explains them.",
                                                test=_short(p["test_name"], 60))),
    PHQ9.form_id: lambda p: score_for_member(PHQ9, p),
    GAD7.form_id: lambda p: score_for_member(GAD7, p),
}

RENDERERS = [RendererSpec(form_id=form_id, summary=summary, plain_language=PLAIN.get(form_id))
             for form_id, summary in SUMMARIES.items()]
