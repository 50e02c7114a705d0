"""The social needs the plugin knows, shared by screening, directory and referrals.

A need is a short code (``housing``) with a translated label and the Open Eligibility terms
(Open Referral's free taxonomy, CC BY-SA) a directory service answering it carries, so a
positive screen finds its services without a hand-kept list.
"""

from __future__ import annotations

from plugins.social_work import _

NEEDS = {
    "food": _("Food"),
    "housing": _("Housing"),
    "housing_quality": _("Housing quality"),
    "income": _("Income"),
    "transport": _("Transportation"),
    "utilities": _("Utilities"),
    "safety": _("Personal safety"),
    "isolation": _("Isolation and loneliness"),
    "legal": _("Legal help"),
    "other": _("Other"),
}

#: Open Eligibility terms: (code, label). A subset of its "Human Services" facet.
TERMS = {
    "food": _("Food"),
    "emergency-food": _("Emergency food"),
    "food-pantry": _("Food pantry"),
    "housing": _("Housing"),
    "emergency-shelter": _("Emergency shelter"),
    "help-find-housing": _("Help find housing"),
    "home-repairs": _("Home repairs"),
    "pest-control": _("Pest control"),
    "money": _("Money"),
    "financial-assistance": _("Financial assistance"),
    "help-pay-for-utilities": _("Help pay for utilities"),
    "benefits": _("Government benefits"),
    "transit": _("Transit"),
    "transportation": _("Transportation"),
    "care": _("Care"),
    "help-escape-violence": _("Help escape violence"),
    "counseling": _("Counseling"),
    "support-groups": _("Support groups"),
    "community-support": _("Community support"),
    "legal": _("Legal"),
    "advocacy-legal-aid": _("Advocacy and legal aid"),
}

#: which terms answer which need
NEED_TERMS = {
    "food": {"food", "emergency-food", "food-pantry"},
    "housing": {"housing", "emergency-shelter", "help-find-housing"},
    "housing_quality": {"home-repairs", "pest-control", "advocacy-legal-aid"},
    "income": {"money", "financial-assistance", "benefits"},
    "transport": {"transit", "transportation"},
    "utilities": {"help-pay-for-utilities", "financial-assistance"},
    "safety": {"help-escape-violence", "counseling"},
    "isolation": {"support-groups", "community-support"},
    "legal": {"legal", "advocacy-legal-aid"},
    "other": set(),
}

TAXONOMY_NAME = "Open Eligibility"
TAXONOMY_URI = "https://openreferral.org/open-eligibility"


def need_label(code: str) -> str:
    """The need's label in the reader's language (the code itself when unknown)."""
    return str(NEEDS.get(code, code))
