"""Collective kitchen rules: groups and members, sessions, recipes, purchases, portions, costs.

Functions act inside the caller's transaction and never commit; a :class:`KitchenError` means
nothing of the action should be kept (the caller rolls back).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from core.api import today as coop_today

from plugins.food_security import _, ngettext
from plugins.food_security.fields import ActionRefused, chosen
from plugins.food_security.kitchen.models import (KitchenGroup, KitchenMember, KitchenParticipation,
                                                  KitchenPurchase, KitchenSession, Recipe,
                                                  RecipeIngredient, SessionRecipe)
from plugins.food_security.market.models import Producer

#: the RCCQ definition: a collective kitchen is at least three people
MIN_PARTICIPANTS = 3


class KitchenError(ActionRefused):
    """A rule of this activity refused the action (nothing is kept)."""


def save_group(db: Session, data: dict, group: KitchenGroup | None = None) -> KitchenGroup:
    """Create a group or update it."""
    group = group or KitchenGroup()
    for key, value in data.items():
        setattr(group, key, value)
    db.add(group)
    db.flush()
    return group


def add_member(db: Session, group: KitchenGroup, person_id: int, household_size: int = 1,
               joined_on: date | None = None) -> KitchenMember:
    """Add a person to a group, within its capacity, once."""
    count = db.scalar(select(func.count(KitchenMember.id))
                      .where(KitchenMember.group_id == group.id))
    if count >= group.capacity:
        raise KitchenError(_("The group is full."), "person_id")
    if db.scalar(select(KitchenMember.id).where(KitchenMember.group_id == group.id,
                                                KitchenMember.person_id == person_id)):
        raise KitchenError(_("This person is already in the group."), "person_id")
    member = KitchenMember(group=group, person_id=person_id, household_size=household_size,
                           joined_on=joined_on or coop_today())
    db.add(member)
    db.flush()
    return member


def plan_session(db: Session, group: KitchenGroup, data: dict) -> KitchenSession:
    """Plan a cooking session for a group."""
    if data["ends_at"] <= data["starts_at"]:
        raise KitchenError(_("The session must end after it starts."), "ends_at")
    session = KitchenSession(group=group, place=data.get("place") or group.place,
                             **{k: v for k, v in data.items() if k != "place"})
    db.add(session)
    db.flush()
    return session


def parse_ingredients(text: str) -> list[dict]:
    """One ingredient per line: ``2 kg carrots``, ``1,5 L milk`` or just ``salt``."""
    ingredients = []
    for line in (text or "").splitlines():
        words = line.split()
        if not words:
            continue
        try:
            quantity = Decimal(words[0].replace(",", "."))
        except InvalidOperation:
            ingredients.append({"name": " ".join(words)[:200], "quantity": None, "unit": ""})
            continue
        unit, name = (words[1], words[2:]) if len(words) > 2 else ("", words[1:])
        ingredients.append({"name": " ".join(name)[:200] or unit, "quantity": quantity,
                            "unit": unit[:40]})
    return ingredients


def save_recipe(db: Session, data: dict, recipe: Recipe | None = None) -> Recipe:
    """Create or update a recipe; ``data["ingredients"]`` is the text typed, one per line."""
    data = dict(data)
    lines = parse_ingredients(data.pop("ingredients", ""))
    recipe = recipe or Recipe()
    for key, value in data.items():
        setattr(recipe, key, value)
    recipe.ingredients = [RecipeIngredient(**line) for line in lines]
    db.add(recipe)
    db.flush()
    return recipe


def add_dish(db: Session, session: KitchenSession, recipe: Recipe, batches: int = 1) -> None:
    """Cook ``batches`` of ``recipe`` in the session (adding again changes the batches)."""
    dish = db.scalar(select(SessionRecipe).where(SessionRecipe.session_id == session.id,
                                                 SessionRecipe.recipe_id == recipe.id))
    if dish is None:
        dish = SessionRecipe(session=session, recipe=recipe)
        db.add(dish)
    dish.batches = batches
    db.flush()


def add_purchase(db: Session, session: KitchenSession, data: dict) -> KitchenPurchase:
    """Record a purchase or a donation for the session (a donation costs nothing)."""
    data = dict(data)
    if data.get("source") == "donation":
        data["cost"] = Decimal("0")
    if data.get("source") in ("market", "producer") and not data.get("producer_id"):
        raise KitchenError(_("Choose the producer."), "producer_id")
    if data.get("producer_id") is not None:
        chosen(db, Producer, data["producer_id"], "producer_id")
    purchase = KitchenPurchase(session=session, **data)
    db.add(purchase)
    db.flush()
    return purchase


def record_participation(db: Session, session: KitchenSession, person_id: int, portions: int,
                         contribution: Decimal = Decimal("0")) -> KitchenParticipation:
    """Record (or correct) who cooked and how many portions they took home.

    Portions taken home never exceed the portions cooked, once the dishes are recorded.
    """
    row = db.scalar(select(KitchenParticipation).where(
        KitchenParticipation.session_id == session.id, KitchenParticipation.person_id == person_id))
    others = sum(p.portions for p in session.participants if p is not row)
    cooked = costs(session).portions
    if cooked and others + portions > cooked:
        raise KitchenError(ngettext("Only %(num)s portion is left to share.",
                                    "Only %(num)s portions are left to share.",
                                    max(cooked - others, 0)), "portions")
    if row is None:
        row = KitchenParticipation(session=session, person_id=person_id)
        db.add(row)
    row.portions, row.contribution = portions, contribution
    db.flush()
    return row


def close_session(db: Session, session: KitchenSession, evaluation: str = "") -> None:
    """Mark a session done, with the group's evaluation; a collective kitchen is 3 people."""
    if len(session.participants) < MIN_PARTICIPANTS:
        raise KitchenError(_("A collective kitchen needs at least %(n)s participants.",
                             n=MIN_PARTICIPANTS))
    session.status, session.evaluation = "done", evaluation
    db.flush()


def cancel_session(db: Session, session: KitchenSession) -> None:
    """Call off a planned session (the caller frees its calendar session too)."""
    if session.status != "planned":
        raise KitchenError(_("Only a planned session can be cancelled."))
    session.status = "cancelled"
    db.flush()


@dataclass(frozen=True)
class SessionCosts:
    total: Decimal
    portions: int
    taken_home: int
    per_portion: Decimal | None


def costs(session: KitchenSession) -> SessionCosts:
    """Total cost, portions cooked and taken home, cost per portion (None if none cooked)."""
    total = sum((p.cost for p in session.purchases), Decimal("0.00"))
    portions = sum(d.portions for d in session.dishes)
    per = ((total / portions).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
           if portions else None)
    return SessionCosts(total, portions, sum(p.portions for p in session.participants), per)
