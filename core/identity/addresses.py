"""A household's address as it is written in Quebec: the street on its line, then the city, the
province in parentheses and the postal code ("Montréal (Québec) H2X 1Y4", as Canada Post and
the Office québécois de la langue française write it).

The province is not asked for: a Canadian postal code's first letter names it (Canada Post's
forward sortation areas), so a household in Gatineau and one across the river in Ottawa are
each written right. Nothing is guessed without a postal code; a code that is not Canadian is
written as it was typed.
"""

from __future__ import annotations

import re

from markupsafe import Markup, escape

from core.i18n import _
from core.typography import NBSP

#: a Canadian postal code, in any case, with or without its space (or a hyphen)
_POSTAL_CODE = re.compile(r"([A-Z]\d[A-Z])[\s-]?(\d[A-Z]\d)")

#: the province or territory of a postal code's first letter
_PROVINCES = {
    "A": _("Newfoundland and Labrador"), "B": _("Nova Scotia"),
    "C": _("Prince Edward Island"), "E": _("New Brunswick"),
    "G": _("Quebec"), "H": _("Quebec"), "J": _("Quebec"),
    "K": _("Ontario"), "L": _("Ontario"), "M": _("Ontario"), "N": _("Ontario"), "P": _("Ontario"),
    "R": _("Manitoba"), "S": _("Saskatchewan"), "T": _("Alberta"), "V": _("British Columbia"),
    "Y": _("Yukon"),
}
#: "X" is shared: these areas are Nunavut's, the others the Northwest Territories'
_NUNAVUT = ("X0A", "X0B", "X0C")


def postal_code(text: str | None) -> tuple[str, object | None]:
    """A postal code as it is written ("H2X 1Y4", never broken across two lines) and its
    province (a translated name), or the text as typed and None when it is not Canadian."""
    typed = " ".join((text or "").split())
    found = _POSTAL_CODE.fullmatch(typed.upper())
    if found is None:
        return typed, None
    area, local = found.groups()
    if area[0] == "X":
        province = _("Nunavut") if area in _NUNAVUT else _("Northwest Territories")
    else:
        province = _PROVINCES.get(area[0])
    return f"{area}{NBSP}{local}", province


def address_lines(address: str | None, city: str | None, code: str | None) -> list[str]:
    """The address's lines, the empty ones left out: the street, then "City (Province) postal
    code"."""
    street, city = " ".join((address or "").split()), " ".join((city or "").split())
    code, province = postal_code(code)
    place = city
    if province is not None:
        place = (str(_("%(city)s (%(province)s)", city=city, province=province)) if city
                 else str(province))
    return [line for line in (street, " ".join(part for part in (place, code) if part)) if line]


def postal_address(household) -> Markup:
    """A household's address for a page: its lines, escaped, one under the other (the
    ``postal_address`` filter)."""
    return Markup("<br>").join(escape(line) for line in address_lines(
        household.address, household.city, household.postal_code))
