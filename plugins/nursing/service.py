"""Applying an ordonnance collective to a person: the one place where it is written down.

:func:`apply_oc` asks the engine, then records what a nurse must record: the application in
the coop's register (every outcome, refusals included, with the exact reason), and — when the
decision was clinical — a chart entry of the form ``nursing.oc_application``. That entry's
protocol (:func:`evaluate_application`) proposes the task for the médecin répondant when a
referral criterion holds, and the task of sending the communication owed to the treating
physician, so core routes both like any other action.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from marshmallow import Schema, fields, validate

from core.api import (Finding, PerLanguage, ProposedAction, audit, clinical_summary, each_language,
                      record_entry, today as coop_today, utcnow)

from plugins.nursing import NAME, _
from plugins.nursing.fields import Shown
from plugins.nursing.forms import OC_APPLICATION
from plugins.nursing.models import OcApplication
from plugins.nursing.oc import registry
from plugins.nursing.oc.document import text
from plugins.nursing.oc.engine import REFERRED, Decision, Nurse, administrative_refusal, decide
from plugins.nursing.oc.rules import make_facts

OC_PROTOCOL_ID = "nursing.oc_follow_up"


class UnknownOc(LookupError):
    """No ordonnance collective has this code."""


@dataclass(frozen=True)
class Applied:
    """What :func:`apply_oc` did."""

    decision: Decision
    application: OcApplication
    entry: object | None


def authorising_ocs(session, account, today: date) -> list:
    """The OCs in force that name the account's profession (``APPLY_OC`` is granted by role,
    so a herbalist holds it too: the OCs themselves say which professions may apply them)."""
    discipline = Nurse.from_account(account).discipline
    return [row for row in registry.catalogue(session, today)
            if discipline in registry.view(row).doc["authorized"]["disciplines"]]


def may_apply_some_oc(session, account, today: date) -> bool:
    """Whether :func:`authorising_ocs` names at least one OC (without loading the documents)."""
    return registry.authorises(session, Nurse.from_account(account).discipline, today)


def answers_schema(doc: dict, locale: str) -> type[Schema]:
    """A marshmallow schema for the OC's questions (labels in ``locale``), for the apply page."""
    required = {"required": _("This field is required."), "null": _("This field is required.")}
    declared = {}
    for q in doc.get("questions", []):
        meta = {"label": text(q["label"], locale), "help": text(q.get("help"), locale)}
        need = {"required": True} if not q.get("optional") else {"load_default": None,
                                                                  "allow_none": True}
        if q["type"] == "boolean":
            meta.update(widget="radio", choices=[("true", _("Yes")), ("false", _("No"))])
            declared[q["id"]] = fields.Boolean(**need, metadata=meta, error_messages={
                **required, "invalid": _("Choose yes or no.")})
        elif q["type"] == "number":
            low, high = q.get("min"), q.get("max")
            meta.update(widget="number", unit=q.get("unit", ""), range=(low, high))
            declared[q["id"]] = fields.Float(**need, metadata=meta, validate=validate.Range(
                low, high, error=_("Enter a value between %(low)s and %(high)s.", low=Shown(low),
                                   high=Shown(high))), error_messages={**required,
                                                                "invalid": _("Enter a number.")})
        else:
            options = [(c["value"], text(c["label"], locale)) for c in q["choices"]]
            meta.update(widget="select", choices=options)
            declared[q["id"]] = fields.String(**need, metadata=meta, validate=validate.OneOf(
                [v for v, _label in options], error=_("Choose one of the options.")),
                error_messages=required)
    return Schema.from_dict(declared, name=f"Answers{doc['code'].replace('-', '')}")


