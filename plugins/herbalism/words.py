"""The coded values of monographs and check results in words, in the reader's language (forms,
populations, an alert's severity and kind...)."""

from __future__ import annotations

from plugins.herbalism import _, knowledge

WORDS = {
    "form": {"infusion": _("infusion"), "decoction": _("decoction"), "tincture": _("tincture"),
             "fluid_extract": _("fluid extract"), "dry_extract": _("dry extract"),
             "soft_extract": _("soft extract"), "powder": _("powder"), "fresh": _("fresh"),
             "fresh_juice": _("pressed juice"), "syrup": _("syrup"),
             "enteric_capsule": _("enteric-coated capsule"), "gargle": _("gargle")},
    "population": {"adults": _("Adults"), "adolescents": _("Adolescents"),
                   "children_6_11": _("Children 6 to 11"), "children_2_5": _("Children 2 to 5"),
                   "children_under_2": _("Children under 2")},
    "advice": {"avoid": _("avoid"), "caution": _("with caution"),
               "compatible": _("no known risk")},
    "severity": {"contraindicated": _("Contraindicated"), "major": _("Major"),
                 "moderate": _("Moderate"), "low": _("Low")},
    #: what an alert of the check is about (``engine.check``'s kinds); a life stage the
    #: summary leaves unknown is named alike
    "alert_kind": {"always": _("Herb under a stop-sale order"), "pregnancy": _("Pregnancy"),
                   "lactation": _("Breastfeeding"), "allergy": _("Allergy"),
                   "condition": _("Health condition"), "herb": _("Another herb"),
                   "drug": _("Medication")},
}


def word(kind: str, code: str) -> str:
    """``word("form", "dry_extract")`` -> "extrait sec"; an unknown code as it is."""
    found = WORDS.get(kind, {}).get(code)
    return str(found) if found is not None else code


def class_name(class_id: str, locale: str) -> str:
    """A drug class of ``atc.json`` by its name ("ssri" -> "inhibiteurs sélectifs ...")."""
    found = knowledge.atc_classes().get(class_id)
    return knowledge.text(found["name"], locale) if found else class_id
