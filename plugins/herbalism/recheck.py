"""The check again, whenever the shared summary changes under an herb already recommended.

A nurse adding sertraline for someone already taking St John's wort must see the alert at once
and the herbalist must hear of it. Core tells every plugin of each summary change
(``summary_changed``); for each herb of the person's summary this module runs the check again
and, when the change raised something (or the check could not run), registers the check and
writes an "interaction re-check" entry in the name of whoever made the change: its protocol
puts the alert on that person's screen and a task on the herbalist's work list. The chart's
live protocol (:func:`plugins.herbalism.protocols.evaluate_live`) keeps showing the alert for
as long as both lines stay in the summary.
"""

from __future__ import annotations

import logging

from core.api import AccessDenied, clinical_summary, reader_language, record_entry, utcnow

from plugins.herbalism import monographs
from plugins.herbalism.engine import run_check
from plugins.herbalism.facts import (HERB, age_of, from_summary, herb_lines, latest_intake,
                                     register_names)
from plugins.herbalism.forms import RECHECK, RECHECK_WORKFLOW
from plugins.herbalism.knowledge import herb_name
from plugins.herbalism.models import Check
from plugins.herbalism.recommend import outcome_of

log = logging.getLogger(__name__)
WATCHED = ("medication", "allergy", "pregnancy", "breastfeeding")
#: which alerts a change of each kind of line can raise
ALERT_KINDS = {"allergy": {"allergy"}, "pregnancy": {"pregnancy"}, "breastfeeding": {"lactation"}}


def on_summary_changed(session, item, change: str, actor) -> list[Check]:
    """Re-run the check for the person's herbs when ``item`` was added; register what it raised."""
    if change != "added" or item.kind not in WATCHED:
        return []
    if (item.code or "").startswith(HERB) and item.entry_id is not None:
        return []  # the line a recommendation just wrote, after its own check
    summary = clinical_summary(session, item.person_id)
    herbs = herb_lines(summary)
    if not herbs:
        return []
    # the age too: a monograph without a dose for it is said on the re-check as on the
    # recommendation page
    facts = from_summary(summary, latest_intake(session, item.person_id),
                         age_of(session, item.person_id), register_names(session))
    locale = reader_language()
    registered = []
    for herb in herbs:
        row = monographs.current(session, herb)
        result = run_check(row.document if row else None, facts, row.version if row else None)
        if not _concerns(result, item, herb):
            continue
        name = herb_name(row.document, locale) if row else herb
        check = Check(person_id=item.person_id, herb=herb, trigger="medication_change",
                      monograph_version_id=row.id if row else None, result=result.as_dict(),
                      outcome=outcome_of(result),
                      actor_id=getattr(actor, "id", None), created_at=utcnow())
        session.add(check)
        session.flush()
        check.entry_id = _write_entry(session, item, actor, herb, name, row, result)
        registered.append(check)
    return registered


def _concerns(result, item, herb: str) -> bool:
    """Did this change raise something for this herb (or stop the check from running)?"""
    if not result.ran:
        return True
    if item.kind == "medication":
        if (item.code or "") == f"{HERB}{herb}":
            return bool(result.alerts or result.not_checked)  # the herb itself, added by hand
        return item.label in result.not_checked or any(
            a["kind"] == "drug" and a["about"]["en"] == item.label for a in result.alerts)
    return any(a["kind"] in ALERT_KINDS[item.kind] for a in result.alerts)


def _write_entry(session, item, actor, herb, name, row, result) -> int | None:
    """The re-check entry in the actor's name (its protocol raises the alert and the task)."""
    if actor is None:
        return None  # a command or a job: the register and the chart's live alert remain
    try:
        entry = record_entry(session, person=item.person_id, form_id=RECHECK, author=actor,
                             workflow=RECHECK_WORKFLOW,
                             payload={"herb": herb, "herb_name": name,
                                      "monograph_version": row.version if row else None,
                                      "changed": item.label, "check": result.as_dict()})
    except AccessDenied:
        log.warning("herbalism re-check: %s may not write in chart %s", actor.id, item.person_id)
        return None
    return entry.id
