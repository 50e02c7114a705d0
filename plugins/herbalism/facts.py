"""What the check knows about a person: the shared clinical summary, and the herbalist's intake.

The shared summary is the truth every discipline keeps: medications (an ``ATC:`` code lets the
check read a drug; an ``HERB:`` code marks an herb this plugin recommended), allergies,
pregnancy and breastfeeding. The latest intake adds what only the herbalist asks (liver or
kidney disease, hypertension, planned surgery, alcohol) and fills pregnancy or breastfeeding
when the summary does not know them.
"""

from __future__ import annotations

import unicodedata

from core.api import (Person, age_on, clinical_summary, current_session, entries_for,
                      reader_language, today)

from plugins.herbalism import monographs
from plugins.herbalism.engine import Facts, Medication
from plugins.herbalism.forms import CONDITION_FIELDS, INTAKE
from plugins.herbalism.knowledge import herb_name

ATC, HERB = "ATC:", "HERB:"


def medication(line, names=None) -> Medication:
    """A summary line as the engine reads it; ``names(code)`` gives an herb's bilingual name."""
    code = line.code or ""
    herb = code[len(HERB):] if code.startswith(HERB) else ""
    return Medication(line.label, atc=code[len(ATC):] if code.startswith(ATC) else "",
                      natural_product=line.natural_product, herb=herb,
                      name=(names(herb) or {}) if herb and names else {})


def register_names(session):
    """``names(code)``: an herb's name ``{"fr", "en"}`` from the register's current version
    (None when the register has no such herb), so a check names it in the reader's language
    rather than in the language its summary line was written in."""
    docs = monographs.for_names(session)["docs"]

    def names(code: str) -> dict | None:
        doc = docs.get(code)
        return {lang: herb_name(doc, lang) for lang in ("fr", "en")} if doc else None
    return names


def named(code: str, written: str, locale: str | None = None) -> str:
    """An herb of the register by its name in the reader's language (an entry stores it in its
    writer's: the nurse reads "Valerian" where the herbalist wrote "Valériane"); ``written``
    when the register has no such herb. The register is asked once per herb and request: a
    timeline names the same herb on many lines: names come from :func:`monographs.for_names`."""
    if not code:
        return written
    doc = monographs.for_names(current_session())["docs"].get(code)
    return herb_name(doc, locale or reader_language()) if doc else written


def plain(value: str) -> str:
    """Case, accents and spacing left out: "Échinacée " matches "echinacee"."""
    decomposed = unicodedata.normalize("NFKD", value or "")
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).casefold().split())


def names_of(code: str, doc: dict | None) -> set[str]:
    """Every name, :func:`plain`, an herb goes by: its code, the register's common and Latin
    names in both languages, and its name as a summary line writes it ("Échinacée pourpre
    (Echinacea purpurea (L.) Moench)")."""
    names = {code, code.replace("_", " ")}
    if doc:
        common = doc["common_names"]
        names |= set(common.get("fr", [])) | set(common.get("en", []))
        names |= {doc["latin_binomial"], " ".join(doc["latin_binomial"].split()[:2])}
        names |= {herb_name(doc, lang) for lang in ("fr", "en") if common.get(lang)}
    return {plain(n) for n in names if n}


def named_as_written(written: str, locale: str | None = None) -> str:
    """An herb written in words (a follow-up's, copied from the summary in its writer's
    language) by its register name in the reader's language, when it names exactly one herb of
    the register by one of its names or their first words ("Échinacée" for "Échinacée
    pourpre"); else ``written``. Names come from :func:`monographs.for_names`."""
    wanted = plain(written)
    if not wanted:
        return written
    store = monographs.for_names(current_session())
    register = store["derived"].get("matching")
    if register is None:
        register = store["derived"]["matching"] = [
            (doc, names_of(code, doc)) for code, doc in store["docs"].items()]
    found = [doc for doc, names in register
             if any(name == wanted or name.startswith(wanted + " ") for name in names)]
    return herb_name(found[0], locale or reader_language()) if len(found) == 1 else written


def from_summary(summary, intake: dict | None = None, age: int | None = None,
                 names=None) -> Facts:
    """Facts from a :class:`core.api.ClinicalSummary`, an intake payload (or None), the
    person's age in years (None: not known) and :func:`register_names`' ``names``."""
    intake = intake or {}
    pregnancy = summary.pregnancy
    if pregnancy == "unknown" and intake.get("pregnancy") in ("pregnant", "not_pregnant"):
        pregnancy = intake["pregnancy"]
    breastfeeding = summary.breastfeeding
    if breastfeeding is None and intake.get("breastfeeding") in ("yes", "no"):
        breastfeeding = intake["breastfeeding"] == "yes"
    allergies = tuple(a.label for a in summary.allergies)
    if intake.get("allergies"):
        allergies += (intake["allergies"],)
    return Facts(medications=tuple(medication(m, names) for m in summary.medications),
                 pregnancy=pregnancy, breastfeeding=breastfeeding, allergies=allergies,
                 conditions=frozenset(c for c in CONDITION_FIELDS if intake.get(c)), age=age)


def latest_intake(session, person_id: int) -> dict | None:
    """The payload of the person's latest intake (any author: it is read for safety, not shown)."""
    found = entries_for(session, person_id, [INTAKE])
    return found[0].payload if found else None


def age_of(session, person_id: int) -> int | None:
    """The person's age in years at the coop's today (None without a birth date)."""
    person = session.get(Person, person_id)
    return age_on(person.date_of_birth if person else None, today())


def facts_for(session, person_id: int) -> Facts:
    """The facts of ``person_id`` now (the caller audits the summary read it shows)."""
    return from_summary(clinical_summary(session, person_id), latest_intake(session, person_id),
                        age_of(session, person_id), register_names(session))


def herb_lines(summary) -> list[str]:
    """Codes of the herbs this plugin knows that are active in the summary, in order."""
    return list(dict.fromkeys(medication(m).herb for m in summary.medications
                              if medication(m).herb))
