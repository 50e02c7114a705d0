"""The herb–drug interaction check: a pure function of one monograph and the person's facts.

Rules by severity (``shared/reference/disciplines.md`` §3.3–3.4):

* **contraindicated** blocks the recommendation; an override needs a documented reason and
  creates a task for the nurse or the person's physician (see :mod:`recommend`);
* **major** warns and proposes consulting the pharmacist or the nurse;
* **moderate** and **low** inform.

Pregnancy or breastfeeding with an herb whose monograph says "avoid" blocks like a
contraindication (when neither the summary nor the intake says, the result names the stage as
unknown: the herbalist is told to ask; an age the monograph gives no dose for is named the
same way); an allergy to the herb's plant family (Asteraceae...) blocks too; kava is always
blocked (Health Canada stop-sale, 2002) and no reason can override it. Another herb of
the register in the summary is checked against the herb–herb rules (``herbs`` in a rule) like a
drug against its classes. A medication
without an ATC code cannot be matched to any rule: it is reported "not checked" by name, never
passed in silence. :func:`run_check` never raises: when the data or the engine fails, its
result says the check did not run, and the callers show that to the person acting.

Texts a person reads later are stored in French and English (a check is read by the nurse in
one language and printed for the person in another); those the engine writes itself are the
bilingual constants below.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

from plugins.herbalism import knowledge

SEVERITY_ORDER = ("contraindicated", "major", "moderate", "low")
#: what a core finding calls each severity (the chart colours and the role="alert")
FINDING_SEVERITY = {"contraindicated": "urgent", "major": "warning", "moderate": "info",
                    "low": "info"}

DO_NOT = {"fr": "Ne pas recommander cette plante.", "en": "Do not recommend this herb."}
ASK = {"fr": "En parler avec la personne et, au besoin, avec l’infirmière ou le médecin.",
       "en": "Talk it over with the person and, if needed, with the nurse or physician."}
PREGNANT = {"fr": "Grossesse", "en": "Pregnancy"}
BREASTFEEDING = {"fr": "Allaitement", "en": "Breastfeeding"}
ALLERGY = {"fr": "Allergie : %s", "en": "Allergy: %s"}
CONDITION_NAMES = {
    "liver_disease": {"fr": "Maladie du foie", "en": "Liver disease"},
    "kidney_disease": {"fr": "Maladie du rein", "en": "Kidney disease"},
    "hypertension": {"fr": "Hypertension", "en": "High blood pressure"},
    "planned_surgery": {"fr": "Chirurgie prévue", "en": "Planned surgery"},
    "alcohol": {"fr": "Consommation d’alcool", "en": "Alcohol use"},
}
KAVA = {"fr": "Plante interdite à la vente", "en": "Herb under a stop-sale order"}


@dataclass(frozen=True)
class Medication:
    """One medication line of the shared summary, as the check reads it."""

    label: str
    atc: str = ""            # "N06AB06", empty when the line has no ATC code
    natural_product: bool = False
    herb: str = ""           # the monograph code when the line is an herb this plugin knows
    #: an herb's name in each language ``{"fr", "en"}`` from the register (the summary's label
    #: is in the recommender's language); empty when unknown. Not part of the line's identity.
    name: dict = field(default_factory=dict, compare=False)

    def shown(self) -> dict | str:
        """What a result stores to name this line: the herb's bilingual name, else the label
        as written (a drug's label is the prescriber's, shown as it is)."""
        return dict(self.name) if self.name else self.label


@dataclass(frozen=True)
class Facts:
    """What the check needs to know about the person."""

    medications: tuple[Medication, ...] = ()
    pregnancy: str = "unknown"           # pregnant | not_pregnant | unknown
    breastfeeding: bool | None = None
    allergies: tuple[str, ...] = ()
    conditions: frozenset[str] = frozenset()
    age: int | None = None               # in years; None when the birth date is not known


@dataclass
class CheckResult:
    """The outcome, stored as it is (``as_dict``) in the entry and the alert register."""

    herb: str
    monograph_version: int | None = None
    ran: bool = True
    error: str = ""
    alerts: list[dict] = field(default_factory=list)
    not_checked: list[str] = field(default_factory=list)
    #: a drug's label as written, or an herb's name ``{"fr", "en"}`` (read with ``text``)
    checked: list[str | dict] = field(default_factory=list)
    #: "pregnancy", "lactation": the monograph warns then, and the facts do not say
    unknown: list[str] = field(default_factory=list)
    #: the person's age group when the monograph gives no dose for it ("children_6_11")
    no_dose_for: str = ""
    absolute: bool = False   # kava: nothing overrides it

    @property
    def blocked(self) -> bool:
        """A contraindication (or a check that did not run) stops the recommendation."""
        return not self.ran or any(a["severity"] == "contraindicated" for a in self.alerts)

    @property
    def highest(self) -> str:
        """The worst severity raised, or "" when none."""
        for severity in SEVERITY_ORDER:
            if any(a["severity"] == severity for a in self.alerts):
                return severity
        return ""

    def as_dict(self) -> dict:
        data = asdict(self)
        data.update(blocked=self.blocked, highest=self.highest)
        return data


def run_check(doc: dict | None, facts: Facts, version: int | None = None) -> CheckResult:
    """:func:`check`, except that any failure gives a result saying the check did not run."""
    code = (doc or {}).get("code", "")
    if doc is None:
        return CheckResult(code, version, ran=False, error="no monograph")
    try:
        result = check(doc, facts)
    except Exception as exc:  # the check must never fail silently: the caller shows this
        return CheckResult(code, version, ran=False, error=f"{type(exc).__name__}: {exc}")
    result.monograph_version = version
    return result


def check(doc: dict, facts: Facts) -> CheckResult:
    """Every alert the monograph raises for these facts, most severe first."""
    result = CheckResult(doc["code"])
    sources = doc["sources"]

    def cite(ids):
        return [{"title": sources[i]["title"], "url": sources[i]["url"]} for i in ids]

    def alert(kind, key, severity, about, effect, advice, source_ids, atc=""):
        result.alerts.append({"kind": kind, "rule": f"{doc['code']}.{key}", "severity": severity,
                              "about": about, "atc": atc, "effect": effect, "advice": advice,
                              "sources": cite(source_ids)})

    blocked = doc.get("always_blocked")
    if blocked:
        result.absolute = True
        alert("always", "always_blocked", "contraindicated", KAVA, blocked["reason"], DO_NOT,
              blocked["sources"])
    _life_stage(doc, facts, result, alert)
    group = age_group(facts.age)
    if group and group not in {d["population"] for d in doc.get("doses", [])}:
        result.no_dose_for = group
    _allergies(doc, facts, alert)
    for rule in doc.get("conditions", []):
        if rule["condition"] in facts.conditions:
            alert("condition", rule["condition"], rule["severity"],
                  CONDITION_NAMES[rule["condition"]], rule["effect"], ASK, rule["sources"])
    _drugs(doc, facts, result, alert)
    result.alerts.sort(key=lambda a: SEVERITY_ORDER.index(a["severity"]))
    return result


def age_group(age: int | None) -> str:
    """The monographs' population for an age in years ("" when the age is not known)."""
    if age is None:
        return ""
    for floor, group in ((18, "adults"), (12, "adolescents"), (6, "children_6_11"),
                         (2, "children_2_5")):
        if age >= floor:
            return group
    return "children_under_2"


