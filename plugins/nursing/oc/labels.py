"""What a reader reads for the keys an OC application entry stores.

The entry keeps the nurse's answers by question id (``answers``) and the engine's words by
language and field (``texts``): keys a program reads. The form's fields name them for a person
(their ``key_labels``, which core's FHIR export reads, and so the member's export and the coop
that imports it): each question as the OC version the entry names asks it (versions are never
edited), each language by its name, each text by the label of the field it repeats; all in the
reader's language. A key the OC version does not know keeps its key.
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
