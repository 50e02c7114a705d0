"""How long social work records are kept, and their destruction once the privacy officer
approves it (``register_retention_rules``, ``chart_destroyed``)."""

from __future__ import annotations

from sqlalchemy import delete, select

from core.api import RetentionSpec

from plugins.social_work import NAME, _
from plugins.social_work.models import Referral, ReferralEvent, ScreenFact

#: OTSTCFQ's record-keeping standards (disciplines.md §0.2). Searched (December 2026): the
#: Order's "Guide de normes pour la tenue des dossiers et des cabinets de consultation" (2005,
#: http://fr.slideshare.net/OTSTCFQ/guide-de-normes-pour-la-tenue-des-dossiers-et-des-cabinets-de-consultation)
#: and its practice FAQ (https://www.otstcfq.org/membres/pratiques-professionnelles/faq-pratiques-professionnelles/)
#: name no period in what we could read. Five years after the last service, as most orders' rules
#: say, until the Order confirms: the privacy officer's retention page marks it "to confirm".
RULES = [RetentionSpec(NAME, 5, _("OTSTCFQ record-keeping standards (period to confirm)"),
                       verified=False)]


def destroy_person(person, session) -> dict[str, int]:
    """The person's referrals with their events, and their screening facts."""
    referrals = select(Referral.id).where(Referral.person_id == person.id).scalar_subquery()
    counts = {"social_work_referral_events": session.execute(
        delete(ReferralEvent).where(ReferralEvent.referral_id.in_(referrals))).rowcount}
    counts["social_work_referrals"] = session.execute(
        delete(Referral).where(Referral.person_id == person.id)).rowcount
    counts["social_work_screen_facts"] = session.execute(
        delete(ScreenFact).where(ScreenFact.person_id == person.id)).rowcount
    return counts
