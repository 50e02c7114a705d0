"""Recommending an herb: the one place where it is decided and written down.

:func:`recommend` reads the current monograph and the person's facts, runs the check, and
then either refuses (a contraindication without a reason; kava, whatever the reason; a check
that did not run) or records, in one transaction: the chart entry (its protocol raises the
findings and, for an override, the task informing the nurse or physician), the herb in the
shared summary as an active natural health product (so nursing's warfarin OC and every other
discipline see it), and the check in the plugin's register. Refusals are registered too.
"""

from __future__ import annotations

from dataclasses import dataclass

from core.api import Refused, add_summary_item, audit, record_entry, today, utcnow

from plugins.herbalism import NAME, _, monographs
from plugins.herbalism.engine import CheckResult, run_check
from plugins.herbalism.facts import HERB, facts_for
from plugins.herbalism.forms import RECOMMEND_WORKFLOW, RECOMMENDATION
from plugins.herbalism.knowledge import herb_name
from plugins.herbalism.models import Check

OUTCOME_OF_SEVERITY = {"": "clear", "low": "informed", "moderate": "informed", "major": "warned"}


def outcome_of(result: CheckResult) -> str:
    """What the check said, for the register: "clear" only when nothing was raised and every
    medication could be checked (a drug not checked is something to know)."""
    if not result.ran:
        return "not_run"
    if result.blocked:
        return "blocked"
    outcome = OUTCOME_OF_SEVERITY[result.highest]
    return "informed" if outcome == "clear" and result.not_checked else outcome


class UnknownHerb(Refused):
    """No monograph in the register has this code (the page shows it next to the herb)."""

    def __init__(self, code: str):
        super().__init__(_("Choose one of the options."), "herb")
        self.code = code


@dataclass(frozen=True)
class Advice:
    """What the herbalist asks for (already validated by the page's schema)."""

    herb: str
    preparation: str
    dose: str
    duration: str
    instructions: str = ""
    override_reason: str = ""


@dataclass(frozen=True)
class Recommended:
    """What :func:`recommend` did: ``entry`` is None when it refused."""

    result: CheckResult
    check: Check
    entry: object | None
    herb_name: str

    @property
    def refused(self) -> bool:
        return self.entry is None


def preview(session, *, person, herb: str, viewer) -> tuple[CheckResult, object]:
    """The check as it stands, written nowhere (the page shows it before the herbalist saves)."""
    row = monographs.current(session, herb)
    if row is None:
        raise UnknownHerb(herb)
    audit(session, "summary.read", person_id=person.id, actor=viewer,
          purpose=f"{NAME}: interaction check", detail={"herb": herb})
    return run_check(row.document, facts_for(session, person.id), row.version), row


def recommend(session, *, person, advice: Advice, herbalist, locale: str) -> Recommended:
    """Check ``advice`` against ``person``'s facts and record it, or refuse (no commit).

    Raises :class:`UnknownHerb`, and core's ``AccessDenied`` when the herbalist may not write
    in this chart.
    """
    result, row = preview(session, person=person, herb=advice.herb, viewer=herbalist)
    name = herb_name(row.document, locale)
    reason = advice.override_reason.strip()
    if not result.ran or result.absolute or (result.blocked and not reason):
        check = _register(session, person, row, result, herbalist,
                          "not_run" if not result.ran else "blocked", "")
        return Recommended(result, check, None, name)
    outcome = "overridden" if result.blocked else outcome_of(result)
    entry = record_entry(session, person=person, form_id=RECOMMENDATION, author=herbalist,
                         workflow=RECOMMEND_WORKFLOW,
                         payload={"herb": advice.herb, "herb_name": name,
                                  "monograph_version": row.version,
                                  "preparation": advice.preparation, "dose": advice.dose,
                                  "duration": advice.duration,
                                  "instructions": advice.instructions, "outcome": outcome,
                                  "override_reason": reason if result.blocked else "",
                                  "check": result.as_dict()})
    add_summary_item(session, person_id=person.id, kind="medication", label=name,
                     code=f"{HERB}{advice.herb}", natural_product=True,
                     detail=f"{advice.preparation}, {advice.dose}, {advice.duration}",
                     since=today(), entry_id=entry.id, author=herbalist)
    check = _register(session, person, row, result, herbalist, outcome,
                      reason if result.blocked else "", entry.id)
    return Recommended(result, check, entry, name)


def _register(session, person, row, result, actor, outcome, reason, entry_id=None) -> Check:
    check = Check(person_id=person.id, herb=result.herb or row.code, monograph_version_id=row.id,
                  trigger="recommendation", outcome=outcome, result=result.as_dict(),
                  override_reason=reason, entry_id=entry_id, actor_id=actor.id,
                  created_at=utcnow())
    session.add(check)
    session.flush()
    return check
