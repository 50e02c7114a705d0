"""The program's rows about one person: the Law 25 export, merges, and the chart panel."""

from __future__ import annotations

from datetime import date
from functools import cache

from sqlalchemy import bindparam, exists, select, update
from sqlalchemy.orm import aliased

from core.api import PanelSpec, format_day, spreadsheet_moment, today as coop_today

from plugins.food_security import NAME, _
from plugins.food_security.models import (Allocation, GardenSeason, KitchenMember,
                                          KitchenParticipation, Order, ScreeningResult,
                                          SolidarityTier, ToolLoan, WaitlistEntry)

#: (model, column) pairs naming a person, moved as they are when two records merge
SIMPLE = ((Order, "person_id"), (Allocation, "gardener_id"), (Allocation, "co_gardener_id"),
          (WaitlistEntry, "person_id"), (ToolLoan, "person_id"),
          (ScreeningResult, "person_id"))


#: the words the pages show for a price, a tier's reason and an order picked up or cancelled;
#: the statuses no page names yet get theirs here
PRICES = {"solidarity": _("Solidarity price"), "standard": _("Standard price")}
BASES = {"screening": _("Food insecurity screen"), "social_work": _("Social work referral"),
         "request": _("The member's request")}
ORDERS = {"placed": _("Placed"), "picked_up": _("Picked up"), "cancelled": _("Cancelled")}
PLOTS = {"active": _("Allocated"), "released": _("Given back"), "forfeited": _("Taken back")}
WAITING = {"waiting": _("Waiting"), "allocated": _("Plot allocated"),
           "withdrawn": _("Withdrawn from the list")}


def export(person, session) -> dict:
    """What the program keeps about ``person``, by table title (data collected from them), in
    the reader's words: statuses by their names, moments at the coop's clock, days in ISO."""
    orders = list(session.scalars(select(Order).where(Order.person_id == person.id)
                                  .order_by(Order.placed_at)))
    tiers = session.scalars(select(SolidarityTier).where(SolidarityTier.person_id == person.id))
    plots = session.scalars(select(Allocation).where(
        (Allocation.gardener_id == person.id) | (Allocation.co_gardener_id == person.id)))
    cooked = session.scalars(select(KitchenParticipation).where(
        KitchenParticipation.person_id == person.id))
    waits = session.scalars(select(WaitlistEntry).where(WaitlistEntry.person_id == person.id))
    cycle = str(_("Order cycle"))
    return {
        str(_("Market orders")): [
            {cycle: o.cycle.name, str(_("Placed on")): spreadsheet_moment(o.placed_at),
             str(_("Status")): _word(ORDERS, o.status), str(_("Price")): _word(PRICES, o.tier)}
            for o in orders],
        # one row per product: a spreadsheet cell holds one value, not a list
        str(_("Products ordered")): [
            {cycle: o.cycle.name,
             str(_("Product")): f"{line.offer.product.name} ({line.offer.product.unit})",
             str(_("Quantity")): line.quantity, str(_("Unit price")): str(line.unit_price)}
            for o in orders for line in o.lines],
        str(_("Solidarity tier")): [
            {str(_("Since")): t.granted_on.isoformat(), str(_("Review on")): _iso(t.review_on),
             str(_("Reason")): _word(BASES, t.basis), str(_("Note")): t.note,
             str(_("Ended on")): _iso(t.revoked_on)} for t in tiers],
        str(_("Garden plots")): [
            {str(_("Year")): a.season.year, str(_("Garden")): a.plot.garden.name,
             str(_("Plot number")): a.plot.code, str(_("Status")): _word(PLOTS, a.status),
             str(_("Planted")): _iso(a.planted_on)} for a in plots],
        str(_("Waiting list")): [
            {str(_("Registered on")): w.registered_on.isoformat(),
             str(_("Status")): _word(WAITING, w.status)} for w in waits],
        str(_("Collective kitchen sessions")): [
            {str(_("Group")): p.session.group.name, str(_("Date")): spreadsheet_moment(p.session.starts_at),
             str(_("Portions taken home")): p.portions,
             str(_("Contribution paid")): str(p.contribution)} for p in cooked],
    }


