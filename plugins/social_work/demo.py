"""Demo data: a directory of 20 invented Montreal-style community services, and a caseload.

Every name, address and phone number is made up (555 numbers). The services cover each need
the screens find; three were last verified over a year ago, so the freshness flag shows; one is
temporarily closed. Then the demo's social worker screens a few people through core's record,
like real work: the protocols propose referrals; one is sent with consent, one went all the way
to "service received" and closed, one the person declined.
"""

from __future__ import annotations

from datetime import date, time, timedelta

from sqlalchemy import select

from core.api import Account, record_entry, today as coop_today

from plugins.social_work import referrals
from plugins.social_work.access import DISCIPLINE
from plugins.social_work.directory import weekly_rrule
from plugins.social_work.models import Location, Organization, Schedule, Service
from plugins.social_work.screening import HRSN, UCLA3

#: organization, service, terms, address, postal code, days, hours, languages, months since verified
SERVICES = [
    ("Cuisine du Plateau-Est", "Cuisines collectives du mardi", ["food"], "4120, rue Garnier",
     "H2J 3R5", ["TU"], (9, 13), ["fr"], 2),
    ("Garde-manger Rosemont", "Dépannage alimentaire", ["emergency-food", "food-pantry"],
     "5580, boulevard Saint-Michel", "H1Y 2C4", ["WE", "FR"], (13, 16), ["fr", "en", "es"], 1),
    ("Frigo solidaire Hochelaga", "Frigo communautaire", ["food"], "1990, rue Davidson",
     "H1W 2Y5", ["MO", "TU", "WE", "TH", "FR", "SA", "SU"], (8, 20), ["fr"], 4),
    ("Comité logement Villeray", "Aide à la recherche de logement", ["help-find-housing",
                                                                      "housing"],
     "7375, rue Saint-Denis", "H2R 2E4", ["MO", "WE"], (9, 16), ["fr", "en"], 3),
    ("Comité logement Villeray", "Défense des droits des locataires", ["advocacy-legal-aid",
                                                                        "home-repairs"],
     "7375, rue Saint-Denis", "H2R 2E4", ["TH"], (13, 19), ["fr", "en"], 14),
    ("Maison Le Seuil", "Hébergement d’urgence", ["emergency-shelter"], "2250, rue Ontario Est",
     "H2K 1W1", ["MO", "TU", "WE", "TH", "FR", "SA", "SU"], (0, 23), ["fr", "en"], 2),
    ("Coop d’habitation Les Pignons", "Liste d’attente en coopérative", ["housing"],
     "3300, avenue Papineau", "H2K 4J5", ["TU"], (18, 20), ["fr"], 6),
    ("Brigade antiparasitaire solidaire", "Aide contre les punaises de lit", ["pest-control"],
     "6850, rue Marquette", "H2E 2C5", ["MO", "TH"], (9, 12), ["fr", "ar"], 16),
    ("Carrefour budget Centre-Sud", "Consultation budgétaire gratuite", ["financial-assistance",
                                                                          "money"],
     "1710, rue Beaudry", "H2L 3E7", ["TU", "TH"], (9, 17), ["fr", "en"], 5),
    ("Carrefour budget Centre-Sud", "Aide pour payer l’électricité", ["help-pay-for-utilities"],
     "1710, rue Beaudry", "H2L 3E7", ["WE"], (9, 12), ["fr", "en"], 5),
    ("Clinique d’impôts bénévole Parc-Ex", "Déclarations de revenus et prestations",
     ["benefits"], "7085, rue Hutchison", "H3N 1Y9", ["SA"], (10, 15),
     ["fr", "en", "ar", "es"], 8),
    ("Accompagnement transport Ahuntsic", "Transport bénévole aux rendez-vous médicaux",
     ["transportation"], "10780, rue Laverdure", "H3L 2L9", ["MO", "TU", "WE", "TH", "FR"],
     (8, 16), ["fr"], 3),
    ("Carte Opus solidaire", "Tarif réduit de transport collectif", ["transit"],
     "2100, rue Sainte-Catherine Ouest", "H3H 1M6", ["WE"], (10, 14), ["fr", "en"], 13),
    ("Maison Hélène-Lacroix (fictive)", "Hébergement et écoute en violence conjugale",
     ["help-escape-violence"], "Adresse confidentielle", "", ["MO", "TU", "WE", "TH", "FR",
                                                             "SA", "SU"], (0, 23), ["fr", "en"],
     1),
    ("Centre d’écoute Le Phare", "Écoute téléphonique", ["counseling"], "4460, rue Saint-Hubert",
     "H2J 2X1", ["MO", "TU", "WE", "TH", "FR"], (9, 21), ["fr", "en"], 2),
    ("Maison des aînés de Rosemont", "Cafés-rencontres", ["support-groups",
                                                          "community-support"],
     "5350, boulevard Lafond", "H1X 2X2", ["WE"], (13, 16), ["fr"], 4),
    ("Petits frères de quartier (fictif)", "Visites d’amitié", ["community-support"],
     "4450, rue Saint-Hubert", "H2J 2X1", ["SA"], (10, 12), ["fr"], 7),
    ("Centre communautaire Hochelaga", "Groupe de parents du jeudi", ["support-groups"],
     "1600, avenue De Lasalle", "H1V 2J2", ["TH"], (9, 11), ["fr", "ht"], 3),
    ("Clinique juridique du Mile End", "Consultation juridique gratuite", ["legal",
                                                                          "advocacy-legal-aid"],
     "5605, avenue de Gaspé", "H2T 2A4", ["TU"], (17, 20), ["fr", "en"], 9),
    ("Ressource emploi Sud-Ouest", "Aide à la recherche d’emploi", ["money"],
     "2515, rue Notre-Dame Ouest", "H3J 1N6", ["MO", "WE", "FR"], (9, 16), ["fr", "en"], 2),
]


