"""Demo volunteering for ``soin demo``: volunteers with their profiles and undertakings, shifts
of the coming days (the market, reception, the kitchen, upkeep), an accompaniment, and two
months of confirmed hours with a recognition."""

from __future__ import annotations

from datetime import time, timedelta

from sqlalchemy import select

from core.coop_time import today
from core.identity.models import Account
from core.scheduling.models import BOOKED, Appointment
from core.scheduling.timeutil import local_datetime
from core.volunteering import ledger, service
from core.volunteering.accompaniment import request_accompaniment
from core.volunteering.programs import programs

PROFILES = (
    ("Le marché, l’accueil", "Service à la clientèle", "Jeudis et samedis", "français, anglais"),
    ("Conduire, accompagner", "Permis de conduire, premiers soins", "En semaine", "français"),
    ("L’accueil au sans rendez-vous", "Espagnol, écoute", "Mardis et mercredis",
     "français, espagnol"),
    ("La cuisine", "Hygiène MAPAQ", "Fins de semaine", "français, arabe"),
    ("Le jardin, le bricolage", "Peinture", "Le soir", "français"),
)
MARKET_PLACE = "Local du marché, 1450 rue Ontario Est"


def _program(code: str, fallback: str) -> str:
    return code if code in programs(active_only=False) else fallback


def demo_data(session, rng, people) -> None:
    """A few volunteers, a week of shifts, an accompaniment and confirmed hours."""
    volunteers = people[:5]
    for person, (likes, skills, when, languages) in zip(volunteers, PROFILES, strict=False):
        service.save_profile(session, person, {"likes": likes, "skills": skills,
                                               "availability": when, "languages": languages})
    for person in volunteers[:3]:
        service.sign_undertaking(session, person, today() - timedelta(days=rng.randrange(30, 200)))
    service.sign_undertaking(session, volunteers[3], today() - timedelta(days=500), "2024-1")
    service.save_profile(session, volunteers[3], {"trainings": ["Hygiène MAPAQ"]})
    coordinator = session.scalar(select(Account).where(Account.username == "coordination"))
    market = _program("food_security.market", "core.upkeep")
    kitchen = _program("food_security.kitchen", "core.upkeep")

    def shift(program, title, days, start, hours, needed, **kw):
        day = today() + timedelta(days=days)
        begins = local_datetime(day, time(start))
        return service.publish_shift(session, program=program, title=title, starts_at=begins,
                                     ends_at=begins + timedelta(hours=hours), needed=needed,
                                     by=coordinator, **kw)

    for days in (2, 4, 9):
        pickup = shift(market, "Distribution des paniers du marché", days, 9, 3, 3,
                       place=MARKET_PLACE,
                       description="Préparer les commandes et les remettre aux membres.")
        if days == 4:
            service.sign_up(session, pickup, volunteers[1])
    desk = shift("core.reception", "Accueil au sans rendez-vous", 3, 13, 4, 1,
                 place="Accueil de la coop", personal_info=True)
    shift("core.reception", "Accueil au sans rendez-vous", 5, 13, 4, 1,
          place="Accueil de la coop", personal_info=True)
    service.sign_up(session, desk, volunteers[2])
    shift(kitchen, "Aide à la cuisine collective", 6, 10, 3, 2, training="Hygiène MAPAQ",
          place="Cuisine communautaire")
    shift("core.upkeep", "Peinture de la salle d’attente", 8, 9, 4, 4, place="Salle d’attente")
    visit = session.scalar(select(Appointment).where(
        Appointment.status == BOOKED, Appointment.starts_at > local_datetime(
            today() + timedelta(days=2), time(0)),
        Appointment.person_id.not_in([p.id for p in volunteers])).order_by(Appointment.starts_at))
    if visit is not None:
        ride = request_accompaniment(session, visit, "transport", by=coordinator,
                                     place="Devant le 2250 rue Frontenac",
                                     description="Marchette pliante à mettre dans le coffre.")
        service.sign_up(session, ride, volunteers[1])
    _history(session, rng, volunteers, coordinator, market)


def _history(session, rng, volunteers, coordinator, market) -> None:
    """Two months of past shifts; all but the last have their hours confirmed."""
    past = []
    for weeks_ago in range(1, 9):
        day = today() - timedelta(weeks=weeks_ago)
        begins = local_datetime(day, time(9))
        held = service.publish_shift(session, program=market if weeks_ago % 2 else "core.upkeep",
                                     title="Distribution des paniers du marché" if weeks_ago % 2
                                     else "Entretien du local", place=MARKET_PLACE,
                                     starts_at=begins, ends_at=begins + timedelta(hours=3),
                                     needed=2, by=coordinator)
        for person in rng.sample(volunteers[:4], 2):
            past.append(service.sign_up(session, held, person, after_the_fact=True))
    for signup in past[2:]:  # the last week's hours wait for the coordinator
        ledger.confirm_hours(session, signup, coordinator)
    year = today().year
    best = volunteers[0]
    total = ledger.year_total(session, best.id, year)
    if total >= 6:
        ledger.recognise(session, best, year, "dues", 6, coordinator,
                         "Cotisation annuelle réglée en heures de bénévolat")
