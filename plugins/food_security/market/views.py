"""Market pages: producers, cycles and offers (coordinators); orders and pickup (volunteers);
the member's own shop. Views stay thin: load, check, call the service, commit once."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from sqlalchemy import select

from core.api import (attempt, current_account, current_session, get_or_404, has_permission, member,
                      require, utcnow)

from plugins.food_security import _
from plugins.food_security.fields import row_id, to_local_input
from plugins.food_security.market import schemas, service as market
from plugins.food_security.market.models import (Offer, Order, OrderCycle, Producer, Product,
                                                 SolidarityTier)
from plugins.food_security.permissions import MARKET_MANAGE, MARKET_SERVE, TIERS_MANAGE
from plugins.food_security.web import csv_response, person_search, picked_person

bp = Blueprint("market", __name__)


def _page(template, status=200, **context):
    context.setdefault("errors", {})
    context.setdefault("values", {})
    return render_template(f"food_security/market/{template}", now=utcnow(),
                           price=market.member_price, **context), (
                               422 if context["errors"] else status)


@bp.route("/")
@require(MARKET_SERVE)
def index():
    cycles = current_session().scalars(select(OrderCycle).order_by(OrderCycle.opens_at.desc())
                                       .limit(20))
    return _page("index.html", cycles=list(cycles))


# --- producers and products (coordinators) ---------------------------------------------------


@bp.route("/producers", methods=["GET", "POST"])
@require(MARKET_MANAGE)
def producers():
    db = current_session()
    errors, values = {}, {"local": "y", "active": "y"}
    if request.method == "POST":
        values = request.form
        errors = attempt(lambda: market.save_producer(
            db, schemas.ProducerSchema().load(values))).errors
        if not errors:
            flash(_("Producer saved."), "success")
            return redirect(url_for(".producers"))
    rows = db.scalars(select(Producer).order_by(Producer.active.desc(), Producer.name))
    return _page("producers.html", producers=list(rows), errors=errors, values=values)


@bp.route("/producers/<int:producer_id>", methods=["GET", "POST"])
@require(MARKET_MANAGE)
def producer(producer_id: int):
    db = current_session()
    target = get_or_404(Producer, producer_id)
    errors, values = {}, {c: getattr(target, c) for c in schemas.ProducerSchema().fields}
    product_values, product_errors = {"active": "y"}, {}
    if request.method == "POST" and request.form.get("form") == "product":
        product_values = request.form
        product_errors = attempt(lambda: market.save_product(
            db, target, schemas.ProductSchema().load(product_values))).errors
    elif request.method == "POST":
        values = request.form
        errors = attempt(lambda: market.save_producer(db, schemas.ProducerSchema().load(values),
                                                      target)).errors
    if request.method == "POST" and not (errors or product_errors):
        flash(_("Saved."), "success")
        return redirect(url_for(".producer", producer_id=target.id))
    return _page("producer.html", 422 if product_errors else 200, producer=target,
                 errors=errors, values=values, product_values=product_values,
                 product_errors=product_errors)


@bp.route("/products/<int:product_id>", methods=["POST"])
@require(MARKET_MANAGE)
def product(product_id: int):
    db = current_session()
    target = get_or_404(Product, product_id)
    errors = attempt(lambda: market.save_product(db, target.producer,
                                                 schemas.ProductSchema().load(request.form),
                                                 target)).errors
    flash(_("Saved.") if not errors else _("The product was not changed: check the price and "
                                           "the unit."), "error" if errors else "success")
    return redirect(url_for(".producer", producer_id=target.producer_id))


# --- cycles and offers ----------------------------------------------------------------------


@bp.route("/cycles/new", methods=["GET", "POST"])
@require(MARKET_MANAGE)
def new_cycle():
    db = current_session()
    errors, values = {}, {"standard_percent": 100, "solidarity_percent": 60}
    if request.method == "POST":
        values = request.form
        created = []
        errors = attempt(lambda: created.append(market.create_cycle(
            db, schemas.CycleSchema().load(values), by=current_account()))).errors
        if not errors:
            flash(_("Order cycle planned. Add the products it offers."), "success")
            return redirect(url_for(".cycle", cycle_id=created[0].id))
    return _page("cycle_form.html", errors=errors, values=values)


@bp.route("/cycles/<int:cycle_id>", methods=["GET", "POST"])
@require(MARKET_SERVE)
def cycle(cycle_id: int):
    db = current_session()
    target = get_or_404(OrderCycle, cycle_id)
    errors, values = {}, {}
    if request.method == "POST":
        if not has_permission(MARKET_MANAGE):
            abort(403)
        values = request.form

        def add():
            data = schemas.OfferSchema().load(values)
            item = db.get(Product, data["product_id"])
            if item is None:
                raise market.MarketError(_("Choose a product."), "product_id")
            market.add_offer(db, target, item, data["quantity"])
        errors = attempt(add).errors
        if not errors:
            return redirect(url_for(".cycle", cycle_id=target.id))
    products = db.scalars(select(Product).join(Producer).where(Product.active.is_(True))
                          .order_by(Producer.name, Product.name))
    return _page("cycle.html", cycle=target, products=list(products), errors=errors,
                 values=values, local_input=to_local_input)


@bp.route("/offers/<int:offer_id>/quantity", methods=["POST"])
@require(MARKET_MANAGE)
def offer_quantity(offer_id: int):
    db = current_session()
    target = get_or_404(Offer, offer_id)
    errors = attempt(lambda: market.change_quantity(
        db, target, schemas.QuantitySchema().load(request.form)["quantity"])).errors
    for messages in errors.values():
        flash(messages[0], "error")
    return redirect(url_for(".cycle", cycle_id=target.cycle_id))


# --- orders and pickup (volunteers) -----------------------------------------------------------


@bp.route("/cycles/<int:cycle_id>/order", methods=["GET", "POST"])
@require(MARKET_SERVE)
def order(cycle_id: int):
    """A volunteer takes a member's order (at the counter or on the phone)."""
    db = current_session()
    target = get_or_404(OrderCycle, cycle_id)
    person = picked_person()
    query, results = person_search()
    errors = {}
    if request.method == "POST" and person is not None:
        errors = attempt(lambda: market.place_order(db, target.id, person.id,
                                                    schemas.quantities(request.form),
                                                    by=current_account())).errors
        if not errors:
            flash(_("Order placed for %(name)s.", name=person.full_name), "success")
            return redirect(url_for(".order", cycle_id=target.id))
    tier = market.tier_of(db, person.id) if person else None
    return _page("order.html", cycle=target, person=person, tier=tier, query=query,
                 results=results, errors=errors, values=request.form,
                 orders=market.orders_of(db, target, person.id) if person else [])


