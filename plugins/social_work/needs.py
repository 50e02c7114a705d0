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

#: each local term's official Open Eligibility term: (id, English title). From the taxonomy's
#: version 2.0, the file ``taxonomy`` on the master branch of github.com/auntbertha/openeligibility
#: (Human Services ids 1101-1390). Version 2.0 has no pest-control nor community-support term:
#: they carry the nearest broader one (Maintenance & Repairs, Support Network).
OPEN_ELIGIBILITY = {
    "food": ("1102", "Food"),
    "emergency-food": ("1128", "Emergency Food"),
    "food-pantry": ("1130", "Food Pantry"),
    "housing": ("1103", "Housing"),
    "emergency-shelter": ("1135", "Emergency Shelter"),
    "help-find-housing": ("1136", "Help Find Housing"),
    "home-repairs": ("1141", "Maintenance & Repairs"),
    "pest-control": ("1141", "Maintenance & Repairs"),
    "money": ("1107", "Money"),
    "financial-assistance": ("1232", "Financial Assistance"),
    "help-pay-for-utilities": ("1138", "Help Pay for Utilities"),
    "benefits": ("1256", "Government Benefits"),
    "transit": ("1105", "Transit"),
    "transportation": ("1175", "Transportation"),
    "care": ("1108", "Care"),
    "help-escape-violence": ("1124", "Help Escape Violence"),
    "counseling": ("1304", "Counseling"),
    "support-groups": ("1312", "Support Groups"),
    "community-support": ("1303", "Support Network"),
    "legal": ("1111", "Legal"),
    "advocacy-legal-aid": ("1375", "Advocacy & Legal Aid"),
}
#: an official id read back (an import) -> the local term; for a shared id, the first listed
FROM_OPEN_ELIGIBILITY = {oe_id: code for code, (oe_id, _t) in reversed(OPEN_ELIGIBILITY.items())}

TAXONOMY_NAME = "Open Eligibility"
TAXONOMY_VERSION = "2.0"
#: the taxonomy's canonical URI in HL7 Terminology (THO): NamingSystem OpenEligibilityTaxonomy
TAXONOMY_URI = "http://terminology.hl7.org/CodeSystem/OpenEligibilityTaxonomy"


def need_text(code: str):
    """The need's label as a translated text, written in the language it is read or kept in
    (a finding or a referral is kept in every language: a label made ``str`` first would be
    kept in the writer's language only)."""
    return NEEDS.get(code, code)


def need_label(code: str) -> str:
    """The need's label in the reader's language (the code itself when unknown)."""
    return str(NEEDS.get(code, code))
