"""The psychology record as the plugin reads and completes it, always through core's services.

* the panel a psychologist sees on the chart while a risk assessment is under way;
* the note that raw test data exists, added beside every sealed raw-data entry;
* a person's scores for the trajectory page;
* the assessment tasks a recorded risk estimate answers, closed as done.
"""

from __future__ import annotations

from sqlalchemy import select, update

from core.api import AccessDenied, Action, PanelSpec, close_action, entries_for, record_entry

from plugins.psychology import _
from plugins.psychology.access import DISCIPLINE, is_psychologist
from plugins.psychology.crisis_lines import (CrisisList, lines_answered, lines_asked,
                                             shown_dialable, unreadable)
from plugins.psychology.instruments import GAD7, INSTRUMENTS, PHQ9, band_label
from plugins.psychology.models import AccessDelay
from plugins.psychology.protocols import (RISK_ESTIMATE_FORM, SAFETY_ID, assessment_open,
                                          safety_history)

RAW_DATA_FORM, RAW_DATA_NOTE_FORM = "psychology.raw_test_data", "psychology.raw_data_note"


#: the panel's question (``chart_panel_reads``): the coop's crisis lines
CRISIS_LINES = "psychology.crisis_lines"


def panel_reads(viewer) -> dict:
    """The crisis lines, asked with the other panels' questions (for psychologists only): the
    panel then sends no statement of its own. A list the database refuses there marks the
    plugin faulty: core's notice stands in for the panels, followed by :func:`unanswered_panel`
    (the built-in lines, when an assessment is under way)."""
    return {CRISIS_LINES: lines_asked()} if is_psychologist(viewer) else {}


def safety_panel(session, person, viewer, reads) -> list[PanelSpec]:
    """For psychologists: the assessment under way, with the crisis lines (``reads``: the
    chart's answers); the latest scores. The entries are those the chart has read."""
    if not is_psychologist(viewer):
        return []
    panels = []
    if assessment_open(safety_history(session, person.id, viewer=viewer)):
        panels.append(_risk_panel(lines_answered(reads[CRISIS_LINES])))
    latest = latest_scores(session, person.id, viewer)
    if latest:
        panels.append(PanelSpec("psychology.scores", _("Latest questionnaires"), lines=tuple(
            _("%(name)s: %(total)s (%(band)s)", name=i.name, total=p["total"],
              band=band_label(i, p["severity"])) for i, p in latest)))
    return panels


def unanswered_panel(session, person, viewer) -> list[PanelSpec]:
    """The chart's question for the crisis lines was refused: a psychologist with a person at
    risk still sees the built-in lines (they need no database), told that the coop's list could
    not be read. Nothing else is shown in the panel's place: core's notice says it is missing."""
    if not is_psychologist(viewer) or not assessment_open(
            safety_history(session, person.id, viewer=viewer)):
        return []
    return [_risk_panel(unreadable())]


def _risk_panel(crisis: CrisisList) -> PanelSpec:
    """The assessment under way, with ``crisis``' lines and, when they stand in, why."""
    lines = (_("A suicide-risk assessment is under way: no risk estimate recorded yet."),
             *(shown_dialable(line) for line in crisis.lines),  # each number a tel: link
             *((crisis.problem,) if crisis.problem else ()))
    return PanelSpec("psychology.safety", _("Suicide risk"), lines=lines, severity="urgent")


def scores_of(session, person_id: int, viewer) -> dict:
    """Each instrument's (when, total, severity) of the person, oldest first, as ``viewer``
    may read them."""
    found = {PHQ9.code: [], GAD7.code: []}
    for entry in reversed(entries_for(session, person_id, form_ids=list(INSTRUMENTS),
                                      viewer=viewer)):
        instrument = INSTRUMENTS[entry.form_id]
        found[instrument.code].append((entry.occurred_at, entry.payload["total"],
                                       entry.payload["severity"]))
    return found


def latest_scores(session, person_id: int, viewer) -> list:
    """(instrument, payload) of the newest PHQ-9 and GAD-7 the viewer may read."""
    out = []
    for instrument in (PHQ9, GAD7):
        entries = entries_for(session, person_id, form_ids=[instrument.form_id], viewer=viewer)
        if entries:
            out.append((instrument, entries[0].payload))
    return out


def note_raw_data(session, entry) -> None:
    """After raw test data is first recorded, the record says that it exists (C-26, r. 221)."""
    if entry.form_id != RAW_DATA_FORM or entry.status != "final":
        return
    record_entry(session, person=entry.person_id, form_id=RAW_DATA_NOTE_FORM,
                 payload={"test_name": entry.payload["test_name"],
                          "administered_on": entry.payload["administered_on"]},
                 author=entry.author, encounter=entry.encounter_id)


def close_answered_tasks(session, entry) -> None:
    """A risk estimate recorded: the same-day assessment tasks it answers are done.

    The rule of the chart's panel decides (:func:`assessment_open`): when no assessment is
    under way any more, every open task of the safety rule for the person is closed by the
    estimate's author, as if they had ticked "Done" in their task list. An estimate dated
    before a later positive answer leaves the assessment, and its task, open.
    """
    if entry.form_id != RISK_ESTIMATE_FORM or entry.status == "entered_in_error":
        return
    if assessment_open(safety_history(session, entry.person_id)):
        return
    tasks = session.scalars(select(Action).where(
        Action.person_id == entry.person_id, Action.status == "open",
        Action.protocol_id == SAFETY_ID, Action.to_discipline == DISCIPLINE)).all()
    for task in tasks:
        try:
            close_action(session, task, account=entry.author)
        except AccessDenied:
            # not routed to the author (the person refused them): the task stays in the
            # psychologists' list, where a colleague closes it; nothing is hidden
            continue


def move_delays(session, kept, merged) -> None:
    """Two records of one person became one: the delays follow their entries."""
    session.execute(update(AccessDelay).where(AccessDelay.person_id == merged.id)
                    .values(person_id=kept.id))
