"""A follow-up that stops the herb ends its line in the shared clinical summary.

The herb entered the summary as an active natural health product when it was recommended
(:mod:`recommend`); nursing's warfarin OC and the live interaction check read that line. When the
herbalist writes "Stop" at follow-up, :func:`on_entry_saved` ends it through
``core.api.end_summary_item`` (kept, audited, told to every plugin). The follow-up's protocol
says on the spot which line it ended, or, loudly, that no active herb matched the name written,
so the herbalist never believes a line gone that is still there.
"""

from __future__ import annotations

from core.api import Account, Finding, active_summary_items, end_summary_item

from plugins.herbalism import NAME, _, monographs
from plugins.herbalism.alerts import in_each_language
from plugins.herbalism.facts import HERB, named, names_of, plain
from plugins.herbalism.forms import FOLLOW_UP

STOP_CHECK = f"{NAME}.follow_up_stop"


def _names(session, line) -> set[str]:
    """Every name the herb of ``line`` goes by: its code, its label, the label's common name
    before the Latin one, and the register's common and Latin names in both languages."""
    code = line.code[len(HERB):]
    row = monographs.current(session, code)
    return names_of(code, row.document if row else None) | {
        plain(n) for n in (line.label, line.label.split(" (")[0]) if n}


def matching_lines(session, person_id: int, herb: str) -> list:
    """The person's active herb lines (``HERB:`` codes) that the follow-up's ``herb`` names:
    one of its names, or their first words ("Échinacée" for "Échinacée pourpre")."""
    wanted = plain(herb)
    if not wanted:
        return []
    return [line for line in active_summary_items(session, person_id)
            if line.kind == "medication" and (line.code or "").startswith(HERB)
            and any(name == wanted or name.startswith(wanted + " ")
                    for name in _names(session, line))]


def stops(payload: dict | None) -> bool:
    """Does this follow-up stop the herb?"""
    return (payload or {}).get("decision") == "stop"


def on_entry_saved(entry, session) -> None:
    """End the summary lines of a herb stopped at follow-up (a first version or an amendment
    that says "Stop"; an entry marked in error ends nothing)."""
    if entry.form_id != FOLLOW_UP or entry.status == "entered_in_error" or not stops(entry.payload):
        return
    author = session.get(Account, entry.author_id)
    for line in matching_lines(session, entry.person_id, entry.payload.get("herb", "")):
        end_summary_item(session, line, author=author)


def evaluate_stop(context) -> list[Finding]:
    """Say which summary line the stop ends, or that none matched (the line stays active)."""
    payload = context.payload or {}
    if not stops(payload):
        return []
    herb = payload.get("herb", "")
    lines = matching_lines(context.session, context.person.id, herb)
    if lines:
        # each language names the herbs in its own words (a label keeps its writer's)
        return [Finding(STOP_CHECK, "info", in_each_language(lambda loc: str(_(
            "Ended in the shared summary: %(herbs)s", herbs=", ".join(
                named(line.code[len(HERB):], line.label, loc) for line in lines)))))]
    return [Finding(STOP_CHECK, "warning", in_each_language(lambda loc: str(_(
        "No herb named \u201c%(herb)s\u201d is active in the shared summary: nothing was ended.",
        herb=herb))), _("Write the herb's name as the summary shows it, or end its line on "
                        "the summary yourself."))]
