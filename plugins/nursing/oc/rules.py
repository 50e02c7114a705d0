"""The small condition language OC data files use, so clinical rules stay data, not code.

A condition is a JSON object, one of:

* ``{"fact": "inr", "gte": 1.5, "lt": 2}`` — a fact compared with ``equals``, ``in``, ``gt``,
  ``gte``, ``lt``, ``lte`` (all must hold); with no operator, the fact must be true.
  Facts are the nurse's answers to the OC's questions, plus ``age`` (years, from the date of
  birth), ``pregnancy`` (``pregnant``/``not_pregnant``/``unknown``) and ``breastfeeding``
  (from the shared clinical summary);
* ``{"summary": "medication", "has": ["warfarin", "B01AA03"]}`` — the shared clinical summary
  has a ``problem``, ``medication`` or ``allergy`` whose label or code contains one of the words;
  add ``"natural_product": true`` to look only at natural health products;
* ``{"all": [...]}``, ``{"any": [...]}``, ``{"not": {...}}``.

A fact that is absent (a question left unanswered, an unknown date of birth) makes its
comparison false: a rule never holds by accident.
"""

from __future__ import annotations

import operator
from dataclasses import dataclass, field
from datetime import date

from core.api import age_on

COMPARATORS = {"gt": operator.gt, "gte": operator.ge, "lt": operator.lt, "lte": operator.le,
               "equals": operator.eq, "in": lambda value, options: value in options}
DERIVED_FACTS = ("age", "pregnancy", "breastfeeding")
SUMMARY_KINDS = ("problem", "medication", "allergy")


class RuleError(ValueError):
    """A condition that does not follow the language (reported when an OC file is loaded)."""


@dataclass(frozen=True)
class Facts:
    """Everything a condition may look at: answers, derived facts and the clinical summary."""

    answers: dict
    summary: object  # core.api.ClinicalSummary
    derived: dict = field(default_factory=dict)

    def get(self, name: str):
        if name in self.derived:
            return self.derived[name]
        return self.answers.get(name)


def make_facts(answers: dict, summary, date_of_birth: date | None, today: date) -> Facts:
    """Facts for one person today: the answers plus age, pregnancy and breastfeeding."""
    derived = {"age": age_on(date_of_birth, today), "pregnancy": summary.pregnancy,
               "breastfeeding": summary.breastfeeding}
    return Facts(dict(answers), summary, derived)


def holds(condition: dict, facts: Facts) -> bool:
    """Does ``condition`` hold for these facts?"""
    if "all" in condition:
        return all(holds(c, facts) for c in condition["all"])
    if "any" in condition:
        return any(holds(c, facts) for c in condition["any"])
    if "not" in condition:
        return not holds(condition["not"], facts)
    if "summary" in condition:
        return _summary_has(condition, facts.summary)
    value = facts.get(condition["fact"])
    tests = [(op, arg) for op, arg in condition.items() if op in COMPARATORS]
    if not tests:
        return bool(value)
    if value is None:
        return False
    try:
        return all(COMPARATORS[op](value, arg) for op, arg in tests)
    except TypeError:  # a number compared with text: the rule cannot hold
        return False


def _summary_has(condition: dict, summary) -> bool:
    needles = condition["has"] if isinstance(condition["has"], list) else [condition["has"]]
    kind = condition["summary"]
    if condition.get("natural_product"):
        items = [i for i in summary.medications if i.natural_product]
        return any(n.casefold() in f"{i.code} {i.label}".casefold() for i in items for n in needles)
    return any(summary.has(kind, needle) for needle in needles)


def check_condition(condition, known_facts: set[str], where: str) -> None:
    """Raise :class:`RuleError` naming ``where`` when ``condition`` is not well formed."""
    if not isinstance(condition, dict) or not condition:
        raise RuleError(f"{where}: a condition must be a JSON object")
    if "all" in condition or "any" in condition:
        parts = condition.get("all", condition.get("any"))
        if not isinstance(parts, list) or not parts:
            raise RuleError(f"{where}: 'all'/'any' need a non-empty list")
        for i, part in enumerate(parts):
            check_condition(part, known_facts, f"{where}[{i}]")
    elif "not" in condition:
        check_condition(condition["not"], known_facts, f"{where}.not")
    elif "summary" in condition:
        if condition["summary"] not in SUMMARY_KINDS or not condition.get("has"):
            raise RuleError(f"{where}: 'summary' must be one of {SUMMARY_KINDS} with 'has'")
    elif "fact" in condition:
        if condition["fact"] not in known_facts:
            raise RuleError(f"{where}: unknown fact {condition['fact']!r} (not a question id)")
        unknown = set(condition) - {"fact"} - set(COMPARATORS)
        if unknown:
            raise RuleError(f"{where}: unknown operator{'s' if len(unknown) > 1 else ''} "
                            f"{sorted(unknown)}")
    else:
        raise RuleError(f"{where}: expected 'fact', 'summary', 'all', 'any' or 'not'")
