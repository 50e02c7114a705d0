"""Alerts in words: what a stored check result says, in the reader's language.

A check result keeps every text in French and English; these helpers pick the reader's and
turn alerts into core findings (chart, entry page). A finding's texts are
:class:`core.api.PerLanguage`, built with each language in force, so core stores them all and
the nurse reads in hers what the herbalist wrote in his.
"""

from __future__ import annotations

from core.api import Finding, PerLanguage, ProposedAction, each_language

from plugins.herbalism import NAME, _
from plugins.herbalism.engine import FINDING_SEVERITY
from plugins.herbalism.knowledge import text
from plugins.herbalism.words import WORDS, word

SEVERITY_WORDS = WORDS["severity"]


def sources_line(alert: dict) -> str:
    """"Source: Health Canada NNHPD monograph: ...; ..." (every alert names its source)."""
    return str(_("Source: %(titles)s", titles="; ".join(s["title"] for s in alert["sources"])))


def alert_message(alert: dict, herb_name: str, locale: str) -> str:
    """"Contraindicated — Millepertuis (...) + sertraline: risk of serotonin syndrome", in the
    language in force."""
    return str(_("%(severity)s — %(herb)s + %(about)s: %(effect)s",
                 severity=SEVERITY_WORDS[alert["severity"]], herb=herb_name,
                 about=text(alert["about"], locale), effect=text(alert["effect"], locale)))


def in_each_language(make) -> PerLanguage:
    """``make(locale)`` rendered with each language of the coop in force."""
    return PerLanguage(each_language(make))


def findings(protocol_id: str, result: dict, herb_name, actions=()) -> list[Finding]:
    """Core findings for a stored check result: one per alert, one for the drugs not checked,
    and an urgent one when the check did not run. ``herb_name(locale)`` names the herb in each
    language; ``actions`` go on the first finding."""
    out: list[Finding] = []
    if not result.get("ran", False):
        out.append(Finding(protocol_id, "urgent", in_each_language(lambda loc: str(_(
            "The interaction check for %(herb)s did not run.", herb=herb_name(loc)))),
                           _("Do not rely on it: check the interactions by hand with the "
                             "pharmacist, and tell the coop's coordinator."),
                           data={"error": result.get("error", "")}))
    for alert in result.get("alerts", []):
        out.append(Finding(
            protocol_id, FINDING_SEVERITY[alert["severity"]],
            in_each_language(lambda loc, a=alert: alert_message(a, herb_name(loc), loc)),
            in_each_language(lambda loc, a=alert: f"{text(a['advice'], loc)} {sources_line(a)}"),
            data={"rule": alert["rule"], "severity": alert["severity"]}))
    if result.get("not_checked"):
        names = ", ".join(result["not_checked"])
        out.append(Finding(protocol_id, "warning", in_each_language(lambda loc: str(_(
            "Not checked against %(herb)s (no ATC code): %(names)s", herb=herb_name(loc),
            names=names))),
                           _("Add the ATC code of each medication to the shared summary, or "
                             "check these by hand with the pharmacist.")))
    if result.get("no_dose_for"):  # a safety rule, said wherever the check is read
        group = result["no_dose_for"]
        out.append(Finding(protocol_id, "warning", in_each_language(lambda loc: str(_(
            "No dose for this age: the monograph of %(herb)s gives none for %(group)s.",
            herb=herb_name(loc), group=word("population", group).lower()))),
                           _("Do not rely on a dose for this age without a reliable source: "
                             "review the recommendation with the herbalist.")))
    if out and actions:
        first = out[0]
        out[0] = Finding(first.protocol_id, first.severity, first.message, first.advice,
                         tuple(actions), first.data)
    return out


def task(title, detail="", to=NAME) -> ProposedAction:
    """A task for a discipline's work list, due the next day."""
    from datetime import timedelta

    return ProposedAction("task", title, to_discipline=to, due_in=timedelta(days=1), detail=detail)
