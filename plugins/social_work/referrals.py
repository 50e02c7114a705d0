"""Referrals that close the loop: from a need found to a service received.

A referral names the person, the need, the screening answer it came from, the destination
service, what the person consented to share with whom and when, its status, the follow-up date
and the outcome. Its life (``TRANSITIONS``)::

    proposed → sent → accepted → service received → closed
         ↘ declined (the person or the service says no)   ↘ lost to follow-up

Rules a social worker meets:

* **Consent to share is enforced here, on the server**: a referral is sent only once the
  person's consent is recorded (what is shared, with whom, the day they agreed) and a
  destination service is chosen. Nothing about the person leaves before that.
* Sending sets a follow-up date (14 days unless chosen); a referral whose follow-up is due
  appears on the social worker's list (``due``) until it moves on.
* Closing needs an outcome in words. A closed, declined or lost referral is final.
* A referral proposed by a protocol anywhere (food security's positive screen, this plugin's
  own screening) arrives through core's ``action_proposed`` hook (``from_action``); when it
  ends, the routed action on core's work list is closed too. A second positive screen for a
  need already being followed does not open a second referral.

Every step is kept as a ``ReferralEvent`` (who, when, which status, note).
"""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select

from core.api import (AccessDenied, Action, Refused, audit, close_action, each_language,
                      spreadsheet_moment, utcnow)

from plugins.social_work import NAME, _
from plugins.social_work.models import Referral, ReferralEvent, ScreenFact, Service
from plugins.social_work.needs import NEEDS
from plugins.social_work.screening import SOURCE_ITEMS

STATUSES = {"proposed": _("Proposed"), "sent": _("Sent"), "accepted": _("Accepted"),
            "service_received": _("Service received"), "closed": _("Closed"),
            "declined": _("Declined"), "lost": _("Lost to follow-up")}
TRANSITIONS = {"proposed": {"sent", "declined"},
               "sent": {"accepted", "declined", "lost"},
               "accepted": {"service_received", "declined", "lost"},
               "service_received": {"closed"},
               "closed": set(), "declined": set(), "lost": set()}
FINAL = {"closed", "declined", "lost"}
FOLLOW_UP_AFTER = timedelta(days=14)
#: notes the plugin writes on a step itself: kept in English, read in the reader's language
CONSENT_RECORDED = "Consent to share recorded."
OWN_NOTES = {CONSENT_RECORDED: _("Consent to share recorded.")}

#: what the person reads in their portal, in plain words
PLAIN = {"proposed": _("We talked about this together. Nothing has been sent yet."),
         "sent": _("Your social worker sent your request, with your permission."),
         "accepted": _("The organization accepted your request."),
         "service_received": _("You received the service."),
         "closed": _("This referral is finished."),
         "declined": _("This referral was not pursued."),
         "lost": _("We lost touch about this referral. You can ask your social worker to "
                   "start again.")}


class ReferralRefused(Refused):
    """The change cannot be made: ``messages`` is ``{field: [text]}`` (core's refusal)."""

    def __init__(self, messages: dict):
        super().__init__(messages=messages)


def _refuse(field: str, message) -> ReferralRefused:
    return ReferralRefused({field: [str(message)]})


def open_referral_for(session, person_id: int, need: str) -> Referral | None:
    """The person's referral for ``need`` still under way, if any."""
    return session.execute(select(Referral).where(
        Referral.person_id == person_id, Referral.need == need,
        Referral.status.not_in(FINAL)).order_by(Referral.id)).scalars().first()


def propose(session, *, person_id: int, need: str, by_id: int | None = None,
            source_entry_id: int | None = None, source_action_id: int | None = None,
            source_item: str = "", note: str = "") -> Referral:
    """A new proposed referral (no commit); the need must be one the plugin knows."""
    if need not in NEEDS:
        raise _refuse("need", _("Choose one of the options."))
    referral = Referral(person_id=person_id, need=need, status="proposed", created_by_id=by_id,
                        source_entry_id=source_entry_id, source_action_id=source_action_id,
                        source_item=source_item, created_at=utcnow())
    referral.events.append(ReferralEvent(status="proposed", by_id=by_id, note=note, at=utcnow()))
    session.add(referral)
    session.flush()
    return referral


