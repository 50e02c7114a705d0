"""Does this ordonnance collective apply to this person, today, for this nurse?

The checks run in the order a careful nurse runs them (CMQ guide; disciplines.md §1.6), and
the first that fails gives the exact reason:

1. the OC is in force (effective, not expired);
2. the nurse is authorised (her discipline is named in the OC) and trained (every required
   training is on her practitioner profile);
3. the person is in the target population;
4. at least one indication is present;
5. no contraindication holds — a contraindication that names someone to take over (an IPS or a
   physician: WHO MEC category 3 or 4 for contraception) routes the person instead of refusing;
6. referral criteria: a blocking one stops the nurse and refers to the médecin répondant; a
   non-blocking one lets her act and still refers.

Whatever the clinical outcome, the communication owed to the treating physician (element 16)
is written out. Administrative refusals (stages 1-2) never reach the person's chart.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from core.api import format_day

from plugins.nursing import _
from plugins.nursing.oc.document import OcVersionView, text
from plugins.nursing.oc.rules import Facts, holds

APPLIED, REFUSED, REFERRED = "applied", "refused", "referred"
ADMINISTRATIVE_STAGES = ("in_force", "authorised", "trained")


@dataclass(frozen=True)
class Nurse:
    """What the engine needs to know about the nurse applying the OC."""

    discipline: str | None
    trainings: frozenset[str]

    @classmethod
    def from_account(cls, account) -> Nurse:
        """From a core account and its practitioner profile (trainings: codes, any separator)."""
        practitioner = getattr(account, "practitioner", None)
        if practitioner is None:
            return cls(None, frozenset())
        return cls(practitioner.discipline, training_codes(practitioner.trainings))


def training_codes(raw: str | None) -> frozenset[str]:
    """The training codes written on a practitioner profile (any separator, lower case)."""
    return frozenset(code.lower() for code in (raw or "").replace(",", " ").replace(";", " ")
                     .split())


@dataclass(frozen=True)
class Referral:
    """A referral criterion that holds: becomes a task for the médecin répondant."""

    id: str
    label: str
    blocks: bool


@dataclass(frozen=True)
class Decision:
    """The engine's answer, with everything the chart entry and the report need."""

    outcome: str
    stage: str | None = None
    reason_code: str = ""
    reason: str = ""
    indications: tuple[str, ...] = ()
    contraindications_checked: tuple[str, ...] = ()
    referrals: tuple[Referral, ...] = ()
    route_to: str = ""
    plan: str = ""
    communication: str = ""
    answers: dict = field(default_factory=dict)
    #: when the OC was not applied: what the nurse does now (refer, to whom, how urgently)
    next_step: str = ""

    @property
    def administrative(self) -> bool:
        """Refused before any clinical question (not in force, not authorised, not trained)."""
        return self.outcome == REFUSED and self.stage in ADMINISTRATIVE_STAGES


def decide(oc: OcVersionView, nurse: Nurse, facts: Facts, today: date, locale: str) -> Decision:
    """Run every check of the OC for this nurse and these facts; see the module docstring."""
    refusal = administrative_refusal(oc, nurse, today)
    if refusal is not None:
        return refusal
    doc = oc.doc
    label = lambda item: text(item["label"], locale)  # noqa: E731
    if not holds(doc["target_population"]["when"], facts):
        return _clinical(oc, REFUSED, "population", "not_in_population", _(
            "The person is not in the target population: %(population)s",
            population=label(doc["target_population"])), facts, locale)
    present = tuple(i["id"] for i in doc["indications"] if holds(i["when"], facts))
    if not present:
        return _clinical(oc, REFUSED, "indication", "no_indication", _(
            "No indication of this ordonnance collective is present."), facts, locale)
    checked = tuple(c["id"] for c in doc["contraindications"])
    for item in doc["contraindications"]:
        if holds(item["when"], facts):
            route = text(item.get("route_to"), locale)
            reason = _("Contraindication: %(label)s", label=label(item))
            outcome = REFERRED if route else REFUSED
            if route:
                reason = _("%(reason)s. Refer to: %(route)s", reason=reason, route=route)
            return _clinical(oc, outcome, "contraindication", f"contraindication:{item['id']}",
                             reason, facts, locale, present, checked, route_to=route)
    referrals = tuple(Referral(r["id"], label(r), r.get("blocks", True))
                      for r in doc["referral_criteria"] if holds(r["when"], facts))
    blocking = [r for r in referrals if r.blocks]
    if blocking:
        return _clinical(oc, REFERRED, "referral", f"referral:{blocking[0].id}", _(
            "Referral to the médecin répondant: %(label)s", label=blocking[0].label),
            facts, locale, present, checked, referrals=referrals)
    plan = "\n".join(text(p["text"], locale) for p in doc["plan"]
                     if "when" not in p or holds(p["when"], facts))
    return _clinical(oc, APPLIED, None, "", "", facts, locale, present, checked,
                     referrals=referrals, plan=plan)


