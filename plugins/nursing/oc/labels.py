"""What a reader reads for the keys and coded values an OC application entry stores.

The entry keeps the nurse's answers by question id (``answers``), the ids of the indications
present and of the contraindications checked, and the engine's words by language and field
(``texts``): codes a program reads. The form's fields name them for a person
(their ``key_labels``, which core's FHIR export reads, and so the member's export and the coop
that imports it): each question as the OC version the entry names asks it (versions are never
edited), each language by its name, each text by the label of the field it repeats; all in the
reader's language. The coded values are named alike (their ``value_labels``): each indication,
contraindication and choice answer as the version words it. A key or a value the OC version
does not know keeps its code.
"""

from __future__ import annotations

from collections.abc import Mapping

from sqlalchemy import select

from core.api import current_session, language_name, reader_language

from plugins.nursing.models import OcVersion
from plugins.nursing.oc.document import text


def oc_document(code: str, version) -> dict | None:
    """The document of version ``version`` of OC ``code`` (None when the register has none)."""
    return current_session().scalar(select(OcVersion.document).where(
        OcVersion.code == code, OcVersion.version == int(version or 0)))


def question_labels(payload: dict) -> dict[str, str]:
    """``answers``' keys: each question's label in the OC version the entry names."""
    doc = oc_document(payload.get("oc_code", ""), payload.get("oc_version")) or {}
    locale = reader_language()
    return {q["id"]: text(q["label"], locale) for q in doc.get("questions", [])}


def _version_labels(payload: dict, part: str) -> dict[str, str]:
    """The labels of the items of ``part`` (``indications``, ``contraindications``) of the OC
    version the entry names, by id, in the reader's language."""
    doc = oc_document(payload.get("oc_code", ""), payload.get("oc_version")) or {}
    locale = reader_language()
    return {item["id"]: text(item["label"], locale) for item in doc.get(part, [])}


def indication_words(payload: dict) -> dict:
    """``indications``' ids (the field's own values) as the OC version words them."""
    return {"": _version_labels(payload, "indications")}


def contraindication_words(payload: dict) -> dict:
    """``contraindications_checked``' ids as the OC version words them."""
    return {"": _version_labels(payload, "contraindications")}


def answer_words(payload: dict) -> dict:
    """``answers``' choice values, by question id: each choice as the OC version words it."""
    doc = oc_document(payload.get("oc_code", ""), payload.get("oc_version")) or {}
    locale = reader_language()
    return {q["id"]: {c["value"]: text(c["label"], locale) for c in q.get("choices", [])}
            for q in doc.get("questions", []) if q.get("type") == "choice"}


def text_labels(payload: dict, field_labels: Mapping) -> dict:
    """``texts``' keys (``{language: {field: text}}``): each language by its name, each of its
    texts by the label of the field it repeats (``field_labels``: labels by field name)."""
    out = {}
    for lang, words in (payload.get("texts") or {}).items():
        out[lang] = language_name(lang)
        for name in words if isinstance(words, Mapping) else ():
            if name in field_labels:
                out[f"{lang}.{name}"] = field_labels[name]
    return out