@bp.route("/cycles/<int:cycle_id>/pickup")
@require(MARKET_SERVE)
def pickup(cycle_id: int):
    target = get_or_404(OrderCycle, cycle_id)
    return _page("pickup.html", cycle=target, orders=market.orders_of(current_session(), target))


@bp.route("/orders/<int:order_id>/<any(picked_up, cancel):action>", methods=["POST"])
@require(MARKET_SERVE)
def order_action(order_id: int, action: str):
    db = current_session()
    target = get_or_404(Order, order_id)
    change = market.mark_picked_up if action == "picked_up" else market.cancel_order
    errors = attempt(lambda: change(db, target)).errors
    for messages in errors.values():
        flash(messages[0], "error")
    return redirect(request.form.get("next") if request.form.get("next", "").startswith("/")
                    else url_for(".pickup", cycle_id=target.cycle_id))


@bp.route("/cycles/<int:cycle_id>/producers")
@require(MARKET_MANAGE)
def summary(cycle_id: int):
    """What to pay whom for a cycle; ``?format=csv`` for the accounts."""
    target = get_or_404(OrderCycle, cycle_id)
    rows = market.producer_summary(current_session(), target)
    if request.args.get("format") == "csv":
        return csv_response(f"producteurs-cycle-{target.id}.csv",
                            [_("Producer"), _("Product"), _("Unit"), _("Units"),
                             _("Producer's price per unit"), _("Amount")],
                            [(r["producer"].name, line["product"].name, line["product"].unit,
                              line["quantity"], line["price"], line["amount"])
                             for r in rows for line in r["lines"]])
    return _page("summary.html", cycle=target, rows=rows)


# --- solidarity tier (coordinators) ------------------------------------------------------------


@bp.route("/tiers", methods=["GET", "POST"])
@require(TIERS_MANAGE)
def tiers():
    db = current_session()
    person = picked_person()
    query, results = person_search()
    errors, values = {}, request.form
    if request.method == "POST":
        def grant():
            data = schemas.TierSchema().load(values)
            chosen = picked_person() or abort(404)
            market.grant_tier(db, chosen, data, by=current_account())
        errors = attempt(grant).errors
        if not errors:
            flash(_("Solidarity tier attached."), "success")
            return redirect(url_for(".tiers"))
    rows = db.scalars(select(SolidarityTier).where(SolidarityTier.revoked_on.is_(None))
                      .order_by(SolidarityTier.granted_on.desc()))
    return _page("tiers.html", tiers=list(rows), person=person, query=query, results=results,
                 errors=errors, values=values)


@bp.route("/tiers/<int:tier_id>/revoke", methods=["POST"])
@require(TIERS_MANAGE)
def revoke(tier_id: int):
    db = current_session()
    target = get_or_404(SolidarityTier, tier_id)
    attempt(lambda: market.revoke_tier(db, target))
    flash(_("Solidarity tier ended."), "success")
    return redirect(url_for(".tiers"))


# --- the member's own shop ---------------------------------------------------------------------


@bp.route("/shop", methods=["GET", "POST"])
@member
def shop():
    """A member orders for themself from the cycles open now."""
    db = current_session()
    person_id = current_account().person_id
    cycles = market.open_cycles(db)
    errors = {}
    if request.method == "POST":
        cycle_id = row_id(request.form.get("cycle"))
        if cycle_id is None:
            abort(404)
        errors = attempt(lambda: market.place_order(db, cycle_id, person_id,
                                                    schemas.quantities(request.form),
                                                    by=current_account())).errors
        if not errors:
            flash(_("Your order is placed."), "success")
            return redirect(url_for(".shop"))
    mine = {c.id: market.orders_of(db, c, person_id) for c in cycles}
    return _page("shop.html", cycles=cycles, mine=mine, tier=market.tier_of(db, person_id),
                 errors=errors, values=request.form)


@bp.route("/shop/orders/<int:order_id>/cancel", methods=["POST"])
@member
def shop_cancel(order_id: int):
    db = current_session()
    target = get_or_404(Order, order_id)
    if target.person_id != current_account().person_id:
        abort(404)  # another member's order does not exist for this member
    errors = attempt(lambda: market.cancel_order(db, target)).errors
    for messages in errors.values():
        flash(messages[0], "error")
    if not errors:
        flash(_("Your order is cancelled."), "success")
    return redirect(url_for(".shop"))