def build_directory(session, today: date) -> list[Service]:
    """The 20 services (no commit); the Opus one is temporarily closed."""
    organizations, made = {}, []
    for index, (org, name, terms, address, postal, days, hours, langs, months) in \
            enumerate(SERVICES):
        if org not in organizations:
            organizations[org] = Organization(name=org, phone=f"514 555-{1000 + index:04d}",
                                              description="Organisme communautaire (fictif)")
            session.add(organizations[org])
        organization = organizations[org]
        location = Location(organization=organization, name=name, address_1=address,
                            postal_code=postal,
                            accessibility="Entrée de plain-pied" if index % 3 else
                            "Escalier de 5 marches; aide sur demande")
        service = Service(organization=organization, location=location, name=name,
                          description=f"{name} : un service de {org}.", terms=terms, languages=langs,
                          status="temporarily closed" if "Opus" in org else "active",
                          phone=organization.phone,
                          eligibility_description="Résidents de Montréal",
                          fees_description="Gratuit", application_process="Appeler ou se "
                          "présenter sur place.",
                          assured_date=today - timedelta(days=30 * months))
        service.schedules.append(Schedule(rrule=weekly_rrule(days), valid_from=today,
                                          opens_at=time(hours[0]),
                                          closes_at=time(hours[1], 59 if hours[1] == 23 else 0)))
        session.add(service)
        made.append(service)
    session.flush()
    return made


def _social_worker(session):
    return session.execute(select(Account).where(Account.practitioner.has(discipline=DISCIPLINE))
                           .order_by(Account.id)).scalars().first()


SCREENS = [
    {"housing_situation": "worried", "housing_problems": ["pests"], "transport": "no",
     "utilities": "yes", "hurt": 1, "insult": 1, "threaten": 1, "scream": 2},
    {"housing_situation": "steady", "housing_problems": ["none"], "transport": "yes",
     "utilities": "no", "hurt": 1, "insult": 1, "threaten": 1, "scream": 1},
    {"housing_situation": "none", "housing_problems": [], "transport": "yes", "utilities": "no",
     "hurt": 1, "insult": 2, "threaten": 1, "scream": 1},
]


def add_demo_data(session, rng, people) -> None:
    """The directory, then three screened people whose referrals are at different steps."""
    today = coop_today()  # the coop's day: services verified, consents given "today"
    services = build_directory(session, today)
    worker = _social_worker(session)
    if worker is None or len(people) < 4:
        return
    for person, answers in zip(people[1:4], SCREENS, strict=False):
        record_entry(session, person=person, form_id=HRSN, payload=answers, author=worker)
    record_entry(session, person=people[4 % len(people)], form_id=UCLA3, author=worker,
                 payload={"companionship": 3, "left_out": 2, "isolated": 3})
    _send(session, worker, services, referrals.open_referral_for(session, people[1].id,
                                                                  "housing"), "logement", today)
    transport = referrals.open_referral_for(session, people[2].id, "transport")
    if _send(session, worker, services, transport, "transport bénévole", today):
        for step in ("accepted", "service_received"):
            referrals.advance(session, transport, step, by=worker, today=today)
        referrals.advance(session, transport, "closed", by=worker, today=today,
                          outcome="Accompagnée à ses trois rendez-vous du mois.")
    lonely = referrals.open_referral_for(session, people[4 % len(people)].id, "isolation")
    if lonely is not None:
        referrals.advance(session, lonely, "declined", by=worker, today=today,
                          note="Préfère en reparler dans un mois.")


def _send(session, worker, services, referral, words: str, today: date) -> bool:
    """Choose the first service whose name holds ``words``, record consent, send."""
    target = next((s for s in services if words in s.name.lower()), None)
    if referral is None or target is None:
        return False
    referrals.choose_service(session, referral, target.id, by=worker)
    referrals.record_consent(session, referral, what="Nom, téléphone et besoin",
                             with_whom=target.organization.name, on=today, by=worker,
                             today=today)
    referrals.advance(session, referral, "sent", by=worker, today=today)
    return True
