"""What an import did, in words (the command's output and the officer's page)."""

from __future__ import annotations

from core.i18n import _, ngettext

LEFT_BEHIND_NAMES = {"Consent": _("consent choices"), "Appointment": _("appointments")}


def outcome_lines(batch) -> list[str]:
    """One line per fact: who it went to, what came in, what was already there, what stayed."""
    if batch.state == "review":
        return [str(ngettext("Import %(number)s waits for the privacy officer: the person in "
                             "the bundle looks like %(num)s person here. Nothing is imported "
                             "until they decide.",
                             "Import %(number)s waits for the privacy officer: the person in "
                             "the bundle looks like %(num)s people here. Nothing is imported "
                             "until they decide.", len(batch.candidates), number=batch.id))]
    if batch.state == "rejected":
        return [str(_("Import %(number)s was rejected: nothing was imported.", number=batch.id))]
    person = batch.person
    how = {"matched": _("Found %(name)s (person %(number)s)."),
           "chosen": _("Imported into %(name)s (person %(number)s), as the privacy officer chose."),
           "created": _("Registered %(name)s (person %(number)s): nobody here matched."),
           "new": _("Registered %(name)s (person %(number)s), as the privacy officer chose.")}
    counts = batch.counts or {}
    lines = [str(how.get(batch.how, how["matched"]) % {"name": person.full_name, "number": person.id}),
             str(_("Entries imported (read-only, with their origin): %(n)s.",
                   n=counts.get("entries", 0))),
             str(_("Summary lines proposed (a practitioner confirms them on the chart): %(n)s.",
                   n=counts.get("proposals", 0)))]
    if counts.get("already"):
        lines.append(str(_("Already in the record here, not added again: %(n)s.",
                           n=counts["already"])))
    if counts.get("withheld"):
        lines.append(str(_("Very restricted resources, not imported: %(n)s.",
                           n=counts["withheld"])))
    for kind, n in sorted((counts.get("left") or {}).items()):
        lines.append(str(_("Left with the other coop: %(n)s %(what)s (asked again here).",
                           n=n, what=LEFT_BEHIND_NAMES.get(kind, kind))))
    return lines
