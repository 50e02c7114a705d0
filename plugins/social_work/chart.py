"""What the plugin adds to a person's chart: the referrals under way, and where to see them."""

from __future__ import annotations

from flask import url_for

from core.api import PanelSpec, has_permission

from plugins.social_work import NAME, _
from plugins.social_work.needs import need_label
from plugins.social_work.permissions import REFERRALS
from plugins.social_work.referrals import FINAL, STATUSES, of_person


def referrals_panel(session, person, viewer) -> list[PanelSpec]:
    """The person's referrals under way, for someone who follows referrals (read only)."""
    if viewer is None or not has_permission(REFERRALS, account=viewer):
        return []
    rows = [(str(_("%(need)s: %(status)s", need=need_label(r.need),
                   status=STATUSES[r.status])) + (f" — {r.service.name}" if r.service else ""),
             url_for("social_work.referral", referral_id=r.id))
            for r in of_person(session, person.id) if r.status not in FINAL]
    return [PanelSpec(f"{NAME}.referrals", _("Referrals to community services"),
                      template="social_work/_chart_panel.html",
                      data={"rows": rows, "empty": str(_("No referral under way.")),
                            "link": (str(_("All referrals and a new one")),
                                     url_for("social_work.person_referrals",
                                             person_id=person.id))})]
