"""The program's volunteering, kept by core (``core.api``): its programs, whose shifts members
sign up for from the portal and whose confirmed hours core's ledger counts."""

from __future__ import annotations

from core.api import VolunteerProgramSpec

from plugins.food_security import NAME, _


def programs() -> list[VolunteerProgramSpec]:
    return [
        VolunteerProgramSpec(f"{NAME}.market", _("Solidarity market"),
                             _("Preparing and handing out the market's orders.")),
        VolunteerProgramSpec(f"{NAME}.kitchen", _("Collective kitchens"),
                             _("Helping a kitchen session: shopping, cooking, cleaning up.")),
        VolunteerProgramSpec(f"{NAME}.gardens", _("Community gardens"),
                             _("Garden chores: watering, compost, paths.")),
        VolunteerProgramSpec(f"{NAME}.cafe", _("Social café"),
                             _("Serving meals at the café, setting up and cleaning up.")),
    ]
