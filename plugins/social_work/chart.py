"""What the plugin adds to a person's chart: the referrals under way, and where to see them."""

from __future__ import annotations

from functools import cache

from flask import url_for
from sqlalchemy import bindparam, exists, select

from core.api import PanelSpec, has_permission

from plugins.social_work import NAME, _
from plugins.social_work.models import Referral, Service
from plugins.social_work.needs import need_label
from plugins.social_work.permissions import REFERRALS
from plugins.social_work.referrals import FINAL, STATUSES


def referrals_panel(session, person, viewer, reads) -> list[PanelSpec]:
    """The person's referrals under way, for someone who follows referrals (read only).

    ``reads``: the chart's answers, :func:`panel_reads`' among them (most people have no
    referral under way: then none is read)."""
    if viewer is None or not has_permission(REFERRALS, account=viewer):
        return []
    found = session.execute(_under_way(), {"person": person.id}) if reads[UNDER_WAY] else ()
    rows = [(str(_("%(need)s: %(status)s", need=need_label(r.need),
                   status=STATUSES[r.status])) + (f" — {r.service}" if r.service is not None
                                                  else ""),
             url_for("social_work.referral", referral_id=r.id))
            for r in found]
    return [PanelSpec(f"{NAME}.referrals", _("Referrals to community services"),
                      template="social_work/_chart_panel.html",
                      data={"rows": rows, "empty": str(_("No referral under way.")),
                            "link": (str(_("All referrals and a new one")),
                                     url_for("social_work.person_referrals",
                                             person_id=person.id))})]


UNDER_WAY = f"{NAME}.referrals_under_way"


@cache
def panel_reads() -> dict:
    """The panel's question, asked with the other panels': any referral under way?"""
    return {UNDER_WAY: exists().where(Referral.person_id == bindparam("person"),
                                      Referral.status.not_in(FINAL))}


@cache
def _under_way():
    """The person's referrals not closed, newest first, with their service's name (the
    chart's panel: one statement built once, no referral loaded as an object)."""
    return (select(Referral.id, Referral.need, Referral.status, Service.name.label("service"))
            .outerjoin(Service, Service.id == Referral.service_id)
            .where(Referral.person_id == bindparam("person"), Referral.status.not_in(FINAL))
            .order_by(Referral.id.desc()))
