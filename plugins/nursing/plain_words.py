"""Prescription abbreviations in plain words, for the member reading their own record.

An OC's plan or a nurse's prescription is written for colleagues: "Nitrofurantoïne 100 mg PO
BID pendant 5 jours", "1 co. p.o. b.i.d.", "2 gtt die". The member read exactly that on their
record. :func:`plain_dosage` writes the common abbreviations out in the reader's language ("par
la bouche deux fois par jour", "by mouth twice a day"), whole words only, so a drug name or a
unit holding the same letters is never touched. Only the member's texts (the renderers' plain
language) go through it: the chart, the printed chart and the exports keep what the clinician
wrote.

The abbreviations are those of Quebec prescriptions (Latin, as pharmacists and nurses write
them: "die", "co", "q4h") and of ISMP Canada's *Do Not Use* list (QD, QOD, HS, SC): written
out, they can no longer be misread. OD/OS/OU (right eye or once a day?), U, IU and IV (a roman
numeral as often) are left as written: plain words must not guess.

Each one is written in capitals ("BID"), lower case ("bid"), dotted ("b.i.d.", "B.I.D.",
"b. i. d."). Whether a form is expanded depends on how much it could be an ordinary word:
some always (three-letter Latin: "tid", "q.i.d.", "p.r.n."), some only in a *dosing context*
(:data:`CONTEXT`): right after a dose ("100 mg po", "1 timbre die"), beside another
abbreviation that is expanded ("po bid"), or in a field that holds nothing but dosing (a
prescription's frequency). "po" after a bare number is inches ("2 po"), "die" is an English
word (never expanded in English text), "co" a comprimé only after a count ("1 co", never
"coton").

Whether letters could be an ordinary word depends on the language the *text* is written in,
not the reader's: a Quebec nurse's "max 20 co die", read by a member in English, is "max 20
tablets per day" (it read "max 20 tablets die"), while "a bid to die for" stays as written.
The text is French when it shows it (:func:`written_in_french`: an accent, a French word, a
count of "co"); a text that shows neither is taken to be in the reader's language.
"""

from __future__ import annotations

import re
from fractions import Fraction

from core.api import reader_language

from plugins.nursing import _, ngettext

ALWAYS, CONTEXT, NEVER = 2, 1, 0
#: key (letters, capitals) -> (plain words, policy of "BID", of "bid", of "b.i.d.", of
#: "B.I.D."); a policy is one value or (in French, in English)
ABBREVIATIONS = {
    "PO": (_("by mouth"), ALWAYS, CONTEXT, ALWAYS, CONTEXT),  # "po": inches; "P.O.": a box
    "SL": (_("under the tongue"), ALWAYS, CONTEXT, ALWAYS, CONTEXT),
    "SC": (_("under the skin"), ALWAYS, CONTEXT, ALWAYS, CONTEXT),
    "IM": (_("into a muscle"), ALWAYS, CONTEXT, ALWAYS, CONTEXT),  # "I.M.": initials
    "DIE": (_("once a day"), ALWAYS, (CONTEXT, NEVER), NEVER, NEVER),  # "so they do not die"
    "QD": (_("once a day"), ALWAYS, ALWAYS, ALWAYS, ALWAYS),
    "QOD": (_("every other day"), ALWAYS, ALWAYS, ALWAYS, ALWAYS),
    "BID": (_("twice a day"), ALWAYS, (ALWAYS, CONTEXT), ALWAYS, ALWAYS),  # "a bid"
    "TID": (_("three times a day"), ALWAYS, ALWAYS, ALWAYS, ALWAYS),
    "QID": (_("four times a day"), ALWAYS, ALWAYS, ALWAYS, ALWAYS),
    "QAM": (_("every morning"), ALWAYS, ALWAYS, ALWAYS, ALWAYS),
    "QHS": (_("every night at bedtime"), ALWAYS, ALWAYS, ALWAYS, ALWAYS),
    "HS": (_("at bedtime"), ALWAYS, CONTEXT, ALWAYS, CONTEXT),
    "AC": (_("before meals"), CONTEXT, CONTEXT, ALWAYS, CONTEXT),
    "PC": (_("after meals"), CONTEXT, CONTEXT, CONTEXT, CONTEXT),  # "5 p.c.": per cent
    "PRN": (_("as needed"), ALWAYS, ALWAYS, ALWAYS, ALWAYS),
    "STAT": (_("right away"), ALWAYS, CONTEXT, NEVER, NEVER),
}
#: what a count is of ("1 co", "2 gtt"), as written: its noun after that count, in words
COUNTED = {
    ("co", "co.", "comp.", "cp", "tab", "tab."): lambda n: ngettext("tablet", "tablets", n),
    ("cap", "cap.", "caps", "caps."): lambda n: ngettext("capsule", "capsules", n),
    ("gtt", "gtt.", "gtts"): lambda n: ngettext("drop", "drops", n),
    ("supp", "supp."): lambda n: ngettext("suppository", "suppositories", n),
}

