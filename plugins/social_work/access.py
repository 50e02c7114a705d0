"""Who reads the social worker's record, on top of core's rules (which this can only narrow).

Core keeps ``discipline`` entries to social workers already. Like psychology, this also closes
the emergency (break-the-glass) path to the record forms: a psychosocial evaluation is not
emergency information. The one way across to another discipline is the person's consent: a
transmission whose legal basis is the person's signed authorisation, shared by name with the
colleagues who receive it; they read that transmission, nothing else. Screenings are not
concerned: they are shared care (``team``).
"""

from __future__ import annotations

from plugins.social_work.record import FORM_IDS, TRANSMISSION

DISCIPLINE = "social_work"


def is_social_worker(account) -> bool:
    """Is the account a practitioner of social work?"""
    practitioner = getattr(account, "practitioner", None)
    return practitioner is not None and practitioner.discipline == DISCIPLINE


def consented_recipient(entry, viewer) -> bool:
    """Is ``viewer`` a named recipient of a transmission the person authorised in writing?"""
    payload = getattr(entry, "payload", None) or {}
    return (entry.form_id == TRANSMISSION and payload.get("legal_basis") == "consent"
            and bool(payload.get("authorisation_signed_on"))
            and any(share.account_id == viewer.id for share in getattr(entry, "shares", ())))


def decide(entry, viewer, action: str):
    """The plugin's verdict on a record entry: False denies, None leaves it to core."""
    if entry.form_id not in FORM_IDS or viewer is None or action == "member_read":
        return None
    if viewer.id == entry.author_id or is_social_worker(viewer):
        return None
    if action == "read" and consented_recipient(entry, viewer):
        return None
    return False
