"""Collective kitchen pages: groups, sessions in the coop calendar, portions and costs."""

from datetime import timedelta
from decimal import Decimal

import pytest

from core.api import utcnow

from plugins.food_security.fields import to_local_input
from plugins.food_security.kitchen import service as kitchen
from plugins.food_security.kitchen.models import (KitchenParticipation, KitchenPurchase,
                                                  KitchenSession, Recipe)

K = "/p/food_security/kitchen"


@pytest.fixture
def active(activate):
    activate("food_security")


def _group(db, people):
    group = kitchen.save_group(db, {"name": "Cuisine du mardi", "theme": "vegetarian",
                                    "capacity": 8})
    for person in people:
        kitchen.add_member(db, group, person.id, 2)
    db.commit()
    return group


def test_a_future_session_goes_in_the_coop_calendar_with_the_members(
        active, client, login, db, make_person):
    from core.scheduling.models import GroupSeat, GroupSession

    group = _group(db, [make_person(last_name=f"P{i}") for i in range(3)])
    login(role="coordinator")
    start = to_local_input(utcnow() + timedelta(days=7))
    response = client.post(f"{K}/groups/{group.id}", data={"form": "session", "starts_at": start,
                                                           "animator": "Josée"})
    assert response.status_code == 302
    session = db.query(KitchenSession).one()
    calendar = db.get(GroupSession, session.calendar_ref)
    assert calendar.title == "Cuisine du mardi" and calendar.capacity == 8
    assert db.query(GroupSeat).filter_by(group_session_id=calendar.id).count() == 3
    assert session.ends_at - session.starts_at == timedelta(hours=3)
    newcomer = make_person(last_name="Nouvelle")
    db.commit()
    joined = client.post(f"{K}/groups/{group.id}?person={newcomer.id}",
                         data={"form": "member", "person": newcomer.id, "household_size": "3"})
    assert joined.status_code == 302
    seated = db.query(GroupSeat).filter_by(group_session_id=calendar.id)
    assert newcomer.id in {seat.person_id for seat in seated}
    page = f"{K}/sessions/{session.id}"
    assert client.post(page, data={"form": "cancel"}).status_code == 302
    db.expire_all()
    assert db.get(KitchenSession, session.id).status == "cancelled"
    assert db.get(GroupSession, calendar.id).cancelled  # the room is free again
    assert "Cette séance a été annulée." in client.get(page).get_data(as_text=True)
    assert client.post(page, data={"form": "cancel"}).status_code == 422


def test_facilitators_record_dishes_purchases_and_portions(active, client, login, db,
                                                           make_person):
    cooks = [make_person(last_name=f"P{i}") for i in range(3)]
    group = _group(db, cooks)
    start = utcnow() - timedelta(hours=4)
    session = kitchen.plan_session(db, group, {"starts_at": start,
                                               "ends_at": start + timedelta(hours=3)})
    recipe = kitchen.save_recipe(db, {"name": "Chili végé", "yield_portions": 10,
                                      "allergens": ["soy"]})
    db.commit()
    login(role="food_security.kitchen_volunteer")
    page = f"{K}/sessions/{session.id}"
    assert client.post(page, data={"form": "dish", "recipe_id": recipe.id, "batches": "2"}) \
        .status_code == 302
    assert client.post(page, data={"form": "purchase", "source": "store",
                                   "description": "Épicerie", "cost": "25.00"}).status_code == 302
    unknown = client.post(page, data={"form": "purchase", "source": "producer",
                                      "producer_id": "999999", "description": "Courges",
                                      "cost": "10"})
    assert unknown.status_code == 422 and 'id="e-producer_id"' in unknown.get_data(as_text=True)
    assert db.query(KitchenPurchase).count() == 1
    too_many = client.post(page, data={"form": "participant", "person": cooks[0].id,
                                       "portions": "21"})
    assert too_many.status_code == 422 and db.query(KitchenParticipation).count() == 0
    for cook in cooks:
        client.post(page, data={"form": "participant", "person": cook.id, "portions": "6"})
    shown = client.get(page).get_data(as_text=True)
    assert "1,25" in shown and "Soya" in shown  # 25 $ for 20 portions
    assert client.post(page, data={"form": "cancel"}).status_code == 403  # coordinators only
    assert client.post(page, data={"form": "close", "evaluation": "Très bon"}).status_code == 302
    db.expire_all()
    assert db.get(KitchenSession, session.id).status == "done"


def test_only_coordinators_write_recipes(active, client, login, db):
    login(role="food_security.kitchen_volunteer")
    assert client.post(f"{K}/recipes/new", data={"name": "X", "yield_portions": "4"}) \
        .status_code == 403
    client.post("/logout")
    login(role="food_security.kitchen_coordinator")
    response = client.post(f"{K}/recipes/new", data={
        "name": "Muffins", "yield_portions": "12", "allergens": ["wheat", "eggs"],
        "ingredients": "500 g farine\n2 oeufs"})
    assert response.status_code == 302
    recipe = db.query(Recipe).one()
    assert recipe.allergens == ["wheat", "eggs"]
    assert [(i.quantity, i.unit, i.name) for i in recipe.ingredients] == [
        (Decimal("500"), "g", "farine"), (Decimal("2"), "", "oeufs")]
    bad = client.post(f"{K}/recipes/new", data={"name": "Y", "yield_portions": "0",
                                                "allergens": ["plutonium"]})
    assert bad.status_code == 422 and db.query(Recipe).count() == 1


def test_a_member_without_a_program_role_sees_no_kitchen(active, client, login):
    login(role="member")
    assert client.get(f"{K}/").status_code == 403


def test_a_member_the_calendar_refuses_is_said_on_the_member_form(
        active, client, login, db, make_person):
    """The calendar's refusal (already signed up for a coming session) is shown next to the
    member form, not under a name the page has no place for; nobody is added."""
    from core.api import sign_up
    from core.scheduling.models import GroupSession

    group = _group(db, [make_person(last_name="P0")])
    login(role="coordinator")
    start = to_local_input(utcnow() + timedelta(days=7))
    assert client.post(f"{K}/groups/{group.id}", data={
        "form": "session", "starts_at": start, "animator": "Josée"}).status_code == 302
    newcomer = make_person(last_name="Nouvelle")
    sign_up(db, db.query(GroupSession).one(), newcomer.id)  # signed up at reception already
    db.commit()
    refused = client.post(f"{K}/groups/{group.id}?person={newcomer.id}",
                          data={"form": "member", "person": newcomer.id, "household_size": "3"})
    page = refused.get_data(as_text=True)
    assert refused.status_code == 422
    assert '<p class="error">Cette personne est déjà inscrite à cette séance.' in page
    assert 'value="3"' in page  # what was typed is kept
    db.expire_all()
    assert newcomer.id not in {m.person_id for m in db.get(type(group), group.id).members}