def from_action(session, action, proposed) -> Referral | None:
    """Open a proposed referral for a routed referral to social work (``action_proposed``).

    The need comes with the proposal (``ProposedAction.need``); a need this plugin does not know
    is filed as ``other``. A need already followed for the person keeps its one referral.
    """
    if action.kind != "referral" or action.to_discipline != NAME:
        return None
    need = proposed.need if proposed.need in NEEDS else "other"
    if open_referral_for(session, action.person_id, need) is not None:
        return None
    return propose(session, person_id=action.person_id, need=need, by_id=action.created_by_id,
                   source_entry_id=action.entry_id, source_action_id=action.id,
                   source_item=SOURCE_ITEMS.get(need, action.protocol_id), note=action.title)


#: the size of ``Referral.consent_with``
WITH_WHOM_MAX = 300


def record_consent(session, referral: Referral, *, what: str, with_whom: str, on: date | None,
                   by, today: date) -> None:
    """Keep the person's consent to share: what, with whom, the day they agreed (no commit)."""
    errors = {}
    if not (what or "").strip():
        errors["consent_what"] = [str(_("Say what the person agrees to share."))]
    if not (with_whom or "").strip():
        errors["consent_with"] = [str(_("Say with whom the person agrees to share it."))]
    elif len(with_whom.strip()) > WITH_WHOM_MAX:  # its column's size: PostgreSQL refuses more
        errors["consent_with"] = [str(_("Name them in at most %(num)s characters.",
                                        num=WITH_WHOM_MAX))]
    if on is None:
        errors["consent_on"] = [str(_("Give the day the person agreed."))]
    elif on > today:
        errors["consent_on"] = [str(_("This date is in the future."))]
    if referral.status in FINAL:
        errors["_form"] = [str(_("This referral is finished."))]
    if errors:
        raise ReferralRefused(errors)
    referral.consent_given, referral.consent_on = True, on
    referral.consent_what, referral.consent_with = what.strip(), with_whom.strip()
    referral.events.append(ReferralEvent(status=referral.status, by_id=by.id, at=utcnow(),
                                         note=CONSENT_RECORDED))
    session.flush()


def event_note(note: str) -> str:
    """A step's note as the reader reads it: one the plugin wrote, in the reader's language
    (also when kept in its writer's language, as it was before); a typed one as typed."""
    for english, translated in OWN_NOTES.items():
        if note == english or note in each_language(lambda _loc, t=translated: str(t)).values():
            return str(translated)
    return note


def choose_service(session, referral: Referral, service_id: str | None, *, by) -> None:
    """Set the destination service (an active directory service), before sending."""
    service = session.get(Service, service_id) if service_id else None
    if service is None or service.status != "active":
        raise _refuse("service_id", _("Choose an active service of the directory."))
    if referral.status != "proposed":
        raise _refuse("service_id", _("The destination can change only before sending."))
    referral.service = service
    referral.events.append(ReferralEvent(status=referral.status, by_id=by.id, at=utcnow(),
                                         note=service.name))
    session.flush()


def advance(session, referral: Referral, to: str, *, by, today: date, note: str = "",
            outcome: str = "", follow_up_on: date | None = None) -> None:
    """Move the referral to status ``to`` (no commit), or refuse with the reason by field."""
    if to not in TRANSITIONS.get(referral.status, set()):
        raise _refuse("status", _("A referral that is \"%(now)s\" cannot become \"%(to)s\".",
                                  now=STATUSES.get(referral.status, referral.status),
                                  to=STATUSES.get(to, to)))
    if to == "sent":
        _check_sendable(referral, today)
    if to == "closed" and not outcome.strip():
        raise _refuse("outcome", _("Describe the outcome before closing."))
    if follow_up_on is not None and follow_up_on < today:
        raise _refuse("follow_up_on", _("This date is already past."))
    referral.status = to
    if outcome.strip():
        referral.outcome = outcome.strip()
    if to in FINAL:
        referral.follow_up_on, referral.closed_at = None, utcnow()
        _close_routed_action(session, referral, by)
    else:
        referral.follow_up_on = follow_up_on or (today + FOLLOW_UP_AFTER if to != "proposed"
                                                 else referral.follow_up_on)
    referral.events.append(ReferralEvent(status=to, by_id=by.id, note=note.strip(), at=utcnow()))
    session.flush()
    audit(session, "social_work.referral.status", person_id=referral.person_id, actor=by,
          detail={"referral_id": referral.id, "status": to})


