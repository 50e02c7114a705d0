"""Who reads psychology entries, on top of core's rules (which this can only narrow).

* Another discipline never reads a psychology entry without the person's explicit consent, not
  even with emergency access. Core already keeps ``discipline`` entries to their discipline; this
  also closes the break-the-glass path and the named-colleague path of ``sealed`` entries.
* The one way across is the person's consent: a transmission (``psychology.transmission``) whose
  legal basis is the person's signed authorisation, written ``sealed`` and shared with the named
  colleagues of other disciplines who receive it. They read that transmission, nothing else.
* The person reads their record, except an entry whose access a psychologist delayed for a
  written reason of serious harm, until the delay ends or is lifted.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from core.api import today as coop_today, utcnow

from plugins.psychology.models import AccessDelay

PREFIX = "psychology."
DISCIPLINE = "psychology"
TRANSMISSION = "psychology.transmission"
MIN_REASON = 20


def is_psychology_entry(entry) -> bool:
    return entry.form_id.startswith(PREFIX)


def is_psychologist(account) -> bool:
    practitioner = getattr(account, "practitioner", None)
    return practitioner is not None and practitioner.discipline == DISCIPLINE


def may_keep_crisis_lines(account) -> bool:
    """A psychologist, or someone who is no practitioner (a coordinator, an administrator):
    they keep the coop's crisis lines; a practitioner of another discipline only reads them
    (and has no menu entry for them). The permission is checked beside this."""
    return account is not None and (
        is_psychologist(account) or getattr(account, "practitioner", None) is None)


def decide(entry, viewer, action: str, delayed: bool):
    """The plugin's verdict: False denies, None leaves the decision to core."""
    if not is_psychology_entry(entry) or viewer is None:
        return None
    if action == "member_read":
        return False if delayed else None
    if viewer.id == entry.author_id or is_psychologist(viewer):
        return None
    if action == "read" and consented_recipient(entry, viewer):
        return None
    return False


def consented_recipient(entry, viewer) -> bool:
    """Is ``viewer`` a named recipient of a transmission the person authorised in writing?"""
    payload = getattr(entry, "payload", None) or {}
    return (entry.form_id == TRANSMISSION and payload.get("legal_basis") == "consent"
            and bool(payload.get("authorisation_signed_on"))
            and any(share.account_id == viewer.id for share in getattr(entry, "shares", ())))


# --- Delays -----------------------------------------------------------------------------------


def lineage(entry) -> int:
    return entry.root_id or entry.id


def delays_of(session, entry) -> list[AccessDelay]:
    """Every delay ever put on the entry (all its versions), newest first."""
    return list(session.execute(select(AccessDelay).where(AccessDelay.entry_id == lineage(entry))
                                .order_by(AccessDelay.id.desc())).scalars())


def active_delay(session, entry, day: date | None = None) -> AccessDelay | None:
    """The delay that holds today on the entry, if any."""
    day = day or coop_today()
    return next((d for d in delays_of(session, entry) if d.active_on(day)), None)


class DelayRefused(ValueError):
    """The delay cannot be recorded: ``messages`` is ``{field: [text]}``."""

    def __init__(self, messages: dict):
        super().__init__(messages)
        self.messages = messages


def delay_access(session, entry, *, by, reason: str, until: date | None = None) -> AccessDelay:
    """Delay the member's access to ``entry``; the reason is required and kept (no commit)."""
    from plugins.psychology import _

    reason = (reason or "").strip()
    errors = {}
    if not is_psychologist(by):
        errors["_schema"] = [str(_("Only a psychologist may delay access to a psychology entry."))]
    if len(reason) < MIN_REASON:
        errors["reason"] = [str(_("Describe the serious harm that reading this entry now would "
                                  "likely cause (at least %(n)s characters).", n=MIN_REASON))]
    if until is not None and until < coop_today():
        errors["until"] = [str(_("This date is already past."))]
    if active_delay(session, entry) is not None:
        errors["_schema"] = [str(_("Access to this entry is already delayed."))]
    if errors:
        raise DelayRefused(errors)
    delay = AccessDelay(entry_id=lineage(entry), person_id=entry.person_id, reason=reason,
                        until=until, delayed_by_id=by.id, delayed_at=utcnow())
    session.add(delay)
    session.flush()
    return delay


def lift_delay(session, delay: AccessDelay, *, by, note: str = "") -> AccessDelay:
    """End a delay now; its row stays, with who lifted it (no commit)."""
    delay.lifted_at = utcnow()
    delay.lifted_by_id = by.id
    delay.lift_note = (note or "").strip()[:500]
    session.flush()
    return delay
