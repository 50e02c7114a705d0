"""An OC application entry as a colleague reads it: every value labelled, in their language.

The entry stores codes (question ids, indication and contraindication ids); their labels come
from the OC version the entry names (versions are never edited), in the reader's language. The
engine's sentences (reason, plan, communication...) come from the entry's stored languages, or
as written on entries that predate them.
"""

from __future__ import annotations

from core.api import format_number

from plugins.nursing import _
from plugins.nursing.forms import OUTCOMES
from plugins.nursing.oc.document import text
from plugins.nursing.oc.labels import oc_document
from plugins.nursing.service import in_each_language


def _answer(question: dict | None, value, locale: str) -> str:
    if isinstance(value, bool):
        return str(_("Yes") if value else _("No"))
    if question and question.get("type") == "choice":
        labels = {c["value"]: text(c["label"], locale) for c in question.get("choices", [])}
        return labels.get(value, str(value))
    if isinstance(value, (int, float)):
        unit = (question or {}).get("unit", "")
        return f"{format_number(value)} {unit}".strip()
    return str(value)


def _labels(items: list[dict], ids, locale: str) -> str:
    names = {item["id"]: text(item["label"], locale) for item in items}
    return "; ".join(names.get(i, i) for i in ids)


def oc_entry_view(payload: dict, locale: str) -> dict:
    """``{"rows": [(label, value)], "answers": [(question, answer)], "communication": text}``."""
    doc = oc_document(payload.get("oc_code", ""), payload.get("oc_version")) or {}
    said = lambda name: str(in_each_language(payload, name))  # noqa: E731
    name = text(doc.get("name"), locale) if doc else said("oc_name")
    rows = [(_("Ordonnance collective"),
             f"{payload.get('oc_code')} v{payload.get('oc_version')} — {name}"),
            (_("Outcome"), str(dict(OUTCOMES).get(payload.get("outcome"), payload.get("outcome"))))]
    for label, value in ((_("Reason"), said("reason")),
                         (_("Indications present"), _labels(doc.get("indications", []),
                                                            payload.get("indications", []), locale)),
                         (_("Contraindications checked (none present)")
                          if payload.get("outcome") == "applied" else _("Contraindications checked"),
                          _labels(doc.get("contraindications", []),
                                  payload.get("contraindications_checked", []), locale)),
                         (_("Plan"), said("plan")), (_("Next step"), said("next_step")),
                         (_("Referral to the médecin répondant"), said("referral")),
                         (_("Treating physician"), payload.get("treating_physician", ""))):
        if value:
            rows.append((label, value))
    questions = {q["id"]: q for q in doc.get("questions", [])}
    answers = [(text(questions[k]["label"], locale) if k in questions else k,
                _answer(questions.get(k), v, locale))
               for k, v in (payload.get("answers") or {}).items() if v is not None]
    return {"rows": rows, "answers": answers, "communication": said("communication")}