def _life_stage(doc, facts, result, alert) -> None:
    """An alert when the person is pregnant or breastfeeding and the monograph warns then; the
    stage named in ``result.unknown`` when the summary and the intake do not say."""
    stages = (("pregnancy", PREGNANT, facts.pregnancy == "pregnant", facts.pregnancy == "unknown"),
              ("lactation", BREASTFEEDING, facts.breastfeeding is True, facts.breastfeeding is None))
    for key, about, applies, unknown in stages:
        advice = doc[key]["advice"]
        if advice not in ("avoid", "caution"):
            continue
        if applies:
            severity = "contraindicated" if advice == "avoid" else "moderate"
            alert(key, key, severity, about, doc[key]["note"], DO_NOT if advice == "avoid" else ASK,
                  _any_source(doc))
        elif unknown:
            result.unknown.append(key)


def _allergies(doc, facts, alert) -> None:
    group_id = doc.get("allergy_group")
    if not group_id:
        return
    group = knowledge.allergy_groups()[group_id]
    for line in facts.allergies:
        lowered = line.casefold()
        if any(term in lowered for term in group["terms"]):
            about = {lang: ALLERGY[lang] % line for lang in ("fr", "en")}
            alert("allergy", f"allergy_{group_id}", "contraindicated", about, group["name"],
                  DO_NOT, _any_source(doc))
            return


def _drugs(doc, facts, result, alert) -> None:
    for med in dict.fromkeys(facts.medications):  # a line written twice is checked once
        if med.herb == doc["code"]:
            continue  # the herb itself, already in the summary
        if med.herb:  # another herb of the register: its herb–herb rules
            # named in each language, like every other text of the result
            result.checked.append(med.shown())
            about = dict(med.name) if med.name else {"fr": med.label, "en": med.label}
            for rule in doc.get("interactions", []):
                if med.herb in rule.get("herbs", ()):
                    alert("herb", rule["id"], rule["severity"], about,
                          rule["effect"], rule["advice"], rule["sources"])
            continue
        if not med.atc:
            result.not_checked.append(med.label)
            continue
        result.checked.append(med.label)
        classes = set(knowledge.classes_of(med.atc))
        for rule in doc.get("interactions", []):
            if classes & set(rule["classes"]):
                alert("drug", rule["id"], rule["severity"], {"fr": med.label, "en": med.label},
                      rule["effect"], rule["advice"], rule["sources"], atc=med.atc)


def _any_source(doc) -> list[str]:
    """Pregnancy, lactation and allergy texts come from the monograph as a whole: cite its
    regulatory sources (Health Canada, EMA, WHO) first."""
    ranked = sorted(doc["sources"], key=lambda s: ("nnhpd", "ema", "who", "literature").index(
        doc["sources"][s]["kind"]))
    return ranked[:2]
