"""What the plugin adds to a person's chart: the referrals under way, and where to see them."""

from __future__ import annotations

from functools import cache

from flask import url_for
from sqlalchemy import String, bindparam, literal, select
from sqlalchemy.orm import aliased

from core.api import PanelSpec, has_permission, joined_rows, split_rows

from plugins.social_work import NAME, _
from plugins.social_work.models import Referral, Service
from plugins.social_work.needs import need_label
from plugins.social_work.permissions import REFERRALS
from plugins.social_work.referrals import FINAL, STATUSES


def referrals_panel(person, viewer, reads) -> list[PanelSpec]:
    """The person's referrals under way, for someone who follows referrals (read only), newest
    first with their service's name. ``reads``: the chart's answers, :func:`panel_reads`' among
    them (asked with the other panels' questions: the panel sends no statement of its own)."""
    if not _follows(viewer):
        return []
    found = sorted(((int(key), need, status, service) for key, need, status, service
                    in split_rows(reads[UNDER_WAY], 4)), reverse=True)
    rows = [(str(_("%(need)s: %(status)s", need=need_label(need),
                   status=STATUSES[status])) + (f" — {service}" if service is not None else ""),
             url_for("social_work.referral", referral_id=key))
            for key, need, status, service in found]
    return [PanelSpec(f"{NAME}.referrals", _("Referrals to community services"),
                      template="social_work/_chart_panel.html",
                      data={"rows": rows, "empty": str(_("No referral under way.")),
                            "link": (str(_("All referrals and a new one")),
                                     url_for("social_work.person_referrals",
                                             person_id=person.id))})]


UNDER_WAY = f"{NAME}.referrals_under_way"


def _follows(viewer) -> bool:
    return viewer is not None and has_permission(REFERRALS, account=viewer)


def panel_reads(viewer) -> dict:
    """The panel's question, asked with the other panels' (for those who follow referrals)."""
    return _reads() if _follows(viewer) else {}


@cache
def _reads() -> dict:
    """The person's referrals not closed (id, need, status, their service's name), built once
    (most people have none: the answer is then NULL). Short names: the chart's statement. The
    final statuses are bound, each a parameter of its own: written into the SQL they would have
    to be quoted by hand, and an expanding list would be rewritten at every execution."""
    referral, service = aliased(Referral, name="r"), aliased(Service, name="s")
    return {UNDER_WAY: select(joined_rows(referral.id, referral.need, referral.status,
                                          service.name))
            .select_from(referral).outerjoin(service, service.id == referral.service_id)
            .where(referral.person_id == bindparam("person"),
                   referral.status.not_in([literal(code, String) for code in sorted(FINAL)]))
            .scalar_subquery()}
