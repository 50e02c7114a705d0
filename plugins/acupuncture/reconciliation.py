"""Chapter 4b: counting needles in and out.

A forgotten needle is the most frequent acupuncture incident (31 % of 325 safety incidents
reported to the NHS National Patient Safety Agency, 2009-2011). The rule is simple and strict:
the session closes only when as many needles came out as went in, or when the missing needle
has an incident recorded against the session (the search goes on, and the coordinator knows).
"""

from __future__ import annotations

from dataclasses import dataclass

from plugins.acupuncture import _, ngettext


@dataclass(frozen=True)
class Count:
    """The outcome of a needle count."""

    inserted: int
    removed: int
    #: the incident recorded for a missing needle, if any
    incident: str = ""

    @property
    def missing(self) -> int:
        """Needles in the person or unaccounted for (negative: more removed than inserted)."""
        return self.inserted - self.removed

    @property
    def balanced(self) -> bool:
        """Every needle inserted was removed."""
        return self.missing == 0

    @property
    def may_close(self) -> bool:
        """Balanced, or the mismatch is explained by a recorded incident."""
        return self.balanced or bool(self.incident.strip())


def blocking_message(count: Count) -> str | None:
    """Why the session cannot close, in words the acupuncturist acts on; None when it can."""
    if count.may_close:
        return None
    if count.missing > 0:
        return str(ngettext("%(num)s needle not removed or not found: search the person, the "
                            "table and the sharps container, or record an incident.",
                            "%(num)s needles not removed or not found: search the person, the "
                            "table and the sharps container, or record an incident.",
                            count.missing))
    return str(_("More needles removed (%(removed)s) than inserted (%(inserted)s): recount, or "
                 "record an incident.", removed=count.removed, inserted=count.inserted))
