"""Factories that build real rows through the same services the platform uses."""

from __future__ import annotations

import itertools
from datetime import date

from core.identity import service
from core.identity.accounts import create_account

_counter = itertools.count(1)
PASSWORD = "correct horse battery staple"


class Factories:
    def __init__(self, app, db):
        self.app = app
        self.db = db

    def person(self, first_name="Hélène", last_name="Tremblay", household=None,
               allow_statistics: bool = False, **kw):
        """A person, in a new household named after them unless one is given; ``kw``: any
        column of ``Person``. ``allow_statistics=True`` records their consent to anonymous
        statistics (a ``PrivacySettings`` row), so reports count them."""
        if household is None:
            household = service.create_household(self.db, {"name": last_name})
        data = {"first_name": first_name, "last_name": last_name,
                "date_of_birth": kw.pop("date_of_birth", date(1980, 5, 17)), **kw}
        person = service.register_person(self.db, data, household)
        if allow_statistics:
            from core.record.models import PrivacySettings

            self.db.add(PrivacySettings(person_id=person.id, allow_statistics=True))
        self.db.commit()
        return person

    def account(self, roles=("admin",), discipline=None, username=None, person=None, **kw):
        """An account with ``roles``; a ``discipline`` makes it a practitioner of it."""
        n = next(_counter)
        roles = list(roles)
        practitioner = None
        if discipline:
            practitioner = {"discipline": discipline, "professional_order": "Ordre",
                            "licence_number": f"{n:07d}", **kw.pop("practitioner", {})}
            if "practitioner" not in roles:
                roles.append("practitioner")
        if person is not None and "member" not in roles and not roles:
            roles = ["member"]
        account = create_account(self.db, username=username or f"user{n}",
                                 display_name=kw.pop("display_name", f"User {n}"),
                                 password=kw.pop("password", PASSWORD), roles=roles,
                                 person=person, practitioner=practitioner, **kw)
        self.db.commit()
        return account