def _iso(value: date | None):
    return value.isoformat() if value else None


def _word(labels: dict, code: str) -> str:
    return str(labels.get(code, code))


def merge(kept, merged, session) -> None:
    """Move ``merged``'s rows to ``kept``; where ``kept`` already has the same row, keep theirs."""
    if session.scalar(select(SolidarityTier.id).where(SolidarityTier.person_id == kept.id,
                                                      SolidarityTier.revoked_on.is_(None))):
        session.execute(update(SolidarityTier).where(
            SolidarityTier.person_id == merged.id, SolidarityTier.revoked_on.is_(None))
            .values(revoked_on=coop_today()))
    session.execute(update(SolidarityTier).where(SolidarityTier.person_id == merged.id)
                    .values(person_id=kept.id))
    for model, column in SIMPLE:
        session.execute(update(model).where(getattr(model, column) == merged.id)
                        .values({column: kept.id}))
    for model, key in ((KitchenMember, "group_id"), (KitchenParticipation, "session_id")):
        taken = select(getattr(model, key)).where(model.person_id == kept.id)
        for row in session.scalars(select(model).where(model.person_id == merged.id,
                                                       getattr(model, key).in_(taken))):
            session.delete(row)
        session.flush()
        session.execute(update(model).where(model.person_id == merged.id)
                        .values(person_id=kept.id))
    session.flush()


def panels(person, session, reads=None) -> list[PanelSpec]:
    """A small panel on the chart: which food programs the person takes part in.

    ``reads``: the answers to :func:`panel_reads` when the chart asked them (with the other
    panels' questions, in one statement); otherwise they are asked here.
    """
    if reads is None:
        reads = dict(zip(panel_reads(), session.execute(
            _programs_statement(), {"person": person.id, "year": coop_today().year}).one(),
            strict=True))
    since, gardening, cooking = (reads[f"{NAME}.solidarity_since"], reads[f"{NAME}.gardens"],
                                 reads[f"{NAME}.cooks"])
    lines = []
    if since is not None:
        # the day in words ("depuis le 7 décembre 2026"), never "depuis le 2026-12-07"
        lines.append(_("Solidarity price at the market since %(d)s", d=format_day(since, "long")))
    if gardening:
        lines.append(_("Gardens a community plot this season"))
    if cooking:
        lines.append(_("Cooks with a collective kitchen group"))
    return [PanelSpec(f"{NAME}.programs", _("Food security programs"), tuple(lines))] if lines \
        else []


@cache
def panel_reads() -> dict:
    """The panel's three questions (person, year), built once: the solidarity tier's start, a
    plot this season, a kitchen group. Short names: they go into the chart's statement."""
    person = bindparam("person")
    tier, seasons = aliased(SolidarityTier, name="st"), aliased(GardenSeason, name="gs")
    plot, member = aliased(Allocation, name="pa"), aliased(KitchenMember, name="km")
    tier_since = (select(tier.granted_on)
                  .where(tier.person_id == person, tier.revoked_on.is_(None))
                  .order_by(tier.id).limit(1).scalar_subquery())
    # the season of this year, else the latest one (as gardens.service.current_season)
    season = (select(seasons.id)
              .order_by((seasons.year == bindparam("year")).desc(), seasons.year.desc())
              .limit(1).scalar_subquery())
    gardens = exists().where(plot.season_id == season, plot.status == "active",
                             (plot.gardener_id == person) | (plot.co_gardener_id == person))
    cooks = exists().where(member.person_id == person)
    return {f"{NAME}.solidarity_since": tier_since, f"{NAME}.gardens": gardens,
            f"{NAME}.cooks": cooks}


@cache
def _programs_statement():
    """The panel's questions as a statement of their own (a caller without the chart's reads)."""
    return select(*panel_reads().values())