#: "BID" as "BID", "bid", "b.i.d.", "b. i. d.", "B.I.D" (the longest first: "qhs" before "hs")
_LETTERS = "|".join(sorted(
    (r"(?:\.\s?)?".join(key) + r"\.?" for key in ABBREVIATIONS), key=len, reverse=True))
_COUNT = r"\d+(?:[.,]\d+)?(?:/\d+)?|[½¼¾]"
_NOUN = "|".join(sorted((re.escape(n) for names in COUNTED for n in names), key=len,
                        reverse=True))
#: one pass over every candidate: a count and what it counts ("1 co."), an interval ("q4h",
#: "q.4h", "q 4-6 h", "Q4H"), an abbreviation in any of its forms
_CANDIDATE = re.compile(
    rf"(?P<count>(?<![\w.,/])(?:{_COUNT})\s?)(?P<noun>{_NOUN})(?![\w-])"
    r"|(?<![\w.-])(?P<interval>q\.?\s?(?P<low>\d{1,2})(?:\s?[-–]\s?(?P<high>\d{1,2}))?\s?"
    r"h(?:rs?)?\.?)(?!\w)"
    rf"|(?<![\w.-])(?P<word>{_LETTERS})(?![\w-])", re.IGNORECASE)
#: a dose just before: "100 mg ", "1 timbre ", "2 bouffées ", "0,5 ml, "
_DOSE = re.compile(
    r"(?:\d|[½¼¾])\s?(?:mg|g|mcg|µg|ug|ml|l|mmol|meq|ui|unités?|units?|%|co\.?|comp\.?|cp|"
    r"comprimés?|tab\.?|tablets?|caps?\.?|capsules?|gtts?\.?|gouttes?|drops?|timbres?|"
    r"patch(?:es)?|bouffées?|puffs?|inh\.?|inhalations?|supp\.?|suppositoires?|"
    r"suppositor(?:y|ies)|sachets?|applications?|doses?|vaporisations?|sprays?)[\s,]*$",
    re.IGNORECASE)
#: a ceiling in the same clause: "max 20 co die", "maximum 4 g q.d."
_MAXIMUM = re.compile(r"\bmax(?:imum)?\b\.?[^,;:()]*$", re.IGNORECASE)
_BARE_NUMBER = re.compile(r"\d\s?$")  # "2 po": a measure (inches), not a route
_BETWEEN = re.compile(r"^[\s,/]*$")  # what may stand between abbreviations that go together
#: after a dot that also ends a sentence: the next one starts (at the end of a text, or of a
#: field, the dot is the abbreviation's: "b.i.d." reads "deux fois par jour")
_SENTENCE_END = re.compile(r"\s+[A-ZÀ-ÝÉ]")
#: what only a French text holds: an accented letter, a word English does not write, a count
#: of comprimés ("1 co", "20 cp"); "max", "mg", "x 7" and the Latin are both languages'
_FRENCH = re.compile(
    r"[àâçéèêëîïôûùüœ]|\b(?:de|du|des|la|le|les|et|ou|un|une|puis|pendant|par|jours?|fois|"
    r"semaines?|sem|mois|au|aux|avec|sans|comprimés?|timbres?|gouttes?|bouffées?|repas|"
    r"coucher|matin|soir|besoin|prendre|appliquer)\b|(?:\d|[½¼¾])\s?(?:co|comp|cp)\b",
    re.IGNORECASE)


def written_in_french(*texts) -> bool | None:
    """True when one of ``texts`` shows it is French ("Timbre de nicotine", "1 co",
    "Nitrofurantoïne"); None when none shows a language ("die", "1 patch", "q4h")."""
    return True if any(_FRENCH.search(str(t or "")) for t in texts) else None


def _policy(written: str, entry: tuple, french: bool) -> int:
    """How freely this written form of an abbreviation is expanded (ALWAYS, CONTEXT, NEVER)."""
    letters = re.sub(r"[.\s]", "", written)
    dotted = "." in written.rstrip(".")  # "bid." is "bid" and a full stop
    if letters.isupper():
        policy = entry[4] if dotted else entry[1]
    elif letters.islower():
        policy = entry[3] if dotted else entry[2]
    elif letters[:1].isupper() and letters[1:].islower() and not dotted:
        policy = min(CONTEXT, _one(entry[2], french))  # "Die" first in a field: at most context
    else:
        return NEVER  # "Bid", "pO": a name, a typo
    return _one(policy, french)


def _one(policy, french: bool) -> int:
    return policy[0 if french else 1] if isinstance(policy, tuple) else policy


def _count_of(written: str) -> Fraction | None:
    written = written.strip().replace(",", ".")
    glyphs = {"½": Fraction(1, 2), "¼": Fraction(1, 4), "¾": Fraction(3, 4)}
    try:
        return glyphs.get(written) or Fraction(written)
    except (ValueError, ZeroDivisionError):
        return None