def _check_sendable(referral: Referral, today: date) -> None:
    """The consent-to-share rule: consent recorded, destination chosen, consent not future."""
    errors = {}
    if not referral.consent_given or not referral.consent_on or referral.consent_on > today:
        errors["consent_what"] = [str(_("Record the person's consent to share before sending."))]
    if referral.service is None:
        errors["service_id"] = [str(_("Choose the destination service before sending."))]
    if errors:
        raise ReferralRefused(errors)


def _close_routed_action(session, referral: Referral, by) -> None:
    """Close core's routed action the referral came from, when the closer may close it."""
    if referral.source_action_id is None:
        return
    action = session.get(Action, referral.source_action_id)
    if action is None or action.status != "open":
        return
    try:
        close_action(session, action, account=by,
                     status="done" if referral.status == "closed" else "cancelled")
    except AccessDenied:
        pass  # someone not routed closed the referral: the action stays for its routees


# --- reading ------------------------------------------------------------------------------------


def next_statuses(referral: Referral) -> list[str]:
    """Where the referral may go next, the way forward first (declining is never the default)."""
    return [s for s in STATUSES if s in TRANSITIONS.get(referral.status, set())]


def source_label(referral: Referral) -> str:
    """Where the referral came from, in words: the proposal's title, or the screening item."""
    if referral.source_action_id and referral.events and referral.events[0].note:
        return referral.events[0].note
    return referral.source_item


def of_person(session, person_id: int) -> list[Referral]:
    """The person's referrals, newest first."""
    return list(session.execute(select(Referral).where(Referral.person_id == person_id)
                                .order_by(Referral.id.desc())).scalars())


def caseload(session, *, status: str | None = None) -> list[Referral]:
    """Referrals under way (or of one status), oldest first."""
    stmt = select(Referral).order_by(Referral.id)
    stmt = stmt.where(Referral.status == status) if status else stmt.where(
        Referral.status.not_in(FINAL))
    return list(session.execute(stmt).scalars())


def due(session, today: date) -> list[Referral]:
    """Referrals whose follow-up date has come: the social worker's follow-up list."""
    return list(session.execute(select(Referral).where(
        Referral.status.not_in(FINAL), Referral.follow_up_on.is_not(None),
        Referral.follow_up_on <= today).order_by(Referral.follow_up_on, Referral.id)).scalars())


def move_person(session, kept, merged) -> None:
    """Fold the merged person's referrals and screening facts into the kept person (no commit)."""
    for model in (Referral, ScreenFact):
        for row in session.execute(select(model).where(model.person_id == merged.id)).scalars():
            row.person_id = kept.id
    session.flush()


def export_rows(session, person) -> dict:
    """The person's referrals as the referral page shows them (portability export); staff
    notes stay out."""
    rows = [{str(_("Need")): str(NEEDS.get(r.need, r.need)),
             str(_("Status")): str(STATUSES.get(r.status, r.status)),
             str(_("Destination")): r.service.name if r.service else "",
             str(_("Agreed on")): r.consent_on.isoformat() if r.consent_on else "",
             str(_("What the person agrees to share")): r.consent_what,
             str(_("With whom")): r.consent_with,
             str(_("Proposed on")): spreadsheet_moment(r.created_at)}
            for r in of_person(session, person.id)]
    return {str(_("Referrals to community services")): rows} if rows else {}