def administrative_refusal(oc: OcVersionView, nurse: Nurse, today: date) -> Decision | None:
    """The refusal owed before any clinical question (stages 1-2), or None when none is."""
    if today < oc.effective_date:
        return Decision(REFUSED, "in_force", "not_yet_in_force", str(_(
            "This ordonnance collective is not in force before %(date)s.",
            date=format_day(oc.effective_date, "long"))))
    if today >= oc.expires_on:
        return Decision(REFUSED, "in_force", "expired", str(_(
            "This ordonnance collective expired on %(date)s and cannot be applied.",
            date=format_day(oc.expires_on, "long"))))
    authorized = oc.doc["authorized"]
    if nurse.discipline not in authorized["disciplines"]:
        return Decision(REFUSED, "authorised", "not_authorised", str(_(
            "Your profession is not authorised by this ordonnance collective.")))
    missing = [t for t in authorized.get("required_trainings", [])
               if t.lower() not in nurse.trainings]
    if missing:
        return Decision(REFUSED, "trained", "not_trained", str(_(
            "Required training missing from your practitioner profile: %(trainings)s",
            trainings=", ".join(missing))))
    return None


def _clinical(oc, outcome, stage, code, reason, facts, locale, present=(), checked=(),
              referrals=(), plan="", route_to="") -> Decision:
    """A decision reached on clinical grounds: it carries the communication owed (element 16)
    and, when the OC was not applied, the nurse's next step."""
    step = "" if outcome == APPLIED else next_step(oc, stage, route_to)
    return Decision(outcome, stage, code, str(reason), present, checked, referrals, route_to,
                    plan, communication(oc, outcome, str(reason), plan, locale, step),
                    dict(facts.answers), step)


def next_step(oc: OcVersionView, stage: str | None, route_to: str = "") -> str:
    """What the nurse does when the OC was not applied: whom she refers to, how urgently."""
    physician = oc.doc["responding_physician"]
    whom = _("the médecin répondant, %(name)s (%(phone)s)", name=physician["name"],
             phone=physician.get("phone", ""))
    if route_to:  # the OC names who takes over (an IPS or a physician), with its urgency
        return str(_("Do not treat under this ordonnance collective. Refer the person to "
                     "%(whom)s, and tell them why.", whom=route_to))
    if stage == "referral":
        return str(_("Do not treat under this ordonnance collective. Call %(whom)s the same "
                     "day to refer the person, and tell them why.", whom=whom))
    return str(_("Do not treat under this ordonnance collective. Direct the person to their "
                 "treating physician, or to %(whom)s, for an assessment: the same day if the "
                 "symptoms are acute or worsening. Tell them why.", whom=whom))


def communication(oc: OcVersionView, outcome: str, reason: str, plan: str, locale: str,
                  step: str = "") -> str:
    """What the treating physician must be told, and how (element 16 of the OC).

    After an application: what the OC asks to transmit (the treatment started...). After a
    refusal or a referral: that nothing was started, why, and where the person was directed
    (never the checklist of a treatment that was not given).
    """
    doc = oc.doc
    what = {APPLIED: _("applied"), REFUSED: _("not applicable"), REFERRED: _("referred")}[outcome]
    lines = [str(_("Ordonnance collective %(code)s v%(version)s (%(name)s): %(what)s.",
                   code=oc.code, version=oc.version, name=text(doc["name"], locale), what=what))]
    if outcome == APPLIED:
        lines += [line for line in (reason, plan) if line]
        lines.append(str(_("To transmit: %(information)s",
                           information=text(doc["communication"]["information"], locale))))
    else:
        lines += [line for line in (reason, str(_(
            "No treatment was started under this ordonnance collective.")), step) if line]
    lines.append(str(_("Mode: %(mode)s", mode=text(doc["communication"]["mode"], locale))))
    return "\n".join(lines)
