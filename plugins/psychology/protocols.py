"""Decision support: the PHQ-9 item-9 safety rule, and when a score calls for a closer look.

Item 9 asks about "thoughts that you would be better off dead or of hurting yourself". Any answer
above "not at all" is clinically significant whatever the total: the person is seen the same day
by someone competent to estimate suicide risk, and the crisis lines are on the screen. The same
goes for a disclosure noted in a progress note.

The opposite does not hold. Most people who die by suicide answered "not at all" (Simon et al.
2013), so a later "not at all" never closes an assessment that is under way: only the clinician's
recorded risk estimate does. The rules below are pure functions of the answers and of the
person's history, so they can be read and tested on their own.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from core.api import Finding, ProposedAction, ProtocolSpec, coop_zone, entries_for

from plugins.psychology import _
from plugins.psychology.crisis_lines import BUILT_IN, CrisisList, read_lines
from plugins.psychology.instruments import FREQUENCY, GAD7, PHQ9, answer_label

SAFETY_ID = "psychology.phq9_item9_safety"
FOLLOW_UP_ID = "psychology.score_follow_up"
RISK_ESTIMATE_FORM = "psychology.risk_estimate"
PROGRESS_NOTE_FORM = "psychology.progress_note"
SOURCES = ("https://www.calcipedia.org/calculators/phq-9-calculator ; "
           "https://ps.psychiatryonline.org/doi/10.1176/appi.ps.201200587")


def end_of_local_day(now: datetime, zone: str) -> timedelta:
    """Time left until midnight where the coop is: "the same day" means today, locally."""
    local = now.astimezone(ZoneInfo(zone))
    midnight = datetime.combine(local.date() + timedelta(days=1), time(0), tzinfo=local.tzinfo)
    return midnight - local


def triggers_safety(form_id: str, payload: dict) -> bool:
    """Does this entry call for a same-day suicide-risk assessment?"""
    if form_id == PHQ9.form_id:
        return (payload.get("item_9") or 0) > 0
    if form_id == PROGRESS_NOTE_FORM:
        return bool(payload.get("suicide_risk_disclosed"))
    return False


def assessment_open(history: list[tuple[datetime, str, dict]]) -> bool:
    """Is a suicide-risk assessment under way? ``history``: (when, form id, payload) entries.

    It opens with an entry that triggers the safety rule and closes only with a recorded risk
    estimate: a later "not at all" on item 9 changes nothing.
    """
    open_ = False
    for _when, form_id, payload in sorted(history, key=lambda h: h[0]):
        if triggers_safety(form_id, payload):
            open_ = True
        elif form_id == RISK_ESTIMATE_FORM:
            open_ = False
    return open_


def safety_findings(form_id: str, payload: dict, *, already_open: bool, due_in: timedelta,
                    amends_trigger: bool = False, lines: CrisisList | None = None) -> list[Finding]:
    """The item-9 rule for one saved entry.

    ``already_open``: an assessment was under way before this entry; ``due_in``: time left in
    the day, the deadline of the assessment task; ``amends_trigger``: the entry corrects a
    version that already triggered the rule (its task exists: no second one); ``lines``: the
    coop's crisis lines as read (the built-in ones when None), with why they stand in if so.
    """
    lines = lines or CrisisList(BUILT_IN)
    data: dict = {"crisis_lines": lines.data()}
    if lines.problem:
        data["crisis_lines_problem"] = str(lines.problem)
    if triggers_safety(form_id, payload):
        if form_id == PHQ9.form_id:
            message = _("PHQ-9 item 9: thoughts of death or self-harm reported (%(answer)s), "
                        "whatever the total.", answer=answer_label(FREQUENCY, payload["item_9"]))
        else:
            message = _("Thoughts of suicide or self-harm disclosed during the session.")
        task = ProposedAction(
            kind="task", title=_("Suicide-risk assessment today"), to_discipline="psychology",
            due_in=due_in, one_open=True,  # a second positive answer: the same task, noted
            detail=_("Estimate the suicide risk today, with a clinician trained to do so, and "
                     "record the outcome (level, safety plan, who was informed)."))
        return [Finding(SAFETY_ID, "urgent", message,
                        advice=_advice(_("See the person today. Crisis lines: %(lines)s",
                                         lines=lines.text), lines),
                        actions=() if amends_trigger else (task,),
                        data={**data, "item_9": payload.get("item_9")}, phones=lines.phones)]
    if form_id == PHQ9.form_id and already_open:
        return [Finding(SAFETY_ID, "warning",
                        _("Item 9 answered \"not at all\": this does not close the suicide-risk "
                          "assessment under way."),
                        advice=_advice(_("Only a recorded risk estimate closes it. Crisis "
                                         "lines: %(lines)s", lines=lines.text), lines),
                        data=data, phones=lines.phones)]
    return []


class _Advice:
    """The advice, then why the built-in lines stand in (rendered in the reader's language)."""

    def __init__(self, advice, problem):
        self.advice, self.problem = advice, problem

    def __str__(self) -> str:
        return f"{self.advice} {self.problem}" if self.problem else str(self.advice)


def _advice(advice, lines: CrisisList):
    return _Advice(advice, lines.problem) if lines.problem else advice


def follow_up_findings(form_id: str, payload: dict) -> list[Finding]:
    """PHQ-9 or GAD-7 total of 10 or more: a further clinical evaluation is recommended."""
    instrument = {PHQ9.form_id: PHQ9, GAD7.form_id: GAD7}.get(form_id)
    points = payload.get("total")
    if instrument is None or points is None or points < 10:
        return []
    return [Finding(FOLLOW_UP_ID, "warning",
                    _("%(name)s total %(total)s: 10 or more.", name=instrument.name, total=points),
                    advice=_("A clinical evaluation is recommended; a questionnaire is not a "
                             "diagnosis."),
                    data={"total": points, "severity": payload.get("severity")})]


# --- What core evaluates ----------------------------------------------------------------------


def evaluate_safety(context) -> list[Finding]:
    """After a PHQ-9 or a progress note is saved (on the chart, the panel says it instead)."""
    if context.entry is None:
        return []

    history = safety_history(context.session, context.person.id, exclude=context.entry)
    now = context.now or datetime.now(ZoneInfo("UTC"))
    due = end_of_local_day(now, coop_zone().key)
    previous = context.entry.supersedes
    return safety_findings(context.entry.form_id, context.payload or {},
                           already_open=assessment_open(history), due_in=due,
                           lines=read_lines(context.session),
                           amends_trigger=previous is not None and triggers_safety(
                               previous.form_id, previous.payload))


def evaluate_follow_up(context) -> list[Finding]:
    """After a PHQ-9 or a GAD-7 is saved."""
    if context.entry is None:
        return []
    return follow_up_findings(context.entry.form_id, context.payload or {})


PROTOCOLS = [
    ProtocolSpec(
        id=SAFETY_ID, version="1", title=_("PHQ-9 item 9: same-day suicide-risk assessment"),
        evaluate=evaluate_safety, form_ids=(PHQ9.form_id, PROGRESS_NOTE_FORM),
        authority=_("Clinical practice for the PHQ-9 (Kroenke et al. 2001); Quebec suicide "
                    "prevention practice"),
        valid_from=date(2025, 1, 1), source=SOURCES),
    ProtocolSpec(
        id=FOLLOW_UP_ID, version="1", title=_("PHQ-9 or GAD-7 of 10 or more"),
        evaluate=evaluate_follow_up, form_ids=(PHQ9.form_id, GAD7.form_id),
        authority=_("Scoring guides of the PHQ-9 and the GAD-7"), valid_from=date(2025, 1, 1),
        source="https://www.mrcpsych.uk/search/label/GAD-7"),
]


SAFETY_FORMS = (PHQ9.form_id, PROGRESS_NOTE_FORM, RISK_ESTIMATE_FORM)


def safety_history(session, person_id: int, exclude=None,
                   viewer=None) -> list[tuple[datetime, str, dict]]:
    """(when, form id, payload) of the entries the safety rule reads, minus ``exclude``."""
    skip = exclude.id if exclude is not None else None
    return [(e.occurred_at, e.form_id, e.payload)
            for e in entries_for(session, person_id, form_ids=SAFETY_FORMS, viewer=viewer)
            if e.id != skip]