def apply_oc(session, *, person, code: str, answers: dict, nurse, locale: str,
             treating_physician: str = "", today: date | None = None) -> Applied:
    """Decide whether OC ``code`` applies to ``person`` and record the outcome (no commit).

    ``answers`` are already validated by :func:`answers_schema`. Raises :class:`UnknownOc`,
    and core's ``AccessDenied`` when the nurse may not write in this chart.
    """
    today = today or coop_today()
    row = registry.current(session, code, today)
    if row is None:
        raise UnknownOc(code)
    oc = registry.view(row)
    decision = administrative_refusal(oc, Nurse.from_account(nurse), today)
    entry = None
    if decision is None:
        # the summary is health data: reading it for a decision is audited like any read
        summary = clinical_summary(session, person.id)
        audit(session, "summary.read", person_id=person.id, actor=nurse,
              purpose=f"{NAME}: {code}", detail={"oc": code, "version": oc.version})
        facts = make_facts(answers, summary, person.date_of_birth, today)
        decision = decide(oc, Nurse.from_account(nurse), facts, today, locale)
        # the same decision worded in every language: colleagues read the entry in theirs
        texts = each_language(lambda lang: _texts(
            oc, decide(oc, Nurse.from_account(nurse), facts, today, lang), lang))
        entry = record_entry(session, person=person, form_id=OC_APPLICATION, author=nurse,
                             payload={**_payload(oc, decision, treating_physician, locale),
                                      "texts": texts},
                             workflow="nursing.apply_oc")
    application = OcApplication(
        oc_version_id=row.id, oc_code=row.code, person_id=person.id, nurse_id=nurse.id,
        applied_at=utcnow(), outcome=decision.outcome, stage=decision.stage,
        reason_code=decision.reason_code, reason=decision.reason,
        entry_id=getattr(entry, "id", None), communication=decision.communication)
    session.add(application)
    session.flush()
    return Applied(decision, application, entry)


#: the payload's texts worded by the engine, kept in every language under ``texts``
TEXT_FIELDS = ("oc_name", "reason", "plan", "referral", "next_step", "communication")


def _texts(oc, decision: Decision, locale: str) -> dict:
    """The engine's words for one decision, in ``locale``."""
    physician = oc.doc["responding_physician"]
    referral = ""
    if decision.referrals or decision.outcome == REFERRED:
        reasons = [r.label for r in decision.referrals] or [decision.reason]
        whom = decision.route_to or f"{physician['name']} ({physician.get('phone', '')})"
        referral = str(_("Refer to %(whom)s: %(reasons)s", whom=whom, reasons="; ".join(reasons)))
    return {"oc_name": text(oc.doc["name"], locale), "reason": decision.reason,
            "plan": decision.plan, "referral": referral, "next_step": decision.next_step,
            "communication": decision.communication}


def _payload(oc, decision: Decision, treating_physician: str, locale: str) -> dict:
    """The chart entry: what was checked, decided, planned, referred and owed."""
    return {"oc_code": oc.code, "oc_version": oc.version, "outcome": decision.outcome,
            "indications": list(decision.indications),
            "contraindications_checked": list(decision.contraindications_checked),
            "answers": decision.answers, "treating_physician": treating_physician,
            **_texts(oc, decision, locale)}


def in_each_language(payload: dict, name: str):
    """One of the engine's texts of an OC entry: every stored language (a ``PerLanguage``), or
    the writer's text on entries written before languages were stored."""
    texts = payload.get("texts") or {}
    if texts:
        return PerLanguage({lang: words.get(name, "") for lang, words in texts.items()})
    return payload.get(name, "")


def evaluate_application(context) -> list:
    """Protocol on OC application entries: the referral task and the communication task."""
    payload = context.payload or {}
    findings = []
    if payload.get("referral"):
        referral = in_each_language(payload, "referral")
        findings.append(Finding(
            OC_PROTOCOL_ID, "warning", _("Referral required (%(code)s)", code=payload["oc_code"]),
            referral,
            # the referral names whom (médecin répondant, or an IPS or physician for a WHO
            # category 3-4 contraception answer), so it is the task's title as it stands
            (ProposedAction("task", referral, to_discipline=NAME, due_in=timedelta(days=1),
                            detail=in_each_language(payload, "reason")),)))
    if payload.get("communication"):
        communication = in_each_language(payload, "communication")
        # the text itself is shown once, in the entry (and carried by the task)
        findings.append(Finding(
            OC_PROTOCOL_ID, "info", _("Communication owed to the treating physician"),
            _("Its text is in the entry below, and in the task sent to the nursing team."),
            (ProposedAction("task", _("Send the OC communication to the treating physician"),
                            to_discipline=NAME, due_in=timedelta(days=2),
                            detail=communication),)))
    return findings