def _noun(match: re.Match, french: bool) -> str:
    """"1 co." -> "1 comprimé", "2 gtt" -> "2 gouttes": the count as written, the noun in
    words, singular or plural as the reader's language puts it after that count."""
    noun = next(noun for names, noun in COUNTED.items() if match["noun"].lower() in names)
    count = _count_of(match["count"])
    if count is None:
        return match.group(0)
    if count.denominator == 1:
        number = int(count)
    else:  # French: singular below 2 ("1,5 comprimé"); English: plural above 1
        number = int(count) if french else (1 if count <= 1 else 2)
    return match["count"] + str(noun(number))


def _interval(match: re.Match) -> str:
    low, high = int(match["low"]), match["high"]
    if high:
        return str(_("every %(low)s to %(high)s hours", low=low, high=int(high)))
    if low == 1:
        return str(_("every hour"))
    return str(ngettext("every %(num)s hour", "every %(num)s hours", low))


def _candidates(written: str, french: bool, dosing: bool, text_french: bool) -> list[dict]:
    """Every abbreviation in ``written``: where it is, its plain words (in the reader's
    language: ``french``) and whether it is expanded (``sure``: on its own; ``maybe``: in a
    dosing context), which depends on the text's language (``text_french``: "die" is a word
    of English text, never of French)."""
    found = []
    for match in _CANDIDATE.finditer(written):
        start, end = match.span()
        before = written[:start]
        if match["noun"]:
            text, policy = _noun(match, french), ALWAYS
        elif match["interval"]:
            text, policy = _interval(match), ALWAYS
        else:
            letters = re.sub(r"[.\s]", "", match["word"]).upper()
            entry = ABBREVIATIONS[letters]
            text, policy = str(entry[0]), _policy(match["word"], entry, text_french)
            if letters in ("DIE", "QD") and _MAXIMUM.search(before):
                text = str(_("per day"))  # "max 20 co die": 20 a day, not "once a day"
            if policy == CONTEXT and (dosing or _DOSE.search(before)):
                policy = ALWAYS
            if (policy == CONTEXT and not match["word"].isupper()
                    and _BARE_NUMBER.search(before) and not _DOSE.search(before)):
                policy = NEVER  # "Plaie de 2 po": inches
        if policy != NEVER:
            stop = False  # its dot may end the sentence too (unless an abbreviation follows)
            if match.group(0).endswith("."):
                if match["word"] and "." not in match["word"].rstrip("."):
                    end -= 1  # "bid." is a word and a full stop
                elif _SENTENCE_END.match(written, end):
                    stop = True  # "… 1 co. Revoir": the dot stays; "Q.I.D. P.R.N.": it goes
            found.append({"span": (start, end), "words": text, "policy": policy, "stop": stop})
    return found


def _in_context(found: list[dict], written: str) -> list[dict]:
    """The candidates expanded: the sure ones, and those beside one that is (again and again:
    "po bid" after a dose)."""
    changed = True
    while changed:
        changed = False
        for i, one in enumerate(found):
            if one["policy"] != CONTEXT:
                continue
            beside = [found[j] for j in (i - 1, i + 1) if 0 <= j < len(found)]
            for other in beside:
                gap = (written[other["span"][1]:one["span"][0]] if other["span"][1]
                       <= one["span"][0] else written[one["span"][1]:other["span"][0]])
                if other["policy"] == ALWAYS and _BETWEEN.match(gap):
                    one["policy"], changed = ALWAYS, True
                    break
    return [one for one in found if one["policy"] == ALWAYS]


def plain_dosage(text, dosing: bool = False, french_text: bool | None = None) -> str:
    """``text`` (a ``str`` or a per-language text, read in the reader's language) with its
    prescription abbreviations written out in that language, whole words only. ``dosing``:
    the text is nothing but dosing (a prescription's frequency, dose or route field), so the
    abbreviations that read as words elsewhere ("die", "po") are expanded too (those of
    French text: "die" in English text stays). ``french_text``: the text is known to be French
    (the rest of its prescription says so); by default :func:`written_in_french` decides, and a
    text that shows no language is taken to be in the reader's."""
    written = str(text or "")
    french = reader_language().startswith("fr")
    if french_text is None:
        french_text = written_in_french(written) or french
    out, last = [], 0
    expanded = _in_context(_candidates(written, french, dosing, french_text), written)
    for i, one in enumerate(expanded):
        start, end = one["span"]
        after = expanded[i + 1] if i + 1 < len(expanded) else None
        if one["stop"] and not (after and not written[end:after["span"][0]].strip()):
            end -= 1  # the sentence ends here: its full stop stays
        out += [written[last:start], one["words"]]
        last = end
    return "".join(out) + written[last:]
