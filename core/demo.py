"""``soin demo``: a small coop to explore, with accounts whose password is public.

Every demo account is marked ``is_demo`` and the sign-in page says so; nothing else in the
platform creates an account with a known password.
"""

from __future__ import annotations

import random
import zlib
from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy import select

from core.admin.service import set_active
from core.identity import service
from core.identity.accounts import create_account, sync_roles_and_permissions
from core.identity.models import Person
from core.registry import plugin_host
from core.specs import DemoPractitioner

DEMO_PASSWORD = "demo-soin-commun"
FIRST = ["Hélène", "Émile", "Chloé", "François", "Anaïs", "Jérôme", "Zoë", "Noémie", "Léa",
         "Mathieu", "Amélie", "Gaëlle", "Sarah", "Olivier", "Maëlle", "Liam", "Emma", "Noah",
         "Aïcha", "Mohamed", "Nguyen", "Isabelle", "Benoît", "Josée", "Raphaël", "Ève"]
LAST = ["Tremblay", "Gagnon", "Côté", "Bouchard", "Gauthier", "Lévesque", "Bélanger", "Roy",
        "Pelletier", "Bérubé", "Ouellet", "O'Brien", "Smith", "Nguyen", "Diallo", "Fortin",
        "Lefèbvre", "Desjardins", "Paré", "Thériault"]
#: the sex assigned at birth the demo gives each first name (the chart shows it, and the
#: plugins' demos pick a plausible person for a pregnancy or a cystitis); "Nguyen" says nothing
FEMALE = {"Hélène", "Chloé", "Anaïs", "Zoë", "Noémie", "Léa", "Amélie", "Gaëlle", "Sarah",
          "Maëlle", "Emma", "Aïcha", "Isabelle", "Josée", "Ève"}
MALE = {"Émile", "François", "Jérôme", "Mathieu", "Olivier", "Liam", "Noah", "Mohamed", "Benoît",
        "Raphaël"}
STREETS = ["rue Ontario Est", "rue Sainte-Catherine Est", "avenue Papineau", "rue Hochelaga",
           "rue de la Visitation", "rue Amherst"]


def _person(rng: random.Random, last: str):
    born = date(1940, 1, 1) + timedelta(days=rng.randrange(0, 30000))
    first = rng.choice(FIRST)
    sex = "female" if first in FEMALE else "male" if first in MALE else ""
    return {"first_name": first, "last_name": last, "date_of_birth": born, "sex_at_birth": sex,
            "language": rng.choice(["fr_CA", "fr_CA", "fr_CA", "en"]),
            "phone": f"514-555-{rng.randrange(1000, 9999)}"}


def load_demo(db, app, seed: int = 2026, if_empty: bool = False, households: int = 40) -> bool:
    """Create the demo coop; returns False when ``if_empty`` and people already exist."""
    if if_empty and db.scalar(select(Person.id).limit(1)) is not None:
        return False
    rng = random.Random(seed)
    host = plugin_host(app)
    sync_roles_and_permissions(db, host)
    for plugin in host.installed():
        set_active(db, host, plugin.name, True)
    people = []
    for _ in range(households):
        last = rng.choice(LAST)
        household = service.create_household(db, {
            "name": last, "address": f"{rng.randrange(100, 4999)} {rng.choice(STREETS)}",
            "city": "Montréal", "postal_code": f"H{rng.randrange(1, 4)}{rng.choice('KLMNP')} {rng.randrange(1, 9)}A{rng.randrange(1, 9)}"})
        for _ in range(rng.choice([1, 1, 2, 3, 4])):
            people.append(service.register_person(db, _person(rng, last), household))
        membership = service.open_membership(db, household, {
            "started_on": date(2020, 1, 1) + timedelta(days=rng.randrange(0, 2000)),
            "share_amount": Decimal("10.00")})
        if rng.random() < 0.85:
            service.record_payment(db, membership, {"amount": Decimal("10.00"),
                                                    "paid_on": membership.started_on,
                                                    "method": rng.choice(["cash", "debit"])})
    _consents(db, random.Random(seed + 1), people)  # its own draws: the rest stays as it was
    officer = _accounts(db, host, people)
    host.call_each("demo_data", session=db, rng=rng, people=people)
    # the member came from another coop: her record there was imported (core.record.transfer)
    from core.record.transfer_demo import import_demo_record

    import_demo_record(db, people[0], officer)
    return True


def _consents(db, rng, people) -> None:
    """About two people in three agreed to anonymous statistics, so the demo's reports (which
    count only them) have something to show; the others never chose (everything off)."""
    from core.record.models import PrivacySettings

    for person in people:
        if rng.random() < 0.65:
            db.add(PrivacySettings(person_id=person.id, allow_statistics=True))
    db.flush()


def _accounts(db, host, people):
    """The demo's accounts; returns the privacy officer's."""
    def make(username, name, roles, **kw):
        return create_account(db, username=username, display_name=name, password=DEMO_PASSWORD,
                              roles=roles, is_demo=True, **kw)

    make("admin", "Admin (démo)", ["admin"])
    coordination = make("coordination", "Julie Bouchard, coordonnatrice", ["coordinator"])
    # the board delegated the privacy officer's role to the coordinator (Law 25 s.3.1)
    from core.privacy.officer import designate

    designate(db, {"account_id": coordination.id, "email": "vie.privee@coop-demo.example",
                   "phone": "514 555-0100", "delegation": "Résolution du CA 2026-03 (démo)"},
              by=None)
    make("accueil", "Sophie Pelletier, accueil", ["reception"])
    # one of the demo's volunteers (core.volunteering.demo): their shifts and hours to show
    make("benevole", people[1].full_name, ["volunteer"], person=people[1])
    make("membre", people[0].full_name, ["member"], person=people[0])
    # the roles plugins declare with a demo account (governance's secretary, chair, board)
    for role in host.declarations("register_roles", active_only=False):
        if role.demo_account:
            make(*role.demo_account, [role.code])
    for spec in demo_practitioners(host):
        make(spec.username, spec.display_name, ["practitioner"], practitioner={
            "discipline": spec.discipline, "professional_order": spec.professional_order,
            "licence_number": f"{zlib.crc32(spec.username.encode()) % 10**7:07d}"})
    return coordination


def demo_practitioners(host) -> list[DemoPractitioner]:
    """The demo practitioners, by discipline code: those the plugins declare
    (``register_demo_practitioners``), or one named after the code for a discipline whose
    plugin declares none."""
    declared = host.declarations("register_demo_practitioners", active_only=False)
    disciplines = {p.info.discipline for p in host.installed() if p.info and p.info.discipline}
    disciplines |= {spec.discipline for spec in declared}
    out = []
    for code in sorted(disciplines):
        mine = [spec for spec in declared if spec.discipline == code]
        out += mine or [DemoPractitioner(code, code.title(), code)]
    return out
